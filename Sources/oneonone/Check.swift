import ArgumentParser
import OneOnOne
import OneOnOneStore
import Posix

/// `oneonone check`: validates the config and reports every problem.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the config file; print every problem with its file:line:column.",
        discussion: """
            Looks for the config at --config, then $ONEONONE_CONFIG, then \
            $XDG_CONFIG_HOME/oneonone/config.toml. Exits 1 when anything is wrong.
            """
    )

    @Argument(help: "The config file to check (same as --config).")
    var file: String?

    @Option(name: .long, help: "The config file (default: $XDG_CONFIG_HOME/oneonone/config.toml).")
    var config: String?

    @Flag(name: .long, help: "Print the normalized config, every default filled in, as JSON.")
    var json = false

    @Option(name: .customLong("data-dir"), help: "Where the history lives (default: $XDG_DATA_HOME/oneonone).")
    var dataDir: String?

    @Option(name: .customLong("state-dir"), help: "Where the fired ledger and snoozes live (default: $XDG_STATE_HOME/oneonone).")
    var stateDir: String?

    func run() throws {
        let paths = Paths.current
        switch ConfigLoader().locateAndLoad(explicit: file ?? config, paths: paths) {
        case .failure(let failure):
            throw Failure(failure.description)
        case .success(let (path, loaded)):
            // The history too: every record checked, members matched to the
            // config; then the state files: the fired ledger, snoozes,
            // first-seen dates. Warnings (a record torn by a crash, records
            // of members not in the config) are shown and counted.
            let store = HistoryStore(directory: paths.dataDirectory(explicit: dataDir))
            let state = StateStore(directory: paths.stateDirectory(explicit: stateDir))
            let reading: HistoryReading, stateWarnings: [Diagnostic]
            do {
                reading = try store.read(validMembers: Set(loaded.members.map(\.key)))
                stateWarnings = try state.warnings()
            } catch {
                throw Failure(error.description)
            }
            let history = reading.history
            let warnings = reading.warnings + stateWarnings
            for warning in warnings { Output.error(warning.description) }
            // The calendar the daemon follows, read as it would.
            let calendarPath = loaded.calendarDirectory.map { paths.calendarDirectory($0, config: path) }
            let now = try Workspace.clock(Environment.values(["ONEONONE_NOW"]))
            let calendar = calendarPath.map { dir in
                CalendarImport(files: CalendarImport.files(at: dir), config: loaded, zones: TimeZoneDatabase(), now: now)
            }
            for warning in calendar?.warnings ?? [] {
                Output.error("warning: " + warning.visible + (warning.hasSuffix("\n") ? "" : "\n"))
            }
            let exposed = StateStore.exposureWarnings(dataDirectory: store.directory, stateDirectory: state.directory)
            for warning in exposed { Output.error(warning.visible + "\n") }
            let count = warnings.count + exposed.count + (calendar?.warnings.count ?? 0)
            let noted = count == 0 ? "" : " (\(count) warning\(count == 1 ? "" : "s") above)"
            if json {
                print(loaded.json.rendered())
            } else {
                let hooks = loaded.hooks.count
                print("\(path): ok — \(loaded.members.count) member\(loaded.members.count == 1 ? "" : "s"), "
                    + "\(loaded.topics.count) topic\(loaded.topics.count == 1 ? "" : "s"), "
                    + "\(hooks) hook\(hooks == 1 ? "" : "s")")
                print("\(store.path): ok — \(history.meetingCount) 1:1\(history.meetingCount == 1 ? "" : "s"), "
                    + "\(history.actions.count) action item\(history.actions.count == 1 ? "" : "s")"
                    + (history.takenBack > 0 ? ", \(history.takenBack) 1:1 record\(history.takenBack == 1 ? "" : "s") taken back" : "")
                    + noted)
                if let calendar, let calendarPath {
                    let held = calendar.found.filter { !history.holds($0.meeting) }.count
                    let booked = calendar.booked.values.reduce(0) { $0 + $1.count }
                    print("\(calendarPath): read — \(calendar.found.count) 1:1\(calendar.found.count == 1 ? "" : "s") held "
                        + "(\(held) not yet in the history), \(booked) booked")
                }
            }
        }
    }
}
