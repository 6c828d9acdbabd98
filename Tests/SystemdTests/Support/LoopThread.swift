import Glibc
import TestSupport

/// Runs `body` on a thread of its own and returns its result.
///
/// Event loops block signals in the thread that runs them; doing that on
/// one of Swift Testing's pool threads would leak the mask into unrelated
/// tests, so every loop under test gets a fresh thread that ends with it.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let job = ThreadJob {
            do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
        }
        let context = Unmanaged.passRetained(job).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            Unmanaged<ThreadJob>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        if result == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<ThreadJob>.fromOpaque(context).release()
            continuation.resume(throwing: SupportError("pthread_create failed: \(result)"))
        }
    }
}

/// The work of one thread; handed over once, then owned by that thread.
final class ThreadJob: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// Microseconds on `clock` now.
func microsecondsNow(_ clock: clockid_t) -> UInt64 {
    var now = timespec()
    clock_gettime(clock, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
}

/// Starts `/bin/sh -c script` with no blocked signals (the loop thread has
/// blocked some, and children inherit the mask) and returns its pid.
func spawnShell(_ script: String) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    let arguments: [String] = ["/bin/sh", "-c", script]
    let argv = arguments.map { strdup($0) } + [nil]
    // Not `environ`: another test may be changing it right now.
    let environment = [strdup("PATH=/usr/bin:/bin"), nil]
    defer { (argv + environment).forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environment)
    guard result == 0 else { throw SupportError("posix_spawn failed: \(result)") }
    return pid
}

/// Whether this process may set the system clock (CAP_SYS_TIME).
func maySetClock() -> Bool {
    guard let status = try? readBytes("/proc/self/status") else { return false }
    let line = String(decoding: status, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("CapEff:") }
    guard let hex = line?.split(separator: "\t").last, let caps = UInt64(hex, radix: 16) else { return false }
    return caps & (1 << 25) != 0
}
