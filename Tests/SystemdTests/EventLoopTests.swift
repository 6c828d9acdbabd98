import Glibc
import Systemd
import Posix
import Testing

@Suite("EventLoop", .serialized)
struct EventLoopTests {
    /// What `run()` returns when the guard timer fired instead of the event.
    static let timedOut: Int32 = 99

    /// Builds a loop on a thread of its own (see `onOwnThread`), lets `setUp`
    /// add sources, runs it and returns its exit code with what `setUp`'s
    /// result reports afterwards. A five-second guard timer makes a missing
    /// event fail the test instead of hanging it.
    static func runLoop<T: Sendable>(
        _ setUp: @escaping @Sendable (EventLoop) throws -> () -> T
    ) async throws -> (code: Int32, result: T) {
        try await onOwnThread {
            let loop = try EventLoop()
            loop.addMonotonicTimer(after: 5) { loop.exit(timedOut) }
            let report = try setUp(loop)
            let code = try loop.run()
            return (code, report())
        }
    }

    @Test("exit(code) makes run() return that code")
    func exitCode() async throws {
        let (code, _) = try await Self.runLoop { loop in
            loop.addMonotonicTimer(after: 0) { loop.exit(42) }
            return {}
        }
        #expect(code == 42)
    }

    @Test("a realtime timer fires at its instant, not before")
    func realtimeTimer() async throws {
        let (code, (deadline, fired)) = try await Self.runLoop { loop in
            let deadline = microsecondsNow(CLOCK_REALTIME) + 150_000
            var fired: UInt64 = 0
            loop.addRealtimeTimer(at: deadline) {
                fired = microsecondsNow(CLOCK_REALTIME)
                loop.exit(0)
            }
            return { (deadline, fired) }
        }
        #expect(code == 0)
        #expect(fired >= deadline)
        #expect(fired < deadline + 500_000)
    }

    @Test("a realtime timer created disabled fires after rearm(at:), and again when re-armed from its handler")
    func realtimeRearm() async throws {
        let (code, (disabledAtFirst, onTime)) = try await Self.runLoop { loop in
            var onTime: [Bool] = []
            var deadline: UInt64 = 0
            var timer: EventLoop.Timer?
            timer = loop.addRealtimeTimer(at: nil) {
                onTime.append(microsecondsNow(CLOCK_REALTIME) >= deadline)
                guard onTime.count == 1 else { return loop.exit(0) }
                deadline = microsecondsNow(CLOCK_REALTIME) + 30_000
                timer?.rearm(at: deadline)
            }
            let disabledAtFirst = timer?.deadline == nil
            deadline = microsecondsNow(CLOCK_REALTIME) + 30_000
            timer?.rearm(at: deadline)
            return { (disabledAtFirst, onTime) }
        }
        #expect(code == 0)
        #expect(disabledAtFirst)
        #expect(onTime == [true, true])
    }

    @Test("a disabled timer does not fire, and rearm(at: nil) disables")
    func disabledTimer() async throws {
        let (code, fired) = try await Self.runLoop { loop in
            var fired: [String] = []
            let now = microsecondsNow(CLOCK_REALTIME)
            let disabled = loop.addRealtimeTimer(at: now + 20_000) { fired.append("disabled") }
            disabled.disable()
            let unarmed = loop.addRealtimeTimer(at: now + 20_000) { fired.append("unarmed") }
            unarmed.rearm(at: nil)
            loop.addRealtimeTimer(at: now + 100_000) { loop.exit(0) }
            return { _ = (disabled, unarmed); return fired }
        }
        #expect(code == 0)
        #expect(fired.isEmpty)
    }

    @Test("a monotonic timer fires after its delay and can be re-armed with rearm(after:)")
    func monotonicTimer() async throws {
        let (code, elapsed) = try await Self.runLoop { loop in
            var elapsed: [UInt64] = []
            var start = microsecondsNow(CLOCK_MONOTONIC)
            var timer: EventLoop.Timer?
            timer = loop.addMonotonicTimer(after: 0.1) {
                elapsed.append(microsecondsNow(CLOCK_MONOTONIC) - start)
                guard elapsed.count == 1 else { return loop.exit(0) }
                start = microsecondsNow(CLOCK_MONOTONIC)
                timer?.rearm(after: 0.05)
            }
            return { elapsed }
        }
        #expect(code == 0)
        #expect(elapsed.count == 2)
        #expect(elapsed.first.map { $0 >= 100_000 && $0 < 600_000 } == true)
        #expect(elapsed.last.map { $0 >= 50_000 && $0 < 550_000 } == true)
    }

    @Test("now() reports the realtime and monotonic clocks in microseconds")
    func now() async throws {
        let (_, (realtime, monotonic)) = try await Self.runLoop { loop in
            let realtime = Int64(loop.now(.realtime)) - Int64(microsecondsNow(CLOCK_REALTIME))
            let monotonic = Int64(loop.now(.monotonic)) - Int64(microsecondsNow(CLOCK_MONOTONIC))
            loop.exit(0)
            return { (realtime, monotonic) }
        }
        #expect(abs(realtime) < 1_000_000)
        #expect(abs(monotonic) < 1_000_000)
    }

    @Test("a one-shot timer nobody holds releases its handler once it fired")
    func releasesFiredTimer() async throws {
        let (_, released) = try await Self.runLoop { loop in
            final class Token {}
            var token: Token? = Token()
            weak let watched = token
            loop.addMonotonicTimer(after: 0) { [token] in _ = token }
            token = nil
            var released = false
            loop.addMonotonicTimer(after: 0.05) {
                released = watched == nil
                loop.exit(0)
            }
            return { released }
        }
        #expect(released)
    }

    @Test("cancel() releases the handler at once; run() releases every handler when it returns")
    func releasesHandlers() async throws {
        final class Token {}
        let (afterCancel, afterRun) = try await onOwnThread { () throws -> (Bool, Bool) in
            let loop = try EventLoop()
            var first: Token? = Token(), second: Token? = Token()
            weak let watchedFirst = first, watchedSecond = second
            let cancelled = loop.addMonotonicTimer(after: 60) { [first] in _ = first }
            // This one captures the loop: a cycle that only run()'s clean-up breaks.
            loop.addMonotonicTimer(after: 60) { [second] in _ = second; loop.exit(1) }
            first = nil
            second = nil
            cancelled.cancel()
            let afterCancel = watchedFirst == nil
            loop.addMonotonicTimer(after: 0) { loop.exit(0) }
            _ = try loop.run()
            return (afterCancel, watchedSecond == nil)
        }
        #expect(afterCancel)
        #expect(afterRun)
    }

    @Test("a failing call reads like the C function, its error and errno name")
    func errorDescription() {
        let error = SystemError("sd_event_add_time", errno: -EINVAL)
        #expect(error.errno.code == EINVAL)
        #expect(error.errno.name == "EINVAL")
        #expect(error.description == "sd_event_add_time failed: Invalid argument (EINVAL)")
    }
}
