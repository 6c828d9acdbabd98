/// The history indexed for planning: open items grouped by member and the
/// latest snooze per subject.
///
/// It depends on the history alone, so one index serves every evaluation
/// until the history changes (`Planner.upcoming` evaluates once a day; the
/// daemon keeps one between edits).
public struct PlanIndex: Sendable {
    let history: History
    /// Open action items by member, in creation order: done and dropped
    /// ones neither go stale nor show in a reminder.
    let openActionsByMember: [String: [ActionItem]]
    let snoozes: [String: Instant]

    /// Indexes `history`.
    public init(history: History) {
        self.history = history
        var open: [String: [ActionItem]] = [:]
        // Only the open ones are copied.
        history.actions.withUnsafeBufferPointer { items in
            for i in items.indices where items[i].status == .open { open[items[i].member, default: []].append(items[i]) }
        }
        openActionsByMember = open
        var snoozes: [String: Instant] = [:]
        for s in history.snoozes { snoozes[s.subject] = max(snoozes[s.subject] ?? s.until, s.until) }
        self.snoozes = snoozes
    }
}

/// One evaluation: the indexed history at an instant, with the calendar of
/// the manager's zone.
///
/// A class, so that the thousands of reminder sequences of a large team
/// share one context by reference instead of each holding a copy.
final class PlanContext: Sendable {
    let config: Config
    let index: PlanIndex
    let now: Instant
    let calendar: ZonedCalendar
    let today: LocalDate
    var history: History { index.history }
    var openActionsByMember: [String: [ActionItem]] { index.openActionsByMember }
    var snoozes: [String: Instant] { index.snoozes }

    init(config: Config, index: PlanIndex, now: Instant) {
        self.config = config
        self.index = index
        self.now = now
        calendar = ZonedCalendar(zone: config.timeZone)
        today = calendar.date(of: now)
    }

    convenience init(config: Config, history: History, now: Instant) {
        self.init(config: config, index: PlanIndex(history: history), now: now)
    }

    /// Whether `member` is away today. Nothing fires about someone who is
    /// away, not even the late catch-up of a reminder missed before they
    /// left: their first reminder back replaces it.
    func isAway(_ member: Member) -> Bool {
        member.away.contains { $0.contains(today) }
    }

    /// Every reminder sequence about `members`, each with whether it is
    /// quiet today (its member is away).
    func sequences(of members: ArraySlice<Member>) -> [(sequence: any EventSequence, quiet: Bool)] {
        var result: [(sequence: any EventSequence, quiet: Bool)] = []
        result.reserveCapacity(members.count * 4)
        for member in members {
            let quiet = isAway(member)
            for sequence in sequences(for: member) { result.append((sequence, quiet)) }
        }
        return result
    }

    func schedule(for member: Member) -> Schedule {
        Schedule(member: member, meetings: history.meetings(with: member.key),
                 firstSeen: history.firstSeen[member.key], today: today)
    }

    /// Moves instants past the snooze, out of the member's away periods and
    /// into the manager's working hours.
    func deferral(for member: Member, snoozedUntil: Instant?) -> Deferral {
        Deferral(calendar: calendar, hours: config.workingHours, away: member.away, snoozedUntil: snoozedUntil)
    }

    /// Every reminder sequence about `member`: their 1:1, each open action
    /// item, drift and mood.
    func sequences(for member: Member) -> [any EventSequence] {
        let schedule = schedule(for: member)
        let timeline = Timeline(schedule: schedule, calendar: calendar)
        let memberSnooze = snoozes[member.key]
        let text = ReminderText(context: self, schedule: schedule)
        var result: [any EventSequence] = []

        // The 1:1: [due-soon], due, overdue #1, #2 …
        let hasLead = timeline.dueSoonStart != nil
        let offset = hasLead ? 0 : 1
        let meetingDeferral = deferral(for: member, snoozedUntil: memberSnooze)
        result.append(GivenSequence(
            raw: { n in
                switch n + offset {
                case 0: timeline.dueSoonStart!
                case 1: timeline.dueStart
                default: timeline.overdue(n + offset - 1)
                }
            },
            lastIndex: { t in
                let k = timeline.overdueCount(at: t)
                if k > 0 { return k + 1 - offset }
                if t >= timeline.dueStart { return 1 - offset }
                if hasLead, t >= timeline.dueSoonStart! { return 0 }
                return -1
            },
            deferral: meetingDeferral, count: nil, timed: true,
            make: { n, scheduled in text.meetingReminder(step: n + offset, scheduled: scheduled) }))

        // Open action items that are or will become stale. Items with the
        // same snooze (most have none) share one deferral.
        let meetingDates = schedule.meetings.map(\.date)
        var deferrals: [Instant?: Deferral] = [memberSnooze: meetingDeferral]
        for item in openActionsByMember[member.key] ?? [] {
            guard let staleness = item.staleness(settings: member.settings, away: member.away,
                                                 meetingDates: meetingDates) else { continue }
            // Reminders count from when the item was written down: an item
            // recorded already past due has missed none, and starts at #1.
            let day = max(staleness.since, item.created)
            let snooze = [memberSnooze, snoozes[item.id]].compactMap { $0 }.max()
            let itemDeferral = deferrals[snooze] ?? deferral(for: member, snoozedUntil: snooze)
            deferrals[snooze] = itemDeferral
            result.append(StaleSequence(StaleItem(item, staleness), text: text, from: calendar.startOfDay(day),
                                        every: member.settings.repeatEvery, deferral: itemDeferral, context: self))
        }

        // Drift: once per fall below the consistency floor.
        if let since = Consistency.driftStart(schedule: schedule, today: today) {
            result.append(single(calendar.startOfDay(since), deferral: meetingDeferral) { scheduled in
                text.driftReminder(since: since, scheduled: scheduled)
            })
        }
        // Mood: once per drop below the member's baseline.
        if let mood = MoodTrend(meetings: schedule.meetings), let since = mood.dropSince {
            result.append(single(calendar.startOfDay(since), deferral: meetingDeferral) { scheduled in
                text.moodReminder(mood, since: since, scheduled: scheduled)
            })
        }
        return result
    }

    /// A one-off alert at `raw`, moved by the member's `deferral`.
    func single(_ raw: Instant, deferral: Deferral, _ make: @escaping (Instant) -> Reminder) -> any EventSequence {
        GivenSequence(raw: { _ in raw }, lastIndex: { t in t >= raw ? 0 : -1 }, deferral: deferral, count: 1, timed: false,
                      make: { _, scheduled in make(scheduled) })
    }
}
