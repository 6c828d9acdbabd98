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

    @Flag(name: .long, help: "One row per series of repeats: when it starts, how often it comes back.")
    var summary = false

    func run() throws {
        guard (1...3660).contains(days) else { throw Failure("error: --days is 1 to 3660, found \(days)") }
        guard !(summary && json) else { throw Failure("error: --summary and --json do not go together: --json lists every reminder") }
        let workspace = try Workspace(store)
        let history = try workspace.loadHistory()
        let ledger: Ledger
        do { ledger = try workspace.state.loadLedger() } catch { throw Failure(error.description) }
        let until = workspace.calendar.adding(TimeSpan(days: days), to: workspace.now)
        let limit = 100_000
        // Each reminder with when it goes out: what is past due waits for the working hours.
        let every = Planner.deliveries(config: workspace.config, history: history, ledger: ledger,
                                       from: workspace.now, until: until, limit: limit)
        // What reaches the desktop: the kinds delivered one by one, and the
        // digest that stands for the rest (the journal gets every one), by
        // the daemon's rule for each wake's reminders.
        let desktop = Hook(command: [], kinds: Set(ReminderKind.allCases), timeout: .zero)
        var shownKeys = Set<String>()
        var wake = every.startIndex
        while wake < every.endIndex {
            let end = every[wake...].firstIndex { $0.at != every[wake].at } ?? every.endIndex
            for r in workspace.config.notify.deliveries(of: every[wake..<end].map(\.reminder), to: desktop) {
                shownKeys.insert(r.key)
            }
            wake = end
        }
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
        let matching = every.filter { d in
            (who == nil || d.reminder.member == who) && (wanted == nil || d.reminder.kind == wanted)
        }
        let listed = everyShown ? matching : matching.filter { shownKeys.contains($0.reminder.key) }
        let reminders = listed.map(\.reminder)
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
        func clock(_ instant: Instant) -> String {
            let local = zone.local(instant)
            return "\(DateText.withWeekday(local.date, today: workspace.today)) \(WorkingHours.clock(local.time.hour * 60 + local.time.minute))"
        }
        func when(_ r: Reminder, at: Instant) -> String {
            r.scheduled >= workspace.now ? clock(r.scheduled)
                : at > workspace.now ? "\(clock(at)) (meant for \(clock(r.scheduled)))"
                : "now (late \(DateText.duration(seconds: workspace.now - r.scheduled)))"
        }
        if summary {
            var rows: [[String]] = [["FIRST", "KIND", "MEMBER", "REPEATS", "REMINDER"]]
            for series in PlanCommand.series(listed) {
                let first = series[0].reminder
                rows.append([when(first, at: series[0].at), first.kind.rawValue, first.member.visible,
                             repeats(series.map { workspace.calendar.date(of: $0.at) }, workspace: workspace), first.title])
            }
            print(Terminal.table(rows), terminator: "")
        } else {
            var rows: [[String]] = [["WHEN", "KIND", "MEMBER", "REMINDER"]]
            for (r, at) in listed { rows.append([when(r, at: at), r.kind.rawValue, r.member.visible, r.title]) }
            print(Terminal.table(rows), terminator: "")
        }
        if inDigest > 0 {
            print("and \(inDigest) reminder\(inDigest == 1 ? "" : "s") that reach you only in the digests (plan --all lists them)")
        }
    }

    /// The reminders grouped into series, each in firing order, the series
    /// in the order they first fire: one 1:1's due and overdue alerts, one
    /// item's stale alerts, the digests.
    static func series(_ deliveries: [(reminder: Reminder, at: Instant)]) -> [[(reminder: Reminder, at: Instant)]] {
        var order: [String] = []
        var groups: [String: [(reminder: Reminder, at: Instant)]] = [:]
        for d in deliveries {
            let key = "\(d.reminder.kind.rawValue)/\(d.reminder.member)/\(d.reminder.actionID ?? "")"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(d)
        }
        return order.map { groups[$0]! }
    }

    /// How a series comes back, from the days it fires on: "once",
    /// "4×, every working day to Thu Dec 10", "9×, every working day to
    /// Fri Dec 11, then weekly to Mon Dec 28", "3×, weekly to …".
    func repeats(_ days: [LocalDate], workspace: Workspace) -> String {
        guard let last = days.last, days.count > 1 else { return "once" }
        let hours = workspace.config.workingHours
        let calendar = workspace.calendar
        func nextWorkingDay(after day: LocalDate) -> LocalDate {
            calendar.date(of: calendar.nextWorkingInstant(atOrAfter: calendar.startOfDay(day.adding(days: 1)), hours: hours))
        }
        func to(_ day: LocalDate) -> String { "to \(DateText.withWeekday(day, today: workspace.today))" }
        func every(_ gap: Int) -> String { gap == 1 ? "daily" : gap == 7 ? "weekly" : gap % 7 == 0 ? "every \(gap / 7) weeks" : "every \(gap) days" }
        let pairs = zip(days, days.dropFirst())
        // The working-day run at the start (daily alerts skip the days off).
        let workingRun = pairs.prefix { nextWorkingDay(after: $0.0) == $0.1 }.count
        let gaps = pairs.map { $0.0.days(to: $0.1) }
        let head = "\(days.count)×, "
        if workingRun == gaps.count {
            return head + (gaps.allSatisfy { $0 == 1 } ? "daily " : "every working day ") + to(last)
        }
        let rest = gaps.dropFirst(workingRun)
        if let gap = rest.first, rest.allSatisfy({ $0 == gap }) {
            guard workingRun > 0 else { return head + "\(every(gap)) \(to(last))" }
            return head + "every working day \(to(days[workingRun])), then \(every(gap)) \(to(last))"
        }
        return head + "from \(DateText.withWeekday(days[0], today: workspace.today)) \(to(last))"
    }
}
