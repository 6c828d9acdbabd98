import TOML
import Testing
import TestSupport

/// The mistakes people make when they edit TOML by hand, and the errors they
/// should get: the exact line and column (1-based, in Unicode scalars), a
/// message that says what is wrong, and the offending line itself.
@Suite("TOML diagnostics")
struct DiagnosticTests {
    /// The error for `source`, or a recorded issue when it parses.
    func failure(_ source: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> TOMLError? {
        switch parseResult(source) {
        case .success(let table):
            Issue.record("accepted: \(TOMLTaggedJSON.encode(table))", sourceLocation: sourceLocation)
            return nil
        case .failure(let error):
            return error
        }
    }

    /// Expects `source` to fail at `line`:`column` with a message that contains
    /// (case-insensitively) every one of `all` and at least one of `any`.
    @discardableResult
    func expectError(
        _ source: String, at line: Int, _ column: Int?, mentioning all: [String] = [], anyOf any: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> TOMLError? {
        expectError(bytes: Array(source.utf8), at: line, column, mentioning: all, anyOf: any,
                    sourceLocation: sourceLocation)
    }

    @discardableResult
    func expectError(
        bytes: [UInt8], at line: Int, _ column: Int?, mentioning all: [String] = [], anyOf any: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> TOMLError? {
        guard let error = failure(bytes, sourceLocation: sourceLocation) else { return nil }
        let shown = "\n" + error.rendered(file: "t.toml")
        #expect(error.position.line == line, "line\(shown)", sourceLocation: sourceLocation)
        if let column {
            #expect(error.position.column == column, "column\(shown)", sourceLocation: sourceLocation)
        }
        let message = error.message.lowercased()
        for fragment in all {
            #expect(message.contains(fragment.lowercased()), "message lacks \(fragment)\(shown)",
                    sourceLocation: sourceLocation)
        }
        if !any.isEmpty {
            #expect(any.contains { message.contains($0.lowercased()) }, "message lacks any of \(any)\(shown)",
                    sourceLocation: sourceLocation)
        }
        return error
    }

    // MARK: Keys and values

    @Test("a key without '=' points at what follows the key")
    func missingEquals() {
        expectError("name \"Alice\"\n", at: 1, 6, mentioning: ["="])
    }

    @Test("a colon used as in YAML or JSON points at the colon")
    func colonInsteadOfEquals() {
        expectError("name: \"Alice\"\n", at: 1, 5, mentioning: ["="])
    }

    @Test("a space inside a bare key points at the second word")
    func spaceInBareKey() {
        expectError("my key = 1\n", at: 1, 4, mentioning: ["="])
    }

    @Test("a key with nothing after '=' points at the end of the line")
    func missingValue() {
        expectError("name =\nage = 3\n", at: 1, 7, anyOf: ["value"])
    }

    @Test("a value followed by more text on the same line points at that text")
    func junkAfterValue() {
        expectError("a = 1 2\n", at: 1, 7)
    }

    @Test("a bare word where a value belongs points at the word")
    func bareWordValue() {
        expectError("name = Alice\n", at: 1, 8)
    }

    // MARK: Strings

    @Test("an unterminated string at the end of the file points at its opening quote")
    func unterminatedAtEOF() {
        expectError("name = \"Alice", at: 1, 8, anyOf: ["unterminated", "unclosed", "missing"])
    }

    @Test("a string left open before the next line points at its opening quote on that line")
    func unterminatedBeforeNextLine() {
        expectError("a = 1\nb = \"oops\nc = 3\n", at: 2, 5, anyOf: ["unterminated", "unclosed", "missing"])
    }

    @Test("an unterminated multi-line string points at its opening delimiter")
    func unterminatedMultiline() {
        expectError("a = 1\nnotes = \"\"\"\nline one\nline two\n", at: 2, 9,
                    anyOf: ["unterminated", "unclosed", "missing"])
    }

    @Test("a Windows path in a basic string fails at the backslash of the bad escape")
    func windowsPath() {
        expectError("path = \"C:\\Users\\me\"\n", at: 1, 11, anyOf: ["escape"])
    }

    @Test("an unknown escape points at its backslash")
    func unknownEscape() {
        expectError("s = \"a\\qb\"\n", at: 1, 7, anyOf: ["escape"])
    }

    @Test("an escape of a surrogate code point points at its backslash")
    func surrogateEscape() {
        expectError("s = \"\\uD800\"\n", at: 1, 6, anyOf: ["escape", "surrogate", "scalar", "unicode"])
    }

    @Test("an error inside a multi-line string reports the line it is on")
    func errorInsideMultilineString() throws {
        let error = expectError("s = \"\"\"\nfine\nbad \\q\n\"\"\"\n", at: 3, 5, anyOf: ["escape"])
        #expect(error?.sourceLine == "bad \\q")
    }

    // MARK: Columns and lines

    @Test("columns count Unicode scalars, not bytes, before the error")
    func columnsCountScalars() {
        expectError("name = \"日本語\" x\n", at: 1, 14)
    }

    @Test("a four-byte character before the error is one column")
    func astralCharacterIsOneColumn() {
        expectError("s = \"🎉\\q\"\n", at: 1, 7, anyOf: ["escape"])
    }

    @Test("an error on line 3 of a CRLF file is on line 3, and its line has no CR")
    func crlfLines() throws {
        let error = expectError("a = 1\r\nb = 2\r\nc = \"x\\q\"\r\n", at: 3, 7, anyOf: ["escape"])
        #expect(error?.sourceLine == "c = \"x\\q\"")
    }

    @Test("a duplicate key in a CRLF file is found on its own line")
    func crlfDuplicate() {
        expectError("a = 1\r\nb = 2\r\na = 3\r\n", at: 3, 1, mentioning: ["a"])
    }

    @Test("a byte order mark does not shift the columns of the first line")
    func bomIsNotAColumn() {
        expectError(bytes: [0xEF, 0xBB, 0xBF] + Array("a = \"\\q\"\n".utf8), at: 1, 6, anyOf: ["escape"])
    }

    // MARK: Encoding

    @Test("an invalid UTF-8 byte is reported where it stands")
    func invalidUTF8() {
        expectError(bytes: Array("name = \"caf".utf8) + [0xE9] + Array("\"\n".utf8), at: 1, 12,
                    anyOf: ["utf-8", "utf8", "encoding"])
    }

    @Test("an invalid UTF-8 byte after non-ASCII text on line 2 counts scalars")
    func invalidUTF8AfterText() {
        expectError(bytes: Array("a = 1\n# ☃ ".utf8) + [0xFF, 0x0A], at: 2, 5, anyOf: ["utf-8", "utf8", "encoding"])
    }

    @Test("a lone carriage return is an error where it stands")
    func loneCarriageReturn() {
        expectError("a = 1\rb = 2\n", at: 1, 6, anyOf: ["carriage", "\\r", "cr", "u+000d", "control"])
    }

    @Test("a control character in a comment is named and located")
    func controlInComment() {
        expectError("# bell\u{07}\na = 1\n", at: 1, 7, anyOf: ["control", "u+0007", "0x07"])
    }

    // MARK: Numbers and dates

    @Test("an integer with a leading zero points at the number")
    func leadingZero() {
        expectError("count = 007\n", at: 1, 9, anyOf: ["zero", "leading"])
    }

    @Test("an integer too large for 64 bits points at the number")
    func integerOverflow() {
        expectError("big = 9223372036854775808\n", at: 1, 7, anyOf: ["64", "range", "overflow", "large", "big"])
    }

    @Test("a date that does not exist points at the date")
    func impossibleDate() {
        expectError("day = 2023-02-29\n", at: 1, 7, anyOf: ["day", "date", "29"])
    }

    // MARK: Arrays and inline tables

    @Test("a missing comma in an array points at the next element")
    func arrayMissingComma() {
        expectError("a = [1 2]\n", at: 1, 8)
    }

    @Test("a trailing comma in an inline table points at the closing brace")
    func inlineTrailingComma() {
        expectError("t = { a = 1, }\n", at: 1, 14)
    }

    @Test("a newline inside an inline table is an error on the first line")
    func inlineNewline() {
        expectError("t = { a = 1,\n      b = 2 }\n", at: 1, 13)
    }

    // MARK: Redefinition

    @Test("a duplicate key names the key and both positions")
    func duplicateKey() {
        let error = expectError("name = \"a\"\nage = 3\nname = \"b\"\n", at: 3, 1, mentioning: ["name"])
        let message = error?.message ?? ""
        #expect(message.contains("1:1") || message.contains("line 1"), "the first definition: \(message)")
    }

    @Test("a table defined twice names the table, on the second header's line")
    func duplicateTable() {
        expectError("[team]\nx = 1\n\n[team]\ny = 2\n", at: 4, nil, mentioning: ["team"])
    }

    @Test("extending an inline table with a dotted key is rejected on that line")
    func extendInlineTable() {
        expectError("a = { b = 1 }\na.c = 2\n", at: 2, nil)
    }

    @Test("[[hooks]] after a static hooks array is rejected on the header's line")
    func arrayOfTablesAfterStaticArray() {
        expectError("hooks = []\n\n[[hooks]]\ncommand = [\"true\"]\n", at: 3, nil, mentioning: ["hooks"])
    }

    @Test("a header with text after it points at the text")
    func junkAfterHeader() {
        expectError("[team] x = 1\n", at: 1, 8)
    }

    // MARK: Rendering

    @Test("the rendered diagnostic shows file, position, message, the line and a caret")
    func renderedFormat() throws {
        let error = try #require(failure(Array("a = 1\nb = 2\nc = \"\\q\"\n".utf8)))
        #expect(error.position == TOMLPosition(line: 3, column: 6))
        #expect(error.rendered(file: "config.toml") ==
            "config.toml:3:6: error: \(error.message)\n   3 | c = \"\\q\"\n     |      ^\n")
    }

    @Test("the caret lands under the character when non-ASCII text precedes it")
    func renderedCaretAfterNonASCII() throws {
        let error = try #require(failure(Array("s = \"日本\\q\"\n".utf8)))
        #expect(error.position == TOMLPosition(line: 1, column: 8))
        #expect(error.rendered(file: "x.toml") ==
            "x.toml:1:8: error: \(error.message)\n   1 | s = \"日本\\q\"\n     |        ^\n")
    }

    @Test("the source line of an error on a last line without newline is that line")
    func sourceLineAtEOF() throws {
        let error = try #require(failure(Array("a = 1\nb = \"x".utf8)))
        #expect(error.position.line == 2)
        #expect(error.sourceLine == "b = \"x")
    }
}
