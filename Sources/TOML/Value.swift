/// A place in a TOML document: 1-based line and column.
///
/// Columns count Unicode scalars (not bytes), so that a caret drawn under the
/// line lands under the character a person sees.
///
/// Kept in two 32-bit numbers: every key and value of a document carries
/// two positions, and a document of a billion lines is refused long before.
public struct TOMLPosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    private var storedLine: Int32
    private var storedColumn: Int32

    /// The line, starting at 1.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    /// The column, starting at 1, in Unicode scalars.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    public static func < (a: TOMLPosition, b: TOMLPosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A local calendar date, as TOML writes it (`1979-05-27`).
///
/// Stored small (a history holds a date in nearly every record): the year
/// in 32 bits, month and day in 8.
public struct TOMLDate: Hashable, Sendable {
    private var storedYear: Int32
    private var storedMonth: Int8
    private var storedDay: Int8

    public var year: Int {
        get { Int(storedYear) }
        set { storedYear = Int32(clamping: newValue) }
    }

    public var month: Int {
        get { Int(storedMonth) }
        set { storedMonth = Int8(clamping: newValue) }
    }

    public var day: Int {
        get { Int(storedDay) }
        set { storedDay = Int8(clamping: newValue) }
    }

    public init(year: Int, month: Int, day: Int) {
        storedYear = Int32(clamping: year)
        storedMonth = Int8(clamping: month)
        storedDay = Int8(clamping: day)
    }
}

/// A local time of day with nanosecond precision (`07:32:00.999999`).
public struct TOMLTime: Hashable, Sendable {
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Fractional seconds, 0 ..< 1_000_000_000. Digits past the ninth are truncated.
    public var nanosecond: Int

    public init(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }
}

/// A date and time with no offset: a wall-clock reading in no particular zone.
public struct TOMLLocalDateTime: Hashable, Sendable {
    public var date: TOMLDate
    public var time: TOMLTime

    public init(date: TOMLDate, time: TOMLTime) {
        self.date = date
        self.time = time
    }
}

/// A date and time with a UTC offset: one instant (`1979-05-27T07:32:00-08:00`).
public struct TOMLOffsetDateTime: Hashable, Sendable {
    public var date: TOMLDate
    public var time: TOMLTime
    /// The offset from UTC in minutes; `Z` is 0.
    public var offsetMinutes: Int

    public init(date: TOMLDate, time: TOMLTime, offsetMinutes: Int) {
        self.date = date
        self.time = time
        self.offsetMinutes = offsetMinutes
    }
}

/// One TOML value.
///
/// Equality is semantic: positions are ignored, tables compare as unordered
/// maps, and a NaN float equals another NaN (so that `parse(write(x)) == x`
/// holds for every document).
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    // The larger payloads are boxed, so that a value is no bigger than a
    // string and a document's many small values stay small.
    indirect case offsetDateTime(TOMLOffsetDateTime)
    indirect case localDateTime(TOMLLocalDateTime)
    case localDate(TOMLDate)
    indirect case localTime(TOMLTime)
    indirect case array(TOMLArray)
    indirect case table(TOMLTable)

    public static func == (a: TOMLValue, b: TOMLValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.float(x), .float(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.boolean(x), .boolean(y)): return x == y
        case let (.offsetDateTime(x), .offsetDateTime(y)): return x == y
        case let (.localDateTime(x), .localDateTime(y)): return x == y
        case let (.localDate(x), .localDate(y)): return x == y
        case let (.localTime(x), .localTime(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.table(x), .table(y)): return x == y
        default: return false
        }
    }

    /// The name of the value's type as a person would say it in an error
    /// message: "string", "integer", "float", "boolean", "offset date-time",
    /// "local date-time", "local date", "local time", "array", "table".
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .offsetDateTime: "offset date-time"
        case .localDateTime: "local date-time"
        case .localDate: "local date"
        case .localTime: "local time"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// An array of values, with the position of each element in the source.
public struct TOMLArray: Sendable, Equatable {
    /// The elements in document order.
    public var elements: [TOMLValue]
    /// Where each element starts; same count as `elements`. Values built in
    /// code (not parsed) may use `TOMLPosition(line: 0, column: 0)`.
    public var positions: [TOMLPosition]
    /// Where the array starts (its `[`, or the first `[[` header for an
    /// array of tables).
    public var position: TOMLPosition

    public init(_ elements: [TOMLValue] = [], positions: [TOMLPosition]? = nil,
                position: TOMLPosition = TOMLPosition(line: 0, column: 0)) {
        self.elements = elements
        self.positions = positions ?? Array(repeating: TOMLPosition(line: 0, column: 0), count: elements.count)
        self.position = position
    }

    public static func == (a: TOMLArray, b: TOMLArray) -> Bool { a.elements == b.elements }
}

/// A table: keys in document order, each with where its key and value stand.
public struct TOMLTable: Sendable, Equatable {
    /// One key/value pair of a table.
    public struct Entry: Sendable {
        public var key: String
        public var value: TOMLValue
        /// Where the key is written (for dotted keys and table headers, the
        /// segment that names this entry).
        public var keyPosition: TOMLPosition
        /// Where the value starts (for a table created by a header, the header).
        public var valuePosition: TOMLPosition

        public init(key: String, value: TOMLValue, keyPosition: TOMLPosition, valuePosition: TOMLPosition) {
            self.key = key
            self.value = value
            self.keyPosition = keyPosition
            self.valuePosition = valuePosition
        }
    }

    /// Where the table is defined: its header, its `{`, or 1:1 for the root.
    public var position: TOMLPosition

    /// The entries in the order their keys first appear in the document.
    public internal(set) var entries: [Entry]

    /// Entry indices by key, for tables of more than `indexedFrom` entries;
    /// smaller ones (a record's handful of keys) are searched in order,
    /// which is quicker than hashing and allocates nothing.
    @usableFromInline var index: [String: Int]?

    /// From this many entries on, a table keeps an index.
    @usableFromInline static let indexedFrom = 12

    public init(position: TOMLPosition = TOMLPosition(line: 0, column: 0)) {
        self.position = position
        self.entries = []
        self.index = nil
    }

    /// The index of the first entry whose key is `key` (canonically
    /// equivalent, as `String` compares), or nil.
    @inlinable func find(_ key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    /// The value for `key`, or nil.
    @inlinable public subscript(key: String) -> TOMLValue? {
        guard let i = find(key) else { return nil }
        return entries[i].value
    }

    /// The entry for `key`, or nil.
    @inlinable public func entry(_ key: String) -> Entry? {
        guard let i = find(key) else { return nil }
        return entries[i]
    }

    /// Adds an entry at the end; its key must not be there yet.
    mutating func append(_ entry: Entry) {
        if index != nil {
            index![entry.key] = index![entry.key] ?? entries.count
        } else if entries.count + 1 >= Self.indexedFrom {
            var built: [String: Int] = Dictionary(minimumCapacity: entries.count + 1)
            for (i, e) in entries.enumerated() where built[e.key] == nil { built[e.key] = i }
            if built[entry.key] == nil { built[entry.key] = entries.count }
            index = built
        }
        entries.append(entry)
    }

    /// The keys in document order.
    public var keys: [String] { entries.map(\.key) }

    /// The number of entries.
    public var count: Int { entries.count }

    /// Sets `key` to `value`, replacing an existing entry in place or
    /// appending a new one at the end.
    public mutating func set(_ key: String, _ value: TOMLValue,
                             keyPosition: TOMLPosition = TOMLPosition(line: 0, column: 0),
                             valuePosition: TOMLPosition = TOMLPosition(line: 0, column: 0)) {
        if let i = find(key) {
            entries[i].value = value
        } else {
            append(Entry(key: key, value: value, keyPosition: keyPosition, valuePosition: valuePosition))
        }
    }

    public static func == (a: TOMLTable, b: TOMLTable) -> Bool {
        guard a.entries.count == b.entries.count else { return false }
        for e in a.entries {
            guard let v = b.value(exactlyFor: e.key), v == e.value else { return false }
        }
        return true
    }

    /// The value whose key has exactly the scalars of `key`. TOML keys
    /// compare scalar by scalar, but `index`, a `String` dictionary, also
    /// matches canonically equivalent keys ("é" and "e\u{301}"), which are
    /// two different keys in TOML.
    func value(exactlyFor key: String) -> TOMLValue? {
        guard let i = find(key) else { return nil }
        if entries[i].key.utf8.elementsEqual(key.utf8) { return entries[i].value }
        return entries.first { $0.key.utf8.elementsEqual(key.utf8) }?.value
    }
}
