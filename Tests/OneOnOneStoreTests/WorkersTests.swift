@testable import OneOnOne
import OneOnOneStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The planner's threads, as the daemon and `plan` use them.
@Suite("workers on threads")
struct WorkersTests {
    @Test("every piece runs once, its answer in its own place, more than one at a time when there are processors")
    func threads() {
        let calls = UnsafeMutableBufferPointer<pthread_t>.allocate(capacity: 6)
        defer { calls.deallocate() }
        let answers = Workers.threads.map(6) { k -> Int in
            calls[k] = pthread_self()
            usleep(20_000)
            return k * k
        }
        #expect(answers == [0, 1, 4, 9, 16, 25])
        #expect(Workers.threads.width == min(4, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))))
        if Workers.threads.width > 1 {
            #expect(Set(calls).count > 1)
        }
    }
}
