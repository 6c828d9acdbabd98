/// Where a member's 1:1 stands at a given moment.
package enum MemberState: Sendable, Hashable {
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
    /// Put off by the user until the instant. (`MemberStatus` keeps the
    /// real state and the snooze apart.)
    case snoozed(until: Instant)

    /// One or two words for the status table.
    package var label: String {
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
    package var code: String {
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
