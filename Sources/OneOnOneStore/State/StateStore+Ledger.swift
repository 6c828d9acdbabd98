package import OneOnOne
import TOML

/// The fired ledger, `fired.toml`: one `[[fired]]` record per reminder key
/// that fired, so that no restart, reload or late wake fires it again.
extension StateStore {
    /// Every fired key with the instant it first fired.
    package func loadLedger() throws(StoreError) -> Ledger {
        var ledger = Ledger()
        for (key, at) in try ledgerLog.read(StateDecoder.fired).output { ledger.record(key, at: at) }
        return ledger
    }

    /// Records that the reminders with `keys` fired, in one append followed
    /// by fsync.
    ///
    /// The daemon calls this before a reminder's hooks run: when it returns
    /// the keys are on disk, so a crash afterwards cannot fire them again.
    package func recordFired(_ keys: [(key: String, at: Instant)]) throws(StoreError) {
        guard !keys.isEmpty else { return }
        if keys.contains(where: { $0.key.isEmpty }) { throw StoreError(.badRecord("a fired reminder key is empty")) }
        try ledgerLog.append(StateDecoder.fired) { _ in (Self.records(keys), ()) }
    }

    /// Forgets keys that fired before `cutoff`, rewriting the ledger
    /// atomically; the file is left alone when nothing is that old.
    package func pruneLedger(before cutoff: Instant) throws(StoreError) {
        try ledgerLog.rewrite(StateDecoder.fired) { fired in
            let kept = fired.filter { $0.at >= cutoff }
            return kept.count == fired.count ? nil : Self.records(kept)
        }
    }

    static func records(_ keys: [(key: String, at: Instant)]) -> [UInt8] {
        keys.flatMap { RecordSchema.fired.render(["key": .string($0.key), "at": .instant($0.at)]) }
    }
}
