import ArgumentParser
import OneOnOne

/// `oneonone log MEMBER`: one person's timeline, newest first.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "One member's timeline: 1:1s with notes, moods and topics, and items, newest first.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The member.")
    var member: String

    @Option(name: [.customShort("n"), .customLong("max-count")], help: "Show only the newest N events.")
    var maxCount: Int?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Flag(name: .customLong("no-pager"), help: "Do not page the output on a terminal.")
    var noPager = false

    func validate() throws {
        if let maxCount, maxCount < 1 { throw ValidationError("-n/--max-count takes a number of events from 1 up, found \(maxCount)") }
    }

    func run() throws {
        let workspace = try Workspace(store)
        let who = try workspace.member(member)
        let history = try workspace.loadHistory()
        var events = history.timeline(of: who.key)
        let total = events.count
        if let maxCount { events = Array(events.prefix(maxCount)) }
        if json {
            print(JSON.array(events.map(Self.json)).rendered())
            return
        }
        let term = Terminal()
        let today = workspace.today
        let meetings = history.meetings(with: who.key)
        let open = history.actions(of: who.key).filter { $0.status == .open }.count
        var out = term.bold("\(who.name.visible) (\(who.key.visible))") + " — "
            + "\(meetings.count) 1:1\(meetings.count == 1 ? "" : "s")"
            + (meetings.last.map { ", last \(DateText.withWeekday($0.date, today: today))" } ?? "")
            + "; \(open) open item\(open == 1 ? "" : "s")\n"
        if events.isEmpty { out += "\nNothing recorded yet: oneonone met \(who.key.visible) records a 1:1.\n" }
        var day: LocalDate?
        for event in events {
            if event.date != day {
                out += "\n" + term.bold(DateText.withWeekday(event.date, today: today)) + "\n"
                day = event.date
            }
            out += Self.lines(event, today: today, term: term).map { $0 + "\n" }.joined()
        }
        if events.count < total { out += "\n… \(total - events.count) older events (without -n to see them all)\n" }
        Pager.show(out, enabled: !noPager)
    }

    /// An event as the timeline shows it: a line, and its note indented.
    static func lines(_ event: TimelineEvent, today: LocalDate, term: Terminal) -> [String] {
        func note(_ text: String?) -> [String] {
            (text?.split(separator: "\n", omittingEmptySubsequences: false) ?? []).map { "      " + String($0).visible }
        }
        switch event.kind {
        case .met(let m):
            var head = "  1:1 held"
            if let mood = m.mood { head += " · mood \(mood)/\(Meeting.moods.upperBound)" }
            if !m.topics.isEmpty { head += " · topics: " + m.topics.map(\.visible).joined(separator: ", ") }
            if m.source == "calendar" { head += term.dim(" · from the calendar") }
            return [head] + note(m.note)
        case .added(let item):
            var details = [item.owner == .me ? "you" : "them"]
            if let due = item.due { details.append("due \(DateText.short(due, today: today))") }
            return ["  + [\(item.id.visible)] \(item.text.visible) (\(details.joined(separator: ", ")))"]
        case .touched(let item, let touch):
            let mark: String
            switch touch.kind {
            case .done: mark = term.green("✓ done")
            case .dropped: mark = term.dim("✗ dropped")
            case .reopened: mark = "↺ reopened"
            case .updated: mark = "· progress"
            case .edited: mark = "✎ edited"
            }
            var changes: [String] = []
            if touch.kind == .edited {
                if let text = touch.text { changes.append("text: \(text.visible)") }
                if let due = touch.due { changes.append("due \(DateText.short(due, today: today))") }
                if touch.clearsDue { changes.append("no due date") }
                if let owner = touch.owner { changes.append("owner \(owner == .me ? "you" : "them")") }
            }
            return ["  \(mark) [\(item.id.visible)] \(item.text.visible)" + (changes.isEmpty ? "" : " — " + changes.joined(separator: ", "))]
                + note(touch.note)
        }
    }

    static func json(_ event: TimelineEvent) -> JSON {
        var fields: [(String, JSON)] = [("date", .string(event.date.description)), ("event", .string(event.name))]
        switch event.kind {
        case .met(let m):
            fields += [("note", m.note.map { .string($0) } ?? .null), ("topics", .array(m.topics.map { .string($0) })),
                       ("mood", m.mood.map { .int($0) } ?? .null), ("source", m.source.map { .string($0) } ?? .null)]
        case .added(let item):
            fields.append(("item", .object(ActionCommand.fields(item))))
        case .touched(let item, let touch):
            fields += [("item", .object(ActionCommand.fields(item))), ("note", touch.note.map { .string($0) } ?? .null)]
            if touch.kind == .edited {
                fields.append(("changes", .object([
                    ("text", touch.text.map { .string($0) } ?? .null),
                    ("due", touch.due.map { .string($0.description) } ?? .null),
                    ("owner", touch.owner.map { .string($0.rawValue) } ?? .null),
                    ("due_removed", .bool(touch.clearsDue)),
                ])))
            }
        }
        return .object(fields)
    }
}
