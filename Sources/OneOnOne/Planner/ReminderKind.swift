/// The kinds of reminder the planner fires; hooks subscribe to them by name.
public enum ReminderKind: String, CaseIterable, Hashable, Sendable, Comparable {
    /// A 1:1 is coming up (from due − lead).
    case dueSoon = "due-soon"
    /// A 1:1 is due today.
    case due = "due"
    /// A 1:1 was missed: past due + slack. Repeats, escalating.
    case overdue = "overdue"
    /// An action item went stale: past its due date, untouched, or carried too often.
    case staleAction = "stale-action"
    /// A member's on-time share fell below the consistency floor.
    case drift = "drift"
    /// A member's recent mood dropped clearly below their baseline.
    case moodDrop = "mood-drop"

    /// In the order of the cases above.
    public static func < (a: ReminderKind, b: ReminderKind) -> Bool { a.rank < b.rank }

    var rank: Int {
        switch self {
        case .dueSoon: 0
        case .due: 1
        case .overdue: 2
        case .staleAction: 3
        case .drift: 4
        case .moodDrop: 5
        }
    }
}
