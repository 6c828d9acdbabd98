/// A table while the document is still being read.
///
/// TOML lets a later line add to a table opened earlier (`[a.b]` after
/// `[a]`, the next `[[a]]` element, dotted keys), so tables that can still
/// grow are reference-typed nodes; values that can no longer change (scalars,
/// static arrays, inline tables) are stored as finished `TOMLValue`s in
/// `table` right away. The node also remembers how its table came to be,
/// which decides what may still be added to it and how.
///
/// Node fields are marked `@exclusivity(unchecked)`: the parser is
/// single-threaded and never holds an access to them across a call, and the
/// runtime's dynamic exclusivity checks on class properties otherwise cost a
/// noticeable share of the parse.
final class TableNode {
    /// How a table was created.
    enum Kind {
        /// Created on the way to a deeper header (`a` for `[a.b]`); a later
        /// `[a]` may still define it, once.
        case implicit
        /// Defined by its own `[header]` (or the root); never again by a
        /// header, and never extended by dotted keys from elsewhere.
        case header
        /// One element of an array of tables, defined by its `[[header]]`.
        case element
        /// Created by a dotted key in the given section (each header starts a
        /// new section; each inline table is a section of its own). Only
        /// dotted keys of that same section may add to it, and no header may
        /// define it.
        case dotted(section: Int)
    }

    /// A sub-table or array of tables that can still grow.
    enum Child {
        case table(TableNode)
        case array(TableArrayNode)
    }

    /// The entries so far. An entry whose table or array of tables is still
    /// open holds a placeholder value until `finish()`.
    @exclusivity(unchecked) var table: TOMLTable
    @exclusivity(unchecked) var kind: Kind
    /// The open sub-tables and arrays of tables, by entry index. It stops at
    /// the last entry that has one, so tables of plain values never
    /// allocate it.
    @exclusivity(unchecked) private var children: [Child?] = []
    /// Keys spelled with different scalars than an earlier, canonically
    /// equivalent key of this table ("é" after "e\u{301}"). TOML compares
    /// keys scalar by scalar, but `String` (and so `table.index`) compares
    /// them by canonical equivalence; such keys are indexed here instead.
    @exclusivity(unchecked) private var aliases: [ExactKey: Int] = [:]
    /// The sub-table most recently created by a header, and how many entries
    /// the one before it ended up with: sibling sections tend to look alike,
    /// so the next one reserves that much room up front.
    @exclusivity(unchecked) private var lastSection: TableNode?
    @exclusivity(unchecked) private var sectionSizeHint = 0

    /// - Parameter capacity: how many entries to make room for.
    init(_ table: TOMLTable, kind: Kind, capacity: Int = 0) {
        self.table = table
        self.kind = kind
        reserve(capacity: capacity)
    }

    /// Makes a finished node into a new, empty one.
    func reset(_ table: TOMLTable, kind: Kind, capacity: Int) {
        self.table = table
        self.kind = kind
        aliases = [:]
        lastSection = nil
        reserve(capacity: capacity)
    }

    private func reserve(capacity: Int) {
        if capacity > 0 { table.entries.reserveCapacity(capacity) }
    }

    /// The number of entries so far.
    var count: Int { table.entries.count }

    /// The open child at entry `index`, if there is one.
    @inline(__always)
    func child(at index: Int) -> Child? {
        index < children.count ? children[index] : nil
    }

    /// The index of the entry whose key is exactly `key`, scalar for scalar.
    func lookup(_ key: String) -> Int? {
        guard let index = table.find(key) else { return nil }
        if ExactKey.same(table.entries[index].key, key) { return index }
        return aliases[ExactKey(key)]
    }

    /// Whether `key` is new to the table: no entry has exactly its scalars.
    /// An entry canonically equivalent to it but spelled otherwise makes it
    /// an alias, found by `lookup` from then on. `append` must add it next.
    @inline(__always)
    func reserve(_ key: String) -> Bool {
        guard let existing = table.find(key) else { return true }
        if ExactKey.same(table.entries[existing].key, key) { return false }
        let n = table.entries.count
        var alias = n
        Self.inspect(&aliases[ExactKey(key), default: n]) { alias = $0 }
        return alias == n
    }

    @inline(__always)
    private static func inspect(_ value: inout Int, _ body: (Int) -> Void) { body(value) }

    /// Adds the entry whose key `reserve` just reserved.
    @inline(__always)
    func append(_ key: String, _ value: TOMLValue, keyPosition: TOMLPosition, valuePosition: TOMLPosition) {
        table.append(TOMLTable.Entry(key: key, value: value, keyPosition: keyPosition, valuePosition: valuePosition))
    }

    /// Adds an open sub-table under `key`, which must be new.
    func addTable(_ key: String, kind: Kind, keyPosition: TOMLPosition, position: TOMLPosition) -> TableNode {
        var capacity = 0
        if case .header = kind {
            if let last = lastSection { sectionSizeHint = last.count }
            capacity = sectionSizeHint
        }
        let node = TableNode(TOMLTable(position: position), kind: kind, capacity: capacity)
        if case .header = kind { lastSection = node }
        addChild(.table(node), key, keyPosition: keyPosition, valuePosition: position)
        return node
    }

    /// Adds an open array of tables under `key`, which must be new.
    func addTableArray(_ key: String, keyPosition: TOMLPosition, position: TOMLPosition) -> TableArrayNode {
        let array = TableArrayNode(position: position)
        addChild(.array(array), key, keyPosition: keyPosition, valuePosition: position)
        return array
    }

    private func addChild(_ child: Child, _ key: String, keyPosition: TOMLPosition, valuePosition: TOMLPosition) {
        let index = table.entries.count
        _ = reserve(key)
        append(key, .boolean(false), keyPosition: keyPosition, valuePosition: valuePosition)
        if children.count < index {
            children.append(contentsOf: repeatElement(nil, count: index - children.count))
        }
        children.append(child)
    }

    /// The finished table, every open child finished into it. The node is
    /// emptied, so the table it returns is uniquely referenced.
    func finish() -> TOMLTable {
        var result = TOMLTable()
        swap(&result, &table)
        lastSection = nil
        guard !children.isEmpty else { return result }
        var open: [Child?] = []
        swap(&open, &children)
        for index in open.indices {
            switch open[index] {
            case .table(let node)?:
                result.entries[index].value = .table(node.finish())
            case .array(let array)?:
                result.entries[index].value = .array(array.finish())
            case nil:
                break
            }
        }
        return result
    }
}

/// An array of tables while the document is still being read: `[[x]]`
/// appends an element, and `[x.y]` goes into the last one.
///
/// Only the last element can still grow, so the ones before it are kept
/// finished, and one node is reused for each new last element.
final class TableArrayNode {
    @exclusivity(unchecked) private var finished: [TOMLValue] = []
    @exclusivity(unchecked) private var positions: [TOMLPosition] = []
    /// The element that `[x.y]` and dotted keys in its section go into.
    @exclusivity(unchecked) private(set) var last: TableNode?
    /// The first `[[x]]` header.
    let position: TOMLPosition

    init(position: TOMLPosition) {
        self.position = position
    }

    /// Starts a new element at a `[[header]]` at `position`, with room for
    /// as many entries as the element before it has.
    func append(at position: TOMLPosition) -> TableNode {
        positions.append(position)
        guard let node = last else {
            let node = TableNode(TOMLTable(position: position), kind: .element)
            last = node
            return node
        }
        let capacity = node.count
        finished.append(.table(node.finish()))
        node.reset(TOMLTable(position: position), kind: .element, capacity: capacity)
        return node
    }

    func finish() -> TOMLArray {
        var elements: [TOMLValue] = []
        swap(&elements, &finished)
        if let node = last { elements.append(.table(node.finish())) }
        last = nil
        return TOMLArray(elements, positions: positions, position: position)
    }
}

/// A key compared and hashed by its exact scalars, as TOML compares keys.
struct ExactKey: Hashable {
    let key: String

    init(_ key: String) {
        self.key = key
    }

    /// Whether `a` and `b` are the same scalars. `==` is quick and rules
    /// most pairs out; only keys it calls equal get compared byte by byte.
    static func same(_ a: String, _ b: String) -> Bool {
        guard a == b else { return false }
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }

    static func == (a: ExactKey, b: ExactKey) -> Bool { same(a.key, b.key) }

    func hash(into hasher: inout Hasher) {
        for byte in key.utf8 { hasher.combine(byte) }
    }
}
