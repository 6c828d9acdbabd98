import ArgumentParser
import OneOnOne
import OneOnOneStore

/// `oneonone plan`: which reminders would fire, and when.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the reminders that would fire over the coming days, and when.")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "How many days ahead to look (default 14).")
    var days: Int = 14

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        guard (1...3660).contains(days) else { throw Failure("error: --days is 1 to 3660, found \(days)") }
        let workspace = try Workspace(store)
        let history = try workspace.loadHistory(notes: false, closedItems: false)
        let ledger: Ledger
        do { ledger = try workspace.state.loadLedger() } catch { throw Failure(error.description) }
        let until = workspace.calendar.adding(TimeSpan(days: days), to: workspace.now)
        let limit = 100_000
        let reminders = Planner.upcoming(config: workspace.config, history: history, ledger: ledger,
                                         from: workspace.now, until: until, limit: limit, workers: .threads)
        UntilExit.keep(reminders)
        if reminders.count >= limit {
            Output.error("note: showing the first \(reminders.count) reminders, up to "
                + "\(DateText.withWeekday(workspace.calendar.date(of: reminders.last!.scheduled))); ask for fewer --days\n")
        }
        if json {
            print(JSON.array(reminders.map(PlanCommand.json)).rendered())
            return
        }
        if reminders.isEmpty {
            print("Nothing would fire in the next \(days) days.")
            return
        }
        let zone = workspace.config.timeZone
        var rows: [[String]] = [["WHEN", "KIND", "MEMBER", "REMINDER"]]
        rows.reserveCapacity(reminders.count + 1)
        // Reminders come in bursts at the same instant (the start of the
        // working day): each instant is written out once.
        var whenText: [Instant: String] = [:]
        for i in reminders.indices {
            let scheduled = reminders[i].scheduled
            if whenText[scheduled] == nil {
                let local = zone.local(max(scheduled, workspace.now))
                whenText[scheduled] = scheduled < workspace.now
                    ? "now (late \(DateText.duration(seconds: workspace.now - scheduled)))"
                    : "\(DateText.withWeekday(local.date)) \(WorkingHours.clock(local.time.hour * 60 + local.time.minute))"
            }
            let when = whenText[scheduled]!
            rows.append([when, reminders[i].kind.rawValue, reminders[i].member, reminders[i].title])
        }
        UntilExit.keep(rows)
        print(Terminal.table(rows), terminator: "")
    }

    static func json(_ r: Reminder) -> JSON {
        .object([
            ("key", .string(r.key)), ("kind", .string(r.kind.rawValue)), ("urgency", .string(r.urgency.rawValue)),
            ("priority", .int(r.priority)), ("member", .string(r.member)), ("name", .string(r.memberName)),
            ("action", r.actionID.map { .string($0) } ?? .null), ("due", r.due.map { .string($0.description) } ?? .null),
            ("at", .string(r.scheduled.description)), ("late_seconds", r.lateBy.map { .int(Int($0)) } ?? .null),
            ("occurrence", .int(r.occurrence)), ("title", .string(r.title)), ("body", .string(r.body)),
        ])
    }
}

/// `oneonone snooze`: put off a member's reminders or an item's alerts.
struct Snooze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put off reminders about a member (or an action item) for a while.",
        discussion: "Example: oneonone snooze alice 3d   ·   oneonone snooze 12 1w")

    @OptionGroup var store: StoreOptions

    @Argument(help: "A member, or an action item's id.")
    var subject: String

    @Argument(help: "For how long: 2h, 1d, 3d, 1w …")
    var duration: String

    func run() throws {
        let workspace = try Workspace(store)
        let span: TimeSpan
        switch TimeSpan.parse(duration) {
        case .success(let s) where !s.isZero: span = s
        case .success: throw Failure("error: a snooze must be longer than zero")
        case .failure(let e): throw Failure("error: \(e.message)")
        }
        let history = try workspace.loadHistory(markSeen: false, notes: false)
        let key: String, label: String
        if let item = history.action(subject) {
            key = item.id
            label = "item [\(item.id)] \(item.text)"
        } else {
            let who = try workspace.member(subject)
            key = who.key
            label = who.name
        }
        let until = workspace.calendar.adding(span, to: workspace.now)
        do { try workspace.state.addSnooze(OneOnOne.Snooze(subject: key, until: until)) } catch {
            throw Failure(error.description)
        }
        let local = workspace.config.timeZone.local(until)
        print("Snoozed \(label) until \(DateText.withWeekday(local.date)) "
            + "\(WorkingHours.clock(local.time.hour * 60 + local.time.minute)).")
    }
}
