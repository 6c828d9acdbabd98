import Testing
import TestSupport

/// `toml-json`, the decoder interface conformance suites drive: TOML on
/// stdin, tagged JSON on stdout and exit 0; or a diagnostic on stderr and
/// exit status exactly 1.
@Suite("toml-json")
struct ToolTests {
    func decode(_ input: [UInt8]) throws -> RunResult {
        try run([product("toml-json")], stdin: input)
    }

    func decode(_ input: String) throws -> RunResult { try decode(Array(input.utf8)) }

    /// Expects success and returns the difference from `expected` (nil when equal).
    func expectDecodes(_ input: [UInt8], to expected: JSON,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try decode(input)
        #expect(result.status == 0, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        let actual = try #require(try? JSON.parse(Array(result.stdout.utf8)), "not JSON: \(result.stdout)",
                                  sourceLocation: sourceLocation)
        let difference = JSON.difference(expected: expected, actual: actual)
        #expect(difference == nil, "\(difference ?? "")\n     got \(actual)", sourceLocation: sourceLocation)
    }

    /// Expects failure with exit status 1, nothing on stdout, and a diagnostic at `line`:`column`.
    func expectRejects(_ input: [UInt8], at line: Int? = nil, _ column: Int? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try decode(input)
        #expect(result.status == 1, "status \(result.status), stderr: \(result.stderr)",
                sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
        if let line {
            let prefix = column.map { "<stdin>:\(line):\($0): error:" } ?? "<stdin>:\(line):"
            #expect(result.stderr.hasPrefix(prefix), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(result.stderr.contains(": error: "), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test("a valid document prints its tagged JSON, nothing on stderr, exit 0")
    func validDocument() throws {
        let expected = try JSON.parse(Array("""
            {"name": {"type": "string", "value": "Alice"},
             "team": {"size": {"type": "integer", "value": "3"},
                      "since": {"type": "date-local", "value": "2026-11-01"}}}
            """.utf8))
        try expectDecodes(Array("name = \"Alice\"\n[team]\nsize = 3\nsince = 2026-11-01\n".utf8), to: expected)
    }

    @Test("every value type comes out with its toml-test tag")
    func everyTag() throws {
        let input = """
            s = "x"
            i = -7
            f = 0.5
            b = true
            odt = 1979-05-27T07:32:00-08:00
            ldt = 1979-05-27T07:32:00.5
            ld = 1979-05-27
            lt = 07:32:00
            a = [1, "two"]
            t = { k = false }
            """
        let expected = try JSON.parse(Array("""
            {"s": {"type": "string", "value": "x"},
             "i": {"type": "integer", "value": "-7"},
             "f": {"type": "float", "value": "0.5"},
             "b": {"type": "bool", "value": "true"},
             "odt": {"type": "datetime", "value": "1979-05-27T07:32:00-08:00"},
             "ldt": {"type": "datetime-local", "value": "1979-05-27T07:32:00.5"},
             "ld": {"type": "date-local", "value": "1979-05-27"},
             "lt": {"type": "time-local", "value": "07:32:00"},
             "a": [{"type": "integer", "value": "1"}, {"type": "string", "value": "two"}],
             "t": {"k": {"type": "bool", "value": "false"}}}
            """.utf8))
        try expectDecodes(Array(input.utf8), to: expected)
    }

    @Test("empty input is the empty table")
    func emptyInput() throws {
        try expectDecodes([], to: .object([]))
    }

    @Test("an invalid document exits 1 with a positioned diagnostic and no stdout")
    func invalidDocument() throws {
        try expectRejects(Array("a = 1\nb = \"\\q\"\n".utf8), at: 2, 6)
    }

    @Test("the diagnostic names <stdin> and shows the line with a caret")
    func diagnosticShape() throws {
        let result = try decode("a = 1\nb = \"\\q\"\n")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<stdin>:2:6: error: "), "\(result.stderr)")
        #expect(result.stderr.contains("   2 | b = \"\\q\"\n     |      ^"), "\(result.stderr)")
    }

    @Test("a duplicate key exits with status exactly 1")
    func duplicateKeyStatus() throws {
        try expectRejects(Array("a = 1\na = 2\n".utf8), at: 2, 1)
    }

    @Test("invalid UTF-8 on stdin is rejected, not replaced")
    func invalidUTF8() throws {
        try expectRejects(Array("s = \"".utf8) + [0xFF] + Array("\"\n".utf8), at: 1, 6)
    }

    @Test("a byte order mark on stdin is accepted")
    func byteOrderMark() throws {
        try expectDecodes([0xEF, 0xBB, 0xBF] + Array("a = 1\n".utf8),
                          to: .object([("a", .object([("type", .string("integer")), ("value", .string("1"))]))]))
    }

    @Test("a NUL byte on stdin is rejected, not taken as the end of the input")
    func nulByte() throws {
        try expectRejects(Array("a = 1\n".utf8) + [0x00] + Array("b = 2\n".utf8), at: 2, 1)
    }

    @Test("a large document decodes completely")
    func largeDocument() throws {
        var text = ""
        for i in 0..<2000 { text += "[member-\(i)]\nname = \"Person \(i)\"\ncadence = \"\(i % 30)d\"\n" }
        let result = try decode(text)
        #expect(result.status == 0, "\(result.stderr.prefix(500))")
        guard case .object(let members)? = try? JSON.parse(Array(result.stdout.utf8)) else {
            Issue.record("not a JSON object")
            return
        }
        #expect(members.count == 2000)
    }

    // A sample of the conformance cases, through the real binary: every fourth.
    static let sampleValid = Cases.valid.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)
    static let sampleInvalid = Cases.invalid.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)

    @Test("sampled valid cases decode to their expected JSON", arguments: sampleValid)
    func validCase(_ name: String) throws {
        let expected = try JSON.parse(try Cases.bytes("valid", name, "json"))
        try expectDecodes(try Cases.bytes("valid", name, "toml"), to: expected)
    }

    @Test("sampled invalid cases exit 1 at the expected position", arguments: sampleInvalid)
    func invalidCase(_ name: String) throws {
        let position = Cases.expectedPosition(name)
        try expectRejects(try Cases.bytes("invalid", name, "toml"), at: position?.line, position?.column)
    }
}
