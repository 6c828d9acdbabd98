/// Values: the dispatch on a value's first byte, booleans, arrays and inline
/// tables.
extension Parser {
    /// Reads the value that starts at `i`.
    mutating func parseValue() throws(ParseFailure) -> TOMLValue {
        switch peek() {
        case ASCII.quote:
            if byte(at: i + 1) == ASCII.quote, byte(at: i + 2) == ASCII.quote {
                return .string(try parseMultilineBasicString())
            }
            return .string(try parseBasicString())
        case ASCII.apostrophe:
            if byte(at: i + 1) == ASCII.apostrophe, byte(at: i + 2) == ASCII.apostrophe {
                return .string(try parseMultilineLiteralString())
            }
            return .string(try parseLiteralString())
        case ASCII.zero...ASCII.nine, ASCII.plus, ASCII.minus, UInt8(ascii: "i"), UInt8(ascii: "n"):
            return try parseNumberOrDateTime()
        case UInt8(ascii: "t"):
            return try parseWord("true", .boolean(true))
        case UInt8(ascii: "f"):
            return try parseWord("false", .boolean(false))
        case ASCII.leftBracket:
            return try parseArray()
        case ASCII.leftBrace:
            return try parseInlineTable()
        default:
            throw notAValue()
        }
    }

    /// Reads the keyword `word` (`true`, `false`) and returns `value`.
    mutating func parseWord(_ word: StaticString, _ value: TOMLValue) throws(ParseFailure) -> TOMLValue {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected -> Bool in
            guard i + count <= end else { return false }
            for k in 0..<count where p[i + k] != expected[k] { return false }
            return true
        }
        guard matches, !ASCII.isBareKey(byte(at: i + count)) else { throw notAValue() }
        i += count
        return value
    }

    /// "expected a value", naming a bare word when there is one, since the
    /// usual cause is a string without its quotes.
    func notAValue() -> ParseFailure {
        var j = i
        while j < end, ASCII.isBareKey(p[j]) { j += 1 }
        guard j > i, j - i <= 40 else { return unexpected("expected a value") }
        let word = String(decoding: UnsafeBufferPointer(rebasing: p[i..<j]), as: UTF8.self)
        return ParseFailure("expected a value, found '\(word)' (strings need quotes, "
            + "booleans are 'true' and 'false')", at: i)
    }

    /// Reads `[ … ]`. Newlines and comments may stand between elements and a
    /// trailing comma is allowed; elements may be of different types.
    ///
    /// Elements gather on a stack shared by all arrays (nested ones stack on
    /// top), so that each array is allocated once, at its exact size.
    mutating func parseArray() throws(ParseFailure) -> TOMLValue {
        let open = i
        let arrayPosition = position(at: open)
        try descend(at: open)
        defer { nesting -= 1 }
        i += 1
        let base = elementStack.count
        while true {
            try skipArrayWhitespace(open: open)
            if peek() == ASCII.rightBracket {
                i += 1
                break
            }
            // The position is pushed after the value, which may be an
            // array that uses the stacks itself.
            let elementPosition = position(at: i)
            let value = try parseValue()
            positionStack.append(elementPosition)
            elementStack.append(value)
            try skipArrayWhitespace(open: open)
            let b = peek()
            if b == ASCII.comma {
                i += 1
            } else if b == ASCII.rightBracket {
                i += 1
                break
            } else {
                throw unexpected("expected ',' or ']' after an array element")
            }
        }
        let array = TOMLArray(Array(elementStack[base...]), positions: Array(positionStack[base...]),
                              position: arrayPosition)
        elementStack.removeSubrange(base...)
        positionStack.removeSubrange(base...)
        return .array(array)
    }

    /// Skips whitespace, comments and line endings inside an array. The end
    /// of the file there is reported at the array's opening bracket.
    mutating func skipArrayWhitespace(open: Int) throws(ParseFailure) {
        while true {
            skipWhitespace()
            guard i < end else {
                throw ParseFailure("unterminated array: no ']' matches this '['", at: open)
            }
            if p[i] == ASCII.hash {
                try skipComment()
            } else if !(try consumeNewline()) {
                return
            }
        }
    }

    /// Reads `{ key = value, … }`: on one line (newlines only inside the
    /// values), no trailing comma, and complete once its brace closes.
    mutating func parseInlineTable() throws(ParseFailure) -> TOMLValue {
        let tablePosition = position(at: i)
        try descend(at: i)
        defer { nesting -= 1 }
        i += 1
        // Inline tables number their sections downwards, apart from the
        // document's headers, so that their dotted keys never reach outside.
        inlineSection -= 1
        let id = inlineSection
        let node = TableNode(TOMLTable(position: tablePosition), kind: .dotted(section: id),
                             capacity: inlineSizeHint)
        skipWhitespace()
        if peek() == ASCII.rightBrace {
            i += 1
            return .table(node.finish())
        }
        while true {
            try checkInlineLine()
            try parseKeyValue(into: node, section: id)
            skipWhitespace()
            switch peek() {
            case ASCII.comma:
                i += 1
                skipWhitespace()
                if peek() == ASCII.rightBrace {
                    throw ParseFailure("a trailing comma is not allowed in an inline table", at: i)
                }
            case ASCII.rightBrace:
                i += 1
                inlineSizeHint = node.table.entries.count
                return .table(node.finish())
            default:
                try checkInlineLine()
                throw unexpected("expected ',' or '}' in an inline table")
            }
        }
    }

    /// Rejects a line ending where an inline table expects more of itself.
    private func checkInlineLine() throws(ParseFailure) {
        let b = peek()
        if b == ASCII.lineFeed || (b == ASCII.carriageReturn && byte(at: i + 1) == ASCII.lineFeed) {
            throw ParseFailure("an inline table must be on one line: expected '}' before the end of line", at: i)
        }
        if i >= end {
            throw ParseFailure("unterminated inline table: expected '}' before the end of file", at: i)
        }
    }
}
