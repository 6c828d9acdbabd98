/// The bytes the scanner compares against, by name.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let apostrophe: UInt8 = 0x27
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let equals: UInt8 = 0x3D
    static let leftBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F
    static let leftBrace: UInt8 = 0x7B
    static let rightBrace: UInt8 = 0x7D
    static let delete: UInt8 = 0x7F

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- ASCII.zero < 10 }

    @inline(__always)
    static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b | 0x20) &- 0x61 < 6
    }

    @inline(__always)
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

    /// A-Z a-z 0-9 _ -: the characters of a bare key.
    @inline(__always)
    static func isBareKey(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == underscore || b == minus
    }

    /// The value of a hexadecimal digit.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt32 {
        isDigit(b) ? UInt32(b - zero) : UInt32((b | 0x20) - 0x61 + 10)
    }

    /// "control character U+0007", the way errors name a control byte.
    static func controlName(_ b: UInt8) -> String {
        "control character U+\(hex(UInt32(b)))"
    }

    /// At least four upper-case hexadecimal digits, as in "U+00E9".
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
