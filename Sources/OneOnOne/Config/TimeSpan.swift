/// A length of time as people write it in the config: `30m`, `2h`, `1d`,
/// `2w`, `1w2d`.
///
/// Days and weeks are kept apart from hours and minutes because they are
/// calendar units: "1d" after 09:00 the day before a DST change is 09:00 the
/// next day, not 24 hours later.
package struct TimeSpan: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Whole calendar days (weeks are 7 days).
    package var days: Int
    /// Exact seconds on top of the days (from `h`, `m` and `s`).
    package var seconds: Int
    /// The span as the user wrote it (`90d`), shown back the same way; not
    /// part of its value.
    package var written: String?

    package init(days: Int = 0, seconds: Int = 0) {
        self.days = days
        self.seconds = seconds
    }

    /// Equal when the same length, however written.
    package static func == (a: TimeSpan, b: TimeSpan) -> Bool { a.days == b.days && a.seconds == b.seconds }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(days)
        hasher.combine(seconds)
    }

    /// No time at all.
    package static let zero = TimeSpan()

    /// The nominal length in seconds, counting a day as 86 400 s.
    package var nominalSeconds: Int { days * 86_400 + seconds }

    package var isZero: Bool { days == 0 && seconds == 0 }

    package static func < (a: TimeSpan, b: TimeSpan) -> Bool { a.nominalSeconds < b.nominalSeconds }

    /// The span as the user wrote it, else in the config's notation,
    /// largest units first (`1w2d`, `1h30m`, `0d`).
    package var description: String { written ?? normalized }

    /// The span in the config's notation, largest units first.
    package var normalized: String {
        var text = ""
        var d = days
        if d >= 7 {
            text += "\(d / 7)w"
            d %= 7
        }
        if d > 0 { text += "\(d)d" }
        var s = seconds
        if s >= 3600 { text += "\(s / 3600)h"; s %= 3600 }
        if s >= 60 { text += "\(s / 60)m"; s %= 60 }
        if s > 0 { text += "\(s)s" }
        return text.isEmpty ? "0d" : text
    }

    /// The units a span is written in, largest first (`rank`), with what each
    /// adds.
    static let units: [Unicode.Scalar: (rank: Int, days: Int, seconds: Int)] = [
        "w": (0, 7, 0), "d": (1, 1, 0), "h": (2, 0, 3600), "m": (3, 0, 60), "s": (4, 0, 1),
    ]

    /// Reads a span: one or more `<number><unit>` parts, units `w`, `d`, `h`,
    /// `m`, `s`, optionally separated by spaces, each unit at most once and
    /// largest first.
    ///
    /// - Returns: the span, or a message saying what is wrong and the
    ///   0-based offset (in Unicode scalars) where it went wrong.
    package static func parse(_ text: String) -> Result<TimeSpan, TextError> {
        let units = Self.units
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var span = TimeSpan()
        var lastRank = -1
        var sawPart = false
        while i < scalars.count {
            if scalars[i] == " " { i += 1; continue }
            let start = i
            var number = 0
            while i < scalars.count, scalars[i].isASCII, scalars[i].value >= 48, scalars[i].value <= 57 {
                number = number * 10 + Int(scalars[i].value - 48)
                if number > 1_000_000 { return .failure(TextError("'\(text)' is too long a time", at: start)) }
                i += 1
            }
            guard i > start else {
                return .failure(TextError(
                    "expected a number followed by a unit (w, d, h, m or s) in '\(text)', e.g. \"2d\" or \"1w2d\"", at: i))
            }
            guard i < scalars.count else {
                return .failure(TextError("'\(text)' is missing a unit after \(number): use w, d, h, m or s", at: i))
            }
            guard let unit = units[scalars[i]] else {
                return .failure(TextError("unknown unit '\(scalars[i])' in '\(text)': use w, d, h, m or s", at: i))
            }
            guard unit.rank > lastRank else {
                return .failure(TextError("units in '\(text)' must go from largest to smallest, each once (e.g. \"1w2d\")", at: i))
            }
            lastRank = unit.rank
            span.days += number * unit.days
            span.seconds += number * unit.seconds
            sawPart = true
            i += 1
        }
        guard sawPart else { return .failure(TextError("empty duration: write e.g. \"2d\", \"1w\" or \"30m\"", at: 0)) }
        span.written = text.trimmingSpaces()
        return .success(span)
    }
}

/// What is wrong with a piece of text, and where in it (0-based, Unicode scalars).
package struct TextError: Error, Hashable, Sendable {
    package var message: String
    package var offset: Int

    package init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }
}
