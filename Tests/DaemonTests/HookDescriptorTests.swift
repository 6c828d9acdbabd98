import Testing
import TestSupport
import Glibc

/// Issue 13: every hook run must give back the descriptors it took, or a
/// daemon that has run about a thousand hooks can start no more.
@Suite("oneonone daemon: hook descriptors", .serialized)
struct HookDescriptorTests {
    typealias Setup = DaemonIntegrationTests.Setup

    /// Many more hooks than a small descriptor limit could hold if each kept one.
    static let hookCount = 2_000
    static let fileLimit = 64

    @Test("2,000 hooks that read their stdin all run under ulimit -n 64, and the daemon's open descriptors stay flat")
    func hooksReadingStdin() throws {
        try runManyHooks(then: "cat >/dev/null")
    }

    @Test("2,000 hooks whose grandchild keeps their stderr open all run under ulimit -n 64, and the daemon's open descriptors stay flat")
    func hooksLeavingGrandchildren() throws {
        // The hook exits at once; `sleep` outlives it holding the stderr pipe,
        // so the daemon sees no end of stderr and must stop reading at the exit.
        try runManyHooks(then: "sleep 5 &")
    }

    /// Starts an idle daemon under `ulimit -n 64`, then gives it 2,000 past-due
    /// action items at once (one stale-action reminder, so one hook run,
    /// each) and checks that every hook ran and no descriptor was kept.
    func runManyHooks(then command: String) throws {
        let s = try Setup()
        defer { s.dir.remove() }
        let calls = s.dir.path + "/calls.log"
        try s.dir.write("fd-hook.sh", "#!/bin/sh\nprintf '%s\\n' \"$1\" >> \"\(calls)\"\n\(command)\n")
        _ = try run(["chmod", "+x", s.dir.path + "/fd-hook.sh"])
        try s.dir.write("config.toml", """
            timezone = "UTC"
            working_hours = "always"
            # Each test is about the reminders it makes, not the morning digest.
            digest = false
            # Every reminder to the hook, not one summary of them.
            [notify]
            summary_after = 100000
            [team.bob]
            name = '\(s.name)'
            [[hook]]
            command = ["\(s.dir.path)/fd-hook.sh", "{key}"]
            on = ["stale-action"]
            timeout = "5s"

            """)
        try s.dir.write("data/history.toml", "")
        try s.dir.write("state/snoozes.toml", "")

        let pid = try s.start(fileLimit: Self.fileLimit)
        defer { kill(pid, SIGKILL) }
        // Pids come round again and the journal keeps old daemons' entries:
        // this daemon's command line names this test's directory.
        func daemonEntries() throws -> [String] { try s.journal("_PID=\(pid)").filter { $0.contains(s.dir.path) } }
        #expect(try s.waitFor(10) { try daemonEntries().contains { $0.contains("ready:") } }, "the daemon did not start")
        func openDescriptors() -> Int { (try? listDirectory("/proc/\(pid)/fd").count) ?? -1 }
        let before = openDescriptors()

        var history = ""
        for id in 1...Self.hookCount {
            history += "[[action]]\nid = \"\(id)\"\nmember = \"bob\"\ntext = \"Item \(id)\"\nowner = \"me\"\n"
                + "due = 2026-01-01\ncreated = 2026-01-01\n\n"
        }
        try s.dir.write("data/history.toml", history)
        func recorded() -> [String] {
            ((try? readBytes(calls)).map { String(decoding: $0, as: UTF8.self) } ?? "").split(separator: "\n").map(String.init)
        }
        var peak = before
        let ran = s.waitFor(60) {
            peak = max(peak, openDescriptors())
            return !isRunning(pid) || recorded().count >= Self.hookCount
        }
        #expect(ran, "only \(recorded().count) of \(Self.hookCount) hooks ran within 60 s")
        // The last hooks may still be finishing; then every pipe must be
        // closed. (sd-event opens a timerfd for the first monotonic timer.)
        #expect(s.waitFor(10) { openDescriptors() <= before + 2 },
                "open descriptors: \(before) before, \(openDescriptors()) after \(recorded().count) hooks (peak \(peak))")
        let keys = recorded()
        #expect(keys.count == Self.hookCount)
        #expect(Set(keys).count == keys.count, "a hook ran twice")
        let entries = try daemonEntries()
        #expect(entries.filter { $0.contains("Too many open files") }.count == 0)
        // MESSAGE_ID of "hook failed".
        let failures = entries.filter { $0.contains("c571ad521e0347dca4d1dca08a36e4fe") }
        #expect(failures.count == 0, "\(failures.first ?? "")")
        let log = try s.log()
        #expect(!log.contains("Too many open files"), "\(log)")
        #expect(isRunning(pid), "the daemon died: \((try? s.log()) ?? "")")
        kill(pid, SIGTERM)
    }
}
