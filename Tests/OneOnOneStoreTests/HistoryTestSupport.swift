import OneOnOne
import Synchronization
import TestSupport
import Glibc

/// A day in November 2026.
func nov(_ day: Int) -> LocalDate { LocalDate(year: 2026, month: 11, day: day)! }

/// The text of a file.
func text(_ path: String) throws -> String { String(decoding: try readBytes(path), as: UTF8.self) }

/// The permission bits of a file or directory.
func mode(_ path: String) throws -> UInt32 {
    var st = stat()
    guard stat(path, &st) == 0 else { throw SupportError("cannot stat \(path)") }
    return UInt32(st.st_mode) & 0o777
}

/// Runs `body(0) … body(count - 1)` on `count` threads of their own, all at
/// once, and waits for them: real contention, not the two threads of the
/// concurrency pool on a two-core machine.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    final class Job: @unchecked Sendable {
        let index: Int
        let body: @Sendable (Int) -> Void
        init(_ index: Int, _ body: @escaping @Sendable (Int) -> Void) { self.index = index; self.body = body }
    }
    var threads: [pthread_t] = []
    for i in 0..<count {
        var thread = pthread_t()
        let job = Unmanaged.passRetained(Job(i, body)).toOpaque()
        let rc = pthread_create(&thread, nil, { raw in
            let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
            job.body(job.index)
            return nil
        }, job)
        precondition(rc == 0, "pthread_create failed")
        threads.append(thread)
    }
    for thread in threads { pthread_join(thread, nil) }
}

/// Problems met on other threads, to check once they are done.
final class Failures: Sendable {
    private let list = Mutex<[String]>([])
    func add(_ failure: String) { list.withLock { $0.append(failure) } }
    var all: [String] { list.withLock { $0 } }
}

/// A number shared between threads.
final class Counter: Sendable {
    private let state = Mutex(0)
    /// Adds `n` and returns the new value.
    @discardableResult func add(_ n: Int) -> Int { state.withLock { $0 += n; return $0 } }
    /// Raises the value to `n` if it is lower.
    func raise(to n: Int) { state.withLock { $0 = max($0, n) } }
    var value: Int { state.withLock { $0 } }
}
