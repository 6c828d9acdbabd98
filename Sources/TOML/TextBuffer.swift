/// UTF-8 output built byte by byte, and the canonical text of scalar values
/// that both the writer and the tagged JSON use.
///
/// Writing into one growing byte array and decoding it once at the end keeps
/// a large document's output linear and free of per-value `String`s.
struct TextBuffer {
    var bytes: [UInt8] = []

    /// The text written so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    mutating func write(_ byte: UInt8) { bytes.append(byte) }

    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `text` in double quotes, with `"` and `\\` escaped by a backslash,
    /// the control characters with names as `\\b` `\\t` `\\n` `\\f` `\\r`, the
    /// other control characters (DEL included) as `\\u00XX`, and everything
    /// else as its UTF-8. This is both a TOML basic string and a JSON string.
    mutating func writeQuoted(_ text: String) {
        write(ASCII.quote)
        var text = text
        text.withUTF8 { utf8 in
            var run = 0
            for k in utf8.indices {
                let byte = utf8[k]
                guard byte < 0x20 || byte == ASCII.quote || byte == ASCII.backslash || byte == ASCII.delete
                else { continue }
                // Bytes that need no escape are copied in runs.
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<k]))
                run = k + 1
                write(ASCII.backslash)
                switch byte {
                case ASCII.quote, ASCII.backslash: write(byte)
                case 0x08: write(UInt8(ascii: "b"))
                case ASCII.tab: write(UInt8(ascii: "t"))
                case ASCII.lineFeed: write(UInt8(ascii: "n"))
                case 0x0C: write(UInt8(ascii: "f"))
                case ASCII.carriageReturn: write(UInt8(ascii: "r"))
                default:
                    write("u00")
                    write(Self.hexDigit(byte >> 4))
                    write(Self.hexDigit(byte & 0xF))
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        write(ASCII.quote)
    }

    /// The upper-case hexadecimal digit for 0...15.
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? ASCII.zero + nibble : UInt8(ascii: "A") + nibble - 10
    }

    /// `value` in decimal.
    mutating func write(_ value: Int64) {
        if value < 0 { write(ASCII.minus) }
        writeDigits(value.magnitude, width: 1)
    }

    /// `value` in decimal, zero-padded to at least `width` digits.
    mutating func writePadded(_ value: Int, width: Int) {
        if value < 0 { write(ASCII.minus) }
        writeDigits(UInt64(value.magnitude), width: width)
    }

    private mutating func writeDigits(_ magnitude: UInt64, width: Int) {
        var count = 1
        var rest = magnitude
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        for _ in count..<max(width, count) { write(ASCII.zero) }
        // Digits come out least significant first, so they are written
        // into place from the right.
        var k = bytes.count + count
        bytes.append(contentsOf: repeatElement(ASCII.zero, count: count))
        rest = magnitude
        repeat {
            k -= 1
            bytes[k] = ASCII.zero + UInt8(rest % 10)
            rest /= 10
        } while rest > 0
    }

    // MARK: Canonical text of scalars

    /// `YYYY-MM-DD`.
    mutating func write(_ date: TOMLDate) {
        writePadded(date.year, width: 4)
        write(ASCII.minus)
        writePadded(date.month, width: 2)
        write(ASCII.minus)
        writePadded(date.day, width: 2)
    }

    /// `HH:MM:SS`, then `.` and the fraction without trailing zeros when
    /// there is one.
    mutating func write(_ time: TOMLTime) {
        writePadded(time.hour, width: 2)
        write(ASCII.colon)
        writePadded(time.minute, width: 2)
        write(ASCII.colon)
        writePadded(time.second, width: 2)
        var fraction = min(max(time.nanosecond, 0), 999_999_999)
        guard fraction != 0 else { return }
        var width = 9
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        write(ASCII.dot)
        writePadded(fraction, width: width)
    }

    mutating func write(_ dateTime: TOMLLocalDateTime) {
        write(dateTime.date)
        write(UInt8(ascii: "T"))
        write(dateTime.time)
    }

    /// The local date-time, then `Z` for offset 0 or `+HH:MM` / `-HH:MM`.
    mutating func write(_ dateTime: TOMLOffsetDateTime) {
        write(dateTime.date)
        write(UInt8(ascii: "T"))
        write(dateTime.time)
        let offset = dateTime.offsetMinutes
        guard offset != 0 else {
            write(UInt8(ascii: "Z"))
            return
        }
        write(offset < 0 ? ASCII.minus : ASCII.plus)
        writePadded(abs(offset) / 60, width: 2)
        write(ASCII.colon)
        writePadded(abs(offset) % 60, width: 2)
    }

    /// The canonical text of a scalar: decimal integers, `FloatText`
    /// floats, `true`/`false`, RFC 3339 dates and times, quoted strings.
    /// Arrays and tables are not scalars and write nothing.
    mutating func writeScalar(_ value: TOMLValue) {
        switch value {
        case .integer(let n): write(n)
        case .float(let x): write(FloatText.text(x))
        case .boolean(let b): b ? write("true") : write("false")
        case .offsetDateTime(let t): write(t)
        case .localDateTime(let t): write(t)
        case .localDate(let d): write(d)
        case .localTime(let t): write(t)
        case .string(let s): writeQuoted(s)
        case .array, .table: break
        }
    }
}
