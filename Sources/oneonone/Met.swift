import ArgumentParser
import OneOnOne

/// `oneonone met MEMBER`: records a 1:1 that was held.
struct Met: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "met",
        abstract: "Record a 1:1 you held.",
        discussion: "The cadence restarts from this day. Example: oneonone met alice --topics career --mood 4 --note \"Q1 goals\"")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The member (key or name, as in the config).")
    var member: String

    @Option(name: .long, help: "When it was held: 2026-11-20, today, yesterday, mon…sun.")
    var on: String = "today"

    @Flag(name: .long, help: "Record a day before the member joined or more than a year ago.")
    var force = false

    @Flag(name: .long, help: "Take back the last 1:1 recorded (on --on's day, if given): a record saying so is added.")
    var undo = false

    @Option(name: .long, help: "Notes from the 1:1.")
    var note: String?

    @Option(name: .long, help: "Topics that came up, comma-separated (e.g. career,feedback).")
    var topics: String?

    @Option(name: .long, parsing: .unconditional, help: "How they seemed, 1 (low) to 5 (high).")
    var mood: Int?

    func run() throws {
        let workspace = try Workspace(store)
        let who = try workspace.member(member)
        if undo { return try takeBack(who, workspace) }
        guard let date = DateArgument.date(on, today: workspace.today) else { throw DateArgument.error(on, option: "--on") }
        let joined = who.since.map { (day: $0, what: "\(who.name) joined") }
        if let problem = RecordDates.problem(date, today: workspace.today, earliest: joined, force: force) {
            throw Failure("error: --on \(problem)")
        }
        if let mood, !Meeting.moods.contains(mood) { throw Failure("error: --mood is 1 (low) to 5 (high), found \(mood)") }
        let tags = (topics ?? "").split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        let known = workspace.config.topics.map(\.name)
        for tag in tags where !known.contains(tag) {
            let hint = Suggestion.closest(to: tag, in: known).map { " Did you mean '\($0)'?" }
                ?? (known.isEmpty ? " (No [topics] are configured.)" : " Topics: \(known.joined(separator: ", ")).")
            throw Failure("error: unknown topic '\(tag)'.\(hint)")
        }
        let recorded: History
        do {
            recorded = try workspace.history.recordMeeting(Meeting(member: who.key, date: date, note: note, topics: tags, mood: mood))
        } catch { throw Failure(error.description) }
        let said = "Recorded 1:1 with \(who.name.visible) on \(DateText.withWeekday(date, today: workspace.today))."
        if recorded.meetings(with: who.key).filter({ $0.date == date }).count > 1 {
            Output.error("warning: this is the second 1:1 with \(who.name.visible) recorded on \(date); both are kept\n")
        }
        // The record is written: from here on nothing fails the command.
        let history: History
        do { history = try workspace.withState(recorded, markSeen: true) } catch let failure as Failure {
            print(said)
            Output.error("warning: the 1:1 is recorded, but the state directory could not be read or written:\n"
                + failure.message)
            return
        }
        let schedule = Schedule(member: who, meetings: history.meetings(with: who.key),
                                firstSeen: history.firstSeen[who.key], today: workspace.today)
        let open = history.actions(of: who.key).filter { $0.status == .open }.count
        print(said + " Next due \(DateText.withWeekday(schedule.due, today: workspace.today)) (\(schedule.cadence))."
            + (open > 0 ? " \(open) open item\(open == 1 ? "" : "s"): oneonone action list \(who.key)" : ""))
    }

    /// `met --undo`: takes back the last 1:1 recorded with `who` (on
    /// `--on`'s day when given), and says when the next is due now.
    func takeBack(_ who: Member, _ workspace: Workspace) throws {
        let history = try workspace.loadHistory()
        let held = history.meetings(with: who.key)
        let day: LocalDate
        if on == "today" && !held.contains(where: { $0.date == workspace.today }) {
            guard let last = held.last else { throw Failure("error: no 1:1 with \(who.name) is recorded: nothing to take back") }
            day = last.date
        } else {
            guard let d = DateArgument.date(on, today: workspace.today) else { throw DateArgument.error(on, option: "--on") }
            day = d
        }
        do { try workspace.history.undoMeeting(member: who.key, on: day) } catch { throw Failure(error.description) }
        let after = try workspace.loadHistory()
        let schedule = Schedule(member: who, meetings: after.meetings(with: who.key), firstSeen: after.firstSeen[who.key],
                                today: workspace.today)
        print("Took back the 1:1 with \(who.name.visible) on \(DateText.withWeekday(day, today: workspace.today)). "
            + "Next due \(DateText.withWeekday(schedule.due, today: workspace.today)) (\(schedule.cadence)).")
    }
}
