/// Splits one unfolded content line, `NAME *(;PARAM=v *(,v)) : VALUE`,
/// into a `Property` (RFC 5545 §3.1).
enum ContentLine {
    /// Parses `bytes`, the content line that began on `line`.
    static func parse(_ bytes: [UInt8], line: Int) throws(ICalendarError) -> Property {
        var scanner = Scanner(bytes: bytes, line: line)
        try scanner.validate()
        return try scanner.property()
    }
}

/// An index into one content line, and the errors it raises.
private struct Scanner {
    let bytes: [UInt8]
    let line: Int
    var i = 0

    init(bytes: [UInt8], line: Int) {
        self.bytes = bytes
        self.line = line
    }

    /// Rejects what may not appear anywhere in a content line: bytes that
    /// are not UTF-8 and control characters other than the tab.
    func validate() throws(ICalendarError) {
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            if b < 0x80 {
                if ASCII.isControl(b) {
                    throw failure(at: k, b == ASCII.carriageReturn
                        ? "carriage return without a line feed" : "control character \(ASCII.codePoint(b))")
                }
                k += 1
                continue
            }
            var parser = Unicode.UTF8.ForwardParser()
            var rest = bytes[k...].makeIterator()
            switch parser.parseScalar(from: &rest) {
            case .valid(let scalar): k += scalar.count
            case .error, .emptyInput: throw failure(at: k, "invalid UTF-8 (byte \(ASCII.hex(b)) does not start a valid sequence)")
            }
        }
    }

    mutating func property() throws(ICalendarError) -> Property {
        let name = self.name()
        guard !name.isEmpty else {
            throw failure(at: 0, bytes.isEmpty ? "empty content line" : "expected a property name, found \(shown(at: 0))")
        }
        var parameters: [Parameter] = []
        while true {
            guard i < bytes.count else {
                throw failure(at: nil, "content line \(name) has no ':' before its value")
            }
            switch bytes[i] {
            case ASCII.colon:
                let value = String(decoding: bytes[(i + 1)...], as: UTF8.self)
                return Property(name: name, parameters: parameters, value: value, line: line,
                                valueColumn: column(of: i + 1))
            case ASCII.semicolon:
                i += 1
                parameters.append(try parameter(of: name))
            default:
                throw failure(at: i, "expected ':' or ';' after \(name), found \(shown(at: i))")
            }
        }
    }

    /// A run of name characters, upper-cased; empty when there is none.
    private mutating func name() -> String {
        let start = i
        while i < bytes.count, ASCII.isNameByte(bytes[i]) { i += 1 }
        return ASCII.uppercased(String(decoding: bytes[start..<i], as: UTF8.self))
    }

    /// `NAME=value,"quoted, value"` after a ';'.
    private mutating func parameter(of property: String) throws(ICalendarError) -> Parameter {
        let nameStart = i
        let name = self.name()
        guard !name.isEmpty else {
            throw failure(at: nameStart, "expected a parameter name after ';' in \(property), found \(shown(at: nameStart))")
        }
        guard i < bytes.count, bytes[i] == ASCII.equals else {
            throw failure(at: i, "expected '=' after parameter \(name), found \(shown(at: i))")
        }
        i += 1
        var values: [String] = []
        while true {
            if i < bytes.count, bytes[i] == ASCII.quote {
                let open = i
                i += 1
                while i < bytes.count, bytes[i] != ASCII.quote { i += 1 }
                guard i < bytes.count else {
                    throw failure(at: open, "the quoted value of parameter \(name) has no closing '\"'")
                }
                values.append(Scanner.decodeCarets(bytes[(open + 1)..<i]))
                i += 1
                guard i < bytes.count, [ASCII.comma, ASCII.semicolon, ASCII.colon].contains(bytes[i]) else {
                    throw failure(at: i, "expected ',', ';' or ':' after the quoted value of parameter \(name), found \(shown(at: i))")
                }
            } else {
                let start = i
                while i < bytes.count, ![ASCII.comma, ASCII.semicolon, ASCII.colon, ASCII.quote].contains(bytes[i]) {
                    i += 1
                }
                if i < bytes.count, bytes[i] == ASCII.quote {
                    throw failure(at: i, "a '\"' inside the unquoted value of parameter \(name) (quote the whole value)")
                }
                values.append(Scanner.decodeCarets(bytes[start..<i]))
            }
            guard i < bytes.count, bytes[i] == ASCII.comma else { return Parameter(name: name, values: values) }
            i += 1
        }
    }

    /// A parameter value with RFC 6868's escapes decoded: ^n is a line
    /// break, ^' a double quote, ^^ a caret; any other ^ stays as it is.
    private static func decodeCarets(_ raw: ArraySlice<UInt8>) -> String {
        ASCII.unescaped(raw, marker: ASCII.caret) { byte, out in
            switch byte {
            case UInt8(ascii: "n"): out.append(ASCII.lineFeed)
            case ASCII.apostrophe: out.append(ASCII.quote)
            case ASCII.caret: out.append(ASCII.caret)
            default: out += [ASCII.caret, byte]
            }
        }
    }

    // MARK: Positions and messages

    /// The 1-based column, in Unicode scalars, of the byte at `offset`.
    private func column(of offset: Int) -> Int {
        var c = 1
        for k in 0..<min(offset, bytes.count) where bytes[k] & 0xC0 != 0x80 { c += 1 }
        return c
    }

    /// The character at `offset` quoted for a message, or "the end of the
    /// line".
    private func shown(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the line" }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: bytes[offset..<end], as: UTF8.self) + "'"
    }

    private func failure(at offset: Int?, _ message: String) -> ICalendarError {
        ICalendarError(line: line, column: offset.map(column(of:)), message: message)
    }
}
