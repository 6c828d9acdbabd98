import Testing
import TestSupport
import Glibc

/// The real daemon binary, a real systemd-journald, real hook processes.
@Suite("oneonone daemon", .serialized)
struct DaemonIntegrationTests {
    /// A daemon world: config with one member whose 1:1 is overdue and
    /// snoozed until a few seconds from now, and a hook that records what
    /// it gets.
    struct Setup {
        let dir: TemporaryDirectory
        let name: String
        var config: String { dir.path + "/config.toml" }

        init(hookSleeps: Bool = false, hooks: Bool = true) throws {
            _ = try run(["bash", packageRoot() + "/scripts/journald.sh"])
            dir = try TemporaryDirectory("oneonone-daemon")
            let tag = String(UInt64.random(in: 0..<UInt64.max), radix: 36)
            name = "Bob; rm -rf ~ \"$(touch pwned)\" \(tag)"
            _ = try run(["mkdir", "-p", dir.path + "/data", dir.path + "/state", dir.path + "/calls"])
            try dir.write("hook.sh", """
                #!/bin/sh
                out="\(dir.path)/calls/$(date +%s%N)-$$"
                mkdir -p "$out"
                for a in "$@"; do printf '%s\\0' "$a"; done > "$out/argv"
                env | grep '^ONEONONE_' | sort > "$out/env"
                if [ -n "$NOTIFY_SOCKET" ]; then echo yes > "$out/notify"; fi
                cat > "$out/stdin"
                touch "$out/done"
                \(hookSleeps ? "sleep 30" : "true")
                """)
            _ = try run(["chmod", "+x", dir.path + "/hook.sh"])
            try dir.write("config.toml", """
                timezone = "UTC"
                working_hours = "always"
                # Each test is about the reminders it makes, not the morning digest.
                digest = false
                [team.bob]
                name = '\(name)'
                cadence = "1w"
                \(hooks ? """
                [[hook]]
                command = ["\(dir.path)/hook.sh", "--title={title}", "{name}", "{kind}"]
                on = ["overdue", "stale-action"]
                timeout = "2s"
                """ : "")
                """)
            try dir.write("data/history.toml", "[[met]]\nmember = \"bob\"\non = 2026-01-05\n\n")
            // Overdue for months, but snoozed until 3 s from now: the alert fires then.
            let until = Int64(time(nil)) + 3
            try dir.write("state/snoozes.toml", "[[snooze]]\nsubject = \"bob\"\nuntil = \(Self.rfc3339(until))\n\n")
        }

        static func rfc3339(_ t: Int64) -> String {
            var tt = time_t(t)
            var tm = tm()
            gmtime_r(&tt, &tm)
            func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
        }

        /// Starts the daemon in the background; returns its pid.
        ///
        /// - Parameter fileLimit: its limit of open descriptors (`ulimit -n`), if not the inherited one.
        func start(environment: [String: String] = [:], fileLimit: Int? = nil) throws -> Int32 {
            let limit = fileLimit.map { "ulimit -n \($0); " } ?? ""
            let r = try run(["/bin/sh", "-c", limit + "\"$0\" daemon --config \"$1\" --data-dir \"$2\" --state-dir \"$3\" >>\"$4\" 2>&1 & echo $!",
                             product("oneonone"), config, dir.path + "/data", dir.path + "/state", dir.path + "/daemon.log"],
                            environment: environment)
            return Int32(r.stdout.split(separator: "\n").first ?? "") ?? -1
        }

        func calls() throws -> [String] { try listDirectory(dir.path + "/calls") }

        /// What the daemon wrote to stdout and stderr.
        func log() throws -> String { String(decoding: try readBytes(dir.path + "/daemon.log"), as: UTF8.self) }

        /// Journal entries of this test's member, as JSON lines.
        func journal(_ match: String = "") throws -> [String] {
            var args = ["journalctl", "-o", "json", "--no-pager", "ONEONONE_NAME=\(name)"]
            if !match.isEmpty { args = ["journalctl", "-o", "json", "--no-pager", match] }
            return try run(args).stdout.split(separator: "\n").map(String.init)
        }

        func waitFor(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
            let deadline = Double(time(nil)) + seconds
            while Double(time(nil)) <= deadline {
                if try condition() { return true }
                usleep(50_000)
            }
            return try condition()
        }
    }

    @Test("a due reminder reaches the journal and the hook once, with safe argv, env and stdin; kill -9 and restart repeats nothing")
    func firesOnceAcrossCrash() throws {
        let s = try Setup()
        defer { s.dir.remove() }
        var pid = try s.start()
        defer { kill(pid, SIGKILL) }
        #expect(try s.waitFor(10) { try s.calls().count >= 1 })
        let calls = try s.calls()
        #expect(calls.count == 1)
        let call = s.dir.path + "/calls/" + calls[0]
        #expect(s.waitFor(5) { FileSystemCheck.exists(call + "/done") }, "the hook did not finish")
        let argv = String(decoding: try readBytes(call + "/argv"), as: UTF8.self).split(separator: "\0").map(String.init)
        #expect(argv.count == 3)
        #expect(argv[0].hasPrefix("--title=1:1 with Bob; overdue by"))
        #expect(argv[1] == s.name) // shell metacharacters stay one literal argument
        #expect(argv[2] == "overdue")
        #expect(!FileSystemCheck.exists(s.dir.path + "/pwned"))
        let env = String(decoding: try readBytes(call + "/env"), as: UTF8.self)
        #expect(env.contains("ONEONONE_KIND=overdue"))
        #expect(env.contains("ONEONONE_MEMBER=bob"))
        #expect(env.contains("ONEONONE_KEY=overdue/bob/2026-01-12#"))
        #expect(!FileSystemCheck.exists(call + "/notify"))
        let stdin = String(decoding: try readBytes(call + "/stdin"), as: UTF8.self)
        #expect(stdin.contains("\"kind\":\"overdue\""))
        #expect(stdin.contains("\"member\":\"bob\""))
        // The same object, with the same keys, as `plan --json` prints.
        let keys = "import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d, list) else d; print(sorted(d))"
        let hookKeys = try run(["python3", "-c", keys], stdin: Array(stdin.utf8)).stdout
        let plan = try run([product("oneonone"), "plan", "--days", "400", "--json", "--config", s.config,
                            "--data-dir", s.dir.path + "/data", "--state-dir", s.dir.path + "/empty-state"])
        let planKeys = try run(["python3", "-c", keys], stdin: Array(plan.stdout.utf8)).stdout
        #expect(hookKeys.contains("'scheduled'"), "\(hookKeys)")
        #expect(hookKeys == planKeys, "hook: \(hookKeys) plan: \(planKeys)")

        // The journal entry, with its fields.
        #expect(try s.waitFor(5) { try !s.journal().isEmpty })
        let entries = try s.journal()
        #expect(entries.count == 1)
        let entry = entries.first ?? ""
        #expect(entry.contains("\"MESSAGE_ID\":\"ee07ce79b2d34815a25019e189255ca0\""))
        #expect(entry.contains("\"PRIORITY\":\"2\"") || entry.contains("\"PRIORITY\":\"4\""))
        #expect(entry.contains("\"ONEONONE_KIND\":\"overdue\""))
        #expect(entry.contains("\"ONEONONE_DUE\":\"2026-01-12\""))

        // kill -9 and restart: the ledger keeps it from firing again.
        kill(pid, SIGKILL)
        pid = try s.start()
        usleep(2_500_000)
        #expect(try s.calls().count == 1)
        #expect(try s.journal().count == 1)

        // An edit to the history is picked up within a second: a past-due item goes stale at once.
        let before = time(nil)
        let add = try run([product("oneonone"), "action", "add", "bob", "Send the packet", "--due", "2026-01-01",
                           "--config", s.config, "--data-dir", s.dir.path + "/data", "--state-dir", s.dir.path + "/state"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try s.waitFor(3) { try s.calls().count == 2 })
        #expect(time(nil) - before <= 2)
        // Brought to light by the edit, not missed: it is not marked late.
        func staleEntries() throws -> [String] { try s.journal().filter { $0.contains("\"ONEONONE_KIND\":\"stale-action\"") } }
        #expect(try s.waitFor(3) { try !staleEntries().isEmpty })
        let stale = try staleEntries()
        #expect(stale.count == 1)
        #expect(stale.first?.contains("\"ONEONONE_LATE_SEC\":\"0\"") == true, "\(stale)")
        #expect(stale.first?.contains("Late by") == false, "\(stale)")

        // An edit that breaks the config is seen without any signal, within a
        // second or so, and rejected; SIGHUP reads it again and rejects it
        // again; the daemon keeps running on the last good config.
        func rejections() throws -> Int {
            try s.journal("ONEONONE_CONFIG=\(s.config)").filter { $0.contains("\"PRIORITY\":\"3\"") && $0.contains("cadense") }.count
        }
        let edited = time(nil)
        try s.dir.write("config.toml", "timezone = \"UTC\"\n[team.bob]\ncadense = \"1w\"\n")
        #expect(try s.waitFor(5) { try rejections() == 1 })
        #expect(time(nil) - edited <= 2)
        kill(pid, SIGHUP)
        #expect(try s.waitFor(5) { try rejections() == 2 })
        #expect(isRunning(pid), "the daemon died: \((try? s.log()) ?? "")")
        kill(pid, SIGTERM)
    }

    @Test("systemd hears READY with a status line, RELOADING and READY again on SIGHUP, watchdog pings, and STOPPING")
    func notifiesSystemd() throws {
        let s = try Setup()
        defer { s.dir.remove() }
        let socket = try DatagramSocket(path: s.dir.path + "/notify.sock")
        let pid = try s.start(environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "1000000"])
        defer { kill(pid, SIGKILL) }

        let startup = socket.receive(for: 10) { messages in messages.contains { $0.contains("READY=1") } }
        #expect(startup.contains { $0.contains("READY=1") }, "no READY=1 in \(startup)")
        // The status line says where the team stands: Bob's 1:1 is snoozed, nothing else is due.
        #expect(startup.contains { $0.contains("STATUS=") && !$0.contains("STATUS=\n") }, "\(startup)")

        // The watchdog asked for every second is pinged well within it.
        let pings = socket.receive(for: 3) { messages in messages.filter { $0.contains("WATCHDOG=1") }.count >= 2 }
        #expect(pings.filter { $0.contains("WATCHDOG=1") }.count >= 2, "\(pings)")

        kill(pid, SIGHUP)
        let reload = socket.receive(for: 5) { messages in
            messages.contains { $0.contains("RELOADING=1") } && messages.last { $0.contains("READY=1") } != nil
                && messages.firstIndex { $0.contains("RELOADING=1") }! < messages.lastIndex { $0.contains("READY=1") }!
        }
        let reloading = try #require(reload.first { $0.contains("RELOADING=1") }, "\(reload)")
        #expect(reloading.contains("MONOTONIC_USEC="))
        #expect(reload.contains { $0.contains("READY=1") })

        kill(pid, SIGTERM)
        let stop = socket.receive(for: 5) { messages in messages.contains { $0.contains("STOPPING=1") } }
        #expect(stop.contains { $0.contains("STOPPING=1") }, "\(stop)")
        #expect(s.waitFor(5) { !isRunning(pid) })
    }

    @Test("with no hook configured, the reminder reaches the desktop over the session bus")
    func notifySendByDefault() throws {
        let s = try Setup(hooks: false)
        defer { s.dir.remove() }
        // A private session bus with a notification server on it.
        let bus = try run(["dbus-daemon", "--session", "--fork", "--nopidfile", "--print-address=1", "--print-pid=1"])
        #expect(bus.status == 0, "\(bus.stderr)")
        let lines = bus.stdout.split(separator: "\n").map(String.init)
        let address = try #require(lines.first)
        let busPID = Int32(lines.dropFirst().first ?? "") ?? -1
        defer { if busPID > 0 { kill(busPID, SIGTERM) } }
        let out = s.dir.path + "/notifications.jsonl"
        let server = try run(["/bin/sh", "-c", "\"$0\" \"$1\" >/dev/null 2>&1 & echo $!",
                              packageRoot() + "/scripts/notification-server.py", out],
                             environment: ["DBUS_SESSION_BUS_ADDRESS": address])
        let serverPID = Int32(server.stdout.split(separator: "\n").first ?? "") ?? -1
        defer { if serverPID > 0 { kill(serverPID, SIGTERM) } }
        #expect(s.waitFor(10) { FileSystemCheck.exists(out) }, "the notification server did not start")

        let pid = try s.start(environment: ["DBUS_SESSION_BUS_ADDRESS": address])
        defer { kill(pid, SIGKILL) }
        #expect(try s.waitFor(15) { !(try readBytes(out)).isEmpty })
        usleep(500_000)
        let shown = String(decoding: try readBytes(out), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(shown.count == 1, "\(shown)")
        let note = shown.first ?? ""
        #expect(note.contains("\"app_name\": \"oneonone\""), "\(note)")
        #expect(note.contains("\"summary\": \"1:1 with Bob; overdue by"), "\(note)")
        #expect(note.contains("\"body\": \"\(s.name.replacing("\"", with: "\\\"")):"), "\(note)")
        // The urgency hint's byte: 1 normal, 2 critical.
        #expect(note.contains("\"urgency\": 1") || note.contains("\"urgency\": 2"), "\(note)")
        kill(pid, SIGTERM)
    }

    @Test("a hook that exits without reading the reminder on its stdin does not take the daemon down")
    func hookIgnoringStdin() throws {
        let s = try Setup()
        defer { s.dir.remove() }
        let config = String(decoding: try readBytes(s.config), as: UTF8.self)
        try s.dir.write("config.toml", config.replacing("\(s.dir.path)/hook.sh", with: "/bin/true"))
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        // The reminder fires (it is in the journal), the hook is gone at once.
        #expect(try s.waitFor(10) { try !s.journal().isEmpty })
        usleep(1_000_000)
        #expect(isRunning(pid), "the daemon died: \((try? s.log()) ?? "")")
        kill(pid, SIGTERM)
        #expect(s.waitFor(5) { !isRunning(pid) })
    }

    @Test("hooks run side by side, and a failing hook is journaled and retried after its backoff")
    func hooksInParallelAndRetried() throws {
        let s = try Setup()
        defer { s.dir.remove() }
        try s.dir.write("failing.sh", "#!/bin/sh\necho $(date +%s%N) >> \"\(s.dir.path)/failing.log\"\necho broken >&2\nexit 3\n")
        try s.dir.write("slow.sh", "#!/bin/sh\necho $(date +%s%N) >> \"\(s.dir.path)/slow.log\"\nsleep 3\n")
        _ = try run(["chmod", "+x", s.dir.path + "/failing.sh", s.dir.path + "/slow.sh"])
        let config = String(decoding: try readBytes(s.config), as: UTF8.self)
        let hooks = config.replacing("\(s.dir.path)/hook.sh\", \"--title={title}\", \"{name}\", \"{kind}\"",
                                     with: "\(s.dir.path)/slow.sh\"")
            // The slow hook is well inside its timeout: it succeeds, once.
            .replacing("timeout = \"2s\"", with: "timeout = \"20s\"") + """

            [[hook]]
            command = ["\(s.dir.path)/failing.sh"]
            on = ["overdue"]
            timeout = "2s"

            """
        try s.dir.write("config.toml", hooks)
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        func times(_ name: String) -> [Double] {
            let text = (try? readBytes(s.dir.path + "/" + name)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return text.split(separator: "\n").compactMap { Double($0).map { $0 / 1e9 } }
        }
        // Both start at once although the slow one takes 3 s.
        #expect(s.waitFor(10) { !times("failing.log").isEmpty && !times("slow.log").isEmpty })
        if let failed = times("failing.log").first, let slow = times("slow.log").first {
            #expect(abs(failed - slow) < 1, "failing hook at \(failed), slow hook at \(slow)")
        }
        #expect(try s.waitFor(5) {
            try s.journal("ONEONONE_HOOK_ATTEMPT=1").contains {
                $0.contains("failing.sh") && $0.contains("exited with status 3; retrying in ") && $0.contains("broken")
            }
        })
        // The retry comes after the 5 s backoff, jittered by a fifth (the
        // next waits 30 s), and the hook that succeeded is not run again.
        #expect(s.waitFor(10) { times("failing.log").count >= 2 })
        let calls = times("failing.log")
        #expect(calls.count == 2)
        if calls.count >= 2 { #expect(calls[1] - calls[0] >= 3.9, "retried after \(calls[1] - calls[0]) s") }
        #expect(times("slow.log").count == 1)
        #expect(isRunning(pid))
        kill(pid, SIGTERM)
    }

    @Test("a reminder that cannot be recorded is not fired, and goes out once when the ledger is writable again a minute later")
    func unrecordableRetried() throws {
        let s = try Setup()
        defer { s.dir.remove() }
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        #expect(try s.waitFor(10) { try s.calls().count == 1 })
        // The ledger becomes unwritable, and an edit brings a stale item to light.
        let ledger = s.dir.path + "/state/fired.toml"
        let recorded = try readBytes(ledger)
        _ = try run(["rm", ledger])
        _ = try run(["mkdir", ledger])
        let history = String(decoding: try readBytes(s.dir.path + "/data/history.toml"), as: UTF8.self)
        try s.dir.write("data/history.toml", history + """
            [[action]]
            id = "1"
            member = "bob"
            text = "Send the packet"
            owner = "me"
            due = 2026-01-10
            created = 2026-01-05

            """)
        #expect(try s.waitFor(10) { try s.journal("_PID=\(pid)").contains { $0.contains("cannot record fired reminders") } })
        #expect(try s.calls().count == 1)
        _ = try run(["rmdir", ledger])
        try s.dir.writeBytes("state/fired.toml", recorded)
        // Retried after a minute, not at the next planned wake days away.
        #expect(try s.waitFor(75) { try s.calls().count == 2 })
        #expect(try s.journal().filter { $0.contains("\"ONEONONE_KIND\":\"stale-action\"") }.count == 1)
        #expect(isRunning(pid))
        kill(pid, SIGTERM)
    }

    @Test("a hook that hangs is killed after its timeout and the failure is journaled")
    func hungHookKilled() throws {
        let s = try Setup(hookSleeps: true)
        defer { s.dir.remove() }
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        #expect(try s.waitFor(15) {
            try s.journal("ONEONONE_HOOK_ATTEMPT=1").contains { $0.contains(s.dir.path) && $0.contains("timeout") }
        })
        #expect(isRunning(pid), "the daemon died: \((try? s.log()) ?? "")")
        kill(pid, SIGTERM)
    }

    @Test("with a relative --data-dir and --state-dir the daemon works in its working directory")
    func relativeDirectories() throws {
        let s = try Setup()
        defer { s.dir.remove() }
        let strays = ["/data", "/state"].filter { !FileSystemCheck.exists($0) }
        let r = try run(["/bin/sh", "-c", "cd \"$1\" && exec \"$0\" daemon --config config.toml --data-dir data --state-dir state >>daemon.log 2>&1 & echo $!",
                         product("oneonone"), s.dir.path])
        let pid = Int32(r.stdout.split(separator: "\n").first ?? "") ?? -1
        defer { kill(pid, SIGKILL) }
        #expect(try s.waitFor(10) { try s.calls().count == 1 }, "\((try? s.log()) ?? "")")
        for stray in strays { #expect(!FileSystemCheck.exists(stray), "\(stray) was created") }
        // The relative data directory is watched: an edit there is planned at once.
        let add = try run([product("oneonone"), "action", "add", "bob", "Send the packet", "--due", "2026-01-01",
                           "--config", "config.toml", "--data-dir", "data", "--state-dir", "state"], directory: s.dir.path)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try s.waitFor(5) { try s.calls().count == 2 })
        kill(pid, SIGTERM)
    }

    @Test("a daemon that cannot read the history at start fires nothing from it, says so, and plans once it is fixed")
    func brokenHistoryAtStart() throws {
        let s = try Setup()
        defer { s.dir.remove() }
        try s.dir.write("state/snoozes.toml", "")
        let good = String(decoding: try readBytes(s.dir.path + "/data/history.toml"), as: UTF8.self)
        try s.dir.write("data/history.toml", good + "[[met]]\nmember = \"bob\"\non = 2026-13-01\n\n")
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        func said(_ text: String) throws -> Bool {
            try s.journal("_PID=\(pid)").contains { $0.contains(text) && $0.contains(s.dir.path) }
                || (try s.log()).contains(text)
        }
        #expect(try s.waitFor(10) { try said("no reminder is planned until it reads correctly") }, "\((try? s.log()) ?? "")")
        usleep(2_000_000)
        #expect(try s.calls().isEmpty)
        #expect(try s.journal().isEmpty, "nothing fired from a history never read")
        let ledger = (try? readBytes(s.dir.path + "/state/fired.toml")) ?? []
        #expect(ledger.isEmpty, "nothing recorded as fired")
        // Fixed: planned at once, and the journal says what was re-planned.
        try s.dir.write("data/history.toml", good)
        #expect(try s.waitFor(5) { try s.calls().count == 1 })
        #expect(try s.waitFor(5) { try said("re-planned after history change") })
        kill(pid, SIGTERM)
    }
}

/// Whether `pid` is alive: not gone and not a zombie (the daemon runs
/// detached, and whoever inherits it may never reap it).
func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? readBytes("/proc/\(pid)/stat") else { return false }
    let text = String(decoding: stat, as: UTF8.self)
    guard let close = text.lastIndex(of: ")") else { return false }
    let state = text[text.index(after: close)...].split(separator: " ").first
    return state != "Z" && state != "X"
}

enum FileSystemCheck {
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}
