import Glibc
import Systemd
import Testing

/// sd_notify reads NOTIFY_SOCKET and WATCHDOG_* from the environment. The
/// notifying side of each test is an exit test — a child process with an
/// environment of its own — and the test process plays the manager.
@Suite("Notify")
struct NotifyTests {
    /// Makes one notification call by name; false when it was not sent.
    static func notify(_ call: String) -> Bool {
        switch call {
        case "ready": Notify.ready()
        case "status": Notify.status("next: 1:1 with Alice due Tue 10:00\n2 stale items")
        case "stopping": Notify.stopping()
        case "watchdog": Notify.watchdog()
        case "send": Notify.send("READY=1\nSTATUS=running")
        default: false
        }
    }

    @Test(
        "each notification arrives as one datagram",
        arguments: [
            ("ready", "READY=1"),
            ("status", "STATUS=next: 1:1 with Alice due Tue 10:00 2 stale items"),
            ("stopping", "STOPPING=1"),
            ("watchdog", "WATCHDOG=1"),
            ("send", "READY=1\nSTATUS=running"),
        ])
    func notifies(call: String, datagram: String) async throws {
        let manager = try NotifyListener()
        await #expect(processExitsWith: .success) { [path = manager.path as String, call = call as String] in
            setenv("NOTIFY_SOCKET", path, 1)
            exit(NotifyTests.notify(call) ? 0 : 1)
        }
        #expect(manager.receive() == datagram)
    }

    @Test("reloading() sends RELOADING=1 with MONOTONIC_USEC of now in one message")
    func reloading() async throws {
        let manager = try NotifyListener()
        let before = microsecondsNow(CLOCK_MONOTONIC)
        await #expect(processExitsWith: .success) { [path = manager.path as String] in
            setenv("NOTIFY_SOCKET", path, 1)
            exit(Notify.reloading() ? 0 : 1)
        }
        let after = microsecondsNow(CLOCK_MONOTONIC)

        let message = try #require(manager.receive())
        let lines = message.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "RELOADING=1")
        let stamp = try #require(lines.last?.split(separator: "=").last.flatMap { UInt64($0) })
        #expect(lines.last?.hasPrefix("MONOTONIC_USEC=") == true)
        // CLOCK_MONOTONIC is the same clock in every process.
        #expect(before <= stamp && stamp <= after)
    }

    @Test("without NOTIFY_SOCKET every notification is a quiet no-op")
    func noSocket() async {
        await #expect(processExitsWith: .success) {
            unsetenv("NOTIFY_SOCKET")
            let sent = [
                Notify.ready(), Notify.status("idle"), Notify.reloading(), Notify.stopping(), Notify.watchdog(),
            ]
            exit(sent.contains(true) ? 1 : 0)
        }
    }

    @Test("watchdogInterval is WATCHDOG_USEC when WATCHDOG_PID is this process, else nil")
    func watchdogInterval() async {
        await #expect(processExitsWith: .success) {
            setenv("WATCHDOG_USEC", "2500000", 1)
            setenv("WATCHDOG_PID", String(getpid()), 1)
            guard Notify.watchdogInterval == .milliseconds(2500) else { exit(1) }
            setenv("WATCHDOG_PID", "1", 1)
            guard Notify.watchdogInterval == nil else { exit(2) }
            unsetenv("WATCHDOG_USEC")
            unsetenv("WATCHDOG_PID")
            exit(Notify.watchdogInterval == nil ? 0 : 3)
        }
    }

    @Test("an event loop with the watchdog on pings WATCHDOG=1 by itself")
    func loopWatchdog() async throws {
        let manager = try NotifyListener()
        await #expect(processExitsWith: .success) { [path = manager.path as String] in
            setenv("NOTIFY_SOCKET", path, 1)
            setenv("WATCHDOG_USEC", "200000", 1)
            setenv("WATCHDOG_PID", String(getpid()), 1)
            let loop = try EventLoop()
            guard loop.setWatchdog(true) else { exit(1) }
            // sd-event pings at least every half interval; 300 ms covers one.
            loop.addMonotonicTimer(after: 0.3) { loop.exit(0) }
            exit(try loop.run())
        }
        #expect(manager.receive() == "WATCHDOG=1")
    }

    @Test("without WATCHDOG_USEC the loop's watchdog stays off")
    func loopWithoutWatchdog() async {
        await #expect(processExitsWith: .success) {
            unsetenv("WATCHDOG_USEC")
            exit(try EventLoop().setWatchdog(true) ? 1 : 0)
        }
    }
}
