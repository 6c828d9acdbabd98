import OneOnOne
import TOML

/// Turns the records of `history.toml` into a `History`, checking every
/// record against its `RecordSchema`: unknown keys, wrong types, bad dates,
/// a mood outside 1–5, an unknown owner or touch kind — and across records:
/// a touch of an unknown action, a reused action id.
struct HistoryDecoder {
    static let schemas: [RecordSchema] = [.met, .unmet, .action, .touch]

    /// The members of the config; records naming anyone else are reported
    /// as warnings. Nil skips the check.
    var members: Set<String>?

    func decode(_ root: TOMLTable, _ reader: inout ValueReader) -> History {
        let records = reader.records(in: root, kinds: Self.schemas.map(\.kind))
        var named = MemberCheck(members: members)

        var meetings: [Meeting] = []
        var lines: [Int] = []
        // The records of each member and day, by index: one that repeats
        // another exactly (a command run twice) is worth a warning. Keyed
        // by member and day, so that only records of one day are compared.
        var sameDay: [DayKey: [Int]] = [:]
        for table in records["met"] ?? [] {
            let v = RecordValues(table, .met, &reader)
            guard v.complete, let member = v.string("member"), let date = v.date("on") else { continue }
            named.note(member, in: table)
            let meeting = Meeting(member: member, date: date, note: v.string("note"), topics: v.strings("topics") ?? [],
                                  mood: v.integer("mood"), source: v.string("source"), uid: v.string("uid"),
                                  start: v.instant("start"))
            let day = DayKey(member: member, day: date.daysSinceEpoch)
            if let first = sameDay[day]?.first(where: { meetings[$0] == meeting }) {
                reader.report(.warning, at: table.position,
                              "this [[met]] repeats the one on line \(lines[first]) exactly (kept; delete one if it was recorded twice)")
            }
            sameDay[day, default: []].append(meetings.count)
            meetings.append(meeting)
            lines.append(table.position.line)
        }
        // An [[unmet]] takes back the last [[met]] before it of that member
        // and day.
        var undone = Set<Int>()
        for table in records["unmet"] ?? [] {
            let v = RecordValues(table, .unmet, &reader)
            guard v.complete, let member = v.string("member"), let date = v.date("on") else { continue }
            let line = table.position.line
            guard let i = meetings.indices.last(where: { !undone.contains($0) && meetings[$0].member == member
                && meetings[$0].date == date && lines[$0] < line }) else {
                reader.report(.warning, at: table.position, "this [[unmet]] takes back no [[met]] of '\(member)' on \(date) before it")
                continue
            }
            undone.insert(i)
        }
        if !undone.isEmpty { meetings = meetings.indices.filter { !undone.contains($0) }.map { meetings[$0] } }
        var actions: [ActionItem] = []
        // Each id with its item's place in `actions` (nil when the record is
        // broken: its touches are not reported again) and the line of its record.
        var index: [String: (slot: Int?, line: Int)] = [:]
        for table in records["action"] ?? [] {
            let v = RecordValues(table, .action, &reader)
            guard let id = v.string("id") else { continue }
            if let first = index[id] {
                reader.report(at: table.entry("id")!.valuePosition,
                              "action id '\(id)' is already used on line \(first.line); every action item needs an id of its own")
                continue
            }
            guard v.complete, let member = v.string("member"), let text = v.string("text"),
                  let created = v.date("created")
            else {
                index[id] = (nil, table.position.line)
                continue
            }
            index[id] = (actions.count, table.position.line)
            named.note(member, in: table)
            // A hand-written item without an owner is the manager's own.
            let owner = v.string("owner").flatMap(Owner.init(rawValue:)) ?? .me
            actions.append(ActionItem(id: id, member: member, text: text, owner: owner, due: v.date("due"),
                                      created: created))
        }

        var suggestionsLeft = 10
        for table in records["touch"] ?? [] {
            let v = RecordValues(table, .touch, &reader)
            guard let id = v.string("action") else { continue }
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
            guard v.complete, let slot = known.slot, let kind = v.string("kind").flatMap(Touch.Kind.init(rawValue:)),
                  let date = v.date("on")
            else { continue }
            let clearsDue = v.string("clear") == "due"
            if clearsDue && v.date("due") != nil {
                reader.report(at: table.entry("clear")!.valuePosition, "[[touch]] both sets 'due' and clears it; keep one of them")
                continue
            }
            let touch = Touch(kind: kind, date: date, note: v.string("note"), text: v.string("text"), due: v.date("due"),
                              owner: v.string("owner").flatMap(Owner.init(rawValue:)), clearsDue: clearsDue)
            actions[slot] = touch.applied(to: actions[slot])
        }
        named.warn(&reader)
        // History puts each member's 1:1s oldest first; the file's order
        // breaks ties.
        var history = History(meetings: meetings, actions: actions)
        history.takenBack = undone.count
        return history
    }
}

/// A member and a day (`daysSinceEpoch`).
private struct DayKey: Hashable {
    let member: String
    let day: Int
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
