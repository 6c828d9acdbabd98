package import Logging
package import OneOnOne
import OneOnOneStore
import Systemd
import Posix
import Glibc

/// The long-running service: one sd-event loop that sleeps until the
/// planner's next wake, fires reminders exactly once (ledger first, then
/// journal and hooks), and re-plans on every change that could matter.
///
/// Like systemd-timesyncd's Manager, it owns the loop and every source;
/// READY=1 goes out only when all is wired and the first plan is done.
package final class DaemonService {
    /// Where the daemon's files are.
    package struct Locations: Sendable {
        package var config: String
        package var dataDirectory: String
        package var stateDirectory: String

        package init(config: String, dataDirectory: String, stateDirectory: String) {
            self.config = config
            self.dataDirectory = dataDirectory
            self.stateDirectory = stateDirectory
        }
    }

    let locations: Locations
    let loader: ConfigLoader
    let historyStore: HistoryStore
    let state: StateStore
    let logger: Logger
    let loop: EventLoop
    let hooks: HookRunner
    /// Desktop notifications over D-Bus; nil without a session bus.
    var desktop: DesktopNotifier?

    var config: Config
    /// The history as last read correctly.
    var history = History.empty
    /// Whether the history was ever read correctly. Until it is, nothing is
    /// planned from it: an empty history would fire every member's 1:1 as
    /// if none was ever held (and record those keys for good).
    var historyRead = false
    var ledger = Ledger()
    /// Deliveries a daemon before this one owed and did not get through
    /// (see `StateStore.loadOwed`): each goes out once the planner finds its
    /// reminder still true, or is dropped when it no longer is.
    var owedFromBefore: [Delivery] = []
    /// Deliveries settled and not yet recorded: written together a moment
    /// later, so a burst of hooks ending costs one append, not one each.
    var settling: [(Delivery, Delivery.Outcome)] = []
    var settleTimer: EventLoop.Timer?
    /// Re-armed after every plan to its next wake.
    var wakeTimer: EventLoop.Timer?
    var debounce: EventLoop.Timer?
    var pendingConfigReload = false
    var pendingHistoryReload = false
    var ready = false
    var configProblem: String?
    var historyProblem: String?
    var watches: [EventLoop.Source] = []
    /// The calendar (`calendar_dir`) as last read, and its watch.
    var calendar: CalendarImport?
    var calendarWatch: (path: String, source: EventLoop.Source?)?
    var calendarWarnings: [String] = []
    var pendingCalendarReload = false

    /// Loads the config (it must be valid to start) and the history, and
    /// builds the loop.
    package init(locations: Locations, config: Config, logger: Logger) throws {
        self.locations = locations
        self.config = config
        self.logger = logger
        loader = ConfigLoader()
        historyStore = HistoryStore(directory: locations.dataDirectory)
        state = StateStore(directory: locations.stateDirectory)
        loop = try EventLoop()
        hooks = HookRunner(loop: loop, logger: logger)
    }

    /// Runs until SIGTERM or SIGINT; returns the exit status.
    package func run() throws -> Int32 {
        for warning in StateStore.exposureWarnings(dataDirectory: locations.dataDirectory,
                                                   stateDirectory: locations.stateDirectory) {
            logger.warning("\(warning.dropFirst("warning: ".count))")
        }
        loadHistory()
        watchCalendar()
        syncCalendar()
        if calendar != nil { loadHistory() }
        do { ledger = try state.loadLedger() } catch {
            logger.critical("cannot read the fired ledger: \(error)")
            return 1
        }
        pruneLedger()
        loadOwed()
        hooks.settled = { [weak self] hook, keys, shown in
            self?.settle(keys.map { Delivery(key: $0, hook: hook.command) }, shown ? .shown : .failed)
        }

        desktop = DesktopNotifier(loop: loop, logger: logger)
        desktop?.settled = { [weak self] keys, shown in
            self?.settle(keys.map { Delivery(key: $0, hook: DesktopNotifier.route.command) }, shown ? .shown : .failed)
        }
        desktop?.action = { [weak self] reminder, key in self?.perform(key, from: reminder) }
        loop.addSignal(SIGTERM) { [weak self] _ in self?.stop() }
        loop.addSignal(SIGINT) { [weak self] _ in self?.stop() }
        loop.addSignal(SIGHUP) { [weak self] _ in self?.reload() }
        // A clock step or a resume from suspend: look again.
        loop.addTimeChange { [weak self] in
            self?.logger.info("the system clock changed; re-planning")
            self?.replan()
        }
        wakeTimer = loop.addRealtimeTimer(at: nil) { [weak self] in self?.replan() }
        watchFiles()
        loop.setWatchdog(true)

        replan()
        return try loop.run()
    }

    /// What each hook gets of `fired`.
    func routes(_ fired: [Reminder]) -> [(hook: Hook, reminders: [Reminder])] {
        effectiveHooks.map { hook in (hook, config.notify.deliveries(of: fired, to: hook)) }
    }

    /// Hands reminders to their hooks: each hook gets its reminders one by
    /// one, or one summary of them when more than `summary_after` came at
    /// once (the journal has each already).
    func deliver(_ routes: [(hook: Hook, reminders: [Reminder])], at now: Instant) {
        for (hook, mine) in routes where !mine.isEmpty {
            let desktop = hook.command == DesktopNotifier.route.command ? self.desktop : nil
            if mine.count > config.notify.summaryAfter {
                logger.info("\(mine.count) reminders at once for \(hook.command.first ?? "a hook"): delivering one summary")
                let summary = Reminder.summary(of: mine, at: now)
                if let desktop { desktop.show(summary, keys: mine.map(\.key)) } else {
                    hooks.run([hook], for: summary, keys: mine.map(\.key))
                }
            } else {
                for reminder in mine {
                    if let desktop { desktop.show(reminder) } else { hooks.run([hook], for: reminder) }
                }
            }
        }
    }

    // MARK: - Deliveries owed

    /// Reads what the daemon before this one owed, keeping what is still
    /// to do: a delivery whose key is not in the ledger never fired, and the
    /// planner fires it as any other.
    func loadOwed() {
        do {
            try state.compactDeliveries()
            owedFromBefore = try state.loadOwed().filter { ledger.contains($0.key) }
        } catch {
            logger.warning("cannot read the deliveries owed, so none from before this start is retried: \(error)")
        }
        if !owedFromBefore.isEmpty {
            logger.info("\(owedFromBefore.count) deliveries did not get through before this start; they go out while still true")
        }
    }

    /// Notes how deliveries ended, to be recorded within 100 ms together
    /// with the others that end meanwhile.
    func settle(_ deliveries: [Delivery], _ outcome: Delivery.Outcome) {
        settling += deliveries.map { ($0, outcome) }
        if settleTimer == nil {
            settleTimer = loop.addMonotonicTimer(after: 0.1) { [weak self] in self?.recordSettled() }
        }
    }

    /// Records the deliveries settled since the last time; a failure to is
    /// only a warning (the ledger still keeps every reminder to once).
    func recordSettled() {
        settleTimer?.disable()
        settleTimer = nil
        let now = WallClock.now()
        for outcome in Delivery.Outcome.allCases {
            let ended = settling.filter { $0.1 == outcome }.map(\.0)
            do { try state.recordSettled(ended, outcome, at: now) } catch {
                logger.warning("cannot record that \(ended.count) deliveries were \(outcome.rawValue): \(error)")
            }
        }
        settling.removeAll()
    }

    /// Of the deliveries owed from before, hands those whose reminder the
    /// planner fires now (`again`, fresh: titles true at this moment) to
    /// their hooks, and drops those that are no longer true. While
    /// reminders wait for the working hours, the rest wait too.
    func retryOwed(_ again: [Reminder], plan: Plan, at now: Instant) {
        let firing = Dictionary(again.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let hooksByCommand = Dictionary(effectiveHooks.map { ($0.command, $0) }, uniquingKeysWith: { first, _ in first })
        var routes: [(hook: Hook, reminders: [Reminder])] = []
        var dropped: [Delivery] = [], waiting: [Delivery] = []
        for delivery in owedFromBefore {
            guard let hook = hooksByCommand[delivery.hook] else {
                dropped.append(delivery)
                continue
            }
            guard let reminder = firing[delivery.key] else {
                if plan.waitsForWorkingHours { waiting.append(delivery) } else { dropped.append(delivery) }
                continue
            }
            if let i = routes.firstIndex(where: { $0.hook == hook }) { routes[i].reminders.append(reminder) } else {
                routes.append((hook, [reminder]))
            }
        }
        owedFromBefore = waiting
        let count = routes.reduce(0) { $0 + $1.reminders.count }
        if count > 0 { logger.info("delivering \(count) reminders that did not get through before this start") }
        if !dropped.isEmpty {
            let keys = dropped.map(\.key).joined(separator: ", ")
            logger.info("not delivering \(dropped.count) reminders from before this start: no longer true, or their hook is gone: \(keys)")
            settle(dropped, .dropped)
        }
        deliver(routes, at: now)
    }

    func stop() {
        recordSettled()
        hooks.stop()
        Notify.stopping()
        logger.info("stopping")
        loop.exit(0)
    }

    // MARK: - Watching files

    /// inotify on the config's directory (editors replace files by rename),
    /// the data directory, the state directory (snoozes) and /etc (the
    /// system zone is the /etc/localtime link).
    func watchFiles() {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_ATTRIB)
        let (configDir, configName) = FileSystem.split(locations.config)
        for dir in [locations.dataDirectory, locations.stateDirectory] {
            do { try FileSystem.createDirectories(dir) } catch { logger.warning("\(error)") }
        }
        add(configDir, mask) { [weak self] name in
            if name == configName { self?.scheduleReload(config: true) }
        }
        add(locations.dataDirectory, mask) { [weak self] name in
            if name == "history.toml" { self?.scheduleReload(history: true) }
        }
        add(locations.stateDirectory, mask) { [weak self] name in
            if name == "snoozes.toml" || name == "members.toml" { self?.scheduleReload(history: true) }
        }
        add("/etc", mask | UInt32(IN_DONT_FOLLOW)) { [weak self] name in
            if name == "localtime" || name == "timezone" { self?.scheduleReload(config: true) }
        }
    }

    func add(_ directory: String, _ mask: UInt32, _ handler: @escaping (String) -> Void) {
        do {
            let source = try loop.addInotify(path: directory, mask: mask) { event in handler(event.name) }
            watches.append(source)
        } catch {
            logger.warning("cannot watch \(directory): \(error); changes there need a reload (SIGHUP)")
        }
    }

    /// Collects changes for 200 ms, so that an editor's burst of events
    /// (write, rename, chmod) causes one reload, well within a second.
    func scheduleReload(config: Bool = false, history: Bool = false, calendar: Bool = false) {
        pendingConfigReload = pendingConfigReload || config
        pendingHistoryReload = pendingHistoryReload || history
        pendingCalendarReload = pendingCalendarReload || calendar
        if let debounce { debounce.rearm(after: 0.2); return }
        debounce = loop.addMonotonicTimer(after: 0.2) { [weak self] in
            guard let self else { return }
            let reloadConfig = pendingConfigReload, reloadHistory = pendingHistoryReload
            let reloadCalendar = pendingCalendarReload
            pendingConfigReload = false
            pendingHistoryReload = false
            pendingCalendarReload = false
            if reloadConfig {
                loadConfig()
                watchCalendar()
            }
            if reloadConfig || reloadCalendar { syncCalendar() }
            loadHistory()
            let changed = [reloadConfig ? "config" : nil, reloadHistory ? "history" : nil, reloadCalendar ? "calendar" : nil]
                .compactMap { $0 }
            replan(discovered: true, after: changed.joined(separator: " and ") + " change")
        }
    }

    // MARK: - The calendar

    /// The config's `calendar_dir` as a path, if it names one.
    var calendarDirectory: String? {
        config.calendarDirectory.map { Paths.current.calendarDirectory($0, config: locations.config) }
    }

    /// Watches `calendar_dir` (again, when the config names another).
    func watchCalendar() {
        let path = calendarDirectory
        guard path != calendarWatch?.path else { return }
        calendarWatch?.source?.cancel()
        calendarWatch = nil
        calendar = nil
        guard let path else { return }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM)
        do {
            let source = try loop.addInotify(path: path, mask: mask) { [weak self] event in
                if event.name.lowercased().hasSuffix(".ics") { self?.scheduleReload(calendar: true) }
            }
            calendarWatch = (path, source)
        } catch {
            calendarWatch = (path, nil)
            logger.warning("cannot watch the calendar \(path): \(error); it is read again at a reload (SIGHUP)")
        }
    }

    /// Reads the calendar: records the 1:1s it holds that the history does
    /// not (as `oneonone import` does), and keeps what it has booked for
    /// the planner. Its warnings go to the journal when they change.
    func syncCalendar() {
        guard let path = calendarDirectory else { return }
        let now = WallClock.now()
        let read = CalendarImport(files: CalendarImport.files(at: path), config: config, zones: TimeZoneDatabase(), now: now)
        calendar = read
        if read.warnings != calendarWarnings {
            for warning in read.warnings { logger.warning("calendar: \(warning)") }
            calendarWarnings = read.warnings
        }
        // Only onto a history that reads: the store checks it, under its
        // lock, and adds only what it does not hold.
        guard historyRead, !read.found.isEmpty else { return }
        do {
            let added = try historyStore.importMeetings(read.found.map(\.meeting))
            guard !added.isEmpty else { return }
            let names = added.map { m in
                "\(config.member(m.member)?.name ?? m.member) \(DateText.withWeekday(m.date))"
            }.joined(separator: ", ")
            logger.info("recorded \(added.count) 1:1s from the calendar: \(names)")
        } catch {
            logger.warning("cannot record the 1:1s the calendar holds: \(error)")
        }
    }


    /// SIGHUP: reread everything, telling systemd while it happens.
    func reload() {
        Notify.reloading()
        logger.info("reloading")
        loadConfig()
        loadHistory()
        replan(force: true, discovered: true, after: "reload")
    }

    // MARK: - Loading

    func loadConfig() {
        switch loader.load(path: locations.config) {
        case .success(let fresh):
            config = fresh
            if configProblem != nil { logger.notice("config is valid again: \(locations.config)") }
            configProblem = nil
        case .failure(let failure):
            let text = failure.description
            configProblem = "config rejected, running on the last good one"
            Output.journal([
                ("MESSAGE", "config rejected; still running on the last good config:\n" + text),
                ("MESSAGE_ID", ReminderFields.configRejectedID),
                ("PRIORITY", "3"),
                ("ONEONONE_CONFIG", locations.config),
            ], logger: logger)
            Notify.status("config rejected: \(text.split(separator: "\n").first ?? "") — running on the last good one")
        }
    }

    func loadHistory() {
        do {
            let today = ZonedCalendar(zone: config.timeZone).date(of: WallClock.now())
            history = try state.adding(to: historyStore.load(), members: config.members.map(\.key), today: today)
            if let calendar { history = calendar.adding(to: history) }
            if historyProblem != nil { logger.notice("the history reads correctly again: \(historyStore.path)") }
            historyProblem = nil
            historyRead = true
        } catch {
            let first = "\(error)".split(separator: "\n").first.map(String.init) ?? ""
            historyProblem = historyRead ? "history unreadable, using the last good read"
                : "history unreadable, nothing planned until it is fixed: \(first)"
            Output.journal([
                ("MESSAGE", (historyRead ? "cannot read the history; still using what was last read correctly:\n"
                    : "cannot read the history; no reminder is planned until it reads correctly:\n") + "\(error)"),
                ("PRIORITY", "3"),
            ], logger: logger)
        }
    }

    func pruneLedger() {
        let cutoff = WallClock.now().adding(seconds: -400 * 86_400)
        guard ledger.fired.values.contains(where: { $0 < cutoff }) else { return }
        do {
            try state.pruneLedger(before: cutoff)
            ledger.prune(before: cutoff)
        } catch {
            logger.warning("cannot prune the fired ledger: \(error)")
        }
    }

    // MARK: - Planning

    /// Evaluates the planner now, fires what is due, and sleeps until the
    /// next instant the answer can change.
    ///
    /// - Parameters:
    ///   - force: tell systemd READY again (after a reload).
    ///   - discovered: an edit, not the clock, brought this evaluation:
    ///     what fires now was not missed, so it is not marked late.
    ///   - after: what brought this evaluation, for the journal line that
    ///     says what is next ("history change", "reload"); nil for the
    ///     clock's own wakes.
    func replan(force: Bool = false, discovered: Bool = false, after reason: String? = nil) {
        var now = WallClock.now()
        // A booked 1:1 has ended: it is held now, before anything is planned.
        if let end = calendar?.nextEnd, end <= now {
            syncCalendar()
            loadHistory()
            now = WallClock.now()
        }
        guard historyRead else {
            // Nothing is planned from a history never read: wait for a fix
            // (the file is watched), and say why.
            wakeTimer?.rearm(at: nil)
            Notify.status(historyProblem ?? "history unreadable")
            if !ready || force {
                Notify.ready()
                ready = true
            }
            return
        }
        // Deliveries owed from before are planned as if they had not fired:
        // what the planner fires of them is still true now.
        let retrying = Set(owedFromBefore.map(\.key))
        let plan = Planner.plan(config: config, history: history, ledger: retrying.isEmpty ? ledger : ledger.without(retrying),
                                now: now, lateness: !discovered)
        let fresh = retrying.isEmpty ? plan.fire : plan.fire.filter { !retrying.contains($0.key) }
        if !fresh.isEmpty {
            let routes = routes(fresh)
            // Owed before fired: a crash between the two leaves a delivery
            // owed for a reminder that never fired, which the next start
            // ignores; the other way round could lose it.
            do {
                try state.recordOwed(routes.flatMap { route in route.reminders.map { Delivery(key: $0.key, hook: route.hook.command) } },
                                     at: now)
            } catch {
                logger.warning("cannot record the deliveries owed; if the daemon stops before they get through, they are lost: \(error)")
            }
            // At most once: the keys are durable before anything is shown.
            do {
                try state.recordFired(fresh.map { (key: $0.key, at: now) })
            } catch {
                logger.error("cannot record fired reminders, not firing them: \(error)")
                // Try again in a minute.
                wakeTimer?.rearm(at: now.adding(seconds: 60).microsecondsSinceEpoch)
                return
            }
            for reminder in fresh {
                ledger.record(reminder.key, at: now)
                Output.journal(ReminderFields.journalFields(reminder), logger: logger)
            }
            deliver(routes, at: now)
        }
        if !retrying.isEmpty { retryOwed(plan.fire.filter { retrying.contains($0.key) }, plan: plan, at: now) }
        let wake = [plan.nextWake, calendar?.nextEnd].compactMap { $0 }.min()
        wakeTimer?.rearm(at: wake?.microsecondsSinceEpoch)
        let team = TeamStatus(config: config, history: history, now: now)
        var status = team.summary
        if let problem = configProblem ?? historyProblem { status += " · \(problem)" }
        Notify.status(status)
        if let reason, ready { logger.info("re-planned after \(reason): \(status)") }
        if !ready || force {
            Notify.ready()
            if !ready {
                logger.info("ready: \(config.members.count) members; \(status)")
            }
            ready = true
        }
        if let wake = plan.nextWake {
            logger.debug("sleeping until \(wake)")
        }
    }

    /// The configured hooks, and the desktop: over D-Bus when there is a
    /// session bus (a `notify-send` hook then gives way to it, its `on`
    /// kept), else through notify-send when no hook is configured and it is
    /// on PATH.
    var effectiveHooks: [Hook] {
        guard config.notify.desktop, desktop != nil else {
            if !config.hooks.isEmpty { return config.hooks }
            return DaemonService.defaultHook.map { [$0] } ?? []
        }
        let notifySend = config.hooks.first { ($0.command.first.map { FileSystem.split($0).name } ?? "") == "notify-send" }
        var route = DesktopNotifier.route
        if let notifySend {
            route.kinds = notifySend.kinds
            route.subscribesToAll = notifySend.subscribesToAll
        }
        return config.hooks.filter { $0 != notifySend } + [route]
    }

    // MARK: - Buttons

    /// A button pressed on a notification: records what the CLI would
    /// (`met`, `action done`, `action touch`, `snooze`), through the same
    /// store and lock, says so in the journal, and plans again at once.
    func perform(_ key: String, from reminder: Reminder) {
        let started = loop.now(.monotonic)
        let now = WallClock.now()
        let today = ZonedCalendar(zone: config.timeZone).date(of: now)
        let name = config.member(reminder.member)?.name ?? reminder.member
        let done: String
        do throws(StoreError) {
            switch key {
            case "met":
                _ = try historyStore.recordMeeting(Meeting(member: reminder.member, date: today))
                done = "recorded the 1:1 with \(name) as held today"
            case "snooze-1d":
                try state.addSnooze(Snooze(subject: reminder.member, until: now.adding(seconds: 86_400)))
                done = "snoozed \(name) for 1 day"
            case "done", "touch", "snooze-3d":
                guard let id = reminder.actionID else { return }
                if key == "snooze-3d" {
                    try state.addSnooze(Snooze(subject: id, until: now.adding(seconds: 3 * 86_400)))
                    done = "snoozed item [\(id)] for 3 days"
                } else {
                    try historyStore.touch(actionID: id, Touch(kind: key == "done" ? .done : .updated, date: today))
                    done = key == "done" ? "marked item [\(id)] done" : "noted progress on item [\(id)]"
                }
            default:
                return
            }
        } catch {
            logger.error("a notification's button (\(key)) could not be recorded: \(error)")
            return
        }
        Output.journal([
            ("MESSAGE", "from the desktop notification: \(done)"),
            ("PRIORITY", "6"),
            ("ONEONONE_KEY", reminder.key),
            ("ONEONONE_ACTION_INVOKED", key),
        ], logger: logger)
        loadHistory()
        replan(discovered: true, after: "a notification's button")
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &end)
        let micros = UInt64(end.tv_sec) * 1_000_000 + UInt64(end.tv_nsec) / 1000 - started
        logger.info("a notification's button: recorded and re-planned in \(Double(micros / 100) / 10) ms")
    }

    static let defaultHook: Hook? = Environment.executable("notify-send").map { _ in
        Hook(command: ["notify-send", "--app-name=oneonone", "--urgency={urgency}", "{title}", "{body}"],
             kinds: Set(ReminderKind.allCases), timeout: TimeSpan(seconds: 10))
    }
}

extension Instant {
    /// Microseconds since the epoch, for sd-event's CLOCK_REALTIME timers.
    var microsecondsSinceEpoch: UInt64 {
        UInt64(max(0, secondsSinceEpoch)) * 1_000_000 + UInt64(max(0, nanoseconds)) / 1000
    }
}
