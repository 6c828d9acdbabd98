import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// A libsystemd or system call that failed: which one, and the errno it
/// reported.
///
/// sd-* functions return a negative errno instead of setting `errno`; both
/// kinds end up here as a positive error number.
public struct SystemdError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C function that failed, e.g. `sd_event_add_time`.
    public var function: String
    /// The positive error number, e.g. `EINVAL`.
    public var errno: Int32

    /// Creates an error for `function` failing with `errno`.
    ///
    /// - Parameters:
    ///   - function: the name of the C function that failed.
    ///   - errno: the error number; a negative sd-* return value is accepted as is.
    public init(_ function: String, errno: Int32) {
        self.function = function
        self.errno = errno < 0 ? -errno : errno
    }

    /// The symbolic name of the error number, e.g. `EINVAL`.
    ///
    /// The corresponding C function is `strerrorname_np`.
    public var name: String {
        oneonone_errno_name(errno).map { String(cString: $0) } ?? "errno \(errno)"
    }

    /// "sd_event_add_time failed: Invalid argument (EINVAL)".
    ///
    /// The corresponding C function is `strerrordesc_np`.
    public var description: String {
        let text = oneonone_errno_description(errno).map { String(cString: $0) } ?? "Unknown error"
        return "\(function) failed: \(text) (\(name))"
    }
}

/// Passes through a non-negative sd-* result; throws for a negative errno.
@discardableResult
func check(_ function: String, _ result: Int32) throws(SystemdError) -> Int32 {
    guard result >= 0 else { throw SystemdError(function, errno: result) }
    return result
}

/// Passes through a system call's result; throws with `errno` for -1.
@discardableResult
func checkSyscall(_ function: String, _ result: Int32) throws(SystemdError) -> Int32 {
    guard result != -1 else { throw SystemdError(function, errno: Glibc.errno) }
    return result
}
