/// A time of day on a wall clock, with no date and no zone: "09:00".
///
/// There is no leap second (23:59:60) and no 24:00; a day runs from
/// 00:00:00 up to but not including the next midnight.
package struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The hour, 0 through 23.
    package let hour: Int
    /// The minute, 0 through 59.
    package let minute: Int
    /// The second, 0 through 59.
    package let second: Int
    /// The fraction of the second in nanoseconds, 0 through 999 999 999.
    package let nanosecond: Int

    /// Creates a time from components that must be in range; a component
    /// out of range is a programming error. Use `parse(_:)` for text.
    package init(hour: Int, minute: Int, second: Int = 0, nanosecond: Int = 0) {
        precondition(LocalTime.isValid(hour: hour, minute: minute, second: second, nanosecond: nanosecond),
                     "no such time of day: \(hour):\(minute):\(second).\(nanosecond)")
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// The time `secondsOfDay` seconds after midnight; the value is taken
    /// modulo one day, so 86 400 is midnight again.
    package init(secondsOfDay: Int, nanosecond: Int = 0) {
        let s = secondsOfDay.modulo(86_400)
        self.init(hour: s / 3600, minute: s / 60 % 60, second: s % 60, nanosecond: nanosecond)
    }

    /// Whether the components name a time of day (`init` would accept them).
    package static func isValid(hour: Int, minute: Int, second: Int = 0, nanosecond: Int = 0) -> Bool {
        (0..<24).contains(hour) && (0..<60).contains(minute) && (0..<60).contains(second)
            && (0..<1_000_000_000).contains(nanosecond)
    }

    /// Whole seconds since midnight, 0 through 86 399.
    package var secondsOfDay: Int { hour * 3600 + minute * 60 + second }

    /// Whether `a` is earlier in the day than `b`.
    package static func < (a: LocalTime, b: LocalTime) -> Bool {
        (a.secondsOfDay, a.nanosecond) < (b.secondsOfDay, b.nanosecond)
    }

    /// "09:00" when there are no seconds, else "09:00:15" (and a fraction,
    /// "09:00:15.25", when there is one).
    package var description: String {
        var text = "\(hour.zeroPadded(2)):\(minute.zeroPadded(2))"
        if second != 0 || nanosecond != 0 { text += ":\(second.zeroPadded(2))" }
        if nanosecond != 0 { text += LocalTime.fraction(nanosecond) }
        return text
    }

    /// ".25" for 250 000 000 ns: the fraction without trailing zeros.
    static func fraction(_ nanosecond: Int) -> String {
        var digits = nanosecond.zeroPadded(9)
        while digits.hasSuffix("0") { digits.removeLast() }
        return "." + digits
    }

    /// Reads `HH:MM` or `HH:MM:SS` (the hour may have one digit, "9:00"),
    /// with an optional fraction of up to nine digits after the seconds.
    ///
    /// - Returns: the time, or nil when the text is not one or a component
    ///   is out of range ("24:00", "09:60").
    package static func parse(_ text: some StringProtocol) -> LocalTime? {
        let bytes = Array(text.utf8)
        let colon = UInt8(ascii: ":")
        guard let first = bytes.firstIndex(of: colon), first == 1 || first == 2,
              let hour = Int(asciiDigits: bytes[0..<first]), bytes.count >= first + 3,
              let minute = Int(asciiDigits: bytes[(first + 1)..<(first + 3)])
        else { return nil }
        var second = 0, nanosecond = 0
        var i = first + 3
        if i < bytes.count {
            guard bytes[i] == colon, i + 3 <= bytes.count, let s = Int(asciiDigits: bytes[(i + 1)..<(i + 3)])
            else { return nil }
            second = s
            i += 3
            if i < bytes.count {
                let digits = bytes[(i + 1)...]
                guard bytes[i] == UInt8(ascii: "."), digits.count <= 9, let f = Int(asciiDigits: digits)
                else { return nil }
                nanosecond = f * [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000][9 - digits.count]
            }
        }
        guard isValid(hour: hour, minute: minute, second: second, nanosecond: nanosecond) else { return nil }
        return LocalTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }
}
