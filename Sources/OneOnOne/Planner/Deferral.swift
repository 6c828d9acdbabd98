/// Moves a raw instant to when a reminder may fire: past a snooze, out of
/// the member's away periods and into the manager's working hours.
///
/// One per member and snooze, shared by the sequences about them. It keeps
/// its last two answers: a member's items mostly ask about the same
/// midnights (today's, tomorrow's). Not for sharing between threads; a
/// member's sequences are stepped on one thread at a time.
final class Deferral {
    let calendar: ZonedCalendar
    let hours: WorkingHours
    let away: [AwayPeriod]
    let snoozedUntil: Instant?
    private var recent: (raw: Instant, deferred: Instant)?
    private var before: (raw: Instant, deferred: Instant)?

    init(calendar: ZonedCalendar, hours: WorkingHours, away: [AwayPeriod], snoozedUntil: Instant?) {
        self.calendar = calendar
        self.hours = hours
        self.away = away
        self.snoozedUntil = snoozedUntil
    }

    func callAsFunction(_ raw: Instant) -> Instant {
        if let recent, recent.raw == raw { return recent.deferred }
        if let before, before.raw == raw {
            swap(&self.before, &self.recent)
            return before.deferred
        }
        let deferred = compute(raw)
        before = recent
        recent = (raw, deferred)
        return deferred
    }

    private func compute(_ raw: Instant) -> Instant {
        var t = raw
        if let s = snoozedUntil, t < s { t = s }
        for _ in 0..<16 {
            let before = t
            if !away.isEmpty {
                let d = calendar.date(of: t)
                if let p = away.first(where: { $0.contains(d) }) { t = calendar.startOfDay(p.to.adding(days: 1)) }
            }
            t = calendar.nextWorkingInstant(atOrAfter: t, hours: hours)
            if t == before { break }
        }
        return t
    }
}
