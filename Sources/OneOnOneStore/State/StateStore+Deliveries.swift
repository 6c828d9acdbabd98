package import OneOnOne
import TOML

/// One reminder handed to one hook: what the daemon owes until the hook
/// has run to its end.
package struct Delivery: Hashable, Sendable {
    /// The reminder's key (for a summary, each reminder in it is owed).
    package var key: String
    /// The hook's command as configured, which names the hook.
    package var hook: [String]

    package init(key: String, hook: [String]) {
        self.key = key
        self.hook = hook
    }

    /// How a delivery ended.
    package enum Outcome: String, CaseIterable, Sendable {
        /// The hook succeeded.
        case shown
        /// The hook failed on every attempt.
        case failed
        /// By the time it could be retried, the reminder was no longer true
        /// (the 1:1 was held, the item closed) or its hook was gone.
        case dropped
    }
}

/// Deliveries still owed, `deliveries.toml`: an `[[owed]]` record when a
/// reminder is handed to a hook, a `[[settled]]` record when that hook is
/// done with it. The ledger makes a reminder fire at most once; this file
/// makes a fired reminder whose hook never got through (the daemon was
/// stopped during its retries, the notification server came up late) go
/// out after a restart.
extension StateStore {
    var deliveryLog: RecordLog {
        RecordLog(directory: directory, name: "deliveries.toml", appended: [.owed, .settled])
    }

    /// The deliveries owed and not settled, in the order they were owed.
    package func loadOwed() throws(StoreError) -> [Delivery] {
        try deliveryLog.read(StateDecoder.deliveries).output.owed
    }

    /// Records that each of `deliveries` is owed, in one append followed by
    /// fsync.
    package func recordOwed(_ deliveries: [Delivery], at instant: Instant) throws(StoreError) {
        guard !deliveries.isEmpty else { return }
        try deliveryLog.append(StateDecoder.deliveries) { _ in
            (deliveries.flatMap { Self.owedRecord($0, at: instant) }, ())
        }
    }

    /// Records how `deliveries` ended.
    package func recordSettled(_ deliveries: [Delivery], _ outcome: Delivery.Outcome, at instant: Instant) throws(StoreError) {
        guard !deliveries.isEmpty else { return }
        try deliveryLog.append(StateDecoder.deliveries) { _ in
            (deliveries.flatMap { Self.settledRecord($0, outcome, at: instant) }, ())
        }
    }

    /// Rewrites the file to hold only what is still owed, or removes
    /// nothing when every record is still owed. The daemon does this when it
    /// starts, so the file stays as small as what is in flight.
    package func compactDeliveries() throws(StoreError) {
        try deliveryLog.rewrite(StateDecoder.deliveries) { reading in
            guard reading.records > reading.owed.count else { return nil }
            return reading.owedRecords
        }
    }

    static func hookValue(_ command: [String]) -> TOMLValue {
        .array(TOMLArray(command.map { .string($0) }))
    }

    static func owedRecord(_ delivery: Delivery, at instant: Instant) -> [UInt8] {
        RecordSchema.owed.render(["key": .string(delivery.key), "hook": hookValue(delivery.hook), "at": .instant(instant)])
    }

    static func settledRecord(_ delivery: Delivery, _ outcome: Delivery.Outcome, at instant: Instant) -> [UInt8] {
        RecordSchema.settled.render(["key": .string(delivery.key), "hook": hookValue(delivery.hook),
                                     "outcome": .string(outcome.rawValue), "at": .instant(instant)])
    }
}

/// What `deliveries.toml` holds.
struct DeliveryReading {
    /// Owed and not settled, in the order owed (each once).
    var owed: [Delivery]
    /// The `[[owed]]` records of `owed`, as written.
    var owedRecords: [UInt8]
    /// How many records the file has.
    var records: Int
}
