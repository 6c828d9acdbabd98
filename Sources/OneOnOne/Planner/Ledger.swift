/// The reminders already fired, by key, with when they fired.
///
/// The planner fires a reminder only if its key is not here; the daemon
/// records a key durably before running the reminder's hooks, so that no
/// restart, reload or late wake ever repeats one.
public struct Ledger: Sendable, Hashable {
    /// Fired keys and the instant each fired.
    public private(set) var fired: [String: Instant]

    public init(fired: [String: Instant] = [:]) {
        self.fired = fired
    }

    /// Whether the reminder with `key` has fired.
    public func contains(_ key: String) -> Bool { fired[key] != nil }

    /// Records that `key` fired at `instant` (the first record wins).
    public mutating func record(_ key: String, at instant: Instant) {
        // One lookup: inserting the default is the recording.
        _ = { (_: inout Instant) in }(&fired[key, default: instant])
    }

    /// Makes room for `count` keys in all. Room grows at least twofold, so
    /// that asking a little more each time does not copy every key each
    /// time.
    public mutating func reserveCapacity(_ count: Int) {
        if fired.capacity < count { fired.reserveCapacity(max(count, fired.capacity * 2)) }
    }

    /// Forgets keys fired before `cutoff`: the planner no longer produces
    /// them, since their occurrences lie further back than it looks.
    public mutating func prune(before cutoff: Instant) {
        fired = fired.filter { $0.value >= cutoff }
    }

    public var count: Int { fired.count }
}
