/// The reminders already fired, by key, with when they fired.
///
/// The planner fires a reminder only if its key is not here; the daemon
/// records a key durably before running the reminder's hooks, so that no
/// restart, reload or late wake ever repeats one.
package struct Ledger: Sendable, Hashable {
    /// Fired keys and the instant each fired.
    package private(set) var fired: [String: Instant]

    package init(fired: [String: Instant] = [:]) {
        self.fired = fired
    }

    /// Whether the reminder with `key` has fired.
    package func contains(_ key: String) -> Bool { fired[key] != nil }

    /// Records that `key` fired at `instant` (the first record wins).
    package mutating func record(_ key: String, at instant: Instant) {
        if fired[key] == nil { fired[key] = instant }
    }

    /// Forgets keys fired before `cutoff`: the planner no longer produces
    /// them, since their occurrences lie further back than it looks.
    package mutating func prune(before cutoff: Instant) {
        fired = fired.filter { $0.value >= cutoff }
    }

    package var count: Int { fired.count }
}
