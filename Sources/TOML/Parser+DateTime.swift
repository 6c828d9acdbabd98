import Civil
/// Offset date-times, local date-times, local dates and local times
/// (RFC 3339 as TOML 1.0.0 restricts it).
///
/// A syntax error points at the character that is wrong; a date or time that
/// is well formed but does not exist (February 30, hour 24) points at the
/// start of the value.
extension Parser {
    /// Reads a value that starts with `YYYY-`: a local date, or a date-time
    /// when a `T`, `t` or single space and a time follow.
    mutating func parseDateOrDateTime() throws(ParseFailure) -> TOMLValue {
        let start = i
        let date = try parseDate()
        let separator = peek()
        let timeFollows = separator | 0x20 == UInt8(ascii: "t")
            || (separator == ASCII.space && ASCII.isDigit(byte(at: i + 1)) && ASCII.isDigit(byte(at: i + 2))
                && byte(at: i + 3) == ASCII.colon)
        guard timeFollows else {
            try checkNumberEnd(in: "a date")
            return .localDate(date)
        }
        i += 1
        let time = try parseTime(start: start)
        let offsetStart = i
        switch peek() {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
            try checkNumberEnd(in: "a date-time")
            return .offsetDateTime(TOMLOffsetDateTime(date: date, time: time, offsetMinutes: 0))
        case ASCII.plus, ASCII.minus:
            let negative = peek() == ASCII.minus
            i += 1
            let hours = try fixedDigits(2, "the offset's hours")
            try expect(ASCII.colon, "expected ':' between the offset's hours and minutes")
            let minutes = try fixedDigits(2, "the offset's minutes")
            guard hours <= 23, minutes <= 59 else {
                throw ParseFailure("invalid UTC offset \(text(offsetStart..<i)): the hours must be 00 to 23 "
                    + "and the minutes 00 to 59", at: start)
            }
            try checkNumberEnd(in: "a date-time")
            let offset = hours * 60 + minutes
            return .offsetDateTime(TOMLOffsetDateTime(date: date, time: time, offsetMinutes: negative ? -offset : offset))
        default:
            try checkNumberEnd(in: "a date-time")
            return .localDateTime(TOMLLocalDateTime(date: date, time: time))
        }
    }

    /// Reads a value that starts with `HH:`: a local time, which has no offset.
    mutating func parseLocalTime() throws(ParseFailure) -> TOMLValue {
        let time = try parseTime(start: i)
        let b = peek()
        if b == UInt8(ascii: "Z") || b == UInt8(ascii: "z") || b == ASCII.plus || b == ASCII.minus {
            throw ParseFailure("a time without a date cannot have a UTC offset", at: i)
        }
        try checkNumberEnd(in: "a time")
        return .localTime(time)
    }

    /// Reads `YYYY-MM-DD` and checks that the day exists.
    private mutating func parseDate() throws(ParseFailure) -> TOMLDate {
        let start = i
        let year = try fixedDigits(4, "the year")
        try expect(ASCII.minus, "expected '-' after the year")
        let month = try fixedDigits(2, "the month")
        try expect(ASCII.minus, "expected '-' after the month")
        let day = try fixedDigits(2, "the day")
        let written = text(start..<i)
        guard (1...12).contains(month) else {
            throw ParseFailure("invalid date \(written): there is no month \(month)", at: start)
        }
        let days = Self.daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            throw ParseFailure("invalid date \(written): day \(day) does not exist, "
                + "\(Self.monthNames[month - 1]) \(year) has \(days) days", at: start)
        }
        return TOMLDate(year: year, month: month, day: day)
    }

    /// Reads `HH:MM:SS` and an optional fraction of any length (kept to the
    /// nanosecond), and checks the ranges. Second 60 is allowed: RFC 3339
    /// has leap seconds, and TOML does not forbid them.
    ///
    /// - Parameter start: where the whole value starts, for range errors.
    private mutating func parseTime(start: Int) throws(ParseFailure) -> TOMLTime {
        let timeStart = i
        let hour = try fixedDigits(2, "the hour")
        try expect(ASCII.colon, "expected ':' after the hour")
        let minute = try fixedDigits(2, "the minutes")
        try expect(ASCII.colon, "expected ':' and seconds after the minutes (TOML 1.0 requires seconds)")
        let second = try fixedDigits(2, "the seconds")
        var nanosecond = 0
        if peek() == ASCII.dot {
            i += 1
            guard ASCII.isDigit(peek()) else { throw unexpected("expected a digit after the decimal point") }
            var scale = 100_000_000
            while ASCII.isDigit(peek()) {
                nanosecond += Int(p[i] &- ASCII.zero) * scale
                scale /= 10
                i += 1
            }
        }
        guard hour <= 23, minute <= 59, second <= 60 else {
            throw ParseFailure("invalid time \(text(timeStart..<(timeStart + 8))): hours go to 23, "
                + "minutes to 59 and seconds to 60", at: start)
        }
        return TOMLTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    /// Reads exactly `count` decimal digits.
    private mutating func fixedDigits(_ count: Int, _ what: String) throws(ParseFailure) -> Int {
        var value = 0
        for _ in 0..<count {
            let c = peek()
            guard ASCII.isDigit(c) else { throw unexpected("expected \(count) digits for \(what)") }
            value = value * 10 + Int(c &- ASCII.zero)
            i += 1
        }
        return value
    }

    private mutating func expect(_ byte: UInt8, _ expectation: String) throws(ParseFailure) {
        guard peek() == byte else { throw unexpected(expectation) }
        i += 1
    }

    static func daysIn(month: Int, year: Int) -> Int { CivilDays.daysInMonth(year: year, month: month) }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]
}
