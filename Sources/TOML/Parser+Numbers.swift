/// Integers and floats.
///
/// Errors about a character (a stray underscore, a missing digit) point at
/// that character; errors about the whole number (leading zeros, out of
/// range) point at its first character, sign included.
extension Parser {
    /// Reads a number, or a date or time, which also start with a digit.
    mutating func parseNumberOrDateTime() throws(ParseFailure) -> TOMLValue {
        if ASCII.isDigit(p[i]), ASCII.isDigit(byte(at: i + 1)) {
            let third = byte(at: i + 2)
            if third == ASCII.colon { return try parseLocalTime() }
            if ASCII.isDigit(third), ASCII.isDigit(byte(at: i + 3)), byte(at: i + 4) == ASCII.minus {
                return try parseDateOrDateTime()
            }
        }
        return try parseNumber()
    }

    /// Reads a decimal integer, a prefixed integer, or a float.
    mutating func parseNumber() throws(ParseFailure) -> TOMLValue {
        let start = i
        var b = p[i]
        let negative = b == ASCII.minus
        if negative || b == ASCII.plus {
            i += 1
            b = peek()
        }
        if b == UInt8(ascii: "i") || b == UInt8(ascii: "n") { return try parseSpecialFloat(start: start) }
        guard ASCII.isDigit(b) else { throw unexpected("expected a digit, 'inf' or 'nan' after the sign") }
        if b == ASCII.zero {
            let next = byte(at: i + 1)
            switch next {
            case UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "b"):
                guard i == start else {
                    throw ParseFailure("\(Radix(next).article) integer cannot have a sign", at: start)
                }
                return try parsePrefixedInteger(Radix(next))
            case UInt8(ascii: "X"), UInt8(ascii: "O"), UInt8(ascii: "B"):
                let radix = Radix(next | 0x20)
                throw ParseFailure("the prefix of \(radix.article) integer is lower case: '0\(radix.letter)'",
                                   at: i + 1)
            case ASCII.zero...ASCII.nine, ASCII.underscore:
                throw ParseFailure("leading zeros are not allowed in a number", at: start)
            default:
                break
            }
        }
        // Decimal digits, accumulated on the way for the common integer.
        var magnitude: UInt64 = 0
        var overflow = false
        while true {
            let c = peek()
            if ASCII.isDigit(c) {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(c &- ASCII.zero))
                magnitude = sum
                overflow = overflow || o1 || o2
                i += 1
            } else if c == ASCII.underscore {
                try stepOverUnderscore(ASCII.isDigit)
            } else {
                break
            }
        }
        let c = peek()
        if c == ASCII.dot || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            return try parseFloatRest(start: start)
        }
        let limit: UInt64 = negative ? 1 << 63 : UInt64(Int64.max)
        if overflow || magnitude > limit {
            throw ParseFailure("integer \(text(start..<i)) does not fit in 64 bits "
                + "(the range is \(Int64.min) to \(Int64.max))", at: start)
        }
        try checkNumberEnd(in: "an integer")
        return .integer(negative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude))
    }

    /// Reads the fraction and exponent of a float whose integer part ends at `i`.
    private mutating func parseFloatRest(start: Int) throws(ParseFailure) -> TOMLValue {
        if peek() == ASCII.dot {
            i += 1
            guard ASCII.isDigit(peek()) else { throw unexpected("expected a digit after the decimal point") }
            try stepOverDigits(ASCII.isDigit)
        }
        if peek() | 0x20 == UInt8(ascii: "e") {
            i += 1
            if peek() == ASCII.plus || peek() == ASCII.minus { i += 1 }
            guard ASCII.isDigit(peek()) else { throw unexpected("expected a digit in the exponent") }
            try stepOverDigits(ASCII.isDigit)
        }
        try checkNumberEnd(in: "a float")
        return .float(FloatText.value(of: UnsafeBufferPointer(rebasing: p[start..<i])))
    }

    /// Reads `inf` or `nan`, after an optional sign that starts at `start`.
    private mutating func parseSpecialFloat(start: Int) throws(ParseFailure) -> TOMLValue {
        var j = i
        while j < end, ASCII.isBareKey(p[j]) { j += 1 }
        let word = text(i..<j)
        guard word == "inf" || word == "nan" else {
            if i == start { throw notAValue() }
            throw unexpected("expected a digit, 'inf' or 'nan' after the sign")
        }
        i = j
        try checkNumberEnd(in: "a float")
        let magnitude = word == "inf" ? Double.infinity : Double.nan
        return .float(p[start] == ASCII.minus ? -magnitude : magnitude)
    }

    /// Reads `0x…`, `0o…` or `0b…` at `i`: no sign, at least one digit.
    private mutating func parsePrefixedInteger(_ radix: Radix) throws(ParseFailure) -> TOMLValue {
        let start = i
        i += 2
        guard radix.isDigit(peek()) else {
            throw unexpected("expected \(radix.article) digit after '0\(radix.letter)'")
        }
        var value: UInt64 = 0
        var overflow = false
        while true {
            let c = peek()
            if radix.isDigit(c) {
                overflow = overflow || value >> (63 - radix.bits) != 0
                value = value << radix.bits | UInt64(ASCII.hexValue(c))
                i += 1
            } else if c == ASCII.underscore {
                try stepOverUnderscore(radix.isDigit)
            } else {
                break
            }
        }
        if overflow {
            throw ParseFailure("integer \(text(start..<i)) does not fit in 64 bits "
                + "(the largest is \(Int64.max))", at: start)
        }
        try checkNumberEnd(in: radix.article + " integer")
        return .integer(Int64(value))
    }

    // MARK: Digits

    /// Steps over digits and single underscores between digits, from a digit.
    private mutating func stepOverDigits(_ isDigit: (UInt8) -> Bool) throws(ParseFailure) {
        while true {
            let c = peek()
            if isDigit(c) {
                i += 1
            } else if c == ASCII.underscore {
                try stepOverUnderscore(isDigit)
            } else {
                return
            }
        }
    }

    /// At an underscore that follows a digit: it must be followed by one too.
    @inline(__always)
    private mutating func stepOverUnderscore(_ isDigit: (UInt8) -> Bool) throws(ParseFailure) {
        guard isDigit(byte(at: i + 1)) else {
            throw ParseFailure("an underscore in a number must stand between two digits", at: i)
        }
        i += 1
    }

    /// Rejects a letter, digit or punctuation mark that runs on from a number
    /// (`1x`, `1.2.3`, `0o8`); anything else is left to the caller.
    func checkNumberEnd(in what: @autoclosure () -> String) throws(ParseFailure) {
        let c = peek()
        if ASCII.isBareKey(c) || c == ASCII.dot || c == ASCII.plus || c == ASCII.colon {
            throw ParseFailure("unexpected '\(String(UnicodeScalar(c)))' in \(what())", at: i)
        }
    }

    /// The ASCII text of `range`, for messages.
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[range]), as: UTF8.self)
    }
}

/// The base of a prefixed integer.
struct Radix {
    /// x, o or b.
    let letter: Character
    /// Bits per digit.
    let bits: UInt64

    init(_ prefix: UInt8) {
        switch prefix {
        case UInt8(ascii: "x"): letter = "x"; bits = 4
        case UInt8(ascii: "o"): letter = "o"; bits = 3
        default: letter = "b"; bits = 1
        }
    }

    /// "a hexadecimal", "an octal" or "a binary".
    var article: String {
        switch bits {
        case 4: "a hexadecimal"
        case 3: "an octal"
        default: "a binary"
        }
    }

    @inline(__always)
    func isDigit(_ b: UInt8) -> Bool {
        switch bits {
        case 4: ASCII.isHexDigit(b)
        case 3: b &- ASCII.zero < 8
        default: b &- ASCII.zero < 2
        }
    }
}
