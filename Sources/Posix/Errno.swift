import CPosix
import Glibc

/// An error number from a system call, with its readable name.
///
/// sd-* functions return a negative errno instead of setting `errno`; both
/// kinds end up here as a positive number.
package struct Errno: Error, Hashable, Sendable, CustomStringConvertible {
    /// The positive error number, e.g. `ENOENT`.
    package var code: Int32

    /// Wraps `code`; a negative sd-* return value is taken as is.
    package init(_ code: Int32) { self.code = code < 0 ? -code : code }

    /// The calling thread's `errno` now.
    package static var current: Errno { Errno(Glibc.errno) }

    /// The symbolic name, e.g. `ENOENT`.
    ///
    /// The corresponding C function is `strerrorname_np`.
    package var name: String { strerrorname_np(code).map { String(cString: $0) } ?? "errno \(code)" }

    /// What it means, e.g. "No such file or directory".
    ///
    /// The corresponding C function is `strerrordesc_np`.
    package var text: String { strerrordesc_np(code).map { String(cString: $0) } ?? "Unknown error" }

    /// "No such file or directory (ENOENT)".
    package var description: String { "\(text) (\(name))" }
}

/// Runs a system call until it is not interrupted by a signal (the daemon's
/// SIGHUP, SIGCHLD): `body` returns -1 with `errno` set on failure.
///
/// - Returns: what `body` last returned; on -1, `errno` still holds the
///   reason.
@discardableResult
package func retryingOnInterrupt<Result: FixedWidthInteger>(_ body: () -> Result) -> Result {
    while true {
        let result = body()
        if result != -1 || Glibc.errno != EINTR { return result }
    }
}

/// The abbreviated name of a signal: "KILL" for SIGKILL.
///
/// The corresponding C function is `sigabbrev_np`.
package func signalName(_ signal: Int32) -> String? {
    sigabbrev_np(signal).map { String(cString: $0) }
}
