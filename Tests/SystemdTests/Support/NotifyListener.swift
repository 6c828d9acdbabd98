import Glibc
import TestSupport

/// A stand-in for the service manager: an AF_UNIX datagram socket in a
/// temporary directory. Notifications come from exit-test child processes
/// that set `NOTIFY_SOCKET` to `path`: changing the environment of the test
/// process itself would race with tests that spawn programs.
final class NotifyListener {
    let directory: TemporaryDirectory
    let path: String
    let fd: Int32

    init() throws {
        directory = try TemporaryDirectory("oneonone-notify")
        path = directory.path + "/notify"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SupportError("socket failed") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.enumerated() where i < raw.count - 1 { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw SupportError("bind \(path) failed: \(errno)") }
    }

    deinit {
        close(fd)
        directory.remove()
    }

    /// The next datagram, or nil when none arrives within `seconds`.
    func receive(within seconds: Double = 2) -> String? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n < 0 ? nil : String(decoding: buffer[0..<n], as: UTF8.self)
    }
}
