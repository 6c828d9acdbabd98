import TOML

/// Reading single values: each either returns a valid value or records a
/// diagnostic at the value's position and returns nil.
extension ConfigDecoder {
    mutating func error(at position: TOMLPosition, _ message: String) {
        reader.report(at: position, message)
    }

    /// Reports every key of `table` that is not in `allowed`, with the
    /// closest known key as a suggestion.
    mutating func checkKeys(_ table: TOMLTable, allowed: [String], context: String) {
        for entry in table.entries where !allowed.contains(entry.key) {
            reader.unknownKey(entry, allowed: allowed, in: context)
        }
    }

    mutating func table(_ entry: TOMLTable.Entry, context: String) -> TOMLTable? {
        guard case .table(let t) = entry.value else {
            error(at: entry.valuePosition, "\(context) must be a table, found \(reader.describe(entry.value))")
            return nil
        }
        return t
    }

    mutating func string(_ entry: TOMLTable.Entry, context: String) -> String? {
        reader.string(entry, in: context)
    }

    mutating func strings(_ entry: TOMLTable.Entry, context: String) -> [String]? {
        reader.strings(entry, in: context)
    }

    /// Where, inside a string value, the scalar at `offset` of its text
    /// stands — when the string is written plainly on one line; else the
    /// value's start.
    mutating func position(in entry: TOMLTable.Entry, offset: Int) -> TOMLPosition {
        let p = entry.valuePosition
        guard case .string(let text) = entry.value, let source = reader.lines.text(ofLine: p.line) else { return p }
        let line = Array(source.unicodeScalars)
        let start = p.column - 1
        guard start < line.count, line[start] == "\"" || line[start] == "'" else { return p }
        let raw = line[(start + 1)...].prefix(text.unicodeScalars.count)
        guard raw.elementsEqual(text.unicodeScalars) else { return p }
        return TOMLPosition(line: p.line, column: p.column + 1 + offset)
    }

    /// A string value read by `parse`; a parse failure is reported at the
    /// offending character.
    mutating func parsed<T>(_ entry: TOMLTable.Entry, context: String,
                            _ parse: (String) -> Result<T, TextError>) -> T? {
        guard let text = string(entry, context: context) else { return nil }
        switch parse(text) {
        case .success(let value): return value
        case .failure(let problem):
            error(at: position(in: entry, offset: problem.offset), "bad '\(entry.key)' in \(context): \(problem.message)")
            return nil
        }
    }

    mutating func span(_ entry: TOMLTable.Entry, context: String) -> TimeSpan? {
        parsed(entry, context: context, TimeSpan.parse)
    }

    mutating func workingHours(_ entry: TOMLTable.Entry) -> WorkingHours? {
        if case .array = entry.value {
            guard let groups = strings(entry, context: "working hours") else { return nil }
            switch WorkingHours.parse(groups.joined(separator: "; ")) {
            case .success(let hours): return hours
            case .failure(let problem):
                error(at: entry.valuePosition, "bad 'working_hours': \(problem.message)")
                return nil
            }
        }
        return parsed(entry, context: "working hours", WorkingHours.parse)
    }

    mutating func timeZone(_ entry: TOMLTable.Entry) -> TimeZoneRules? {
        guard let name = string(entry, context: "the config") else { return nil }
        switch resolveZone(name) {
        case .success(let zone): return zone
        case .failure(let problem):
            error(at: entry.valuePosition, "\(problem.description)")
            return nil
        }
    }

    /// A local date: a TOML date (`2026-11-01`) or a string holding one.
    mutating func date(_ entry: TOMLTable.Entry, context: String) -> LocalDate? {
        switch entry.value {
        case .localDate(let d):
            if let date = LocalDate(year: d.year, month: d.month, day: d.day) { return date }
        case .string(let s):
            if let date = LocalDate.parse(s) { return date }
        default: break
        }
        reader.mismatch(entry, in: context, expected: "a date like 2026-11-01")
        return nil
    }

    /// The cadence and reminder settings of `table`, starting from `base`.
    mutating func settings(_ table: TOMLTable, base: MemberSettings, context: String) -> MemberSettings {
        var s = base
        if let e = table.entry("cadence"), let c = parsed(e, context: context, Cadence.parse) { s.cadence = c }
        if let e = table.entry("slack"), let v = span(e, context: context) { s.slack = v }
        if let e = table.entry("lead"), let v = span(e, context: context) { s.lead = v }
        if let e = table.entry("repeat"), let v = span(e, context: context) {
            if v.nominalSeconds < 3600 {
                error(at: e.valuePosition, "'repeat' in \(context) must be at least 1h, found \"\(v)\"")
            } else {
                s.repeatEvery = v
            }
        }
        if let e = table.entry("give_up"), let v = span(e, context: context) {
            if v.days < 1 { error(at: e.valuePosition, "'give_up' in \(context) must be at least 1d, found \"\(v)\"") } else { s.giveUp = v }
        }
        if let e = table.entry("stale_after"), let v = span(e, context: context) {
            if v.isZero { error(at: e.valuePosition, "'stale_after' in \(context) must be longer than zero") } else { s.staleAfter = v }
        }
        if let e = table.entry("consistency_window"), let v = span(e, context: context) {
            if v.days < 7 { error(at: e.valuePosition, "'consistency_window' in \(context) must be at least 1w") } else { s.consistencyWindow = v }
        }
        if let e = table.entry("duration"), let v = span(e, context: context) {
            if v.days > 0 || v.seconds < 5 * 60 || v.seconds > 8 * 3600 {
                error(at: e.valuePosition, "'duration' in \(context) is from 5m to 8h, found \"\(v)\"")
            } else {
                s.duration = v
            }
        }
        if let e = table.entry("carry_limit") {
            if case .integer(let n) = e.value, n >= 1, n <= 100 {
                s.carryLimit = Int(n)
            } else {
                reader.mismatch(e, in: context, expected: "a whole number from 1 to 100")
            }
        }
        if let e = table.entry("consistency_floor") {
            let value: Double? = switch e.value {
            case .float(let f): f
            case .integer(let n): Double(n)
            default: nil
            }
            if let v = value, v >= 0, v <= 1 {
                s.consistencyFloor = v
            } else {
                reader.mismatch(e, in: context, expected: "a number from 0 to 1 (e.g. 0.75)")
            }
        }
        return s
    }
}
