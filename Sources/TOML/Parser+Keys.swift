/// Keys, key/value pairs and table headers.
///
/// Dotted keys and header paths are resolved segment by segment as they are
/// read, so a conflict is reported at the segment where it arises, and only
/// a header's names are kept (for its error messages).
extension Parser {
    /// Reads one key segment at `i`: bare, "basic" or 'literal'.
    mutating func parseKeySegment() throws(ParseFailure) -> String {
        let start = i
        let b = peek()
        if ASCII.isBareKey(b) {
            i += 1
            while i < end, ASCII.isBareKey(p[i]) { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
        }
        // A quoted key is a single-line string; `"""` reads as the empty
        // key `""` followed by a stray quote, which is then reported.
        if b == ASCII.quote { return try parseBasicString() }
        if b == ASCII.apostrophe { return try parseLiteralString() }
        throw unexpected("expected a key")
    }

    /// Reads `key = value` at `i` into `table`, creating the tables a dotted
    /// key names on the way.
    ///
    /// - Parameters:
    ///   - table: the table of the current section, or an inline table.
    ///   - section: the section number given to tables that dotted keys create.
    mutating func parseKeyValue(into table: TableNode, section: Int) throws(ParseFailure) {
        let outer = nesting
        defer { nesting = outer }
        var target = table
        var keyStart = i
        var key = try parseKeySegment()
        skipWhitespace()
        while peek() == ASCII.dot {
            try descend(at: keyStart)
            target = try enterDotted(target, key, at: keyStart, section: section)
            i += 1
            skipWhitespace()
            keyStart = i
            key = try parseKeySegment()
            skipWhitespace()
        }
        guard peek() == ASCII.equals else { throw unexpected("expected '=' after the key") }
        i += 1
        skipWhitespace()
        let keyPosition = position(at: keyStart)
        let valuePosition = position(at: i)
        // The key is claimed before the value is read, so that a duplicate
        // is reported at the key, which comes first in the line.
        guard target.reserve(key) else { throw duplicateKey(key, in: target, at: keyStart) }
        // Reading the value never adds to `target`: inline tables and
        // arrays are built apart from the document's tables.
        let value = try parseValue()
        target.append(key, value, keyPosition: keyPosition, valuePosition: valuePosition)
    }

    /// Reads a `[table]` or `[[array of tables]]` header at `i` and returns
    /// the table that the lines after it go into.
    mutating func parseHeader() throws(ParseFailure) -> TableNode {
        let open = i
        let isArray = byte(at: i + 1) == ASCII.leftBracket
        let headerPosition = position(at: open)
        i += isArray ? 2 : 1
        path.removeAll(keepingCapacity: true)
        nesting = 0
        skipWhitespace()
        var target = root
        while true {
            let keyStart = i
            let key = try parseKeySegment()
            path.append(key)
            try descend(at: keyStart)
            skipWhitespace()
            if peek() == ASCII.dot {
                target = try enterForHeader(target, key, at: keyStart, header: headerPosition)
                i += 1
                skipWhitespace()
                continue
            }
            if isArray {
                guard peek() == ASCII.rightBracket else { throw unexpected("expected ']]' to close the header") }
                guard byte(at: i + 1) == ASCII.rightBracket else {
                    throw unexpected("expected ']]' to close the header", at: i + 1)
                }
                i += 2
                section += 1
                return try appendElement(in: target, key, at: keyStart, header: headerPosition)
            }
            guard peek() == ASCII.rightBracket else { throw unexpected("expected ']' to close the header") }
            i += 1
            section += 1
            return try defineTable(in: target, key, at: keyStart, header: headerPosition)
        }
    }

    // MARK: Naming things in messages

    /// `'name'` for a bare key, the quoted form (`"a b"`) otherwise.
    func quoted(_ key: String) -> String {
        TOMLWriter.isBare(key) ? "'\(key)'" : TOMLWriter.key(key)
    }

    /// The header being read, as written: `[a.b]` or `[[a.b]]`.
    func headerName(array: Bool) -> String {
        let name = path.map(TOMLWriter.key).joined(separator: ".")
        return array ? "[[\(name)]]" : "[\(name)]"
    }

    func duplicateKey(_ key: String, in table: TableNode, at offset: Int) -> ParseFailure {
        let index = table.lookup(key)!
        let first = table.table.entries[index].keyPosition
        let what = table.child(at: index) == nil ? "" : ": it is already a table"
        return ParseFailure("duplicate key \(quoted(key))\(what) (first defined at \(first))", at: offset)
    }
}
