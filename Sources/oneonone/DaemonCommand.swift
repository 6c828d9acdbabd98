import ArgumentParser
import Daemon
import Logging
import OneOnOne
import OneOnOneStore
import Systemd
import Posix
import Glibc

/// `oneonone daemon`: the service (run by systemd, or in a terminal).
struct DaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run the reminder service in the foreground (systemd runs it as a user service).",
        discussion: """
            Sleeps until the next reminder is due, writes it to the journal and runs the hooks. \
            Re-plans when the config, the history or the clock changes; SIGHUP reloads; SIGTERM stops.
            """)

    @OptionGroup var store: StoreOptions

    func run() throws {
        // Before any other thread exists: process-wide signals must reach
        // the loop's signalfd, not another thread.
        EventLoop.blockSignals([SIGTERM, SIGINT, SIGHUP, SIGCHLD])
        // A hook that exits without reading its stdin closes the pipe the
        // reminder is written to: that write must fail with EPIPE, not kill
        // the daemon. (Hooks start with every signal at its default.)
        signal(SIGPIPE, SIG_IGN)
        LoggingSystem.bootstrap { label in JournalLogHandler(label: label) }
        let paths = Paths.current
        let configPath: String, config: Config
        switch ConfigLoader().locateAndLoad(explicit: store.config, paths: paths) {
        case .success(let found): (configPath, config) = found
        case .failure(let failure): throw Failure(failure.description)
        }
        let service = try DaemonService(
            locations: .init(config: configPath, dataDirectory: paths.dataDirectory(explicit: store.dataDir),
                             stateDirectory: paths.stateDirectory(explicit: store.stateDir)),
            config: config, logger: Logger(label: "oneonone"))
        let status = try service.run()
        if status != 0 { throw ExitCode(status) }
    }
}
