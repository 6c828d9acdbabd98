import OneOnOne
import TOML

/// Reads the files of the state directory: the fired ledger, the snoozes
/// and the first-seen dates, checking every record as the history is
/// checked.
enum StateDecoder {
    static let firedKeys = ["key", "at"]
    static let snoozeKeys = ["subject", "until"]

    /// `fired.toml`: `[[fired]]` records of a reminder key and the instant
    /// it fired, in file order.
    static func fired(_ root: TOMLTable, _ reader: inout ValueReader) -> [(key: String, at: Instant)] {
        let record = "[[fired]]"
        var result: [(key: String, at: Instant)] = []
        for table in reader.records(in: root, kinds: ["fired"])["fired"] ?? [] {
            var key: String?, at: Instant?
            for entry in table.entries {
                switch entry.key {
                case "key": key = reader.name(entry, in: record)
                case "at": at = reader.instant(entry, in: record)
                default: reader.unknownKey(entry, allowed: firedKeys, in: record)
                }
            }
            guard let key, let at else { reader.reportMissing(firedKeys, in: table, record: record); continue }
            result.append((key, at))
        }
        return result
    }

    /// `snoozes.toml`: `[[snooze]]` records of a subject (a member key or an
    /// action id) and the instant the snooze ends.
    static func snoozes(_ root: TOMLTable, _ reader: inout ValueReader) -> [Snooze] {
        let record = "[[snooze]]"
        var result: [Snooze] = []
        for table in reader.records(in: root, kinds: ["snooze"])["snooze"] ?? [] {
            var subject: String?, until: Instant?
            for entry in table.entries {
                switch entry.key {
                case "subject": subject = reader.name(entry, in: record)
                case "until": until = reader.instant(entry, in: record)
                default: reader.unknownKey(entry, allowed: snoozeKeys, in: record)
                }
            }
            guard let subject, let until else { reader.reportMissing(snoozeKeys, in: table, record: record); continue }
            result.append(Snooze(subject: subject, until: until))
        }
        return result
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
