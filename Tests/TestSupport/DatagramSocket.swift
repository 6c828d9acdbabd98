import Glibc

/// An AF_UNIX datagram socket bound at a path: a stand-in for systemd's
/// notification socket. Closed and unlinked when released.
public final class DatagramSocket {
    public let path: String
    let fd: Int32

    public init(path: String) throws {
        self.path = path
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
        guard bound == 0 else {
            close(fd)
            throw SupportError("bind \(path) failed: \(errno)")
        }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// The next datagram, or nil when none arrives within `seconds`.
    public func receive(within seconds: Double = 2) -> String? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n < 0 ? nil : String(decoding: buffer[0..<n], as: UTF8.self)
    }

    /// The datagrams that arrive within `seconds`, until `stop` says enough.
    public func receive(for seconds: Double, until stop: ([String]) -> Bool) -> [String] {
        var messages: [String] = []
        let deadline = Double(time(nil)) + seconds
        while Double(time(nil)) <= deadline && !stop(messages) {
            if let message = receive(within: 0.2) { messages.append(message) }
        }
        return messages
    }
}
