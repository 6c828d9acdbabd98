/// A system or libsystemd call that failed: what was done (to which path)
/// and the errno it reported. The one error type of the shell: the store's
/// files, the event loop, the journal and process spawning all throw it.
package struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed: a C function (`sd_event_add_time`) or, for a path, what
    /// was done to it (`open`, `create directory`).
    package var operation: String
    /// The file the call was about, if any.
    package var path: String?
    package var errno: Errno

    /// - Parameters:
    ///   - operation: the C function, or what was done to `path`.
    ///   - path: the file, if the call was about one.
    ///   - errno: the error number; a negative sd-* result is taken as is.
    package init(_ operation: String, path: String? = nil, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = Errno(errno)
    }

    /// The error for `operation` with the calling thread's `errno` now.
    package static func current(_ operation: String, path: String? = nil) -> SystemError {
        SystemError(operation, path: path, errno: Errno.current.code)
    }

    /// True when the file simply does not exist.
    package var isMissing: Bool { errno.code == 2 }

    /// "cannot open /x: No such file or directory (ENOENT)";
    /// "sd_event_add_time failed: Invalid argument (EINVAL)".
    package var description: String {
        if let path { return "cannot \(operation) \(path): \(errno)" }
        return "\(operation) failed: \(errno)"
    }
}

/// Passes through a non-negative sd-* result; throws for a negative errno.
@discardableResult
package func check(_ function: String, _ result: Int32) throws(SystemError) -> Int32 {
    guard result >= 0 else { throw SystemError(function, errno: result) }
    return result
}

/// Passes through a system call's result; throws with `errno` for -1.
@discardableResult
package func checkSyscall(_ function: String, _ result: Int32) throws(SystemError) -> Int32 {
    guard result != -1 else { throw SystemError.current(function) }
    return result
}
