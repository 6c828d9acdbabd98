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
        // Every reminder to the hook, not one summary of them.
        try s.writeRecordingHook(argument: "{key}", then: command, timeout: "5s", summaryAfter: 100_000)
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

        try s.dir.write("data/history.toml", Setup.pastDueItems(Self.hookCount))
        func recorded() -> [String] { s.recordedCalls() }
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
