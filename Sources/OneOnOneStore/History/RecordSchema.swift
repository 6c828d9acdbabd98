import OneOnOne
import TOML

/// What one kind of record in a record file holds: its `[[kind]]` name and
/// its fields, in the order the writer writes them. The one description the
/// decoders read records by (which keys exist, which are required, what
/// each holds), the writer writes them by, and `check` reports against.
struct RecordSchema: Sendable {
    /// What a field holds, and so how it is read and checked.
    enum Value: Sendable {
        /// A string that names something (a member key, an item id): not empty.
        case name
        /// Any string.
        case text
        /// A day, as a TOML local date: `on = 2026-11-10`.
        case date
        /// An instant, as a date-time with an offset: `2026-11-25T14:00:00Z`.
        case instant
        /// An array of strings: `topics = ["career"]`.
        case tags
        /// A whole number in a range: a mood is `Meeting.moods`.
        case integer(ClosedRange<Int>)
        /// One of a few words, e.g. an owner: me or them.
        case choice([String])
    }

    struct Field: Sendable {
        let key: String
        let value: Value
        let required: Bool
    }

    /// The record's name: `met` for `[[met]]`.
    let kind: String
    let fields: [Field]
    /// How the record is named in messages: `[[met]]`.
    let label: String
    /// One bit per required field, by its place in `fields`.
    let requiredMask: UInt32

    init(_ kind: String, _ fields: [(String, Value, required: Bool)]) {
        precondition(fields.count <= 32)
        self.kind = kind
        self.fields = fields.map { Field(key: $0.0, value: $0.1, required: $0.required) }
        label = "[[\(kind)]]"
        requiredMask = fields.enumerated().reduce(0) { $0 | ($1.element.required ? 1 << UInt32($1.offset) : 0) }
    }

    /// The keys the record may have, in the writer's order.
    var keys: [String] { fields.map(\.key) }

    /// The record as the writer renders it: the `[[kind]]` header, one
    /// `key = value` line per field that has a value, in the schema's
    /// order, and a blank line.
    ///
    /// - Parameter values: the record's values by key; every key must be
    ///   one of the schema's, and every required one must have a value.
    func render(_ values: [String: TOMLValue]) -> [UInt8] {
        precondition(values.keys.allSatisfy(keys.contains), "\(label) has no such key: \(values.keys.sorted())")
        var text = "[[\(TOMLWriter.key(kind))]]\n"
        for field in fields {
            if let value = values[field.key] {
                text += "\(TOMLWriter.key(field.key)) = \(TOMLWriter.inline(value))\n"
            } else {
                precondition(!field.required, "\(label) needs '\(field.key)'")
            }
        }
        text += "\n"
        return Array(text.utf8)
    }
}

extension RecordSchema {
    /// `[[met]]`: a 1:1 held.
    static let met = RecordSchema("met", [
        ("member", .name, required: true), ("on", .date, required: true), ("note", .text, required: false),
        ("topics", .tags, required: false), ("mood", .integer(Meeting.moods), required: false),
        ("source", .choice(["calendar"]), required: false), ("uid", .name, required: false),
        ("start", .instant, required: false),
    ])

    /// `[[unmet]]`: a 1:1 recorded by mistake, taken back (`met --undo`):
    /// the record before it of that member and day no longer counts. The
    /// history stays append-only, and the mistake stays readable.
    static let unmet = RecordSchema("unmet", [("member", .name, required: true), ("on", .date, required: true)])

    /// `[[action]]`: an action item written down.
    static let action = RecordSchema("action", [
        ("id", .name, required: true), ("member", .name, required: true), ("text", .text, required: true),
        ("owner", .choice(Owner.allCases.map(\.rawValue)), required: false), ("due", .date, required: false),
        ("created", .date, required: true),
    ])

    /// `[[touch]]`: what happened to an action item; an edit (`kind =
    /// "edited"`) also gives the new text, due date or owner, or takes the
    /// due date away (`clear = "due"`).
    static let touch = RecordSchema("touch", [
        ("action", .name, required: true), ("kind", .choice(Touch.Kind.allCases.map(\.rawValue)), required: true),
        ("on", .date, required: true), ("note", .text, required: false), ("text", .text, required: false),
        ("due", .date, required: false), ("owner", .choice(Owner.allCases.map(\.rawValue)), required: false),
        ("clear", .choice(["due"]), required: false),
    ])

    /// `[[fired]]`: a reminder key that fired, in the state directory's ledger.
    static let fired = RecordSchema("fired", [("key", .name, required: true), ("at", .instant, required: true)])

    /// `[[owed]]`: a reminder handed to a hook and not yet settled, in the
    /// state directory's `deliveries.toml`.
    static let owed = RecordSchema("owed", [
        ("key", .name, required: true), ("hook", .tags, required: true), ("at", .instant, required: true),
    ])

    /// `[[settled]]`: how an owed delivery ended: shown (the hook
    /// succeeded), failed (it gave up after its retries) or dropped (no
    /// longer true when it could be retried).
    static let settled = RecordSchema("settled", [
        ("key", .name, required: true), ("hook", .tags, required: true),
        ("outcome", .choice(Delivery.Outcome.allCases.map(\.rawValue)), required: true), ("at", .instant, required: true),
    ])

    /// `[[snooze]]`: a subject (a member key or an item id) put off until an instant.
    static let snooze = RecordSchema("snooze", [
        ("subject", .name, required: true), ("until", .instant, required: true),
    ])
}

/// One record as read, its values checked against its schema: each
/// accessor gives the value of a field that read well, else nil. Reading a
/// field by the wrong type is a programming error.
struct RecordValues {
    private let table: TOMLTable
    /// Keys whose values were reported bad; rare, so a plain list.
    private var bad: [String] = []
    /// Whether every required field is there and every value is good.
    private(set) var complete = true

    /// Reads `table` as a record of `schema`, reporting every unknown key,
    /// bad value and missing required field to `reader`.
    init(_ table: TOMLTable, _ schema: RecordSchema, _ reader: inout ValueReader) {
        self.table = table
        var seen: UInt32 = 0
        for entry in table.entries {
            guard let f = schema.fields.firstIndex(where: { $0.key == entry.key }) else {
                reader.unknownKey(entry, allowed: schema.keys, in: schema.label)
                continue
            }
            seen |= 1 << UInt32(f)
            if !reader.check(entry, holds: schema.fields[f].value, in: schema.label) {
                bad.append(entry.key)
                complete = false
            }
        }
        let missing = schema.requiredMask & ~seen
        guard missing != 0 else { return }
        complete = false
        for (f, field) in schema.fields.enumerated() where missing & (1 << UInt32(f)) != 0 {
            reader.report(at: table.position, "\(schema.label) has no '\(field.key)'")
        }
    }

    private func value(_ key: String) -> TOMLValue? {
        bad.contains(key) ? nil : table[key]
    }

    func string(_ key: String) -> String? {
        guard case .string(let s)? = value(key) else { return nil }
        return s
    }

    func date(_ key: String) -> LocalDate? {
        guard case .localDate(let d)? = value(key) else { return nil }
        return LocalDate(d)
    }

    func instant(_ key: String) -> Instant? {
        guard case .offsetDateTime(let t)? = value(key) else { return nil }
        return Instant(t)
    }

    func integer(_ key: String) -> Int? {
        guard case .integer(let n)? = value(key) else { return nil }
        return Int(n)
    }

    func strings(_ key: String) -> [String]? {
        guard case .array(let array)? = value(key) else { return nil }
        return array.elements.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }
}
