package import OneOnOne
import Glibc

/// The system's real-time clock: the one place "now" comes from. The
/// domain takes it as a parameter; the CLI and the daemon read it here.
package enum WallClock {
    /// The current time.
    ///
    /// The corresponding C function is `clock_gettime(CLOCK_REALTIME)`.
    package static func now() -> Instant {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Instant(secondsSinceEpoch: Int64(now.tv_sec), nanoseconds: Int64(now.tv_nsec))
    }
}
