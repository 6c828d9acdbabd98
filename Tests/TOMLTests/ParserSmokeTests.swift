import TOML
import Testing

/// A first look at the parser: values, order, positions and one diagnostic.
/// The conformance and diagnostic suites go through every rule.
@Suite("TOML parser smoke tests")
struct ParserSmokeTests {
    let config = """
        # oneonone
        timezone = "America/New_York"

        [defaults]
        cadence = "2w"
        repeat = 1_000
        floor = 0.75

        [team.alice]
        name = "Alice Kovalenko"
        away = [{ from = 2026-12-22, to = 2027-01-04 }]

        [[hook]]
        command = ["notify-send", "{title}"]
        timeout = 10
        """

    func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        try TOMLParser.parse(text)
    }

    @Test("a small config reads into tables, arrays and values")
    func readsValues() throws {
        let table = try parse(config)
        #expect(table["timezone"] == .string("America/New_York"))
        guard case .table(let defaults)? = table["defaults"] else { Issue.record("no [defaults]"); return }
        #expect(defaults["repeat"] == .integer(1000))
        #expect(defaults["floor"] == .float(0.75))
        guard case .table(let team)? = table["team"], case .table(let alice)? = team["alice"],
              case .array(let away)? = alice["away"], case .table(let period)? = away.elements.first
        else { Issue.record("no team.alice.away"); return }
        #expect(period["from"] == .localDate(TOMLDate(year: 2026, month: 12, day: 22)))
        guard case .array(let hooks)? = table["hook"], case .table(let hook)? = hooks.elements.first
        else { Issue.record("no [[hook]]"); return }
        #expect(hook["command"] == .array(TOMLArray([.string("notify-send"), .string("{title}")])))
    }

    @Test("keys keep the order they are written in")
    func documentOrder() throws {
        let table = try parse("z = 1\na = 2\n[m]\n[b]\n")
        #expect(table.keys == ["z", "a", "m", "b"])
    }

    @Test("entries know where their key and value are written")
    func entryPositions() throws {
        let table = try parse(config)
        let timezone = try #require(table.entry("timezone"))
        #expect(timezone.keyPosition == TOMLPosition(line: 2, column: 1))
        #expect(timezone.valuePosition == TOMLPosition(line: 2, column: 12))
        let defaults = try #require(table.entry("defaults"))
        #expect(defaults.keyPosition == TOMLPosition(line: 4, column: 2))
        guard case .table(let section) = defaults.value else { Issue.record("not a table"); return }
        #expect(section.position == TOMLPosition(line: 4, column: 1))
        #expect(section.entry("floor")?.valuePosition == TOMLPosition(line: 7, column: 9))
    }

    @Test("array elements and array-of-tables elements know where they start")
    func elementPositions() throws {
        let table = try parse("a = [1,\n  \"two\", [3]]\n[[t]]\n[[t]]\n")
        guard case .array(let a)? = table["a"], case .array(let t)? = table["t"] else {
            Issue.record("missing arrays")
            return
        }
        #expect(a.position == TOMLPosition(line: 1, column: 5))
        #expect(a.positions == [TOMLPosition(line: 1, column: 6), TOMLPosition(line: 2, column: 3),
                                TOMLPosition(line: 2, column: 10)])
        #expect(t.position == TOMLPosition(line: 3, column: 1))
        #expect(t.positions == [TOMLPosition(line: 3, column: 1), TOMLPosition(line: 4, column: 1)])
    }

    @Test("columns count Unicode scalars, so non-ASCII text before a value moves it by one each")
    func scalarColumns() throws {
        let table = try parse("\"日本\" = \"é\"\n")
        #expect(table.entry("日本")?.valuePosition == TOMLPosition(line: 1, column: 8))
    }

    @Test("a byte order mark and CRLF line endings are accepted")
    func bomAndCRLF() throws {
        let table = try TOMLParser.parse([0xEF, 0xBB, 0xBF] + Array("a = 1\r\nb = \"\"\"\r\nx\r\ny\"\"\"\r\n".utf8))
        #expect(table["a"] == .integer(1))
        #expect(table["b"] == .string("x\ny"))
    }

    @Test("bytes, a buffer and a string read the same")
    func entryPoints() throws {
        let bytes = Array(config.utf8)
        let fromBytes = try TOMLParser.parse(bytes)
        let fromBuffer = try bytes.withUnsafeBufferPointer { try TOMLParser.parse($0) }
        #expect(fromBytes == fromBuffer)
        #expect(try parse(config) == fromBytes)
    }

    @Test("a duplicate key is reported at its second occurrence, naming the first")
    func duplicateKey() {
        do throws(TOMLError) {
            _ = try parse("name = \"a\"\nname = \"b\"\n")
            Issue.record("accepted a duplicate key")
        } catch {
            #expect(error.position == TOMLPosition(line: 2, column: 1))
            #expect(error.message == "duplicate key 'name' (first defined at 1:1)")
        }
    }

    @Test("an error renders as file:line:column, the message, the line and a caret")
    func renderedDiagnostic() {
        do throws(TOMLError) {
            _ = try parse("a = 1\nb = tru\n")
            Issue.record("accepted a bare word")
        } catch {
            #expect(error.sourceLine == "b = tru")
            #expect(error.rendered(file: "config.toml") == """
                config.toml:2:5: error: \(error.message)
                   2 | b = tru
                     |     ^

                """)
            #expect(error.description == error.rendered(file: "<stdin>"))
        }
    }
}
