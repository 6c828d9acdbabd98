package import Logging
package import OneOnOne
package import Systemd
import Posix
import Glibc

/// Runs `[[hook]]` commands for reminders, a few at a time, without ever
/// blocking the event loop.
///
/// A wake can fire thousands of reminders at once (a team back from a long
/// weekend, a history edit). Each running hook holds two pipes (and sd-event
/// a pidfd), so hooks wait in a queue rather than all start together and run
/// the daemon out of descriptors.
///
/// Each hook is its own process group, gets the reminder as `ONEONONE_*`
/// environment variables and as JSON on stdin, loses `NOTIFY_SOCKET` (only
/// the daemon talks to systemd), is killed after its timeout, and is retried
/// with backoff when it fails (the notification server may not be up yet at
/// login). Results go to the journal.
package final class HookRunner {
    let loop: EventLoop
    let logger: Logger
    /// Delays before each retry of a failed hook, in seconds.
    let backoff: [Double]
    /// How many hooks run at once.
    let limit: Int
    /// Hooks currently running, by process id.
    var running: [pid_t: Run] = [:]
    /// Hooks waiting for a free place, first come first served: the ones
    /// from `nextWaiting` on (the list is compacted when it has drained).
    var waiting: [Run] = []
    var nextWaiting = 0
    /// Told when a hook is done with what it was given: it succeeded
    /// (true), or failed its last attempt (false). A hook ended by `stop`
    /// is not done: what it owed goes out after a restart.
    package var settled: ((_ hook: Hook, _ keys: [String], _ shown: Bool) -> Void)?

    /// One attempt of one hook for one reminder.
    final class Run {
        let hook: Hook
        let reminder: Reminder
        /// The keys of what the reminder delivers: its own, or for a
        /// summary, those of the reminders in it.
        let keys: [String]
        let attempt: Int
        /// The daemon's ends of the hook's stdin and stderr pipes, -1 once
        /// closed. Kept here because a cancelled source forgets its fd.
        var stdin: Int32 = -1
        var stderr: Int32 = -1
        var stdinSource: EventLoop.Source?
        var stderrSource: EventLoop.Source?
        var pendingInput: [UInt8] = []
        var stderrTail: [UInt8] = []
        var timeout: EventLoop.Timer?
        var timedOut = false

        init(hook: Hook, reminder: Reminder, keys: [String], attempt: Int) {
            self.hook = hook
            self.reminder = reminder
            self.keys = keys
            self.attempt = attempt
        }

        /// Writes what of the JSON the pipe takes; closes stdin once all is
        /// written or the hook has stopped reading.
        func feed() {
            while !pendingInput.isEmpty {
                let n = pendingInput.withUnsafeBytes { write(stdin, $0.baseAddress, $0.count) }
                if n > 0 { pendingInput.removeFirst(n); continue }
                if n < 0 && errno == EAGAIN { return }
                break // EPIPE: the hook does not read its stdin, which is fine.
            }
            closeStdin()
        }

        /// Reads once from stderr, keeping the last 2 KiB for the journal.
        ///
        /// - Returns: what `read` returned: bytes read, 0 at the end of the
        ///   stream (or once closed), -1 with `errno` set (`EAGAIN` when
        ///   nothing is there yet).
        func readStderr() -> Int {
            guard stderr >= 0 else { return 0 }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = read(stderr, &buffer, buffer.count)
            if n > 0 {
                stderrTail += buffer[0..<n]
                if stderrTail.count > 2048 { stderrTail.removeFirst(stderrTail.count - 2048) }
            }
            return n
        }

        func closeStdin() {
            stdinSource?.cancel()
            stdinSource = nil
            if stdin >= 0 { close(stdin) }
            stdin = -1
        }

        func closeStderr() {
            stderrSource?.cancel()
            stderrSource = nil
            if stderr >= 0 { close(stderr) }
            stderr = -1
        }
    }

    package init(loop: EventLoop, logger: Logger, backoff: [Double] = [5, 30, 120, 600], limit: Int = 4) {
        self.loop = loop
        self.logger = logger
        self.backoff = backoff
        self.limit = max(1, limit)
    }

    /// Ends what is running and forgets what waits, when the daemon stops:
    /// each running hook's process group gets SIGTERM.
    package func stop() {
        for pid in running.keys { kill(-pid, SIGTERM) }
        waiting.removeAll()
        nextWaiting = 0
    }

    /// Runs every hook in `hooks` whose kinds include the reminder's, as
    /// soon as fewer than `limit` hooks are running.
    ///
    /// - Parameter keys: what the reminder delivers, for `settled`: by
    ///   default its own key; for a summary, the keys of its reminders.
    package func run(_ hooks: [Hook], for reminder: Reminder, keys: [String]? = nil) {
        for hook in hooks where hook.kinds.contains(reminder.kind) {
            enqueue(Run(hook: hook, reminder: reminder, keys: keys ?? [reminder.key], attempt: 1))
        }
    }

    /// Puts `run` at the back of the queue and starts what there is room for.
    func enqueue(_ run: Run) {
        waiting.append(run)
        startWaiting()
    }

    /// Starts waiting hooks while there is room.
    func startWaiting() {
        // A hook that cannot start takes no place, so the loop goes on.
        while running.count < limit, nextWaiting < waiting.count {
            let run = waiting[nextWaiting]
            nextWaiting += 1
            start(run)
        }
        if nextWaiting == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            nextWaiting = 0
        }
    }

    func start(_ run: Run) {
        let hook = run.hook, reminder = run.reminder
        let argv = ReminderFields.argv(hook.command, for: reminder)
        run.pendingInput = Array((reminder.json.rendered(compact: true) + "\n").utf8)
        let spawned: Subprocess
        do throws(SystemError) {
            spawned = try Subprocess.spawn(argv, environment: HookRunner.environment(for: reminder), processGroup: true,
                                           nonBlocking: true)
        } catch {
            // A program that is not there will not appear by retrying.
            failed(run, status: "could not start \(argv[0]): \(error.errno.text)", retrying: error.errno.code != ENOENT)
            return
        }
        running[spawned.pid] = run
        run.stdin = spawned.stdin
        run.stderr = spawned.stderr
        run.stdinSource = loop.addIO(fd: run.stdin, events: EventLoop.IOEvents.writable) { [weak run] _ in
            run?.feed()
        }
        run.stderrSource = loop.addIO(fd: run.stderr, events: EventLoop.IOEvents.readable) { [weak run] _ in
            guard let run else { return }
            let n = run.readStderr()
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) { run.closeStderr() }
        }
        run.timeout = loop.addMonotonicTimer(after: Double(hook.timeout.nominalSeconds)) { [weak run] in
            guard let run else { return }
            run.timedOut = true
            // The whole group: a shell script's children go too.
            kill(-spawned.pid, SIGKILL)
        }
        loop.addChild(pid: spawned.pid) { [weak self] exit in
            self?.finished(spawned.pid, exit)
        }
    }

    func finished(_ pid: pid_t, _ exit: ChildExit) {
        guard let run = running.removeValue(forKey: pid) else { return }
        run.timeout?.disable()
        run.closeStdin()
        // What the hook wrote is in the pipe by now: read that much (a
        // default pipe holds 64 KiB) without waiting, then close. A child it
        // left behind may hold the pipe open, and write, as long as it likes.
        var reads = 0
        while reads < 16 && run.readStderr() > 0 { reads += 1 }
        run.closeStderr()
        switch exit {
        case .exited(0) where !run.timedOut && run.attempt > 1:
            logger.notice("hook \(run.hook.command.first ?? "") for \(run.reminder.key) succeeded on attempt \(run.attempt)",
                          metadata: ["oneonone_key": "\(run.reminder.key)"])
            settled?(run.hook, run.keys, true)
        case .exited(0) where !run.timedOut:
            logger.debug("hook succeeded", metadata: [
                "oneonone_key": "\(run.reminder.key)", "oneonone_hook": "\(run.hook.command.first ?? "")",
            ])
            settled?(run.hook, run.keys, true)
        case .exited(let code):
            failed(run, status: run.timedOut ? "timed out after \(run.hook.timeout)" : "exited with status \(code)")
        case .killed(let signal):
            failed(run, status: run.timedOut ? "killed after its timeout of \(run.hook.timeout)"
                   : "killed by signal \(signal)")
        }
        startWaiting()
    }

    func failed(_ run: Run, status: String, retrying: Bool = true) {
        let tail = String(decoding: run.stderrTail, as: UTF8.self)
        // Jittered by a fifth either way: hooks that failed together (no
        // notification server yet at login) do not all come back together.
        let retry = retrying && run.attempt <= backoff.count
            ? (backoff[run.attempt - 1] * Double.random(in: 0.8...1.2)).rounded() : nil
        let command = run.hook.command.first ?? ""
        var message = "hook \(command) for \(run.reminder.key) \(status)"
        if let retry { message += "; retrying in \(Int(retry))s (attempt \(run.attempt + 1) of \(backoff.count + 1))" } else {
            message += "; giving up after \(run.attempt) attempts"
        }
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", message + (tail.isEmpty ? "" : "\n" + tail)),
            ("MESSAGE_ID", ReminderFields.hookFailedID),
            ("PRIORITY", "4"),
            ("ONEONONE_KEY", run.reminder.key),
            ("ONEONONE_HOOK", run.hook.command.joined(separator: " ")),
            ("ONEONONE_HOOK_STATUS", status),
            ("ONEONONE_HOOK_ATTEMPT", String(run.attempt)),
        ]
        if !tail.isEmpty { fields.append(("ONEONONE_HOOK_STDERR", tail)) }
        Output.journal(fields, logger: logger)
        guard let retry else {
            settled?(run.hook, run.keys, false)
            return
        }
        let hook = run.hook, reminder = run.reminder, keys = run.keys, attempt = run.attempt + 1
        var timer: EventLoop.Timer?
        timer = loop.addMonotonicTimer(after: retry) { [weak self] in
            // At the back of the queue: retries do not hold up fresh reminders.
            self?.enqueue(Run(hook: hook, reminder: reminder, keys: keys, attempt: attempt))
            timer?.disable()
            timer = nil
        }
    }

    /// The daemon's environment without NOTIFY_SOCKET and the other systemd
    /// service variables, plus the reminder's `ONEONONE_*`.
    static func environment(for reminder: Reminder) -> [String] {
        let dropped: Set<String> = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID",
                                    "LISTEN_FDNAMES", "INVOCATION_ID", "JOURNAL_STREAM"]
        var env = Environment.entries().filter { entry in
            let name = String(entry.prefix { $0 != "=" })
            return !dropped.contains(name) && !name.hasPrefix("ONEONONE_")
        }
        for (name, value) in ReminderFields.environment(reminder) { env.append("\(name)=\(value)") }
        return env
    }
}
