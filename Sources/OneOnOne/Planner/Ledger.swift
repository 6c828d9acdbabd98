/// The reminders already fired, by key, with when they fired.
///
/// The planner fires a reminder only if its key is not here; the daemon
/// records a key durably before running the reminder's hooks, so that no
/// restart, reload or late wake ever repeats one.
package struct Ledger: Sendable, Hashable {
    /// Fired keys and the instant each fired.
    package private(set) var fired: [String: Instant]
    /// For each run of repeating alerts (a key up to its `#`), when the
    /// latest of them fired.
    private var runs: [Substring: Instant] = [:]

    package init(fired: [String: Instant] = [:]) {
        self.fired = fired
        for (key, at) in fired { noteRun(key, at) }
    }

    /// When an alert of the run that `key` belongs to (`overdue/bob/2026-11-24#3`:
    /// `overdue/bob/2026-11-24`) last fired, if one did.
    package func lastFired(inRunOf key: String) -> Instant? {
        guard let hash = key.lastIndex(of: "#") else { return nil }
        return runs[key[..<hash]]
    }

    private mutating func noteRun(_ key: String, _ at: Instant) {
        guard let hash = key.lastIndex(of: "#") else { return }
        runs[key[..<hash]] = max(runs[key[..<hash]] ?? at, at)
    }

    /// Whether the reminder with `key` has fired.
    package func contains(_ key: String) -> Bool { fired[key] != nil }

    /// Records that `key` fired at `instant` (the first record wins).
    package mutating func record(_ key: String, at instant: Instant) {
        if fired[key] == nil {
            fired[key] = instant
            noteRun(key, instant)
        }
    }

    /// Forgets keys fired before `cutoff`: the planner no longer produces
    /// them, since their occurrences lie further back than it looks.
    package mutating func prune(before cutoff: Instant) {
        fired = fired.filter { $0.value >= cutoff }
        runs = runs.filter { $0.value >= cutoff }
    }

    package var count: Int { fired.count }

    /// The ledger as if the reminders with `keys` had not fired.
    package func without(_ keys: Set<String>) -> Ledger {
        Ledger(fired: fired.filter { !keys.contains($0.key) })
    }
}
