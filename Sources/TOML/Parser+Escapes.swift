/// Escape sequences in basic strings, decoded into `scratch`.
extension Parser {
    /// Decodes the escape whose backslash is at `i` and steps past it.
    /// Errors point at the backslash.
    mutating func parseEscape() throws(ParseFailure) {
        let decoded: UInt8
        switch byte(at: i + 1) {
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "r"): decoded = 0x0D
        case ASCII.quote: decoded = ASCII.quote
        case ASCII.backslash: decoded = ASCII.backslash
        case UInt8(ascii: "u"):
            try parseUnicodeEscape(digits: 4)
            return
        case UInt8(ascii: "U"):
            try parseUnicodeEscape(digits: 8)
            return
        default:
            throw invalidEscape()
        }
        scratch.append(decoded)
        i += 2
    }

    /// Decodes `\uXXXX` or `\UXXXXXXXX`: exactly that many hexadecimal digits,
    /// naming a Unicode scalar value (no surrogates, nothing above U+10FFFF).
    private mutating func parseUnicodeEscape(digits: Int) throws(ParseFailure) {
        var value: UInt32 = 0
        for k in 0..<digits {
            let b = byte(at: i + 2 + k)
            guard ASCII.isHexDigit(b) else {
                throw ParseFailure("invalid escape: \\\(digits == 4 ? "u" : "U") must be followed by \(digits) "
                    + "hexadecimal digits" + literalBackslashHint, at: i)
            }
            value = value << 4 | ASCII.hexValue(b)
        }
        if (0xD800...0xDFFF).contains(value) || value > 0x10FFFF {
            let written = text(i..<(i + 2 + digits))
            let why = value > 0x10FFFF ? "it is above U+10FFFF, the largest Unicode scalar value"
                : "U+\(ASCII.hex(value)) is a surrogate, not a Unicode scalar value"
            throw ParseFailure("invalid escape \(written): \(why)", at: i)
        }
        appendUTF8(value)
        i += 2 + digits
    }

    /// The error for a backslash followed by something that is not an escape.
    private func invalidEscape() -> ParseFailure {
        let b = byte(at: i + 1)
        let shown: String
        switch b {
        case 0x21..<0x7F: shown = "'\\\(String(UnicodeScalar(b)))'"
        case ASCII.space, ASCII.tab: shown = "a backslash followed by whitespace"
        case ASCII.lineFeed, ASCII.carriageReturn: shown = "a backslash at the end of the line"
        case 0 where i + 1 >= end: shown = "a backslash at the end of the file"
        default: shown = "a backslash followed by \(b < 0x80 ? ASCII.controlName(b) : "a non-ASCII character")"
        }
        let note = b == UInt8(ascii: "e") ? " (\\e is TOML 1.1, not 1.0)" : ""
        return ParseFailure("invalid escape sequence: \(shown)\(note); the escapes are "
            + "\\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX" + literalBackslashHint, at: i)
    }

    private var literalBackslashHint: String {
        " (for a backslash itself write \\\\, or use a 'literal string')"
    }

    /// Appends the UTF-8 encoding of the scalar `value` to `scratch`.
    private mutating func appendUTF8(_ value: UInt32) {
        switch value {
        case 0..<0x80:
            scratch.append(UInt8(value))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | value >> 6))
            scratch.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | value >> 12))
            scratch.append(UInt8(0x80 | value >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | value >> 18))
            scratch.append(UInt8(0x80 | value >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | value >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
