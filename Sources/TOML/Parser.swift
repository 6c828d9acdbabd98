/// Reads TOML 1.0.0 documents.
///
/// The parser works on UTF-8 bytes in one pass. It accepts a leading byte
/// order mark, rejects any byte sequence that is not UTF-8, and stops at the
/// first error, reporting its line and column (see `TOMLError` for where the
/// column points).
public enum TOMLParser {
    /// Parses a whole document.
    ///
    /// - Parameter bytes: the document, UTF-8 encoded.
    /// - Returns: the root table, keys in document order, with positions.
    /// - Throws: `TOMLError` at the first thing that is not TOML 1.0.0.
    public static func parse(_ bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        var result: Result<TOMLTable, TOMLError>?
        bytes.withUnsafeBufferPointer { buffer in
            result = Result { () throws(TOMLError) in try parse(buffer) }
        }
        return try result!.get()
    }

    /// Parses a whole document from memory the caller owns.
    ///
    /// - Parameter buffer: the document, UTF-8 encoded.
    /// - Returns: the root table, keys in document order, with positions.
    /// - Throws: `TOMLError` at the first thing that is not TOML 1.0.0.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(TOMLError) -> TOMLTable {
        var parser = Parser(buffer)
        do {
            return try parser.parseDocument()
        } catch {
            throw TOMLError(error, in: buffer)
        }
    }

    /// Parses a whole document held in a string.
    ///
    /// - Parameter text: the document.
    /// - Returns: the root table, keys in document order, with positions.
    /// - Throws: `TOMLError` at the first thing that is not TOML 1.0.0.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var text = text
        var result: Result<TOMLTable, TOMLError>?
        text.withUTF8 { buffer in
            result = Result { () throws(TOMLError) in try parse(buffer) }
        }
        return try result!.get()
    }

    /// Whether `bytes` starts with the UTF-8 byte order mark EF BB BF.
    static func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }
}

/// The scanner and builder behind `TOMLParser`: an index into the input, the
/// line it is on, and the tables built so far.
///
/// It is a struct, not a class, so that its hot fields are accessed without
/// dynamic exclusivity checks. Each concern lives in its own file:
/// `Parser+Keys` (keys, headers, key/value lines), `Parser+Tables` (what
/// may be defined where), `Parser+Values` (arrays, inline tables),
/// `Parser+Strings`, `Parser+Numbers` and `Parser+DateTime`.
struct Parser {
    let p: UnsafeBufferPointer<UInt8>
    let end: Int
    /// The next byte to read.
    var i: Int

    /// The current line (1-based) and the offset of its first byte. Both are
    /// kept up to date wherever a line feed is consumed, so that positions can
    /// be given to entries without rescanning.
    var line = 1
    var lineStart: Int
    /// The last column worked out on the current line, and the offset it
    /// belongs to, so that successive positions on a line cost only the bytes
    /// between them.
    var columnOffset: Int
    var column = 1

    /// Reused for strings with escapes, so that each one costs no allocation.
    var scratch: [UInt8] = []
    /// The elements of the arrays being read, innermost last.
    var elementStack: [TOMLValue] = []
    var positionStack: [TOMLPosition] = []
    /// The segments of the header being read, for error messages.
    var path: [String] = []

    /// How deeply the table or value being read is nested: tables and
    /// arrays, header segments and dotted key segments each count one.
    var nesting = 0
    /// The deepest nesting accepted. Parsing, finishing, writing and freeing
    /// a document all recurse once per level, so an unbounded depth would
    /// let a small hostile document overflow the stack; real documents stay
    /// within a handful of levels.
    static let maximumNesting = 128

    /// The root table, and the number of the current section (see
    /// `TableNode.Kind.dotted`).
    let root: TableNode
    var section = 0
    /// The last number given to an inline table's section (counting down).
    var inlineSection = 0
    /// How many entries the last inline table had: the next one, likely
    /// written alike, reserves that much room.
    var inlineSizeHint = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        p = buffer
        end = buffer.count
        i = TOMLParser.hasByteOrderMark(buffer) ? 3 : 0
        lineStart = i
        columnOffset = i
        root = TableNode(TOMLTable(position: TOMLPosition(line: 1, column: 1)), kind: .header)
    }

    /// Parses every line of the document and returns the finished root table.
    mutating func parseDocument() throws(ParseFailure) -> TOMLTable {
        var table = root
        while true {
            try parseSection(into: table)
            guard i < end else { break }
            table = try parseHeader()
            try endOfLine(after: "a table header")
        }
        return root.finish()
    }

    /// Reads key/value, comment and blank lines into `table`, the table of
    /// the current section, up to the next header or the end of the file.
    ///
    /// The section's table is a parameter, not a stored property, so that
    /// passing it on for every key costs no reference counting.
    private mutating func parseSection(into table: TableNode) throws(ParseFailure) {
        while true {
            skipWhitespace()
            guard i < end else { return }
            switch p[i] {
            case ASCII.lineFeed, ASCII.carriageReturn, ASCII.hash:
                try endOfLine(after: "")
            case ASCII.leftBracket:
                return
            default:
                try parseKeyValue(into: table, section: section)
                try endOfLine(after: "a value")
            }
        }
    }

    // MARK: Bytes

    /// The byte at `offset`, or 0 past the end. NUL is never valid TOML, so
    /// a caller that sees 0 checks `offset < end` only on that rare path.
    @inline(__always)
    func byte(at offset: Int) -> UInt8 { offset < end ? p[offset] : 0 }

    @inline(__always)
    func peek() -> UInt8 { i < end ? p[i] : 0 }

    /// Skips spaces and tabs, the only whitespace TOML knows.
    @inline(__always)
    mutating func skipWhitespace() {
        while i < end, p[i] == ASCII.space || p[i] == ASCII.tab { i += 1 }
    }

    /// Records that the byte at `offset` is a line feed.
    @inline(__always)
    mutating func startLine(after offset: Int) {
        line += 1
        lineStart = offset + 1
        columnOffset = lineStart
        column = 1
    }

    /// The position of the byte at `offset`, which is on the current line.
    mutating func position(at offset: Int) -> TOMLPosition {
        if offset < columnOffset {
            columnOffset = lineStart
            column = 1
        }
        var j = columnOffset, c = column
        // Counting lead bytes counts scalars; the bytes were validated on the
        // way here.
        while j < offset {
            if p[j] & 0xC0 != 0x80 { c += 1 }
            j += 1
        }
        columnOffset = offset
        column = c
        return TOMLPosition(line: line, column: c)
    }

    // MARK: Line ends and comments

    /// Expects the rest of the line to be whitespace and an optional comment,
    /// then consumes the line ending (or accepts the end of the file).
    ///
    /// - Parameter context: what came before, for "expected end of line
    ///   after a value, found 'x'"; empty on a blank or comment line.
    mutating func endOfLine(after context: String) throws(ParseFailure) {
        skipWhitespace()
        if peek() == ASCII.hash { try skipComment() }
        guard i < end else { return }
        if try consumeNewline() { return }
        throw unexpected(context.isEmpty ? "expected a key or a table header" : "expected end of line after \(context)")
    }

    /// Consumes LF or CRLF at `i` and returns true; returns false for any
    /// other byte. A carriage return not followed by a line feed is an error.
    @inline(__always)
    mutating func consumeNewline() throws(ParseFailure) -> Bool {
        let b = peek()
        if b == ASCII.lineFeed {
            startLine(after: i)
            i += 1
            return true
        }
        if b == ASCII.carriageReturn {
            guard byte(at: i + 1) == ASCII.lineFeed else { throw loneCarriageReturn(at: i) }
            startLine(after: i + 1)
            i += 2
            return true
        }
        return false
    }

    /// Skips a comment from its `#` up to, not including, the line ending.
    mutating func skipComment() throws(ParseFailure) {
        i += 1
        while i < end {
            let b = p[i]
            if (b >= 0x20 && b < 0x7F) || b == ASCII.tab {
                i += 1
            } else if b >= 0x80 {
                i += try validateScalar()
            } else if b == ASCII.lineFeed || b == ASCII.carriageReturn {
                return  // the caller checks that a CR is part of CRLF
            } else {
                throw ParseFailure("\(ASCII.controlName(b)) is not allowed in a comment", at: i)
            }
        }
    }

    /// Checks the non-ASCII scalar at `i` and returns its length in bytes.
    @inline(__always)
    func validateScalar() throws(ParseFailure) -> Int {
        switch UTF8Validation.check(p, at: i) {
        case .scalar(let length, _): return length
        case .invalid(let message): throw ParseFailure(message, at: i)
        }
    }

    /// Goes one level deeper, for the key segment, array or inline table at
    /// `offset`.
    @inline(__always)
    mutating func descend(at offset: Int) throws(ParseFailure) {
        nesting += 1
        guard nesting <= Parser.maximumNesting else {
            throw ParseFailure("tables and arrays are nested more than \(Parser.maximumNesting) levels deep, "
                + "which this parser does not support", at: offset)
        }
    }

    // MARK: Errors

    func loneCarriageReturn(at offset: Int) -> ParseFailure {
        ParseFailure("a carriage return (U+000D) must be followed by a line feed", at: offset)
    }

    /// "EXPECTATION, found X" about the byte at `i`; an invalid UTF-8
    /// sequence or a lone carriage return there is reported as such instead.
    func unexpected(_ expectation: String) -> ParseFailure {
        unexpected(expectation, at: i)
    }

    func unexpected(_ expectation: String, at offset: Int) -> ParseFailure {
        guard offset < end else { return ParseFailure("\(expectation), found end of file", at: offset) }
        let b = p[offset]
        switch b {
        case ASCII.lineFeed:
            return ParseFailure("\(expectation), found end of line", at: offset)
        case ASCII.carriageReturn:
            if byte(at: offset + 1) != ASCII.lineFeed { return loneCarriageReturn(at: offset) }
            return ParseFailure("\(expectation), found end of line", at: offset)
        case 0x00..<0x20, 0x7F:
            return ParseFailure("\(expectation), found \(ASCII.controlName(b))", at: offset)
        case 0x80...:
            switch UTF8Validation.check(p, at: offset) {
            case .invalid(let message):
                return ParseFailure(message, at: offset)
            case .scalar(_, let value):
                let scalar = Unicode.Scalar(value).map { String(Character($0)) } ?? "?"
                return ParseFailure("\(expectation), found '\(scalar)' (U+\(ASCII.hex(value)))", at: offset)
            }
        default:
            return ParseFailure("\(expectation), found '\(String(UnicodeScalar(b)))'", at: offset)
        }
    }
}
