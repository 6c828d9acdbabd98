/// A DURATION value (RFC 5545 §3.3.6): nominal days (a day is a calendar
/// day, 23 or 25 hours across a DST change) and exact seconds.
public struct ICalendarDuration: Hashable, Sendable {
    /// Whole days, weeks counted as seven; negative for a negative duration.
    public var days: Int
    /// Hours, minutes and seconds, in seconds; negative for a negative
    /// duration.
    public var seconds: Int

    /// Creates a duration of `days` calendar days and `seconds` seconds.
    public init(days: Int = 0, seconds: Int = 0) {
        self.days = days
        self.seconds = seconds
    }

    /// Reads `[+|-]P nW`, `[+|-]P nD [T …]` or `[+|-]P T nH nM nS` (each
    /// of H, M, S optional but in that order); nil for anything else.
    init?(_ bytes: [UInt8]) {
        var k = 0
        var sign = 1
        if k < bytes.count, bytes[k] == ASCII.plus || bytes[k] == ASCII.minus {
            sign = bytes[k] == ASCII.minus ? -1 : 1
            k += 1
        }
        guard k < bytes.count, bytes[k] == UInt8(ascii: "P") else { return nil }
        k += 1
        var days = 0, seconds = 0
        var inTime = false
        // The designators still allowed, in order: W only alone, D before T.
        var allowed: [UInt8] = Array("WD".utf8)
        var parts = 0
        while k < bytes.count {
            if bytes[k] == UInt8(ascii: "T") {
                guard !inTime else { return nil }
                inTime = true
                allowed = Array("HMS".utf8)
                k += 1
                guard k < bytes.count else { return nil }
                continue
            }
            let start = k
            while k < bytes.count, ASCII.isDigit(bytes[k]) { k += 1 }
            guard let n = Property.digits(bytes[start..<k]), k < bytes.count,
                  let position = allowed.firstIndex(of: bytes[k])
            else { return nil }
            switch bytes[k] {
            case UInt8(ascii: "W"):
                days = n * 7
                guard k + 1 == bytes.count else { return nil }
            case UInt8(ascii: "D"): days = n
            case UInt8(ascii: "H"): seconds += n * 3600
            case UInt8(ascii: "M"): seconds += n * 60
            default: seconds += n
            }
            allowed = bytes[k] == UInt8(ascii: "D") ? [] : Array(allowed[(position + 1)...])
            parts += 1
            k += 1
        }
        guard parts > 0 else { return nil }
        self.init(days: sign * days, seconds: sign * seconds)
    }
}
