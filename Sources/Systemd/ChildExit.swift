import CSystemd
import Posix
import Glibc

/// How a child process ended.
package enum ChildExit: Sendable, Equatable, CustomStringConvertible {
    /// It called `exit` with this status (0 is success).
    case exited(Int32)
    /// A signal ended it (with or without a core dump).
    case killed(Int32)

    init(_ info: UnsafePointer<siginfo_t>) {
        let status = Int32(oneonone_siginfo_status(info))
        switch Int32(oneonone_siginfo_code(info)) {
        case Int32(CLD_EXITED): self = .exited(status)
        default: self = .killed(status)
        }
    }

    /// "exited with status 3", "killed by SIGKILL".
    ///
    /// The corresponding C function is `sigabbrev_np`.
    package var description: String {
        switch self {
        case .exited(let status): return "exited with status \(status)"
        case .killed(let signal):
            let name = signalName(signal).map { "SIG" + $0 } ?? "signal \(signal)"
            return "killed by \(name)"
        }
    }
}
