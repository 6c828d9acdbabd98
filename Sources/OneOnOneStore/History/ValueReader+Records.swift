import OneOnOne
import TOML

/// What the store's files need beyond the shared `ValueReader`: records
/// (`[[met]]` …) and the values they hold — names, dates, instants, choices.
extension ValueReader {
    // MARK: - Records

    /// The records of each kind (`[[met]]` …), in file order; any other
    /// top-level key is reported.
    mutating func records(in root: TOMLTable, kinds: [String]) -> [String: [TOMLTable]] {
        var result: [String: [TOMLTable]] = [:]
        let list = kinds.map { "[[\($0)]]" }.joined(separator: ", ")
        for entry in root.entries {
            guard kinds.contains(entry.key) else {
                let hint = Suggestion.closest(to: entry.key, in: kinds).map { "; did you mean [[\($0)]]?" }
                    ?? " (this file holds \(list) records)"
                report(at: entry.keyPosition, "unknown record '\(entry.key)'\(hint)")
                continue
            }
            // `met = [{ … }]` parses as records too, but no record can be
            // appended to it (TOML arrays are complete as written): the
            // next `met` would break the file. An array of tables starts at
            // its first `[[` header, before the key; a static array after.
            let isStatic = if case .array(let array) = entry.value { array.position > entry.keyPosition } else { false }
            guard !isStatic, let tables = Self.tables(entry.value) else {
                report(at: entry.keyPosition, "'\(entry.key)' must be written as records: [[\(entry.key)]] on a line of its own"
                    + (isStatic ? " (records written as a list could not be added to)" : ""))
                continue
            }
            result[entry.key] = tables
        }
        return result
    }

    /// The tables of an array of tables, or nil for any other value.
    static func tables(_ value: TOMLValue) -> [TOMLTable]? {
        guard case .array(let array) = value else { return nil }
        var tables: [TOMLTable] = []
        tables.reserveCapacity(array.elements.count)
        for element in array.elements {
            guard case .table(let table) = element else { return nil }
            tables.append(table)
        }
        return tables
    }

    // MARK: - Values

    /// Whether `entry` holds what `value` describes; reports why not.
    mutating func check(_ entry: TOMLTable.Entry, holds value: RecordSchema.Value, in record: String) -> Bool {
        switch value {
        case .name:
            guard let s = string(entry, in: record) else { return false }
            guard !s.isEmpty else { report(at: entry.valuePosition, "'\(entry.key)' in \(record) is empty"); return false }
            if let problem = s.controlProblem(lineBreaks: false) {
                report(at: entry.valuePosition, "'\(entry.key)' in \(record) cannot be shown: \(problem)")
                return false
            }
        case .text:
            guard let s = string(entry, in: record) else { return false }
            if let problem = s.controlProblem(lineBreaks: true) {
                report(at: entry.valuePosition, "'\(entry.key)' in \(record) cannot be shown: \(problem) (only tabs and line breaks are kept)")
                return false
            }
        case .date:
            return date(entry, in: record) != nil
        case .instant:
            guard case .offsetDateTime(let t) = entry.value, Instant(t) != nil else {
                mismatch(entry, in: record, expected: "a date-time with an offset like 2026-11-25T14:00:00Z")
                return false
            }
        case .tags:
            return strings(entry, in: record, expected: "an array of strings like [\"career\"]") != nil
        case .integer(let range):
            guard case .integer(let n) = entry.value, range.contains(Int(n)) else {
                mismatch(entry, in: record, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
                return false
            }
        case .choice(let names):
            guard let text = string(entry, in: record) else { return false }
            guard names.contains(text) else {
                let hint = Suggestion.closest(to: text, in: names).map { "; did you mean '\($0)'?" } ?? ""
                report(at: entry.valuePosition, "'\(entry.key)' in \(record) must be one of \(names.joined(separator: ", ")), "
                    + "found '\(text)'\(hint)")
                return false
            }
        }
        return true
    }

    /// A local date written as TOML writes one: `on = 2026-11-10`.
    mutating func date(_ entry: TOMLTable.Entry, in record: String) -> LocalDate? {
        guard case .localDate(let d) = entry.value, let date = LocalDate(d) else {
            mismatch(entry, in: record, expected: "a date like 2026-11-10")
            return nil
        }
        return date
    }
}
