import Testing
import TestSupport
import Glibc

/// A reminder whose hook never got through before the daemon stopped goes
/// out after the restart, once, while it is still true.
@Suite("oneonone daemon: deliveries owed across a restart", .serialized)
struct OwedDeliveryTests {
    typealias Setup = DaemonIntegrationTests.Setup

    /// The Setup's world with a hook that fails while `down` exists (no
    /// notification server yet) and otherwise records its title.
    static func world() throws -> Setup {
        let s = try Setup()
        try s.dir.write("hook.sh", """
            #!/bin/sh
            if [ -e "\(s.dir.path)/down" ]; then echo "no notification server" >&2; exit 3; fi
            printf '%s\\n' "$1" >> "\(s.dir.path)/shown.log"
            """)
        try s.dir.write("down", "")
        return s
    }

    func shown(_ s: Setup) -> [String] {
        let text = (try? readBytes(s.dir.path + "/shown.log")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return text.split(separator: "\n").map(String.init)
    }


    /// Starts the daemon, lets the reminder fire and its hook fail once,
    /// and stops the daemon before the retry (5 s later).
    func failOnceAndStop(_ s: Setup) throws {
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        #expect(try s.waitFor(15) {
            try s.journal("ONEONONE_HOOK_ATTEMPT=1").contains { $0.contains(s.dir.path + "/hook.sh") && $0.contains("retrying in") }
        })
        kill(pid, SIGTERM)
        #expect(s.waitFor(5) { !isRunning(pid) })
        let owed = String(decoding: try readBytes(s.dir.path + "/state/deliveries.toml"), as: UTF8.self)
        #expect(owed.contains("[[owed]]\nkey = \"overdue/bob/"), "\(owed)")
        #expect(!owed.contains("[[settled]]"), "\(owed)")
    }

    @Test("a reminder whose hook failed before a stop goes out after the restart, once, with a title true then")
    func deliveredAfterRestart() throws {
        let s = try Self.world()
        defer { s.dir.remove() }
        try failOnceAndStop(s)
        #expect(shown(s).isEmpty)

        // The notification server is up by the next start.
        _ = try run(["rm", s.dir.path + "/down"])
        var pid = try s.start()
        defer { kill(pid, SIGKILL) }
        #expect(s.waitFor(10) { !shown(s).isEmpty })
        usleep(500_000)
        #expect(shown(s).count == 1, "\(shown(s))")
        #expect(shown(s).first?.hasPrefix("--title=1:1 with Bob; overdue by") == true, "\(shown(s))")
        #expect(try s.waitFor(5) { try s.daemonLines(pid).contains("delivering 1 reminders that did not get through before this start") })
        // The journal has the reminder once: the retry is no new reminder.
        #expect(try s.journal("ONEONONE_KIND=overdue").filter { $0.contains(s.name.replacing("\"", with: "\\\"")) }.count == 1)
        kill(pid, SIGTERM)
        #expect(s.waitFor(5) { !isRunning(pid) })

        // Settled: a third start shows nothing again, and keeps a file of
        // what is in flight only.
        pid = try s.start()
        #expect(try s.waitFor(5) { try s.daemonLines(pid).contains("ready:") })
        usleep(1_500_000)
        #expect(shown(s).count == 1, "\(shown(s))")
        kill(pid, SIGTERM)
        #expect(s.waitFor(5) { !isRunning(pid) })
        let file = String(decoding: try readBytes(s.dir.path + "/state/deliveries.toml"), as: UTF8.self)
        #expect(!file.contains("[[owed]]"), "\(file)")
    }

    @Test("a delivery owed for a 1:1 that was held meanwhile is dropped, and the journal says so")
    func droppedWhenNoLongerTrue() throws {
        let s = try Self.world()
        defer { s.dir.remove() }
        try failOnceAndStop(s)
        // The 1:1 happened while the daemon was stopped.
        _ = try run([product("oneonone"), "met", "bob", "--config", s.config,
                     "--data-dir", s.dir.path + "/data", "--state-dir", s.dir.path + "/state"])
        _ = try run(["rm", s.dir.path + "/down"])
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        #expect(try s.waitFor(10) { try s.daemonLines(pid).contains("not delivering 1 reminders from before this start") })
        usleep(1_000_000)
        #expect(shown(s).isEmpty, "\(shown(s))")
        let file = String(decoding: try readBytes(s.dir.path + "/state/deliveries.toml"), as: UTF8.self)
        #expect(file.contains("outcome = \"dropped\""), "\(file)")
        kill(pid, SIGTERM)
    }

    @Test("a hook that succeeds at once settles its delivery: nothing is owed after a stop")
    func settledWhenShown() throws {
        let s = try Self.world()
        defer { s.dir.remove() }
        _ = try run(["rm", s.dir.path + "/down"])
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        #expect(s.waitFor(15) { shown(s).count == 1 })
        #expect(try s.waitFor(5) {
            String(decoding: try readBytes(s.dir.path + "/state/deliveries.toml"), as: UTF8.self).contains("outcome = \"shown\"")
        })
        kill(pid, SIGTERM)
        #expect(s.waitFor(5) { !isRunning(pid) })
        let restarted = try s.start()
        defer { kill(restarted, SIGKILL) }
        #expect(try s.waitFor(5) { try s.daemonLines(restarted).contains("ready:") })
        #expect(try !s.daemonLines(restarted).contains("did not get through"))
        kill(restarted, SIGTERM)
    }
}
