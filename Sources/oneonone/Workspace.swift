import ArgumentParser
import OneOnOne
import OneOnOneStore
import Posix
import Glibc

/// Where the files are: options every subcommand that reads them shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The config file (default: $XDG_CONFIG_HOME/oneonone/config.toml).")
    var config: String?

    @Option(name: .customLong("data-dir"), help: "Where the history lives (default: $XDG_DATA_HOME/oneonone).")
    var dataDir: String?

    @Option(name: .customLong("state-dir"), help: "Where the fired ledger and snoozes live (default: $XDG_STATE_HOME/oneonone).")
    var stateDir: String?
}

/// Everything a command works with: the config, the stores, the history and
/// the current instant, loaded once with clear errors.
struct Workspace {
    let configPath: String
    let config: Config
    let history: HistoryStore
    let state: StateStore
    let now: Instant
    let calendar: ZonedCalendar
    /// The config's `calendar_dir`, resolved.
    let calendarDirectory: String?

    var today: LocalDate { calendar.date(of: now) }

    /// Loads the config (exit 1 with every problem when it is wrong) and
    /// opens the stores.
    init(_ options: StoreOptions) throws {
        let environment = Environment.values(Paths.variables + ["ONEONONE_NOW"])
        let paths = Paths(environment: environment)
        switch ConfigLoader().locateAndLoad(explicit: options.config, paths: paths) {
        case .success(let found): (configPath, config) = found
        case .failure(let failure): throw Failure(failure.description)
        }
        state = StateStore(directory: paths.stateDirectory(explicit: options.stateDir))
        history = HistoryStore(directory: paths.dataDirectory(explicit: options.dataDir))
        for warning in StateStore.exposureWarnings(dataDirectory: history.directory, stateDirectory: state.directory) {
            Output.error(warning.visible + "\n")
        }
        now = try Workspace.clock(environment)
        calendar = ZonedCalendar(zone: config.timeZone)
        let path = configPath
        calendarDirectory = config.calendarDirectory.map { paths.calendarDirectory($0, config: path) }
    }

    /// The current instant; `ONEONONE_NOW` (an RFC 3339 date-time) pins it,
    /// to ask "what if it were then" and for tests.
    static func clock(_ environment: [String: String]) throws -> Instant {
        guard let pinned = environment["ONEONONE_NOW"], !pinned.isEmpty else { return WallClock.now() }
        guard let instant = DateArgument.instant(pinned) else {
            throw Failure("error: ONEONONE_NOW must be a date-time like 2026-11-23T10:00:00Z, found '\(pinned)'")
        }
        return instant
    }

    /// The whole history: the file's records plus snoozes and first-seen
    /// dates from the state directory.
    ///
    /// - Parameter markSeen: record members seen for the first time as
    ///   seen today. Commands that only read (status, plan, agenda, export,
    ///   action list) leave it off and write nothing.
    /// - Parameter withCalendar: with the config's `calendar_dir`, add the
    ///   1:1s it holds (as the daemon records them) and those it has booked.
    func loadHistory(markSeen: Bool = false, withCalendar: Bool = true) throws -> History {
        let records: History
        do { records = try history.load() } catch { throw Failure(error.description) }
        let result = try withState(records, markSeen: markSeen)
        guard withCalendar, let calendarDirectory else { return result }
        return readCalendar(calendarDirectory).adding(to: result)
    }

    /// The calendar at `path` as of now.
    func readCalendar(_ path: String) -> CalendarImport {
        CalendarImport(files: CalendarImport.files(at: path), config: config, zones: TimeZoneDatabase(), now: now)
    }

    /// `records` (the history file's) with the snoozes and first-seen dates
    /// of the state directory; see `loadHistory`.
    func withState(_ records: History, markSeen: Bool) throws -> History {
        do {
            return try state.adding(to: records.asOf(today), members: config.members.map(\.key), today: today,
                                    markSeen: markSeen)
        } catch { throw Failure(error.description) }
    }

    /// The member named on the command line, matched by key or name, any
    /// case; an unknown one is an error with a suggestion.
    ///
    /// - Parameter orItem: the command takes an action item's id as well,
    ///   and the error says so.
    func member(_ text: String, orItem: Bool = false) throws -> Member {
        let folded = text.lowercased()
        if let m = config.members.first(where: { $0.key.lowercased() == folded }) { return m }
        let byName = config.members.filter {
            $0.name.lowercased() == folded || $0.name.lowercased().split(separator: " ").first.map(String.init) == folded
        }
        if byName.count == 1 { return byName[0] }
        let keys = config.members.map(\.key)
        let hint = Suggestion.closest(to: text, in: keys).map { " Did you mean '\($0)'?" }
            ?? " Members: \(keys.joined(separator: ", "))."
        throw Failure("error: no member\(orItem ? " or action item" : "") '\(text)' in \(configPath).\(hint)"
            + (orItem ? " Action items: oneonone action list." : ""))
    }
}
