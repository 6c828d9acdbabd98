import TOML

/// What a record cut short by a crash can look like, and so what may be set
/// aside as torn rather than reported as broken.
///
/// The writer appends a whole record, ending in a newline, in one write and
/// syncs it: a crash can leave a prefix of that record, and nothing else. A
/// last record that is not such a prefix — a key the writer never writes,
/// keys out of its order, a value it would never write, a comment, an
/// inline table — was written (or broken) by hand, and is an error to fix,
/// not something to drop.
extension RecordSchema {
    /// Whether `tail`, the text of a file's last record without a final
    /// newline, is a proper prefix of a record `render` writes for one of
    /// `schemas`.
    static func couldBeTorn(_ tail: String, schemas: [RecordSchema]) -> Bool {
        let lines = tail.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.first.map(String.init), !header.isEmpty else { return false }
        if lines.count == 1 { return schemas.contains { "[[\($0.kind)]]".hasPrefix(header) } }
        guard let schema = schemas.first(where: { "[[\($0.kind)]]" == header }) else { return false }
        var next = 0
        for (n, line) in lines.dropFirst().enumerated() {
            let partial = n == lines.count - 2
            // A blank line ends a record the writer wrote whole.
            guard !line.isEmpty, let (f, rest) = schema.field(startingLine: line, from: next, partial: partial) else {
                return false
            }
            guard let rest else { continue } // a prefix of the key itself
            let field = schema.fields[f]
            if partial {
                if !field.value.admitsPrefix(rest) { return false }
            } else if !field.value.isWritten(rest) {
                return false
            }
            next = f + 1
        }
        return true
    }

    /// The field, at or after `from` in the writer's order, whose line
    /// `line` is: its index, and the text after `key = ` (nil when the line
    /// is cut inside `key = ` itself, which only a partial line may be).
    func field(startingLine line: Substring, from: Int, partial: Bool) -> (Int, Substring?)? {
        for f in from..<fields.count {
            let lead = "\(TOMLWriter.key(fields[f].key)) = "
            if line.hasPrefix(lead) { return (f, line.dropFirst(lead.count)) }
            if partial && lead.hasPrefix(line) { return (f, nil) }
        }
        return nil
    }
}

extension RecordSchema.Value {
    /// Whether `text` is exactly how the writer writes some value of this
    /// field.
    func isWritten(_ text: Substring) -> Bool {
        guard let table = try? TOMLParser.parse("v = " + text), let value = table["v"] else { return false }
        guard TOMLWriter.inline(value) == text else { return false }
        switch (self, value) {
        case (.name, .string(let s)): return !s.isEmpty
        case (.text, .string): return true
        case (.date, .localDate): return true
        case (.instant, .offsetDateTime): return true
        case (.tags, .array(let a)): return a.elements.allSatisfy { if case .string = $0 { true } else { false } }
        case (.integer(let range), .integer(let n)): return range.contains(Int(n))
        case (.choice(let names), .string(let s)): return names.contains(s)
        default: return false
        }
    }

    /// Whether `text` (with no newline; empty when cut right after `= `)
    /// is the start of how the writer writes some value of this field.
    func admitsPrefix(_ text: Substring) -> Bool {
        if text.isEmpty || isWritten(text) { return true }
        switch self {
        case .name, .text:
            return Self.admitsStringPrefix(text)
        case .tags:
            // `["a", "b"]`: the strings written so far, each complete but
            // perhaps the last.
            guard text.first == "[" else { return false }
            var rest = text.dropFirst()
            while !rest.isEmpty {
                guard let end = Self.endOfString(rest) else { return Self.admitsStringPrefix(rest) }
                rest = rest[end...]
                if rest.isEmpty { return true }
                if ", ".hasPrefix(rest) { return true }
                guard rest.hasPrefix(", ") else { return false }
                rest = rest.dropFirst(2)
            }
            return true
        case .choice(let names):
            return names.contains { "\"\($0)\"".hasPrefix(text) }
        case .integer(let range):
            return range.contains { String($0).hasPrefix(text) }
        case .date:
            // A whole date that is not written so is no day at all.
            return text.count < 10 && Self.admitsDatePrefix(text)
        case .instant:
            // 2026-11-25T14:00:00Z, perhaps with a fraction of a second.
            let whole = "0000-00-00T00:00:00"
            if text.count <= whole.count {
                return Self.matchesPrefix(text, of: whole) && Self.admitsDatePrefix(text.prefix(10))
                    && (text.count < 10 || LocalDateCheck.valid(text.prefix(10)))
            }
            guard Self.matchesPrefix(text.prefix(whole.count), of: whole) else { return false }
            let after = text.dropFirst(whole.count)
            guard after.first == "." else { return false }
            return after.dropFirst().allSatisfy(\.isASCIIDigit)
        }
    }

    /// Whether `text` can begin a `YYYY-MM-DD` date: digits where digits
    /// go, a month that can still be 01–12 and a day that can be 01–31.
    static func admitsDatePrefix(_ text: Substring) -> Bool {
        guard matchesPrefix(text, of: "0000-00-00") else { return false }
        let digits = Array(text).compactMap(\.wholeNumberValue)
        if digits.count > 4 && digits[4] > 1 { return false }
        if digits.count > 5 && !(1...12).contains(digits[4] * 10 + digits[5]) { return false }
        if digits.count > 6 && digits[6] > 3 { return false }
        if digits.count > 7 && !(1...31).contains(digits[6] * 10 + digits[7]) { return false }
        return true
    }

    /// Whether `text` follows `pattern` as far as it goes, `0` standing for
    /// any digit.
    static func matchesPrefix(_ text: Substring, of pattern: String) -> Bool {
        guard text.count <= pattern.count else { return false }
        return zip(text, pattern).allSatisfy { c, p in p == "0" ? c.isASCIIDigit : c == p }
    }

    /// Whether `text` starts a basic string as the writer writes one: an
    /// opening quote and characters, not yet closed.
    static func admitsStringPrefix(_ text: Substring) -> Bool {
        text.first == "\"" && endOfString(text) == nil
    }

    /// The index just past the closing quote of the basic string that
    /// `text` starts with, or nil when it is not closed in `text`.
    static func endOfString(_ text: Substring) -> Substring.Index? {
        guard text.first == "\"" else { return nil }
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            if text[i] == "\\" {
                i = text.index(after: i)
                if i == text.endIndex { return nil }
            } else if text[i] == "\"" {
                return text.index(after: i)
            }
            i = text.index(after: i)
        }
        return nil
    }
}

/// Whether a `YYYY-MM-DD` text names a day, as the TOML parser judges it.
enum LocalDateCheck {
    static func valid(_ text: Substring) -> Bool {
        guard let table = try? TOMLParser.parse("v = " + text), case .localDate? = table["v"] else { return false }
        return true
    }
}

extension Character {
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
