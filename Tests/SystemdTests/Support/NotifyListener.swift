import Glibc
import TestSupport

/// A stand-in for the service manager: an AF_UNIX datagram socket in a
/// temporary directory. Notifications come from exit-test child processes
/// that set `NOTIFY_SOCKET` to `path`: changing the environment of the test
/// process itself would race with tests that spawn programs.
final class NotifyListener {
    let directory: TemporaryDirectory
    let socket: DatagramSocket
    var path: String { socket.path }

    init() throws {
        directory = try TemporaryDirectory("oneonone-notify")
        socket = try DatagramSocket(path: directory.path + "/notify")
    }

    deinit { directory.remove() }

    /// The next datagram, or nil when none arrives within `seconds`.
    func receive(within seconds: Double = 2) -> String? { socket.receive(within: seconds) }
}
