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

    @Option(name: .long, help: "When it was held: 2026-11-20, today, yesterday, mon…sun (default: today).")
    var on: String = "today"

    @Option(name: .long, help: "Notes from the 1:1.")
    var note: String?

    @Option(name: .long, help: "Topics that came up, comma-separated (e.g. career,feedback).")
    var topics: String?

    @Option(name: .long, help: "How they seemed, 1 (low) to 5 (high).")
    var mood: Int?

    func run() throws {
        let workspace = try Workspace(store)
        let who = try workspace.member(member)
        guard let date = DateArgument.date(on, today: workspace.today) else { throw DateArgument.error(on, option: "--on") }
        guard date <= workspace.today else {
            throw Failure("error: --on \(date) is in the future; record a 1:1 once it has happened")
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
        let history = try workspace.withState(recorded, markSeen: true)
        let schedule = Schedule(member: who, meetings: history.meetings(with: who.key),
                                firstSeen: history.firstSeen[who.key], today: workspace.today)
        let open = history.actions(of: who.key).filter { $0.status == .open }.count
        print("Recorded 1:1 with \(who.name.visible) on \(DateText.withWeekday(date, today: workspace.today)). "
            + "Next due \(DateText.withWeekday(schedule.due, today: workspace.today)) (\(schedule.cadence))."
            + (open > 0 ? " \(open) open item\(open == 1 ? "" : "s"): oneonone action list \(who.key)" : ""))
    }
}
