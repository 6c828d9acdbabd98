import ArgumentParser
import OneOnOne
import OneOnOneStore

/// `oneonone import --ics FILE|DIR`: the 1:1s your calendar says were held.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record the 1:1s a calendar (an .ics file or a vdir of them) says were held.",
        discussion: """
            Events are matched to members by `calendar = ["alice@example.com", "1:1 Alice"]` in their \
            [team.KEY] table: an organizer's or attendee's email, or text of the title. Each occurrence \
            that has ended becomes a 1:1 (source = "calendar", with the event's UID and start); importing \
            again adds nothing, and a day with a 1:1 already recorded is left as it is.
            """)

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("ics"), help: "An .ics file, or a directory of them (a vdir).")
    var path: String

    @Flag(name: .customLong("dry-run"), help: "Print what would be recorded, record nothing.")
    var dryRun = false

    func run() throws {
        let workspace = try Workspace(store)
        let files = CalendarImport.files(at: path)
        let calendar = workspace.readCalendar(path)
        for warning in calendar.warnings { Output.error("warning: " + warning.visible + (warning.hasSuffix("\n") ? "" : "\n")) }
        let history = try workspace.loadHistory(withCalendar: false)
        let new = calendar.found.filter { !history.holds($0.meeting) }
        func line(_ found: CalendarImport.Found) -> String {
            let local = workspace.config.timeZone.local(found.start)
            let name = workspace.config.member(found.meeting.member)?.name ?? found.meeting.member
            return "  \(name.visible): \(DateText.withWeekday(local.date, today: workspace.today)) "
                + "\(WorkingHours.clock(local.time.hour * 60 + local.time.minute)) (\(found.summary.visible))"
        }
        let known = calendar.found.count - new.count
        if dryRun {
            print("Would record \(new.count) 1:1\(new.count == 1 ? "" : "s") from \(files.count) file\(files.count == 1 ? "" : "s")"
                + (known > 0 ? " (\(known) recorded already)" : "") + (new.isEmpty ? "." : ":"))
            for found in new { print(line(found)) }
            return
        }
        let added: [Meeting]
        do { added = try workspace.history.importMeetings(new.map(\.meeting)) } catch { throw Failure(error.description) }
        let shown = new.filter { found in added.contains { $0.uid == found.meeting.uid && $0.start == found.meeting.start } }
        print("Recorded \(added.count) 1:1\(added.count == 1 ? "" : "s") from the calendar"
            + (known > 0 ? " (\(known) recorded already)" : "") + (shown.isEmpty ? "." : ":"))
        for found in shown { print(line(found)) }
    }
}
