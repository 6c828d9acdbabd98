#if canImport(Glibc)
import Glibc
#endif

/// An operating-system error on a file: what was done, to which path, and
/// the errno text.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var errno: Int32

    public init(path: String, operation: String, errno: Int32) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }

    /// True when the file simply does not exist.
    public var isMissing: Bool { errno == ENOENT }

    public var description: String {
        "cannot \(operation) \(path): \(String(cString: strerror(errno)))"
    }
}

/// Small synchronous file helpers over the POSIX calls.
public enum FileSystem {
    /// Reads a whole file.
    ///
    /// The corresponding C functions are `open` and `read`.
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, operation: "open", errno: Glibc.errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var st = stat()
        if fstat(fd, &st) == 0, st.st_size > 0 { bytes.reserveCapacity(Int(st.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw FileError(path: path, operation: "read", errno: Glibc.errno)
            }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }

    /// Whether something exists at `path`.
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Whether `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}

/// The process environment as a value, so that path lookups can be tested.
public enum Environment {
    /// The current process's environment variables.
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        var i = 0
        while let entry = environ[i] {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                result[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            i += 1
        }
        return result
    }
}
