public import OneOnOne
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
        try readVersioned(path).bytes
    }

    /// Reads a whole file, with the version of it that was read (taken
    /// once the last byte is in).
    public static func readVersioned(_ path: String) throws(FileError) -> (bytes: [UInt8], version: FileVersion) {
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
            if bytes.count < capacity {
                guard fstat(fd, &st) == 0 else { throw FileError(path: path, operation: "stat", errno: Glibc.errno) }
                return (bytes, FileVersion(st))
            }
            capacity *= 2
        }
    }

    /// A whole file mapped read-only, for reading large files in place;
    /// unmapped when let go.
    final class Mapped {
        let bytes: UnsafeRawBufferPointer

        init(_ path: String) throws(FileError) {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw FileError(path: path, operation: "open", errno: Glibc.errno) }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw FileError(path: path, operation: "stat", errno: Glibc.errno) }
            let size = Int(st.st_size)
            guard size > 0 else {
                bytes = UnsafeRawBufferPointer(start: nil, count: 0)
                return
            }
            guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
                throw FileError(path: path, operation: "mmap", errno: Glibc.errno)
            }
            bytes = UnsafeRawBufferPointer(start: base, count: size)
        }

        /// Pages in the first `count` bytes at once (MADV_POPULATE_READ,
        /// Linux 5.14; only advice: without it each page faults in when
        /// read).
        func prefetch(_ count: Int) {
            guard let base = bytes.baseAddress else { return }
            _ = madvise(UnsafeMutableRawPointer(mutating: base), min(count, bytes.count), MADV_POPULATE_READ)
        }

        deinit {
            if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
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

    /// The version of the file at `path` now; nil when it cannot be
    /// looked at (missing, no permission).
    public static func version(of path: String) -> FileVersion? {
        var st = stat()
        return stat(path, &st) == 0 ? FileVersion(st) : nil
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

/// One version of a file, told apart without reading it: which file it is
/// (device and inode), its size, and when its data and its inode last
/// changed, to the nanosecond. Every write moves the change time, which no
/// tool can set back, so a file with the same version has the same bytes —
/// unless two writes fall within one tick of the file system's clock, which
/// `isSettled` rules out.
public struct FileVersion: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: Int64
    public var modifiedNanoseconds: Int64
    public var changed: Int64
    public var changedNanoseconds: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, modifiedNanoseconds: Int64,
                changed: Int64, changedNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changed = changed
        self.changedNanoseconds = changedNanoseconds
    }

    init(_ st: stat) {
        self.init(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                  modified: Int64(st.st_mtim.tv_sec), modifiedNanoseconds: Int64(st.st_mtim.tv_nsec),
                  changed: Int64(st.st_ctim.tv_sec), changedNanoseconds: Int64(st.st_ctim.tv_nsec))
    }

    /// Whether the file last changed at least `seconds` before `now` (the
    /// system clock's), so that a further write would show in its version: file
    /// system clocks tick in milliseconds, some (FAT, network shares) in
    /// seconds.
    public func isSettled(at now: Instant, after seconds: Int64 = FileVersion.settleSeconds) -> Bool {
        now.secondsSinceEpoch - max(changed, modified) >= seconds
    }

    /// How long a file must be left alone to count as settled.
    public static let settleSeconds: Int64 = 3
}
