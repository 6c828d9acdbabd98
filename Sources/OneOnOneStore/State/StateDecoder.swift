import OneOnOne
import TOML

/// Reads the files of the state directory: the fired ledger, the snoozes
/// and the first-seen dates, checking every record as the history is
/// checked.
enum StateDecoder {
    /// `fired.toml`: `[[fired]]` records of a reminder key and the instant
    /// it fired, in file order.
    static func fired(_ root: TOMLTable, _ reader: inout ValueReader) -> [(key: String, at: Instant)] {
        (reader.records(in: root, kinds: ["fired"])["fired"] ?? []).compactMap { table in
            let v = RecordValues(table, .fired, &reader)
            guard v.complete, let key = v.string("key"), let at = v.instant("at") else { return nil }
            return (key, at)
        }
    }

    /// `snoozes.toml`: `[[snooze]]` records of a subject (a member key or an
    /// action id) and the instant the snooze ends.
    static func snoozes(_ root: TOMLTable, _ reader: inout ValueReader) -> [Snooze] {
        (reader.records(in: root, kinds: ["snooze"])["snooze"] ?? []).compactMap { table in
            let v = RecordValues(table, .snooze, &reader)
            guard v.complete, let subject = v.string("subject"), let until = v.instant("until") else { return nil }
            return Snooze(subject: subject, until: until)
        }
    }

    /// `deliveries.toml`: the `[[owed]]` deliveries without a `[[settled]]`
    /// record of the same key and hook.
    static func deliveries(_ root: TOMLTable, _ reader: inout ValueReader) -> DeliveryReading {
        let records = reader.records(in: root, kinds: ["owed", "settled"])
        func read(_ kind: String, _ schema: RecordSchema) -> [Delivery] {
            (records[kind] ?? []).compactMap { table in
                let v = RecordValues(table, schema, &reader)
                guard v.complete, let key = v.string("key"), let hook = v.strings("hook") else { return nil }
                return Delivery(key: key, hook: hook)
            }
        }
        let settled = Set(read("settled", .settled))
        var seen = Set<Delivery>()
        var owed: [Delivery] = []
        var bytes: [UInt8] = []
        for table in records["owed"] ?? [] {
            let v = RecordValues(table, .owed, &reader)
            guard v.complete, let key = v.string("key"), let hook = v.strings("hook"), let at = v.instant("at") else { continue }
            let delivery = Delivery(key: key, hook: hook)
            guard !settled.contains(delivery), seen.insert(delivery).inserted else { continue }
            owed.append(delivery)
            bytes += StateStore.owedRecord(delivery, at: at)
        }
        let count = (records["owed"]?.count ?? 0) + (records["settled"]?.count ?? 0)
        return DeliveryReading(owed: owed, owedRecords: bytes, records: count)
    }

    /// `members.toml`: the `[seen]` table of member keys and the day each
    /// was first seen, in file order.
    static func seen(_ root: TOMLTable, _ reader: inout ValueReader) -> [(member: String, date: LocalDate)] {
        var result: [(member: String, date: LocalDate)] = []
        for entry in root.entries {
            guard entry.key == "seen" else {
                let hint = Suggestion.closest(to: entry.key, in: ["seen"]).map { "; did you mean '\($0)'?" }
                    ?? " (this file holds only [seen])"
                reader.report(at: entry.keyPosition, "unknown key '\(entry.key)'\(hint)")
                continue
            }
            guard case .table(let seen) = entry.value else {
                reader.mismatch(entry, in: "members.toml", expected: "a table: [seen] with lines like alice = 2026-11-23")
                continue
            }
            for member in seen.entries {
                if let date = reader.date(member, in: "[seen]") { result.append((member.key, date)) }
            }
        }
        return result
    }
}
