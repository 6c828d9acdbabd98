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

    @Flag(name: .long, help: "Every reminder, also those that reach you only in the digest.")
    var all = false

    @Option(name: .long, help: "Only reminders about this member.")
    var member: String?

    @Option(name: .long, help: "Only reminders of this kind: due-soon, due, overdue, stale-action, drift, mood-drop, digest.")
    var kind: String?

    func run() throws {
        guard (1...3660).contains(days) else { throw Failure("error: --days is 1 to 3660, found \(days)") }
        let workspace = try Workspace(store)
        let history = try workspace.loadHistory()
        let ledger: Ledger
        do { ledger = try workspace.state.loadLedger() } catch { throw Failure(error.description) }
        let until = workspace.calendar.adding(TimeSpan(days: days), to: workspace.now)
        let limit = 100_000
        let every = Planner.upcoming(config: workspace.config, history: history, ledger: ledger,
                                     from: workspace.now, until: until, limit: limit)
        // What reaches the desktop: the kinds delivered one by one, and the
        // digest that stands for the rest (the journal gets every one).
        let shown = workspace.config.notify.deliveredAlone.union([.digest])
        let who = try member.map { try workspace.member($0).key }
        var wanted: ReminderKind?
        if let kind {
            guard let k = ReminderKind(rawValue: kind) else {
                let known = ReminderKind.allCases.map(\.rawValue)
                let hint = Suggestion.closest(to: kind, in: known).map { " Did you mean '\($0)'?" } ?? ""
                throw Failure("error: --kind is one of \(known.joined(separator: ", ")), found '\(kind)'.\(hint)")
            }
            wanted = k
        }
        // Asking for a member or a kind shows all of it, digest or not.
        let everyShown = all || who != nil || wanted != nil
        let matching = every.filter { (who == nil || $0.member == who) && (wanted == nil || $0.kind == wanted) }
        let reminders = everyShown ? matching : matching.filter { shown.contains($0.kind) }
        let inDigest = matching.count - reminders.count
        if reminders.count >= limit {
            Output.error("note: showing the first \(reminders.count) reminders, up to "
                + "\(DateText.withWeekday(workspace.calendar.date(of: reminders.last!.scheduled), today: workspace.today)); ask for fewer --days\n")
        }
        if json {
            print(JSON.array(reminders.map(\.json)).rendered())
            return
        }
        if reminders.isEmpty {
            print("Nothing would fire in the next \(days) days." + (inDigest > 0 ? " (\(inDigest) only in digests: plan --all)" : ""))
            return
        }
        let zone = workspace.config.timeZone
        // What is already past due goes out when the working hours next
        // open: now, or their start (the planner holds it until then).
        let opens = workspace.calendar.nextWorkingInstant(atOrAfter: workspace.now, hours: workspace.config.workingHours)
        func clock(_ instant: Instant) -> String {
            let local = zone.local(instant)
            return "\(DateText.withWeekday(local.date, today: workspace.today)) \(WorkingHours.clock(local.time.hour * 60 + local.time.minute))"
        }
        var rows: [[String]] = [["WHEN", "KIND", "MEMBER", "REMINDER"]]
        for r in reminders {
            let when = r.scheduled >= workspace.now ? clock(r.scheduled)
                : opens > workspace.now ? "\(clock(opens)) (meant for \(clock(r.scheduled)))"
                : "now (late \(DateText.duration(seconds: workspace.now - r.scheduled)))"
            rows.append([when, r.kind.rawValue, r.member.visible, r.title])
        }
        print(Terminal.table(rows), terminator: "")
        if inDigest > 0 {
            print("and \(inDigest) reminder\(inDigest == 1 ? "" : "s") that reach you only in the digests (plan --all lists them)")
        }
    }
}
