/// Moves a raw instant to when a reminder may fire: past a snooze, out of
/// the member's away periods and into the manager's working hours.
///
/// It never moves an instant back, and a later raw instant never comes out
/// earlier: the planner bisects a run of reminders on that.
struct Deferral: Sendable {
    let calendar: ZonedCalendar
    let hours: WorkingHours
    let away: [AwayPeriod]
    let snoozedUntil: Instant?
    /// Instants from `from` on wait until `until`: a 1:1's overdue alerts
    /// while one is booked (see `PlanContext.series(for:)`).
    var held: (from: Instant, until: Instant)? = nil

    func callAsFunction(_ raw: Instant) -> Instant {
        var t = raw
        if let h = held, t >= h.from, t < h.until { t = h.until }
        if let s = snoozedUntil, t < s { t = s }
        // Leaving an away period can land outside working hours and the next
        // working-hours start inside another period: repeat until both hold.
        for _ in 0..<16 {
            let before = t
            let day = calendar.date(of: t)
            if let p = away.first(where: { $0.contains(day) }) { t = calendar.startOfDay(p.to.adding(days: 1)) }
            t = calendar.nextWorkingInstant(atOrAfter: t, hours: hours)
            if t == before { break }
        }
        return t
    }
}
