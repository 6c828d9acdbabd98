import ArgumentParser
import OneOnOne

/// `oneonone action …`: the follow-ups agreed in 1:1s.
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Add, list and close action items from 1:1s.",
        subcommands: [Add.self, List.self, Edit.self, Done.self, Drop.self, Touch.self, Reopen.self])

    /// Reads `--owner`: `me` or `them`, in any case.
    static func owner(_ text: String) throws(Failure) -> Owner {
        guard let owner = Owner(rawValue: text.lowercased()) else {
            throw Failure("error: --owner is 'me' or 'them', found '\(text.visible)'")
        }
        return owner
    }

    /// An item as `--json` gives it, in `action list` and `log`.
    static func fields(_ item: ActionItem) -> [(String, JSON)] {
        [("id", .string(item.id)), ("member", .string(item.member)), ("text", .string(item.text)),
         ("owner", .string(item.owner.rawValue)), ("due", item.due.map { .string($0.description) } ?? .null),
         ("created", .string(item.created.description))]
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Write down an action item.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The member it belongs to.") var member: String
        @Argument(help: "What has to be done.") var text: String
        @Option(name: .long, help: "When it should be done: 2026-11-20, today, tomorrow, mon…sun.") var due: String?
        @Option(name: .long, help: "Who does it: me or them.") var owner: String = "me"
        @Option(name: .long, help: "When it was agreed: 2026-11-20, today, yesterday, mon…sun.") var on: String = "today"
        @Flag(name: .long, help: "Record a day before the member joined or more than a year ago.") var force = false

        func run() throws {
            let workspace = try Workspace(store)
            let who = try workspace.member(member)
            guard let created = DateArgument.date(on, today: workspace.today) else { throw DateArgument.error(on, option: "--on") }
            let joined = who.since.map { (day: $0, what: "\(who.name) joined") }
            if let problem = RecordDates.problem(created, today: workspace.today, earliest: joined, force: force) {
                throw Failure("error: --on \(problem)")
            }
            let owner = try ActionCommand.owner(self.owner)
            let dueDate = try due.map { text throws(Failure) in try DateArgument.due(text, today: workspace.today) }
            let trimmed = text.trimmingSpaces()
            guard !trimmed.isEmpty else { throw Failure("error: the action item's text is empty") }
            let item: ActionItem
            do {
                item = try workspace.history.addAction(member: who.key, text: trimmed, owner: owner, due: dueDate,
                                                       created: created)
            } catch { throw Failure(error.description) }
            print("Added [\(item.id)] for \(who.name.visible): \(item.text.visible)"
                + (dueDate.map { ", due \(DateText.withWeekday($0, today: workspace.today))" } ?? "") + (owner == .them ? " (theirs)" : ""))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List open action items, stale first, then by due date.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Only this member's items.") var member: String?
        @Option(name: .long, help: "Only items owned by 'me' or 'them'.") var owner: String?
        @Flag(name: .long, help: "Only stale items.") var stale = false
        @Flag(name: .long, help: "Only done and dropped items, most recently closed first.") var done = false
        @Flag(name: .long, help: "Include done and dropped items.") var all = false
        @Flag(name: .long, help: "Print JSON.") var json = false

        /// One listed item, with what the listing sorts and shows it by.
        struct Row {
            let item: ActionItem
            let member: Member
            let staleness: Staleness?
            let isStale: Bool
        }

        func run() throws {
            let workspace = try Workspace(store)
            let history = try workspace.loadHistory()
            let only = try member.map { try workspace.member($0).key }
            let wantedOwner = try owner.map(ActionCommand.owner)
            let today = workspace.today
            var listed: [Row] = []
            for member in workspace.config.members where only == nil || only == member.key {
                let dates = Schedule(member: member, meetings: history.meetings(with: member.key),
                                     firstSeen: history.firstSeen[member.key], today: today).meetings.map(\.date)
                for item in history.actions(of: member.key) {
                    let open = item.status == .open
                    guard done ? !open : (all || open), wantedOwner == nil || item.owner == wantedOwner else { continue }
                    let staleness = item.staleness(settings: member.settings, away: member.away, meetingDates: dates, today: today)
                    let isStale = open && (staleness.map { $0.since <= today } ?? false)
                    if stale && !isStale { continue }
                    listed.append(Row(item: item, member: member, staleness: staleness, isStale: isStale))
                }
            }
            // Stale first, then open items by due date (undated last), then
            // closed ones, the most recently closed first.
            let far = LocalDate(year: 9999, month: 12, day: 31)!
            let sorted = listed.enumerated().sorted { a, b in
                func key(_ r: Row) -> (Int, LocalDate, Int) {
                    if let closed = r.item.closed { return (2, far, closed.days(to: far)) }
                    return (r.isStale ? 0 : 1, r.item.due ?? far, 0)
                }
                let (ka, kb) = (key(a.element), key(b.element))
                return (ka.0, ka.1, ka.2, a.offset) < (kb.0, kb.1, kb.2, b.offset)
            }.map(\.element)
            if json {
                print(JSON.array(sorted.map { r in
                    .object(ActionCommand.fields(r.item) + [
                        ("status", .string(r.item.status.rawValue)),
                        ("closed", r.item.closed.map { .string($0.description) } ?? .null),
                        ("stale", .bool(r.isStale)),
                        ("stale_reasons", .array((r.isStale ? r.staleness?.reasons ?? [] : []).map { .string($0.text) })),
                    ])
                }).rendered())
                return
            }
            if sorted.isEmpty {
                print(stale ? "No stale items." : done ? "No done or dropped items." : "No open items.")
                return
            }
            let showClosed = sorted.contains { $0.item.closed != nil }
            var rows: [[String]] = [["ID", "MEMBER", "OWNER", "DUE", "AGE", "STATE"] + (showClosed ? ["CLOSED"] : []) + ["ITEM"]]
            for r in sorted {
                let item = r.item
                // An item's age stops growing once it is closed.
                let age = item.created.days(to: item.closed ?? today)
                let state = item.status != .open ? item.status.rawValue : r.isStale ? "stale" : "open"
                rows.append([item.id.visible, r.member.key.visible, item.owner.rawValue,
                             item.due.map { DateText.short($0, today: today) } ?? "-", "\(age)d", state]
                            + (showClosed ? [item.closed.map { DateText.short($0, today: today) } ?? "-"] : [])
                            + [item.text.visible])
            }
            print(Terminal.table(rows, width: Terminal.width), terminator: "")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Change an item's text, due date or owner (kept as a record).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The item's id (see oneonone action list).") var id: String
        @Option(name: .long, help: "The new text.") var text: String?
        @Option(name: .long, help: "The new due date: 2026-11-20, today, tomorrow, mon…sun; none takes it away.") var due: String?
        @Option(name: .long, help: "The new owner: me or them.") var owner: String?

        func run() throws {
            guard text != nil || due != nil || owner != nil else {
                throw Failure("error: nothing to change: give --text, --due or --owner")
            }
            let workspace = try Workspace(store)
            let history = try workspace.loadHistory()
            let (id, item) = try TouchOptions.item(id, in: history)
            let newText = text.map { $0.trimmingSpaces() }
            if newText?.isEmpty == true { throw Failure("error: the action item's text is empty") }
            let noDue = due?.lowercased() == "none"
            let newDue = noDue ? nil : try due.map { text throws(Failure) in try DateArgument.due(text, today: workspace.today) }
            let newOwner = try owner.map(ActionCommand.owner)
            // Only what changes is written; an edit that changes nothing is no record.
            let touch = OneOnOne.Touch(kind: .edited, date: workspace.today,
                                       text: newText == item.text ? nil : newText,
                                       due: newDue == item.due ? nil : newDue,
                                       owner: newOwner == item.owner ? nil : newOwner,
                                       clearsDue: noDue && item.due != nil)
            guard touch.text != nil || touch.due != nil || touch.owner != nil || touch.clearsDue else {
                print("[\(id.visible)] already reads so: nothing changed")
                return
            }
            do { try workspace.history.touch(actionID: id, touch) } catch { throw Failure(error.description) }
            let edited = touch.applied(to: item)
            var changes: [String] = []
            if touch.text != nil { changes.append("text") }
            if let d = touch.due { changes.append("due \(DateText.withWeekday(d, today: workspace.today))") }
            if touch.clearsDue { changes.append("no due date") }
            if let o = touch.owner { changes.append(o == .me ? "yours" : "theirs") }
            print("Edited [\(id.visible)] (\(changes.joined(separator: ", "))): \(edited.text.visible)")
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark an item done.")
        @OptionGroup var touch: TouchOptions
        func run() throws { try touch.apply(.done, verb: "Done") }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "drop", abstract: "Drop an item that will not be done.")
        @OptionGroup var touch: TouchOptions
        func run() throws { try touch.apply(.dropped, verb: "Dropped") }
    }

    struct Touch: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "touch", abstract: "Note progress on an item (restarts its stale clock).")
        @OptionGroup var touch: TouchOptions
        func run() throws { try touch.apply(.updated, verb: "Touched") }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Open a done or dropped item again.")
        @OptionGroup var touch: TouchOptions
        func run() throws { try touch.apply(.reopened, verb: "Reopened") }
    }
}

/// The arguments shared by done, drop, touch and reopen.
struct TouchOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Argument(help: "The item's id (see oneonone action list).") var id: String
    @Option(name: .long, help: "A note on what happened.") var note: String?
    @Option(name: .long, help: "When: 2026-11-20, today, yesterday, mon…sun.") var on: String = "today"
    @Flag(name: .long, help: "Record a day more than a year ago.") var force = false

    /// The item `text` names (`4` or `[4]`), with its id.
    static func item(_ text: String, in history: History) throws(Failure) -> (String, ActionItem) {
        let id = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        guard let item = history.action(id) else {
            let hint = Suggestion.closest(to: id, in: history.actions.map(\.id)).map { " Did you mean '\($0)'?" } ?? ""
            throw Failure("error: no action item '\(id.visible)'.\(hint) See: oneonone action list")
        }
        return (id, item)
    }

    func apply(_ kind: OneOnOne.Touch.Kind, verb: String) throws {
        let workspace = try Workspace(store)
        guard let date = DateArgument.date(on, today: workspace.today) else { throw DateArgument.error(on, option: "--on") }
        let history = try workspace.loadHistory()
        let (id, item) = try Self.item(self.id, in: history)
        let written = (day: item.created, what: "the item was written down")
        if let problem = RecordDates.problem(date, today: workspace.today, earliest: written, force: false)
            ?? (force ? nil : RecordDates.problem(date, today: workspace.today)) {
            throw Failure("error: --on \(problem)")
        }
        switch (kind, item.status) {
        case (.done, .done), (.dropped, .dropped):
            throw Failure("error: [\(id)] is already \(item.status.rawValue)")
        case (.reopened, .open):
            throw Failure("error: [\(id)] is already open")
        case (.updated, .done), (.updated, .dropped):
            throw Failure("error: [\(id)] is \(item.status.rawValue); reopen it first: oneonone action reopen \(id)")
        default: break
        }
        do { try workspace.history.touch(actionID: id, OneOnOne.Touch(kind: kind, date: date, note: note)) } catch {
            throw Failure(error.description)
        }
        print("\(verb) [\(id.visible)]: \(item.text.visible)")
    }
}
