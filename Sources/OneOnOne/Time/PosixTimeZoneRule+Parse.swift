extension PosixTimeZoneRule {
    /// Reads a POSIX TZ rule: `std offset [dst [offset] [,start[/time],end[/time]]]`.
    ///
    /// Abbreviations are three or more letters, or `<…>` quoted with digits
    /// and signs ("<+0530>"). Offsets are POSIX's, hours *west* of
    /// Greenwich ("EST5"), and are stored negated, east-positive. A daylight
    /// offset defaults to one hour ahead of standard; a missing start and end
    /// default to the United States' rules, `M3.2.0,M11.1.0`, as in tzcode;
    /// a missing /time is 02:00.
    ///
    /// - Throws: `TimeZoneError` (`.invalidRule`) naming the text and what
    ///   is wrong with it.
    package init(parsing text: String) throws(TimeZoneError) {
        var reader = PosixRuleReader(bytes: Array(text.utf8))
        guard let rule = reader.rule(), reader.atEnd else {
            throw TimeZoneError(.invalidRule, "invalid POSIX TZ rule '\(text)': \(reader.problem ?? "unexpected text at offset \(reader.index)")")
        }
        self = rule
    }

    /// The rule written back in POSIX form, defaults left out:
    /// "EST5EDT,M3.2.0,M11.1.0".
    package var description: String {
        var text = Self.quoted(standard.abbreviation) + Self.posixSeconds(-standard.utcOffsetSeconds)
        guard let daylight else { return text }
        text += Self.quoted(daylight.offset.abbreviation)
        if daylight.offset.utcOffsetSeconds != standard.utcOffsetSeconds + 3600 {
            text += Self.posixSeconds(-daylight.offset.utcOffsetSeconds)
        }
        for change in [daylight.start, daylight.end] {
            switch change.day {
            case .julianIgnoringLeapDay(let n): text += ",J\(n)"
            case .zeroBasedDayOfYear(let n): text += ",\(n)"
            case .monthWeekDay(let m, let w, let d): text += ",M\(m).\(w).\(d)"
            }
            if change.time != 7200 { text += "/" + Self.posixSeconds(change.time) }
        }
        return text
    }

    /// An abbreviation, in angle brackets unless it is all letters.
    static func quoted(_ name: String) -> String {
        name.utf8.allSatisfy { PosixRuleReader.isLetter($0) } ? name : "<\(name)>"
    }

    /// Seconds as POSIX writes hours: "5", "-3:30", "9:30:15".
    static func posixSeconds(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        var text = (seconds < 0 ? "-" : "") + String(magnitude / 3600)
        if magnitude % 3600 != 0 { text += ":" + (magnitude / 60 % 60).zeroPadded(2) }
        if magnitude % 60 != 0 { text += ":" + (magnitude % 60).zeroPadded(2) }
        return text
    }
}

/// A cursor over the bytes of a POSIX TZ rule. Each method consumes what it
/// reads, or returns nil and leaves `problem` saying why.
struct PosixRuleReader {
    let bytes: [UInt8]
    var index = 0
    var problem: String?

    init(bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    mutating func fail<T>(_ message: String) -> T? {
        if problem == nil { problem = message }
        return nil
    }

    mutating func skip(_ ascii: Unicode.Scalar) -> Bool {
        guard current == UInt8(ascii: ascii) else { return false }
        index += 1
        return true
    }

    mutating func rule() -> PosixTimeZoneRule? {
        guard let standardName = abbreviation(),
              let standardWest = hours(maximum: 24, what: "offset of \(standardName)")
        else { return nil }
        let standard = ZoneOffset(utcOffsetSeconds: -standardWest, abbreviation: standardName, isDST: false)
        if atEnd { return PosixTimeZoneRule(standard: standard) }
        guard let daylightName = abbreviation() else { return nil }
        var daylightEast = standard.utcOffsetSeconds + 3600
        if let c = current, c != UInt8(ascii: ",") {
            guard let west = hours(maximum: 24, what: "offset of \(daylightName)") else { return nil }
            daylightEast = -west
        }
        var start = PosixTimeZoneRule.TransitionRule(day: .monthWeekDay(month: 3, week: 2, weekday: 0))
        var end = PosixTimeZoneRule.TransitionRule(day: .monthWeekDay(month: 11, week: 1, weekday: 0))
        if !atEnd {
            guard skip(","), let s = change(), skip(","), let e = change()
            else { return fail("expected ',start[/time],end[/time]' after \(daylightName)") }
            start = s
            end = e
        }
        let daylight = ZoneOffset(utcOffsetSeconds: daylightEast, abbreviation: daylightName, isDST: true)
        return PosixTimeZoneRule(standard: standard, daylight: .init(offset: daylight, start: start, end: end))
    }

    /// `EST` or `<+0530>`.
    mutating func abbreviation() -> String? {
        let from = index
        if skip("<") {
            while let c = current, c != UInt8(ascii: ">") {
                guard Self.isLetter(c) || Self.isDigit(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
                else { return fail("unexpected character in quoted abbreviation") }
                index += 1
            }
            guard skip(">") else { return fail("unterminated '<' in abbreviation") }
            guard index - from - 2 >= 3 else { return fail("abbreviation shorter than three characters") }
            return String(decoding: bytes[(from + 1)..<(index - 1)], as: UTF8.self)
        }
        while let c = current, Self.isLetter(c) { index += 1 }
        guard index - from >= 3 else { return fail("expected an abbreviation of three or more letters at offset \(from)") }
        return String(decoding: bytes[from..<index], as: UTF8.self)
    }

    /// `[+-]hh[:mm[:ss]]` as signed seconds, the hours at most `maximum`.
    mutating func hours(maximum: Int, what: String) -> Int? {
        let negative = skip("-")
        if !negative { _ = skip("+") }
        var parts: [Int] = []
        repeat {
            let from = index
            while let c = current, Self.isDigit(c) { index += 1 }
            guard index > from, index - from <= 3, let n = Int(asciiDigits: bytes[from..<index])
            else { return fail("expected a number of hours for \(what)") }
            parts.append(n)
        } while parts.count < 3 && current == UInt8(ascii: ":") && skip(":")
        guard parts[0] <= maximum, parts.dropFirst().allSatisfy({ $0 < 60 })
        else { return fail("\(what) out of range") }
        let seconds = parts[0] * 3600 + (parts.count > 1 ? parts[1] * 60 : 0) + (parts.count > 2 ? parts[2] : 0)
        return negative ? -seconds : seconds
    }

    /// `Jn`, `n` or `Mm.w.d`, then an optional `/time`.
    mutating func change() -> PosixTimeZoneRule.TransitionRule? {
        let day: PosixTimeZoneRule.TransitionRule.Day
        if skip("J") {
            guard let n = number(), (1...365).contains(n) else { return fail("J day out of 1…365") }
            day = .julianIgnoringLeapDay(n)
        } else if skip("M") {
            guard let m = number(), (1...12).contains(m), skip("."), let w = number(), (1...5).contains(w),
                  skip("."), let d = number(), (0...6).contains(d)
            else { return fail("expected Mm.w.d with m 1…12, w 1…5, d 0…6") }
            day = .monthWeekDay(month: m, week: w, weekday: d)
        } else {
            guard let n = number(), (0...365).contains(n) else { return fail("expected a day: Jn, n or Mm.w.d") }
            day = .zeroBasedDayOfYear(n)
        }
        var time = 7200
        if skip("/") {
            guard let t = hours(maximum: 167, what: "transition time") else { return nil }
            time = t
        }
        return PosixTimeZoneRule.TransitionRule(day: day, time: time)
    }

    mutating func number() -> Int? {
        let from = index
        while let c = current, Self.isDigit(c) { index += 1 }
        return Int(asciiDigits: bytes[from..<index])
    }
}
