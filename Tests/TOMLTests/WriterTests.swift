import TOML
import Testing

/// How `TOMLWriter` renders keys, values and whole documents.
@Suite("TOML writer")
struct WriterTests {
    /// A table built in code, entries in the given order.
    func table(_ entries: KeyValuePairs<String, TOMLValue>) -> TOMLTable {
        var table = TOMLTable()
        for (key, value) in entries { table.set(key, value) }
        return table
    }

    func date(_ year: Int, _ month: Int, _ day: Int) -> TOMLDate {
        TOMLDate(year: year, month: month, day: day)
    }

    // MARK: Keys

    @Test("a key of letters, digits, '_' and '-' is written bare")
    func bareKey() {
        #expect(TOMLWriter.key("member_1-a") == "member_1-a")
        #expect(TOMLWriter.key("1234") == "1234")
    }

    @Test("a key with anything else is quoted, and the empty key is \"\"")
    func quotedKey() {
        #expect(TOMLWriter.key("a b") == "\"a b\"")
        #expect(TOMLWriter.key("a.b") == "\"a.b\"")
        #expect(TOMLWriter.key("") == "\"\"")
        #expect(TOMLWriter.key("café") == "\"café\"")
        #expect(TOMLWriter.key("say \"hi\"\n") == "\"say \\\"hi\\\"\\n\"")
    }

    // MARK: Scalars

    @Test("strings escape quotes, backslashes and control characters, and keep other text as is")
    func stringEscapes() {
        #expect(TOMLWriter.inline(.string("a\"b\\c")) == "\"a\\\"b\\\\c\"")
        #expect(TOMLWriter.inline(.string("\u{8}\t\n\u{C}\r")) == "\"\\b\\t\\n\\f\\r\"")
        #expect(TOMLWriter.inline(.string("\u{0}\u{1F}\u{7F}")) == "\"\\u0000\\u001F\\u007F\"")
        #expect(TOMLWriter.inline(.string("日本 é 🎉 \u{85}")) == "\"日本 é 🎉 \u{85}\"")
        #expect(TOMLWriter.inline(.string("")) == "\"\"")
    }

    @Test("integers are decimal, down to the smallest 64-bit value")
    func integers() {
        #expect(TOMLWriter.inline(.integer(0)) == "0")
        #expect(TOMLWriter.inline(.integer(-42)) == "-42")
        #expect(TOMLWriter.inline(.integer(.min)) == "-9223372036854775808")
        #expect(TOMLWriter.inline(.integer(.max)) == "9223372036854775807")
    }

    @Test("floats are the shortest text that reads back exactly, with inf, -inf and nan")
    func floats() {
        #expect(TOMLWriter.inline(.float(1)) == "1.0")
        #expect(TOMLWriter.inline(.float(3.14)) == "3.14")
        #expect(TOMLWriter.inline(.float(1e20)) == "1e+20")
        #expect(TOMLWriter.inline(.float(-0.0)) == "-0.0")
        #expect(TOMLWriter.inline(.float(.infinity)) == "inf")
        #expect(TOMLWriter.inline(.float(-.infinity)) == "-inf")
        #expect(TOMLWriter.inline(.float(.nan)) == "nan")
        #expect(TOMLWriter.inline(.float(-.nan)) == "nan")
        #expect(TOMLWriter.inline(.float(.leastNonzeroMagnitude)) == "5e-324")
    }

    @Test("booleans are true and false")
    func booleans() {
        #expect(TOMLWriter.inline(.boolean(true)) == "true")
        #expect(TOMLWriter.inline(.boolean(false)) == "false")
    }

    @Test("dates are YYYY-MM-DD, with the year padded to four digits")
    func dates() {
        #expect(TOMLWriter.inline(.localDate(date(1979, 5, 27))) == "1979-05-27")
        #expect(TOMLWriter.inline(.localDate(date(33, 1, 2))) == "0033-01-02")
    }

    @Test("times drop a zero fraction and the trailing zeros of any other")
    func times() {
        #expect(TOMLWriter.inline(.localTime(TOMLTime(hour: 7, minute: 3, second: 0))) == "07:03:00")
        #expect(TOMLWriter.inline(.localTime(TOMLTime(hour: 7, minute: 3, second: 0, nanosecond: 500_000_000)))
            == "07:03:00.5")
        #expect(TOMLWriter.inline(.localTime(TOMLTime(hour: 23, minute: 59, second: 60, nanosecond: 1)))
            == "23:59:60.000000001")
    }

    @Test("a local date-time joins date and time with T")
    func localDateTime() {
        let value = TOMLLocalDateTime(date: date(2026, 11, 23), time: TOMLTime(hour: 9, minute: 30, second: 0))
        #expect(TOMLWriter.inline(.localDateTime(value)) == "2026-11-23T09:30:00")
    }

    @Test("an offset date-time ends in Z for UTC and ±HH:MM otherwise")
    func offsetDateTime() {
        let time = TOMLTime(hour: 7, minute: 32, second: 0, nanosecond: 999_000)
        let utc = TOMLOffsetDateTime(date: date(1979, 5, 27), time: time, offsetMinutes: 0)
        let west = TOMLOffsetDateTime(date: date(1979, 5, 27), time: time, offsetMinutes: -(8 * 60))
        let east = TOMLOffsetDateTime(date: date(1979, 5, 27), time: time, offsetMinutes: 5 * 60 + 45)
        #expect(TOMLWriter.inline(.offsetDateTime(utc)) == "1979-05-27T07:32:00.000999Z")
        #expect(TOMLWriter.inline(.offsetDateTime(west)) == "1979-05-27T07:32:00.000999-08:00")
        #expect(TOMLWriter.inline(.offsetDateTime(east)) == "1979-05-27T07:32:00.000999+05:45")
    }

    // MARK: Arrays and inline tables

    @Test("arrays are written inline, nested and mixed as they come")
    func arrays() {
        let array = TOMLArray([.integer(1), .string("two"), .array(TOMLArray([.float(3)])), .array(TOMLArray())])
        #expect(TOMLWriter.inline(.array(array)) == "[1, \"two\", [3.0], []]")
    }

    @Test("tables written inline are { key = value, … }, and {} when empty")
    func inlineTables() {
        let inner = table(["a": .integer(1), "b c": .boolean(true)])
        #expect(TOMLWriter.inline(.table(inner)) == "{ a = 1, \"b c\" = true }")
        #expect(TOMLWriter.inline(.table(TOMLTable())) == "{}")
    }

    // MARK: Documents

    @Test("an empty document is empty")
    func emptyDocument() {
        #expect(TOMLWriter.write(TOMLTable()) == "")
    }

    @Test("plain values come before sub-tables, whatever the order of the keys")
    func valuesBeforeTables() {
        let document = table([
            "team": .table(table(["size": .integer(3)])),
            "name": .string("Alice"),
        ])
        #expect(TOMLWriter.write(document) == "name = \"Alice\"\n\n[team]\nsize = 3\n")
    }

    @Test("an array of tables becomes one [[header]] per element")
    func arrayOfTables() {
        let hooks = TOMLArray([.table(table(["on": .string("overdue")])), .table(TOMLTable())])
        #expect(TOMLWriter.write(table(["hook": .array(hooks)])) == "[[hook]]\non = \"overdue\"\n\n[[hook]]\n")
    }

    @Test("an empty table gets its header; a table of tables needs none")
    func headersOnlyWhereNeeded() {
        let document = table([
            "empty": .table(TOMLTable()),
            "a": .table(table(["b": .table(table(["c": .integer(1)]))])),
        ])
        #expect(TOMLWriter.write(document) == "[empty]\n\n[a.b]\nc = 1\n")
    }

    @Test("sub-tables of an array element are written under the element's path")
    func tablesInsideArrayElements() {
        let element = table(["x": .integer(1), "sub": .table(table(["y": .integer(2)])),
                             "inner": .array(TOMLArray([.table(table(["z": .integer(3)]))]))])
        let document = table(["outer": .array(TOMLArray([.table(element)]))])
        #expect(TOMLWriter.write(document)
            == "[[outer]]\nx = 1\n\n[outer.sub]\ny = 2\n\n[[outer.inner]]\nz = 3\n")
    }

    @Test("header paths quote the segments that need it")
    func quotedHeaderPath() {
        let document = table(["a b": .table(table(["": .table(table(["k": .integer(1)]))]))])
        #expect(TOMLWriter.write(document) == "[\"a b\".\"\"]\nk = 1\n")
    }

    @Test("an array holding tables and other values stays inline")
    func mixedArrayStaysInline() {
        let mixed = TOMLArray([.table(table(["a": .integer(1)])), .integer(2)])
        #expect(TOMLWriter.write(table(["m": .array(mixed)])) == "m = [{ a = 1 }, 2]\n")
    }
}
