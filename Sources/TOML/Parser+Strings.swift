/// The four kinds of string: basic, literal, and their multi-line forms.
///
/// A string without escapes (or, in multi-line strings, CRLF line endings)
/// becomes a `String` straight from its bytes. Only when something has to be
/// rewritten are the pieces gathered in `scratch`, a buffer reused from one
/// string to the next.
///
/// Errors point at the opening delimiter when a string is not closed, at the
/// backslash of a bad escape, and at the offending character otherwise.
extension Parser {
    /// Reads `"…"` at `i`.
    mutating func parseBasicString() throws(ParseFailure) -> String {
        let open = i
        i += 1
        var segment = i
        var rewritten = false
        while true {
            guard i < end else { throw unterminated(at: open, "'\"'", beforeEndOf: "file") }
            let b = p[i]
            if b >= 0x20, b < 0x7F, b != ASCII.quote, b != ASCII.backslash {
                i += 1
                continue
            }
            switch b {
            case ASCII.quote:
                let text = makeString(from: segment, rewritten: rewritten)
                i += 1
                return text
            case ASCII.backslash:
                beginRewrite(&rewritten, from: segment)
                try parseEscape()
                segment = i
            case ASCII.tab:
                i += 1
            case 0x80...:
                i += try validateScalar()
            case ASCII.lineFeed:
                throw unterminated(at: open, "'\"'", beforeEndOf: "line")
            case ASCII.carriageReturn where byte(at: i + 1) == ASCII.lineFeed:
                throw unterminated(at: open, "'\"'", beforeEndOf: "line")
            default:
                throw disallowed(b, in: "a basic string")
            }
        }
    }

    /// Reads `'…'` at `i`: every character as written, no escapes.
    mutating func parseLiteralString() throws(ParseFailure) -> String {
        let open = i
        i += 1
        let start = i
        while true {
            guard i < end else { throw unterminated(at: open, "\"'\"", beforeEndOf: "file") }
            let b = p[i]
            if (b >= 0x20 && b < 0x7F && b != ASCII.apostrophe) || b == ASCII.tab {
                i += 1
                continue
            }
            switch b {
            case ASCII.apostrophe:
                let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
                i += 1
                return text
            case 0x80...:
                i += try validateScalar()
            case ASCII.lineFeed:
                throw unterminated(at: open, "\"'\"", beforeEndOf: "line")
            case ASCII.carriageReturn where byte(at: i + 1) == ASCII.lineFeed:
                throw unterminated(at: open, "\"'\"", beforeEndOf: "line")
            default:
                throw disallowed(b, in: "a literal string")
            }
        }
    }

    /// Reads `"""…"""` at `i`.
    ///
    /// A line ending right after the opening delimiter is dropped; CRLF
    /// becomes LF; a backslash at the end of a line (trailing whitespace
    /// allowed) removes the line ending and all whitespace after it; up to
    /// two quotes may stand right before the closing delimiter.
    mutating func parseMultilineBasicString() throws(ParseFailure) -> String {
        let open = i
        i += 3
        _ = try consumeNewline()
        var segment = i
        var rewritten = false
        while true {
            guard i < end else { throw unterminated(at: open, "'\"\"\"'", beforeEndOf: "file") }
            let b = p[i]
            if b >= 0x20, b < 0x7F, b != ASCII.quote, b != ASCII.backslash {
                i += 1
                continue
            }
            switch b {
            case ASCII.quote:
                if let text = closeMultiline(ASCII.quote, from: segment, rewritten: rewritten) { return text }
            case ASCII.backslash:
                beginRewrite(&rewritten, from: segment)
                if try !skipLineEndingBackslash() { try parseEscape() }
                segment = i
            case ASCII.tab:
                i += 1
            case ASCII.lineFeed:
                startLine(after: i)
                i += 1
            case ASCII.carriageReturn:
                try normalizeCRLF(&rewritten, segment: &segment)
            case 0x80...:
                i += try validateScalar()
            default:
                throw disallowed(b, in: "a multi-line basic string")
            }
        }
    }

    /// Reads `'''…'''` at `i`: as written, apart from a line ending right
    /// after the opening delimiter (dropped) and CRLF (read as LF).
    mutating func parseMultilineLiteralString() throws(ParseFailure) -> String {
        let open = i
        i += 3
        _ = try consumeNewline()
        var segment = i
        var rewritten = false
        while true {
            guard i < end else { throw unterminated(at: open, "\"'''\"", beforeEndOf: "file") }
            let b = p[i]
            if (b >= 0x20 && b < 0x7F && b != ASCII.apostrophe) || b == ASCII.tab {
                i += 1
                continue
            }
            switch b {
            case ASCII.apostrophe:
                if let text = closeMultiline(ASCII.apostrophe, from: segment, rewritten: rewritten) { return text }
            case ASCII.lineFeed:
                startLine(after: i)
                i += 1
            case ASCII.carriageReturn:
                try normalizeCRLF(&rewritten, segment: &segment)
            case 0x80...:
                i += try validateScalar()
            default:
                throw disallowed(b, in: "a multi-line literal string")
            }
        }
    }

    // MARK: Pieces

    /// At a run of `quote` bytes in a multi-line string: returns the string
    /// when the run closes it, or nil (having stepped over the run) when the
    /// quotes are content. Of a run of three or more, all but the last three
    /// (at most two) belong to the string.
    private mutating func closeMultiline(_ quote: UInt8, from segment: Int, rewritten: Bool) -> String? {
        var n = 1
        while byte(at: i + n) == quote { n += 1 }
        guard n >= 3 else {
            i += n
            return nil
        }
        i += min(n - 3, 2)
        let text = makeString(from: segment, rewritten: rewritten)
        i += 3
        return text
    }

    /// At a carriage return in a multi-line string: requires a line feed
    /// after it and puts a lone LF in the string instead of the pair.
    private mutating func normalizeCRLF(_ rewritten: inout Bool, segment: inout Int) throws(ParseFailure) {
        guard byte(at: i + 1) == ASCII.lineFeed else { throw loneCarriageReturn(at: i) }
        beginRewrite(&rewritten, from: segment)
        scratch.append(ASCII.lineFeed)
        startLine(after: i + 1)
        i += 2
        segment = i
    }

    /// At a backslash in a multi-line basic string: when only whitespace
    /// follows it on its line, skips to the next character that is neither
    /// whitespace nor a line ending and returns true.
    private mutating func skipLineEndingBackslash() throws(ParseFailure) -> Bool {
        var j = i + 1
        while j < end, p[j] == ASCII.space || p[j] == ASCII.tab { j += 1 }
        let b = byte(at: j)
        if b == ASCII.carriageReturn, byte(at: j + 1) != ASCII.lineFeed { throw loneCarriageReturn(at: j) }
        guard b == ASCII.lineFeed || b == ASCII.carriageReturn else { return false }
        i = j
        while true {
            switch peek() {
            case ASCII.space, ASCII.tab:
                i += 1
            case ASCII.lineFeed, ASCII.carriageReturn:
                _ = try consumeNewline()
            default:
                return true
            }
        }
    }

    /// Switches a string over to being gathered in `scratch`, starting with
    /// the bytes from `segment` up to `i`.
    @inline(__always)
    private mutating func beginRewrite(_ rewritten: inout Bool, from segment: Int) {
        if !rewritten {
            scratch.removeAll(keepingCapacity: true)
            rewritten = true
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[segment..<i]))
    }

    /// The string that ends at `i`.
    @inline(__always)
    private mutating func makeString(from segment: Int, rewritten: Bool) -> String {
        let tail = UnsafeBufferPointer(rebasing: p[segment..<i])
        guard rewritten else { return String(decoding: tail, as: UTF8.self) }
        scratch.append(contentsOf: tail)
        return String(decoding: scratch, as: UTF8.self)
    }

    private func unterminated(at open: Int, _ delimiter: String, beforeEndOf place: String) -> ParseFailure {
        ParseFailure("unterminated string: no closing \(delimiter) before the end of the \(place)", at: open)
    }

    /// The error for a control character (or lone CR) inside a string.
    private func disallowed(_ b: UInt8, in kind: String) -> ParseFailure {
        if b == ASCII.carriageReturn { return loneCarriageReturn(at: i) }
        return ParseFailure("\(ASCII.controlName(b)) is not allowed in \(kind)", at: i)
    }
}
