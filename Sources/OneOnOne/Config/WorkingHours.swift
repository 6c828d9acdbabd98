/// When someone works, per weekday: `Mon-Fri 09:00-17:30`,
/// `Mon-Thu 09:00-12:00,13:00-17:30; Fri 09:00-13:00`, or `always`.
///
/// Reminders that fall outside the manager's working hours wait for the next
/// start; the agenda shows the overlap of the manager's and a report's hours.
package struct WorkingHours: Hashable, Sendable, CustomStringConvertible {
    /// A span of one day in minutes from midnight, `start ..< end`, end ≤ 1440.
    package struct Range: Hashable, Sendable, Comparable {
        package var start: Int
        package var end: Int

        package init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }

        package static func < (a: Range, b: Range) -> Bool { (a.start, a.end) < (b.start, b.end) }
    }

    /// Ranges for each weekday; index 0 is Monday, 6 is Sunday. Sorted, disjoint.
    package let days: [[Range]]

    /// Every minute of every day.
    package static let always = WorkingHours(days: Array(repeating: [Range(start: 0, end: 1440)], count: 7))

    /// The ranges of `weekday` (sorted, disjoint).
    package func ranges(on weekday: Weekday) -> [Range] { days[weekday.rawValue - 1] }

    /// Whether `minute` (from midnight) of `weekday` is inside working hours.
    package func contains(_ weekday: Weekday, minute: Int) -> Bool {
        ranges(on: weekday).contains { $0.start <= minute && minute < $0.end }
    }

    /// True when no day has any working time.
    package let isEmpty: Bool
    /// True when every minute of every day is working time (`always`).
    /// Both are kept with the ranges: the planner asks for every reminder.
    package let isAlways: Bool

    init(days: [[Range]]) {
        let merged = days.map(WorkingHours.merge)
        self.days = merged
        (isEmpty, isAlways) = WorkingHours.shape(merged)
    }

    private static func shape(_ days: [[Range]]) -> (empty: Bool, always: Bool) {
        (days.allSatisfy { $0.isEmpty }, days.count == 7 && days.allSatisfy { $0 == [Range(start: 0, end: 1440)] })
    }

    /// The hours in config notation, days with the same ranges grouped.
    package var description: String {
        if isAlways { return "always" }
        var groups: [String] = []
        var i = 0
        while i < 7 {
            guard !days[i].isEmpty else { i += 1; continue }
            var j = i
            while j + 1 < 7 && days[j + 1] == days[i] { j += 1 }
            let dayText = i == j ? WorkingHours.dayNames[i] : "\(WorkingHours.dayNames[i])-\(WorkingHours.dayNames[j])"
            let rangeText = days[i].map { "\(WorkingHours.clock($0.start))-\(WorkingHours.clock($0.end))" }
            groups.append("\(dayText) \(rangeText.joined(separator: ","))")
            i = j + 1
        }
        return groups.joined(separator: "; ")
    }

    static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// HH:MM for minutes from midnight (24:00 for the end of the day).
    /// `HH:MM` (00:00 … 23:59) as minutes after midnight, or nil.
    package static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
              let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    package static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    static func merge(_ ranges: [Range]) -> [Range] {
        var merged: [Range] = []
        for r in ranges.sorted() {
            if let last = merged.last, r.start <= last.end {
                merged[merged.count - 1].end = max(last.end, r.end)
            } else {
                merged.append(r)
            }
        }
        return merged
    }
}

extension WorkingHours {
    /// Reads working hours: groups separated by `;`, each `DAYS RANGES`, where
    /// DAYS is a list of days or day spans (`Mon-Fri`, `Mon,Wed`, `Sat-Sun`)
    /// and RANGES a list of `HH:MM-HH:MM` (`24:00` may end a range). `always`
    /// means every minute of the week.
    package static func parse(_ text: String) -> Result<WorkingHours, TextError> {
        let scalars = Array(text.unicodeScalars)
        if String(text.lowercased().split(separator: " ").joined()) == "always" { return .success(.always) }
        var days: [[Range]] = Array(repeating: [], count: 7)
        var cursor = Cursor(scalars: scalars, text: text)
        cursor.skipSpaces()
        guard !cursor.atEnd else {
            return .failure(TextError("empty working hours: write e.g. \"Mon-Fri 09:00-17:30\"", at: 0))
        }
        while !cursor.atEnd {
            // DAYS
            var groupDays: [Int] = []
            repeat {
                cursor.skipSpaces()
                let first = try? cursor.day().get()
                guard let first else { return .failure(cursor.failure(cursor.dayError())) }
                var last = first
                if cursor.peek == "-" {
                    cursor.advance()
                    guard let end = try? cursor.day().get() else { return .failure(cursor.failure(cursor.dayError())) }
                    last = end
                }
                var d = first
                while true {
                    groupDays.append(d)
                    if d == last { break }
                    d = (d + 1) % 7
                }
            } while cursor.consume(",")
            guard cursor.peek == " " else {
                return .failure(cursor.failure("expected a space and then times like 09:00-17:30 after the days in '\(text)'"))
            }
            // RANGES
            var groupRanges: [Range] = []
            repeat {
                cursor.skipSpaces()
                let rangeStart = cursor.index
                guard let start = cursor.clock() else { return .failure(cursor.failure(cursor.clockError())) }
                guard cursor.consume("-") else {
                    return .failure(cursor.failure("expected '-' between the start and end time in '\(text)'"))
                }
                guard let end = cursor.clock() else { return .failure(cursor.failure(cursor.clockError())) }
                guard start < end else {
                    let why = start == end ? "is empty: it ends as it starts" : "ends before it starts"
                    return .failure(TextError(
                        "the range \(clock(start))-\(clock(end)) in '\(text)' \(why); a range runs from a start to a later "
                            + "end on one day (split one across midnight into two days)",
                        at: rangeStart))
                }
                groupRanges.append(Range(start: start, end: end))
            } while cursor.consume(",")
            for d in groupDays { days[d] += groupRanges }
            cursor.skipSpaces()
            if cursor.atEnd { break }
            guard cursor.consume(";") else {
                return .failure(cursor.failure("expected ';' between groups of days, or the end, in '\(text)'"))
            }
            cursor.skipSpaces()
        }
        return .success(WorkingHours(days: days))
    }

    /// A small reader over the text's scalars, for the parser above.
    private struct Cursor {
        let scalars: [Unicode.Scalar]
        let text: String
        var index = 0

        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

        mutating func advance() { index += 1 }
        mutating func skipSpaces() { while peek == " " { index += 1 } }
        mutating func consume(_ s: Unicode.Scalar) -> Bool {
            guard peek == s else { return false }
            index += 1
            return true
        }

        func failure(_ message: String) -> TextError { TextError(message, at: index) }

        func dayError() -> String {
            "expected a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun) in '\(text)'"
        }

        func clockError() -> String { "expected a time as HH:MM (00:00 to 24:00) in '\(text)'" }

        /// A day name, 3 letters or in full, any case → 0 (Mon) … 6 (Sun).
        mutating func day() -> Result<Int, TextError> {
            let start = index
            while let c = peek, c.properties.isAlphabetic { index += 1 }
            let word = String(String.UnicodeScalarView(scalars[start..<index])).lowercased()
            let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
            for (i, name) in full.enumerated() where word == name || word == String(name.prefix(3)) {
                return .success(i)
            }
            index = start
            return .failure(TextError(dayError(), at: start))
        }

        /// `HH:MM` → minutes from midnight; 24:00 is allowed.
        mutating func clock() -> Int? {
            // Reads between `least` and `most` ASCII digits.
            func digits(_ least: Int, _ most: Int) -> Int? {
                var value = 0, count = 0
                while count < most, let c = peek, c.value >= 48, c.value <= 57 {
                    value = value * 10 + Int(c.value - 48)
                    index += 1
                    count += 1
                }
                return count >= least ? value : nil
            }
            let start = index
            guard let h = digits(1, 2), consume(":"), let m = digits(2, 2), m < 60, h < 24 || (h == 24 && m == 0) else {
                index = start
                return nil
            }
            return h * 60 + m
        }
    }
}
