/// Renders tables and values as TOML 1.0.0 text that `TOMLParser` reads
/// back to an equal value.
public enum TOMLWriter {
    /// A whole document.
    ///
    /// Keys come in table order; within each table, its plain and inline
    /// values come first and its sub-tables after them, as `[a.b]` sections,
    /// since a key written after a header would belong to that header's
    /// table. An array whose elements are all tables is written as `[[a]]`
    /// sections; other arrays and tables nested inside arrays are inline.
    ///
    /// - Parameter table: the root table.
    /// - Returns: the document, ending in a newline unless it is empty.
    public static func write(_ table: TOMLTable) -> String {
        var out = TextBuffer()
        writeSection(table, path: "", into: &out)
        return out.string
    }

    /// One value rendered inline: strings as basic strings with escapes,
    /// floats exactly (`inf`, `-inf`, `nan` included), dates and times in
    /// their canonical form, arrays as `[…]` and tables as `{ … }`.
    public static func inline(_ value: TOMLValue) -> String {
        var out = TextBuffer()
        writeInline(value, into: &out)
        return out.string
    }

    /// A key: bare when it is made only of A-Z a-z 0-9 _ -, otherwise a
    /// quoted basic string.
    public static func key(_ key: String) -> String {
        if isBare(key) { return key }
        var out = TextBuffer()
        out.writeQuoted(key)
        return out.string
    }

    /// Whether `key` can be written without quotes.
    static func isBare(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy(ASCII.isBareKey)
    }

    // MARK: Sections

    /// Whether `value` is written as a section of its own: a table, or an
    /// array of tables (non-empty, and nothing but tables).
    private static func isSection(_ value: TOMLValue) -> Bool {
        switch value {
        case .table: return true
        case .array(let array): return isTableArray(array)
        default: return false
        }
    }

    private static func isTableArray(_ array: TOMLArray) -> Bool {
        !array.elements.isEmpty && array.elements.allSatisfy {
            if case .table = $0 { return true }
            return false
        }
    }

    /// The body of the table at `path` (empty for the root): its own values,
    /// then its sub-tables and arrays of tables.
    private static func writeSection(_ table: TOMLTable, path: String, into out: inout TextBuffer) {
        let entries = table.entries
        for k in entries.indices where !isSection(entries[k].value) {
            out.write(key(entries[k].key))
            out.write(" = ")
            writeInline(entries[k].value, into: &out)
            out.write(ASCII.lineFeed)
        }
        for k in entries.indices {
            switch entries[k].value {
            case .table(let sub):
                let name = sectionName(path, entries[k].key)
                // A table holding only tables needs no header of its own:
                // the deeper headers create it.
                if sub.entries.isEmpty || sub.entries.contains(where: { !isSection($0.value) }) {
                    startSection("[", name, "]", into: &out)
                }
                writeSection(sub, path: name, into: &out)
            case .array(let array) where isTableArray(array):
                let name = sectionName(path, entries[k].key)
                for case .table(let element) in array.elements {
                    startSection("[[", name, "]]", into: &out)
                    writeSection(element, path: name, into: &out)
                }
            default:
                break
            }
        }
    }

    private static func sectionName(_ path: String, _ name: String) -> String {
        path.isEmpty ? key(name) : path + "." + key(name)
    }

    /// A header line, after a blank line unless it is the first line.
    private static func startSection(_ open: StaticString, _ name: String, _ close: StaticString,
                                     into out: inout TextBuffer) {
        if !out.bytes.isEmpty { out.write(ASCII.lineFeed) }
        out.write(open)
        out.write(name)
        out.write(close)
        out.write(ASCII.lineFeed)
    }

    // MARK: Inline values

    private static func writeInline(_ value: TOMLValue, into out: inout TextBuffer) {
        switch value {
        case .string(let s):
            out.writeQuoted(s)
        case .array(let array):
            out.write(ASCII.leftBracket)
            for (k, element) in array.elements.enumerated() {
                if k > 0 { out.write(", ") }
                writeInline(element, into: &out)
            }
            out.write(ASCII.rightBracket)
        case .table(let table):
            guard !table.entries.isEmpty else {
                out.write("{}")
                return
            }
            out.write("{ ")
            for (k, entry) in table.entries.enumerated() {
                if k > 0 { out.write(", ") }
                out.write(key(entry.key))
                out.write(" = ")
                writeInline(entry.value, into: &out)
            }
            out.write(" }")
        default:
            out.writeScalar(value)
        }
    }
}
