import Testing
import TestSupport
import Glibc

/// A private session bus with the project's notification server on it.
struct NotificationSession {
    let address: String
    let out: String
    let busPID: Int32
    let serverPID: Int32

    init(in dir: String, actions: Bool = true) throws {
        let bus = try run(["dbus-daemon", "--session", "--fork", "--nopidfile", "--print-address=1", "--print-pid=1"])
        let lines = bus.stdout.split(separator: "\n").map(String.init)
        address = lines.first ?? ""
        busPID = Int32(lines.dropFirst().first ?? "") ?? -1
        out = dir + "/notifications.jsonl"
        let server = try run(["/bin/sh", "-c", "\"$0\" \"$1\" $2 >/dev/null 2>&1 & echo $!",
                              packageRoot() + "/scripts/notification-server.py", out, actions ? "" : "--no-actions"],
                             environment: ["DBUS_SESSION_BUS_ADDRESS": address])
        serverPID = Int32(server.stdout.split(separator: "\n").first ?? "") ?? -1
    }

    func stop() {
        if serverPID > 0 { kill(serverPID, SIGTERM) }
        if busPID > 0 { kill(busPID, SIGTERM) }
    }

    /// The notifications shown so far, as JSON lines.
    var shown: [String] {
        ((try? readBytes(out)).map { String(decoding: $0, as: UTF8.self) } ?? "").split(separator: "\n").map(String.init)
    }

    /// A field of a notification, read with Python's json module.
    func field(_ line: String, _ name: String) throws -> String {
        try run(["python3", "-c", "import json,sys; print(json.dumps(json.load(sys.stdin)[sys.argv[1]]))", name],
                stdin: Array(line.utf8)).stdout.trimmingCharacters(in: ["\n"])
    }

    /// Presses a button, as a person clicking it on the notification.
    func press(_ id: String, _ key: String) throws {
        let r = try run(["dbus-send", "--session", "--type=method_call", "--dest=org.freedesktop.Notifications",
                         "/org/freedesktop/Notifications",
                         "org.oneonone.Test.Invoke", "uint32:\(id)", "string:\(key)"],
                        environment: ["DBUS_SESSION_BUS_ADDRESS": address])
        #expect(r.status == 0, "\(r.stderr)")
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

/// The daemon shows reminders over D-Bus itself, with buttons that record
/// what the CLI would.
@Suite("oneonone daemon: desktop notifications over D-Bus", .serialized)
struct DesktopNotificationTests {
    typealias Setup = DaemonIntegrationTests.Setup



    @Test("an overdue 1:1 comes with 'Held today' and 'Snooze 1 day'; pressing 'Held today' records the 1:1 and nothing more fires")
    func heldToday() throws {
        let s = try Setup(hooks: false)
        defer { s.dir.remove() }
        let session = try NotificationSession(in: s.dir.path)
        defer { session.stop() }
        #expect(s.waitFor(10) { FileSystemCheck.exists(session.out) }, "the notification server did not start")
        let pid = try s.start(environment: ["DBUS_SESSION_BUS_ADDRESS": session.address])
        defer { kill(pid, SIGKILL) }
        #expect(s.waitFor(15) { !session.shown.isEmpty })
        usleep(300_000)
        let shown = session.shown
        #expect(shown.count == 1, "\(shown)")
        let note = shown.first ?? "{}"
        #expect(try session.field(note, "app_name") == "\"oneonone\"")
        #expect(try session.field(note, "summary").hasPrefix("\"1:1 with Bob; overdue by"))
        #expect(try session.field(note, "actions") == "[\"met\", \"Held today\", \"snooze-1d\", \"Snooze 1 day\"]")
        #expect(try session.field(note, "desktop_entry") == "\"oneonone\"")
        #expect(["1", "2"].contains(try session.field(note, "urgency")))

        let before = s.history
        var pressed = timespec()
        clock_gettime(CLOCK_MONOTONIC, &pressed)
        try session.press(try session.field(note, "id"), "met")
        #expect(s.waitFor(5) { s.history != before })
        var written = timespec()
        clock_gettime(CLOCK_MONOTONIC, &written)
        let ms = Double(written.tv_sec - pressed.tv_sec) * 1000 + Double(written.tv_nsec - pressed.tv_nsec) / 1e6
        print("button pressed → record written: \(Int(ms)) ms (polled every 50 ms)")
        let today = String(Setup.rfc3339(Int64(time(nil))).prefix(10))
        #expect(s.history.hasSuffix("[[met]]\nmember = \"bob\"\non = \(today)\n\n"), "\(s.history)")
        #expect(try s.waitFor(3) { try s.daemonLines(pid).contains("from the desktop notification: recorded the 1:1 with Bob") })
        #expect(try s.waitFor(3) { try s.daemonLines(pid).contains("re-planned after a notification's button") })
        let latency = try s.daemonLines(pid).split(separator: "\n").first { $0.contains("recorded and re-planned in") }
        print(latency ?? "no latency line")
        #expect(latency != nil)
        usleep(1_000_000)
        #expect(session.shown.count == 1, "nothing more for Bob: \(session.shown)")
        kill(pid, SIGTERM)
    }

    @Test("a stale item comes with 'Done', 'Still on it' and 'Snooze 3 days'; pressing 'Done' closes the item as the CLI would")
    func itemDone() throws {
        let s = try Setup(hooks: false)
        defer { s.dir.remove() }
        try s.dir.write("data/history.toml", s.history + "[[action]]\nid = \"7\"\nmember = \"bob\"\ntext = \"Send the offer letter\"\n"
            + "owner = \"me\"\ndue = 2026-01-09\ncreated = 2026-01-05\n\n")
        let session = try NotificationSession(in: s.dir.path)
        defer { session.stop() }
        #expect(s.waitFor(10) { FileSystemCheck.exists(session.out) })
        let pid = try s.start(environment: ["DBUS_SESSION_BUS_ADDRESS": session.address])
        defer { kill(pid, SIGKILL) }
        #expect(s.waitFor(15) { session.shown.count == 2 }, "\(session.shown)")
        let item = try #require(session.shown.first { $0.contains("Send the offer letter") && $0.contains("\"done\"") })
        #expect(try session.field(item, "actions") == "[\"done\", \"Done\", \"touch\", \"Still on it\", \"snooze-3d\", \"Snooze 3 days\"]")
        try session.press(try session.field(item, "id"), "done")
        let today = String(Setup.rfc3339(Int64(time(nil))).prefix(10))
        #expect(s.waitFor(5) { s.history.hasSuffix("[[touch]]\naction = \"7\"\nkind = \"done\"\non = \(today)\n\n") }, "\(s.history)")
        // A button that is not the notification's does nothing.
        let before = s.history
        try session.press(try session.field(item, "id"), "met")
        usleep(500_000)
        #expect(s.history == before)
        kill(pid, SIGTERM)
    }

    @Test("a new alert about the same 1:1 replaces the notification on screen instead of stacking")
    func replaces() throws {
        let s = try Setup(hooks: false)
        defer { s.dir.remove() }
        let session = try NotificationSession(in: s.dir.path)
        defer { session.stop() }
        #expect(s.waitFor(10) { FileSystemCheck.exists(session.out) })
        let pid = try s.start(environment: ["DBUS_SESSION_BUS_ADDRESS": session.address])
        defer { kill(pid, SIGKILL) }
        #expect(s.waitFor(15) { session.shown.count == 1 })
        // A 1:1 from 20 days ago written down: Bob is overdue from another due day.
        let day = String(Setup.rfc3339(Int64(time(nil)) - 20 * 86_400).prefix(10))
        try s.dir.write("data/history.toml", s.history + "[[met]]\nmember = \"bob\"\non = \(day)\n\n")
        #expect(s.waitFor(5) { session.shown.count == 2 }, "\(session.shown)")
        let first = session.shown[0], second = session.shown.count > 1 ? session.shown[1] : "{}"
        #expect(try session.field(second, "replaces_id") == (try session.field(first, "id")))
        #expect(try session.field(second, "id") == (try session.field(first, "id")))
        #expect(try session.field(second, "summary").hasPrefix("\"1:1 with Bob; overdue by 13 days"), "\(second)")
        kill(pid, SIGTERM)
    }

    @Test("a server without actions gets notifications without buttons")
    func noActions() throws {
        let s = try Setup(hooks: false)
        defer { s.dir.remove() }
        let session = try NotificationSession(in: s.dir.path, actions: false)
        defer { session.stop() }
        #expect(s.waitFor(10) { FileSystemCheck.exists(session.out) })
        let pid = try s.start(environment: ["DBUS_SESSION_BUS_ADDRESS": session.address])
        defer { kill(pid, SIGKILL) }
        #expect(s.waitFor(15) { !session.shown.isEmpty })
        #expect(try session.field(session.shown.first ?? "{}", "actions") == "[]")
        kill(pid, SIGTERM)
    }

    @Test("with no server on the bus yet, the notification goes out once the server is there (after the backoff)")
    func serverLate() throws {
        let s = try Setup(hooks: false)
        defer { s.dir.remove() }
        let bus = try run(["dbus-daemon", "--session", "--fork", "--nopidfile", "--print-address=1", "--print-pid=1"])
        let lines = bus.stdout.split(separator: "\n").map(String.init)
        let address = lines.first ?? ""
        defer { if let p = Int32(lines.dropFirst().first ?? "") { kill(p, SIGTERM) } }
        let pid = try s.start(environment: ["DBUS_SESSION_BUS_ADDRESS": address])
        defer { kill(pid, SIGKILL) }
        #expect(try s.waitFor(10) { try s.daemonLines(pid).contains("desktop notification for overdue/bob/") })
        let out = s.dir.path + "/notifications.jsonl"
        let server = try run(["/bin/sh", "-c", "\"$0\" \"$1\" >/dev/null 2>&1 & echo $!",
                              packageRoot() + "/scripts/notification-server.py", out],
                             environment: ["DBUS_SESSION_BUS_ADDRESS": address])
        defer { if let p = Int32(server.stdout.split(separator: "\n").first ?? "") { kill(p, SIGTERM) } }
        // The first retry is 4-6 s after the failure.
        #expect(s.waitFor(10) { ((try? readBytes(out)) ?? []).count > 0 })
        kill(pid, SIGTERM)
    }
}
