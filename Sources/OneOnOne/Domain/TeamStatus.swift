/// Everything `oneonone status` shows about one member at one instant.
package struct MemberStatus: Sendable {
    package let schedule: Schedule
    /// Where the 1:1 stands (away when the member is away today); a snooze
    /// does not hide it, see `snoozedUntil`.
    package let state: MemberState
    /// Until when the member's reminders are put off, if they are.
    package let snoozedUntil: Instant?
    package let consistency: Consistency
    package let openItems: [ActionItem]
    package let staleItems: [(item: ActionItem, staleness: Staleness)]
    package let topicsDue: [(topic: Topic, last: LocalDate?)]
    package let mood: MoodTrend?

    package var member: Member { schedule.member }
}

/// The status of the whole team at one instant.
package struct TeamStatus: Sendable {
    package let members: [MemberStatus]
    package let today: LocalDate
    package let now: Instant

    /// Computes every member's status at `now`.
    package init(config: Config, history: History, now: Instant) {
        let context = PlanContext(config: config, history: history, now: now)
        self.now = now
        today = context.today
        var result: [MemberStatus] = []
        for member in config.members {
            let schedule = context.schedule(for: member)
            let timeline = Timeline(schedule: schedule, calendar: context.calendar)
            var state = timeline.state(at: now)
            if let away = member.away.first(where: { $0.contains(context.today) }) {
                state = .away(until: away.to)
            }
            let snoozed = context.snoozes[member.key].flatMap { $0 > now ? $0 : nil }
            let dates = schedule.meetings.map(\.date)
            let open = context.openItems[member.key] ?? []
            var stale: [(ActionItem, Staleness)] = []
            for item in open {
                if let s = item.staleness(settings: member.settings, away: member.away, meetingDates: dates, today: context.today),
                   s.since <= context.today {
                    stale.append((item, s))
                }
            }
            result.append(MemberStatus(
                schedule: schedule, state: state, snoozedUntil: snoozed, consistency: Consistency(schedule: schedule, today: context.today),
                openItems: open, staleItems: stale, topicsDue: schedule.topicsDue(config.topics, today: context.today),
                mood: MoodTrend(meetings: schedule.meetings)))
        }
        members = result
    }

    /// One line for the daemon's STATUS: the next 1:1 due and stale items,
    /// e.g. "next: 1:1 with Alice due Tue · 2 stale items".
    package var summary: String {
        var parts: [String] = []
        let overdue = members.filter { if case .overdue = $0.state { true } else { false } }
        if !overdue.isEmpty { parts.append("\(overdue.count) overdue") }
        let upcoming = members.filter {
            if $0.snoozedUntil != nil { return false }
            switch $0.state { case .away, .snoozed, .overdue: return false; default: return true }
        }.min { $0.schedule.due < $1.schedule.due }
        if let next = upcoming {
            let first = next.member.name.split(separator: " ").first.map(String.init) ?? next.member.name
            parts.append("next: 1:1 with \(first) due \(DateText.relative(next.schedule.due, today: today))")
        }
        let stale = members.reduce(0) { $0 + $1.staleItems.count }
        if stale > 0 { parts.append("\(stale) stale item\(stale == 1 ? "" : "s")") }
        return parts.isEmpty ? "nothing due" : parts.joined(separator: " · ")
    }
}
