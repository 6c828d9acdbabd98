import OneOnOne
import TOML

/// Turns the records of `history.toml` into a `History`, checking every
/// record: unknown keys, wrong types, bad dates, a mood outside 1–5, an
/// unknown owner or touch kind, a touch of an unknown action, a reused
/// action id.
///
/// One linear pass over the parsed records: actions are found by id through
/// a dictionary, so a history of hundreds of thousands of records reads in
/// the time it takes to parse.
struct HistoryDecoder {
    static let kinds = ["met", "action", "touch"]
    static let meetingKeys = ["member", "on", "note", "topics", "mood"]
    static let actionKeys = ["id", "member", "text", "owner", "due", "created"]
    static let touchKeys = ["action", "kind", "on", "note"]

    /// The members of the config; records naming anyone else are reported
    /// as warnings. Nil skips the check.
    var members: Set<String>?
    /// Whether to keep the notes of 1:1s and touches (see
    /// `HistoryStore.load(notes:)`); checked either way.
    var notes = true

    func decode(_ root: TOMLTable, _ reader: inout ValueReader) -> History {
        let records = reader.records(in: root, kinds: Self.kinds)
        var named = MemberCheck(members: members)

        var meetings: [Meeting] = []
        meetings.reserveCapacity(records["met"]?.count ?? 0)
        for table in records["met"] ?? [] {
            guard let meeting = Self.meeting(table, &reader, notes: notes) else { continue }
            named.note(meeting.member, in: table)
            meetings.append(meeting)
        }
        var actions: [ActionItem] = []
        // Each id with its item's place in `actions` (nil when the record is
        // broken: its touches are not reported again) and the line of its record.
        var index: [String: (slot: Int?, line: Int)] = [:]
        for table in records["action"] ?? [] {
            let (id, action) = Self.action(table, &reader)
            guard let id else { continue }
            if let first = index[id] {
                reader.report(at: table.entry("id")!.valuePosition,
                              "action id '\(id)' is already used on line \(first.line); every action item needs an id of its own")
                continue
            }
            index[id] = (action == nil ? nil : actions.count, table.position.line)
            if let action {
                named.note(action.member, in: table)
                actions.append(action)
            }
        }

        var suggestionsLeft = 10
        for table in records["touch"] ?? [] {
            let (id, touch) = Self.touch(table, &reader, notes: notes)
            guard let id else { continue }
            guard let known = index[id] else {
                // Suggesting scans every id; a file with thousands of bad
                // touches gets hints on the first few only.
                let hint = suggestionsLeft > 0 ? Suggestion.closest(to: id, in: index.keys) : nil
                suggestionsLeft -= 1
                reader.report(at: table.entry("action")!.valuePosition,
                              "[[touch]] names action '\(id)', which no [[action]] record has"
                                  + (hint.map { "; did you mean '\($0)'?" } ?? ""))
                continue
            }
            if let slot = known.slot, let touch { actions[slot].touches.append(touch) }
        }
        named.warn(&reader)
        // History puts each member's 1:1s oldest first; the file's order
        // breaks ties.
        return History(meetings: meetings, actions: actions)
    }

    static func meeting(_ table: TOMLTable, _ reader: inout ValueReader, notes: Bool) -> Meeting? {
        let record = "[[met]]"
        var member: String?, date: LocalDate?, note: String?, topics: [String]?, mood: Int?
        for entry in table.entries {
            switch entry.key {
            case "member": member = reader.name(entry, in: record)
            case "on": date = reader.date(entry, in: record)
            case "note": note = reader.string(entry, in: record)
            case "topics": topics = reader.strings(entry, in: record, expected: "an array of strings like [\"career\"]")
            case "mood": mood = reader.integer(entry, in: record, range: 1...5)
            default: reader.unknownKey(entry, allowed: meetingKeys, in: record)
            }
        }
        guard let member, let date else {
            reader.reportMissing(["member", "on"], in: table, record: record)
            return nil
        }
        return Meeting(member: member, date: date, note: notes ? note : nil, topics: topics ?? [], mood: mood)
    }

    /// The action's id when it is readable (so that its touches are not
    /// reported as touching nothing), and the action when it is complete.
    static func action(_ table: TOMLTable, _ reader: inout ValueReader) -> (id: String?, item: ActionItem?) {
        let record = "[[action]]"
        var id: String?, member: String?, text: String?, owner: Owner?, due: LocalDate?, created: LocalDate?
        for entry in table.entries {
            switch entry.key {
            case "id": id = reader.name(entry, in: record)
            case "member": member = reader.name(entry, in: record)
            case "text": text = reader.string(entry, in: record)
            case "owner": owner = reader.choice(entry, in: record)
            case "due": due = reader.date(entry, in: record)
            case "created": created = reader.date(entry, in: record)
            default: reader.unknownKey(entry, allowed: actionKeys, in: record)
            }
        }
        guard let id, let member, let text, let created else {
            reader.reportMissing(["id", "member", "text", "created"], in: table, record: record)
            return (id, nil)
        }
        // A hand-written item without an owner is the manager's own. (A bad
        // owner or due date is reported already, and fails the whole read.)
        return (id, ActionItem(id: id, member: member, text: text, owner: owner ?? .me, due: due, created: created))
    }

    /// The id the touch names when it is readable, and the touch when it is
    /// complete.
    static func touch(_ table: TOMLTable, _ reader: inout ValueReader, notes: Bool) -> (id: String?, touch: Touch?) {
        let record = "[[touch]]"
        var id: String?, kind: Touch.Kind?, date: LocalDate?, note: String?
        for entry in table.entries {
            switch entry.key {
            case "action": id = reader.name(entry, in: record)
            case "kind": kind = reader.choice(entry, in: record)
            case "on": date = reader.date(entry, in: record)
            case "note": note = reader.string(entry, in: record)
            default: reader.unknownKey(entry, allowed: touchKeys, in: record)
            }
        }
        guard let id, let kind, let date else {
            reader.reportMissing(["action", "kind", "on"], in: table, record: record)
            return (id, nil)
        }
        return (id, Touch(kind: kind, date: date, note: notes ? note : nil))
    }
}

/// Records naming members the config does not have: kept (the member may
/// come back), but worth a warning, once per member.
private struct MemberCheck {
    let members: Set<String>?
    var strangers: [String: (count: Int, first: TOMLPosition)] = [:]

    mutating func note(_ member: String, in table: TOMLTable) {
        guard let members, !members.contains(member) else { return }
        let position = table.entry("member")?.valuePosition ?? table.position
        strangers[member, default: (0, position)].count += 1
    }

    func warn(_ reader: inout ValueReader) {
        for (member, seen) in strangers.sorted(by: { $0.value.first < $1.value.first }) {
            let suggestion = members.flatMap { Suggestion.closest(to: member, in: $0) }.map { "; did you mean '\($0)'?" } ?? ""
            let count = seen.count == 1 ? "a record" : "\(seen.count) records"
            reader.report(.warning, at: seen.first,
                          "\(count) for member '\(member)', who is not in the config (kept, but ignored)\(suggestion)")
        }
    }
}
