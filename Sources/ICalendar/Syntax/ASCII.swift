/// The bytes the scanner compares against, by name, and the ASCII-only
/// case mapping iCalendar names use.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let apostrophe: UInt8 = 0x27
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let backslash: UInt8 = 0x5C
    static let caret: UInt8 = 0x5E
    static let delete: UInt8 = 0x7F

    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

    /// A-Z a-z 0-9 and "-": the characters of a name (iana-token, x-name).
    static func isNameByte(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b == minus }

    /// A control character other than a tab: never allowed in a content line.
    static func isControl(_ b: UInt8) -> Bool { (b < 0x20 && b != tab) || b == delete }

    /// `text` with a-z mapped to A-Z and everything else kept: names are
    /// case-insensitive in ASCII only (RFC 5545 §2).
    static func uppercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 &- 0x61 < 26 }) else { return text }
        return String(decoding: text.utf8.map { $0 &- 0x61 < 26 ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    /// `raw` as text, each `marker` and the byte after it replaced by
    /// what `decode` appends for that byte; a marker at the very end stays.
    static func unescaped(_ raw: ArraySlice<UInt8>, marker: UInt8,
                          _ decode: (UInt8, inout [UInt8]) -> Void) -> String {
        guard raw.contains(marker) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = raw.startIndex
        while k < raw.endIndex {
            if raw[k] == marker, k + 1 < raw.endIndex {
                decode(raw[k + 1], &out)
                k += 2
            } else {
                out.append(raw[k])
                k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// "U+0007", the way errors name a control character.
    static func codePoint(_ b: UInt8) -> String { "U+00" + hexDigits(b) }

    /// "0xFF", the way errors name a byte that is not UTF-8.
    static func hex(_ b: UInt8) -> String { "0x" + hexDigits(b) }

    private static func hexDigits(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(b >> 4)], digits[Int(b & 0xF)]], as: UTF8.self)
    }
}
