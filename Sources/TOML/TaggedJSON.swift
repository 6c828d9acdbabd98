/// The JSON form of a TOML document that the toml-test conformance suite
/// compares decoders by.
public enum TOMLTaggedJSON {
    /// The tagged JSON of a document.
    ///
    /// Tables become JSON objects with their keys in document order, arrays
    /// become JSON arrays, and every other value becomes
    /// `{"type": T, "value": TEXT}` where T is one of string, integer, float,
    /// bool, datetime, datetime-local, date-local, time-local and TEXT is the
    /// value's canonical text (see `TOMLWriter.inline`, without quotes for
    /// strings).
    ///
    /// - Parameter table: the root table.
    /// - Returns: compact JSON; non-ASCII characters are written as UTF-8.
    public static func encode(_ table: TOMLTable) -> String {
        var out = TextBuffer()
        writeTable(table, into: &out)
        return out.string
    }

    private static func writeTable(_ table: TOMLTable, into out: inout TextBuffer) {
        out.write(ASCII.leftBrace)
        let entries = table.entries
        for k in entries.indices {
            if k > 0 { out.write(ASCII.comma) }
            writeString(entries[k].key, into: &out)
            out.write(ASCII.colon)
            writeValue(entries[k].value, into: &out)
        }
        out.write(ASCII.rightBrace)
    }

    private static func writeValue(_ value: TOMLValue, into out: inout TextBuffer) {
        let type: StaticString
        switch value {
        case .table(let table):
            writeTable(table, into: &out)
            return
        case .array(let array):
            out.write(ASCII.leftBracket)
            let elements = array.elements
            for k in elements.indices {
                if k > 0 { out.write(ASCII.comma) }
                writeValue(elements[k], into: &out)
            }
            out.write(ASCII.rightBracket)
            return
        case .string(let s):
            out.write("{\"type\":\"string\",\"value\":")
            writeString(s, into: &out)
            out.write(ASCII.rightBrace)
            return
        case .integer: type = "integer"
        case .float: type = "float"
        case .boolean: type = "bool"
        case .offsetDateTime: type = "datetime"
        case .localDateTime: type = "datetime-local"
        case .localDate: type = "date-local"
        case .localTime: type = "time-local"
        }
        out.write("{\"type\":\"")
        out.write(type)
        out.write("\",\"value\":\"")
        out.writeScalar(value)
        out.write("\"}")
    }

    /// A JSON string. JSON escapes the same characters a TOML basic string
    /// does, the same way, so both use `TextBuffer.writeQuoted`.
    private static func writeString(_ text: String, into out: inout TextBuffer) {
        out.writeQuoted(text)
    }
}
