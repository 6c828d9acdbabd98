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
        var st = stat()
        // Read straight into the array, sized from fstat plus room to see the
        // end (a file that grows meanwhile is read to its new end).
        var capacity = (fstat(fd, &st) == 0 ? max(0, Int(st.st_size)) : 0) + 4096
        var bytes: [UInt8] = []
        while true {
            var failure: Int32 = 0
            let previous = bytes
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = previous.count
                adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
                if count > 0 { _ = previous.withUnsafeBufferPointer { memcpy(buffer.baseAddress!, $0.baseAddress!, count) } }
                while count < capacity {
                    let n = Glibc.read(fd, buffer.baseAddress! + count, capacity - count)
                    if n < 0 {
                        if Glibc.errno == EINTR { continue }
                        failure = Glibc.errno
                        return
                    }
                    if n == 0 { return }
                    count += n
                }
            }
            if failure != 0 { throw FileError(path: path, operation: "read", errno: failure) }
            if bytes.count < capacity { return bytes }
            capacity *= 2
        }
    }

    /// Asks for transparent huge pages over the 2 MiB-aligned middle of a
    /// large buffer about to be filled: a big history then costs a few
    /// dozen page faults to read instead of thousands. Only advice; without
    /// THP nothing changes.
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        let huge = 2 << 20
        guard let base = buffer.baseAddress, buffer.count >= 4 * huge else { return }
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
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
