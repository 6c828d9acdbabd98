/// The kinds of reminder the planner fires; hooks subscribe to them by name.
package enum ReminderKind: String, CaseIterable, Hashable, Sendable, Comparable {
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
    /// The day's summary at the start of working hours: 1:1s due, items
    /// gone stale, topics due, drift and mood.
    case digest = "digest"

    /// In the order of the cases above: reminders of one instant fire in it.
    package static func < (a: ReminderKind, b: ReminderKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Whether alerts of this kind repeat until resolved (each repeat is
    /// one more occurrence), rather than fire once.
    package var repeats: Bool { self == .overdue || self == .staleAction }
}
