/// The day's digest: one reminder at the start of each working day that
/// sums up what the manager should know that morning, so that the kinds
/// not delivered one by one (`[notify] immediate`) are still seen, once.
///
/// It is written from the team's state when it goes out: 1:1s due today
/// or overdue (with their open items), items gone stale since the digest
/// before, the topics due for those 1:1s, and drift and mood alerts that
/// began since. A day with nothing of that sends none.
struct Digest: Sendable {
    let context: PlanContext
    /// The digest's raw instant on `day`: its time of day, or midnight for
    /// "start" (deferred to when working hours open).
    func raw(on day: LocalDate) -> Instant {
        switch context.config.notify.digest {
        case .at(let minutes)?:
            context.calendar.zone.instant(LocalDateTime(date: day, time: LocalTime(hour: minutes / 60, minute: minutes % 60,
                                                                                  second: 0)))
        default:
            context.calendar.startOfDay(day)
        }
    }

    /// The last day before `day` with working hours: the day of the digest
    /// before (Friday's, on a Monday).
    func previousWorkingDay(before day: LocalDate) -> LocalDate {
        let hours = context.config.workingHours
        for back in 1...7 where hours.isAlways || !hours.ranges(on: day.adding(days: -back).weekday).isEmpty {
            return day.adding(days: -back)
        }
        return day.adding(days: -1)
    }

    /// The digest for `day`, shown at `scheduled`, covering what happened
    /// after `previous` (the day of the digest before); nil when there is
    /// nothing to say.
    func reminder(day: LocalDate, previous: LocalDate, scheduled: Instant) -> Reminder? {
        // A day's digest goes out that day or not at all: one moved off a
        // weekend into Monday's hours would come before Monday's own.
        guard context.calendar.date(of: scheduled) == day else { return nil }
        let team = TeamStatus(config: context.config, history: context.history, now: context.now)
        var due: [String] = [], stale: [String] = [], topics: [String] = [], signals: [String] = []
        for s in team.members {
            if case .away = s.state { continue }
            let name = String(s.member.name.split(separator: " ").first ?? Substring(s.member.name))
            let items = s.openItems.isEmpty ? "" : " (\(s.openItems.count) open item\(s.openItems.count == 1 ? "" : "s"))"
            let dueDay = s.schedule.due
            var isDue = s.snoozedUntil == nil
            switch s.state {
            case .due: due.append("\(name): due today\(items)")
            case .late: due.append("\(name): due since \(DateText.withWeekday(dueDay, today: day))\(items)")
            case .overdue: due.append("\(name): overdue by \(DateText.days(dueDay.days(to: day)))\(items)")
            default: isDue = false
            }
            if isDue, !s.topicsDue.isEmpty {
                topics.append("\(name): " + s.topicsDue.map(\.topic.name).joined(separator: ", "))
            }
            for (item, staleness) in s.staleItems where staleness.since > previous {
                stale.append("[\(item.id)] \(ReminderText.shortened(item.text)) (\(name)): "
                    + staleness.reasons.map(\.text).joined(separator: "; "))
            }
            if let since = Consistency.driftStart(schedule: s.schedule, today: day), since > previous {
                signals.append("\(name): 1:1s drifting, \(s.consistency.onTime) of \(s.consistency.expected) on time")
            }
            if let mood = s.mood, let since = mood.dropSince, since > previous {
                signals.append("\(name): mood down lately (\(String((mood.recent * 10).rounded() / 10)))")
            }
        }
        var title: [String] = []
        if !due.isEmpty { title.append("\(due.count) 1:1\(due.count == 1 ? "" : "s") due") }
        if !stale.isEmpty { title.append("\(stale.count) item\(stale.count == 1 ? "" : "s") stale") }
        if !signals.isEmpty { title.append("\(signals.count) alert\(signals.count == 1 ? "" : "s")") }
        guard !title.isEmpty else { return nil }
        var body: [String] = []
        for (heading, lines) in [("1:1s due", due), ("Gone stale", stale), ("Topics to raise", topics), ("Alerts", signals)]
        where !lines.isEmpty {
            body.append("\(heading):")
            body += lines.sorted { ($0.count, $0) < ($1.count, $1) }.map { "• " + $0 }
        }
        return Reminder(key: Reminder.key(.digest, subject: "", since: day, occurrence: 1), kind: .digest,
                        urgency: Reminder.urgency(.digest, occurrence: 1), member: "", memberName: "", actionID: nil,
                        due: nil, scheduled: scheduled, lateBy: nil, occurrence: 1,
                        title: title.joined(separator: ", ").visible, body: body.map(\.visible).joined(separator: "\n"))
    }
}
