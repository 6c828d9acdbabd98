import Glibc
import Testing
import TestSupport

/// Issue 13: a large backlog (a first start on a long history) must not
/// flood the desktop nor hold the daemon up when it is told to stop.
@Suite("oneonone daemon: floods", .serialized)
struct HookFloodTests {
    typealias Setup = DaemonIntegrationTests.Setup

    /// A config whose one hook records its title, and `items` past-due
    /// action items for Bob: one stale-action reminder each at start.
    func world(items: Int, hook: String, summaryAfter: Int? = nil) throws -> Setup {
        let s = try Setup()
        try s.writeRecordingHook(argument: "{title}", then: hook, timeout: "30s", summaryAfter: summaryAfter)
        try s.dir.write("data/history.toml", Setup.pastDueItems(items))
        try s.dir.write("state/snoozes.toml", "")
        return s
    }

    func calls(_ s: Setup) -> [String] { s.recordedCalls() }

    @Test("thirty reminders at once reach the hook as one summary, and the journal as thirty entries")
    func summary() throws {
        let s = try world(items: 30, hook: "true")
        defer { s.dir.remove() }
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        func stale() throws -> [String] { try s.journal().filter { $0.contains("\"ONEONONE_KIND\":\"stale-action\"") } }
        #expect(try s.waitFor(10) { try stale().count == 30 })
        #expect(s.waitFor(5) { !calls(s).isEmpty })
        usleep(1_000_000)
        #expect(calls(s) == ["30 reminders: 30 stale items"], "\(calls(s))")
        kill(pid, SIGTERM)
    }

    @Test("a few reminders at once each reach the hook")
    func fewEachDelivered() throws {
        let s = try world(items: 3, hook: "true")
        defer { s.dir.remove() }
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        #expect(s.waitFor(10) { calls(s).count == 3 })
        #expect(calls(s).allSatisfy { $0.hasPrefix("Stale item for Bob;") }, "\(calls(s))")
        kill(pid, SIGTERM)
    }

    @Test("with 10,000 hooks queued, SIGTERM stops the daemon within a second or two and ends the hooks running")
    func stopsWithLongQueue() throws {
        let s = try world(items: 10_000, hook: "sleep 20", summaryAfter: 100_000)
        defer { s.dir.remove() }
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        // The first four run (and sleep); the rest wait.
        #expect(s.waitFor(30) { calls(s).count >= 4 })
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        kill(pid, SIGTERM)
        let stopped = s.waitFor(10) { !isRunning(pid) }
        clock_gettime(CLOCK_MONOTONIC, &end)
        let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        #expect(stopped)
        #expect(seconds < 3, "stopping took \(seconds) s")
        print("stop with 10,000 hooks queued: \(seconds) s")
        #expect(calls(s).count == 4, "hooks started after SIGTERM: \(calls(s).count)")
        // The hooks that were running were ended with it.
        let left = try run(["pgrep", "-f", s.recordingHook])
        #expect(s.waitFor(3) { ((try? run(["pgrep", "-f", s.recordingHook]).stdout) ?? "x").isEmpty },
                "still running: \(left.stdout)")
    }
}
