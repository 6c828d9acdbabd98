/// What may be defined where: the redefinition rules of TOML 1.0.0.
///
/// - A key is defined once, whatever the spelling (`a`, `"a"`, `'a'`).
/// - A `[header]` defines its table once. Tables created on the way to a
///   deeper header (`a` in `[a.b]`) may be defined by their own header later,
///   once. Headers may pass through any table, including one created by
///   dotted keys, but may not define a table that dotted keys created.
/// - Dotted keys create tables that only the same section's dotted keys may
///   add to; they may not add to a table some header defined.
/// - `[[a]]` appends to an array of tables and only to one; `[a.b]` and
///   `[[a.b]]` go into its last element.
/// - Inline tables and arrays are complete as written: nothing is added to
///   them afterwards by any means.
///
/// Where the specification leaves room (dotted keys passing through a table
/// created only on the way to a deeper header), the parser does what
/// Python's tomllib does: it allows it, and the table then counts as created
/// by those dotted keys.
extension Parser {
    /// The table a dotted key's non-final segment `key` names in `table`,
    /// creating it when it does not exist yet.
    mutating func enterDotted(_ table: TableNode, _ key: String, at offset: Int,
                              section: Int) throws(ParseFailure) -> TableNode {
        guard let index = table.lookup(key) else {
            let position = position(at: offset)
            return table.addTable(key, kind: .dotted(section: section), keyPosition: position, position: position)
        }
        switch table.child(at: index) {
        case .table(let node)?:
            switch node.kind {
            case .dotted(let created) where created == section:
                return node
            case .implicit:
                // From now on the table counts as written by these dotted keys.
                node.kind = .dotted(section: section)
                table.table.entries[index].keyPosition = position(at: offset)
                return node
            case .header, .element:
                throw ParseFailure("cannot add to table \(quoted(key)) with a dotted key: "
                    + "it is defined by its own header at \(node.table.position)", at: offset)
            case .dotted:
                throw ParseFailure("cannot add to table \(quoted(key)) here: it was created by dotted keys "
                    + "at \(table.table.entries[index].keyPosition) in another table section", at: offset)
            }
        case .array(let array)?:
            throw ParseFailure("cannot add to \(quoted(key)) with a dotted key: it is an array of tables "
                + "(first declared at \(array.position))", at: offset)
        case nil:
            throw notATable(table.table.entries[index], at: offset)
        }
    }

    /// The table a header's non-final segment `key` names in `table`: an
    /// existing table, the last element of an array of tables, or a new
    /// implicitly created table.
    mutating func enterForHeader(_ table: TableNode, _ key: String, at offset: Int,
                                 header: TOMLPosition) throws(ParseFailure) -> TableNode {
        guard let index = table.lookup(key) else {
            return table.addTable(key, kind: .implicit, keyPosition: position(at: offset), position: header)
        }
        switch table.child(at: index) {
        case .table(let node)?: return node
        case .array(let array)?: return array.last!
        case nil: throw notATable(table.table.entries[index], at: offset)
        }
    }

    /// Defines the table a `[header]` names with its last segment `key`.
    mutating func defineTable(in table: TableNode, _ key: String, at offset: Int,
                              header: TOMLPosition) throws(ParseFailure) -> TableNode {
        guard let index = table.lookup(key) else {
            return table.addTable(key, kind: .header, keyPosition: position(at: offset), position: header)
        }
        switch table.child(at: index) {
        case .table(let node)?:
            switch node.kind {
            case .implicit:
                // From now on the table is where its own header says.
                node.kind = .header
                node.table.position = header
                table.table.entries[index].keyPosition = position(at: offset)
                table.table.entries[index].valuePosition = header
                return node
            case .header, .element:
                throw ParseFailure("table \(headerName(array: false)) is defined twice "
                    + "(first at \(node.table.position))", at: offset)
            case .dotted:
                throw ParseFailure("table \(headerName(array: false)) was already defined by dotted keys "
                    + "at \(table.table.entries[index].keyPosition)", at: offset)
            }
        case .array(let array)?:
            throw ParseFailure("\(headerName(array: false)) cannot define a table: \(quoted(key)) is an array "
                + "of tables (first \(headerName(array: true)) at \(array.position))", at: offset)
        case nil:
            throw notATable(table.table.entries[index], at: offset)
        }
    }

    /// Appends an element to the array of tables a `[[header]]` names with
    /// its last segment `key`, creating the array the first time.
    mutating func appendElement(in table: TableNode, _ key: String, at offset: Int,
                                header: TOMLPosition) throws(ParseFailure) -> TableNode {
        guard let index = table.lookup(key) else {
            return table.addTableArray(key, keyPosition: position(at: offset), position: header).append(at: header)
        }
        switch table.child(at: index) {
        case .array(let array)?:
            return array.append(at: header)
        case .table(let node)?:
            throw ParseFailure("\(headerName(array: true)) cannot append to \(quoted(key)): it is a table "
                + "(defined at \(node.table.position))", at: offset)
        case nil:
            let entry = table.table.entries[index]
            if case .array = entry.value {
                throw ParseFailure("\(headerName(array: true)) cannot append to \(quoted(key)): it is a static "
                    + "array (defined at \(entry.keyPosition)), and arrays are complete as written", at: offset)
            }
            throw notATable(entry, at: offset)
        }
    }

    /// The error for using an existing value as if it were a table.
    func notATable(_ entry: TOMLTable.Entry, at offset: Int) -> ParseFailure {
        let name = quoted(entry.key)
        switch entry.value {
        case .table:
            return ParseFailure("cannot add to inline table \(name) (defined at \(entry.keyPosition)): "
                + "an inline table is complete as written", at: offset)
        case .array:
            return ParseFailure("\(name) is an array (defined at \(entry.keyPosition)), not a table", at: offset)
        default:
            return ParseFailure("\(name) is already \(article(entry.value.typeName)) "
                + "(defined at \(entry.keyPosition)), not a table", at: offset)
        }
    }

    private func article(_ noun: String) -> String {
        (noun.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + noun
    }
}
