/// Checks UTF-8 one scalar at a time, where the scanner meets a non-ASCII byte.
///
/// Validating in place, rather than in a pass of its own before parsing,
/// keeps the parser to one pass over the input and makes the first error in
/// the document the one reported, whether it is about encoding or syntax.
enum UTF8Validation {
    /// The outcome of checking the sequence that starts at one byte.
    enum Result {
        /// A well-formed scalar of this many bytes (2...4).
        case scalar(length: Int, value: UInt32)
        /// Not UTF-8; the message says why.
        case invalid(String)
    }

    /// Checks the multi-byte sequence at `i` (whose first byte is ≥ 0x80).
    ///
    /// Rejects stray continuation bytes, overlong forms, UTF-16 surrogates,
    /// scalars above U+10FFFF, and sequences cut short, following the table
    /// of well-formed byte sequences in the Unicode Standard (Table 3-7).
    @inline(__always)
    static func check(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Result {
        let b0 = p[i]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return .invalid("invalid UTF-8 byte \(hex(b0))")
        }
        var value = UInt32(b0) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length {
            guard i + k < p.count else {
                return .invalid("truncated UTF-8 sequence starting with byte \(hex(b0)) at the end of the file")
            }
            let b = p[i + k]
            let ok = k == 1 ? (low...high).contains(b) : (0x80...0xBF).contains(b)
            guard ok else { return .invalid(describeBadSequence(b0, second: b, index: k)) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        return .scalar(length: length, value: value)
    }

    /// Explains why the sequence led by `b0` breaks at its `index`th byte.
    private static func describeBadSequence(_ b0: UInt8, second b: UInt8, index: Int) -> String {
        if b & 0xC0 != 0x80 {
            return "invalid UTF-8: byte \(hex(b0)) starts a sequence that is cut short"
        }
        if index == 1 {
            switch b0 {
            case 0xE0, 0xF0: return "invalid UTF-8: overlong encoding starting with byte \(hex(b0)) \(hex(b))"
            case 0xED: return "invalid UTF-8: bytes \(hex(b0)) \(hex(b)) encode a UTF-16 surrogate"
            case 0xF4: return "invalid UTF-8: bytes \(hex(b0)) \(hex(b)) encode a code point above U+10FFFF"
            default: break
            }
        }
        return "invalid UTF-8 sequence starting with byte \(hex(b0))"
    }

    /// "0xFF" for 255.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return "0x" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }
}
