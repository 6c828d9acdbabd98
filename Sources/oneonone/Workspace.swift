import ArgumentParser
import OneOnOne
import OneOnOneStore
#if canImport(Glibc)
import Glibc
#endif

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

    var today: LocalDate { calendar.date(of: now) }

    /// Loads the config (exit 1 with every problem when it is wrong) and
    /// opens the stores.
    init(_ options: StoreOptions) throws {
        let environment = Environment.current()
        let paths = Paths(environment: environment)
        let loader = ConfigLoader()
        switch loader.locate(paths.configCandidates(explicit: options.config)) {
        case .success(let path): configPath = path
        case .failure(let failure): throw Failure(failure.description)
        }
        switch loader.load(path: configPath) {
        case .success(let config): self.config = config
        case .failure(let failure): throw Failure(failure.description)
        }
        state = StateStore(directory: paths.stateDirectory(explicit: options.stateDir))
        history = HistoryStore(directory: paths.dataDirectory(explicit: options.dataDir), snapshot: state.historySnapshotPath)
        now = try Workspace.clock(environment)
        calendar = ZonedCalendar(zone: config.timeZone)
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
    /// dates from the state directory. Members seen for the first time are
    /// recorded as seen today. Without notes it comes from the history's
    /// snapshot when that is current (`HistoryStore.loadWithoutNotes`).
    ///
    /// - Parameter closedItems: whether to keep the items done or dropped
    ///   (planning, `status` and `export` need only the open ones; only
    ///   without notes).
    func loadHistory(markSeen: Bool = true, notes: Bool = true, closedItems: Bool = true) throws -> History {
        let records: History
        do {
            records = try notes ? history.load()
                : history.loadWithoutNotes(openItemsOnly: !closedItems)
        } catch { throw Failure(error.description) }
        return try withState(records, markSeen: markSeen)
    }

    /// `records` (the history file's) with the snoozes and first-seen dates
    /// of the state directory; see `loadHistory`.
    func withState(_ records: History, markSeen: Bool = true) throws -> History {
        let result: History
        do {
            result = try state.adding(to: records, members: config.members.map(\.key), today: today, markSeen: markSeen)
        } catch { throw Failure(error.description) }
        UntilExit.keep(result)
        return result
    }

    /// The member named on the command line, matched by key or name, any
    /// case; an unknown one is an error with a suggestion.
    func member(_ text: String) throws -> Member {
        let folded = text.lowercased()
        if let m = config.members.first(where: { $0.key.lowercased() == folded }) { return m }
        let byName = config.members.filter {
            $0.name.lowercased() == folded || $0.name.lowercased().split(separator: " ").first.map(String.init) == folded
        }
        if byName.count == 1 { return byName[0] }
        let keys = config.members.map(\.key)
        let hint = Suggestion.closest(to: text, in: keys).map { " Did you mean '\($0)'?" }
            ?? " Members: \(keys.joined(separator: ", "))."
        throw Failure("error: no member '\(text)' in \(configPath).\(hint)")
    }
}

/// Values a command keeps until the process exits. A long history is
/// hundreds of thousands of records; freeing them one by one as the command
/// returns takes longer than some commands' work, and exiting gives all of
/// the memory back at once anyway.
enum UntilExit {
    // Only the command's single thread touches it.
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { kept.append(value) }
}
