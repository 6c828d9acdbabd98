/// Where a member's 1:1 stands at a given moment.
public enum MemberState: Sendable, Hashable {
    /// Not due for a while.
    case onTrack
    /// Due within the lead time.
    case dueSoon
    /// Due today.
    case due
    /// Past due but within the slack.
    case late
    /// Past due + slack; `repeats` counts the overdue alerts so far (1 for the first).
    case overdue(repeats: Int)
    /// Away until (and including) the date; reminders wait.
    case away(until: LocalDate)
    /// Put off by the user until the instant.
    case snoozed(until: Instant)

    /// One or two words for the status table.
    public var label: String {
        switch self {
        case .onTrack: "on track"
        case .dueSoon: "due soon"
        case .due: "due today"
        case .late: "late"
        case .overdue(let n): n > 1 ? "overdue ×\(n)" : "overdue"
        case .away: "away"
        case .snoozed: "snoozed"
        }
    }

    /// The name used in JSON output.
    public var code: String {
        switch self {
        case .onTrack: "on-track"
        case .dueSoon: "due-soon"
        case .due: "due"
        case .late: "late"
        case .overdue: "overdue"
        case .away: "away"
        case .snoozed: "snoozed"
        }
    }
}

/// The instants at which a member's 1:1 changes state, in the manager's zone.
public struct Timeline: Sendable {
    public let schedule: Schedule
    /// From here on the 1:1 is due soon (nil when the lead is zero).
    public let dueSoonStart: Instant?
    /// The start of the due day.
    public let dueStart: Instant
    /// The start of the day after the slack: the first overdue alert.
    public let overdueStart: Instant
    let calendar: ZonedCalendar
    let repeatEvery: TimeSpan

    public init(schedule: Schedule, calendar: ZonedCalendar) {
        self.schedule = schedule
        self.calendar = calendar
        let settings = schedule.member.settings
        repeatEvery = settings.repeatEvery
        dueStart = calendar.startOfDay(schedule.due)
        dueSoonStart = settings.lead.isZero ? nil : calendar.subtracting(settings.lead, from: dueStart)
        overdueStart = calendar.startOfDay(schedule.lastLateDay.adding(days: 1))
            .adding(seconds: Int64(settings.slack.seconds))
    }

    /// The raw (not yet deferred) instant of the `n`th overdue alert, n ≥ 1.
    public func overdue(_ n: Int) -> Instant {
        calendar.adding(repeatEvery, times: n - 1, to: overdueStart)
    }

    /// How many overdue alerts have come due by `now` (0 before overdue).
    public func overdueCount(at now: Instant) -> Int {
        calendar.lastStep(of: repeatEvery, from: overdueStart, atOrBefore: now) + 1
    }

    /// The state at `now`, before away periods and snoozes are considered.
    public func state(at now: Instant) -> MemberState {
        let n = overdueCount(at: now)
        if n > 0 { return .overdue(repeats: n) }
        if now >= dueStart {
            return calendar.date(of: now) == schedule.due ? .due : .late
        }
        if let soon = dueSoonStart, now >= soon { return .dueSoon }
        return .onTrack
    }
}
