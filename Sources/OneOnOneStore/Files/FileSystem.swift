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
    /// The corresponding C functions are `open` and `pread`.
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        try readVersioned(path).bytes
    }

    /// Reads a whole file, with the version of it that was read (taken
    /// once the last byte is in).
    public static func readVersioned(_ path: String) throws(FileError) -> (bytes: [UInt8], version: FileVersion) {
        let file = try OpenFile(path)
        // Sized from fstat plus room to see the end; a file that grew
        // meanwhile is read on to its new end.
        var bytes = try file.read(from: 0, count: file.size + 4096)
        var asked = file.size + 4096
        while bytes.count == asked {
            let more = try file.read(from: bytes.count, count: bytes.count)
            asked += bytes.count
            bytes += more
        }
        return (bytes, try file.version())
    }

    /// A file opened to read ranges of it and, when it could be opened for
    /// writing too, to patch in place the very file that was read (not
    /// whatever has been renamed to its path since).
    final class OpenFile {
        let path: String
        /// Its length when opened.
        let size: Int
        /// Whether `patch` may be used.
        let writable: Bool
        private let fd: Int32

        init(_ path: String, writable: Bool = false) throws(FileError) {
            var fd = writable ? open(path, O_RDWR | O_CLOEXEC) : -1
            self.writable = fd >= 0
            if fd < 0 { fd = open(path, O_RDONLY | O_CLOEXEC) }
            guard fd >= 0 else { throw FileError(path: path, operation: "open", errno: Glibc.errno) }
            var st = stat()
            guard fstat(fd, &st) == 0 else {
                let code = Glibc.errno
                close(fd)
                throw FileError(path: path, operation: "stat", errno: code)
            }
            self.path = path
            self.fd = fd
            size = Int(st.st_size)
        }

        deinit { close(fd) }

        /// Its version now.
        func version() throws(FileError) -> FileVersion {
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw FileError(path: path, operation: "stat", errno: Glibc.errno) }
            return FileVersion(st)
        }

        /// Up to `count` bytes from `offset`: fewer where the file ends.
        ///
        /// The corresponding C function is `pread`.
        func read(from offset: Int, count: Int) throws(FileError) -> [UInt8] {
            var failure: Int32 = 0
            let bytes = [UInt8](unsafeUninitializedCapacity: max(0, count)) { buffer, filled in
                filled = 0
                adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
                while filled < count {
                    let n = pread(fd, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
                    if n < 0 {
                        if Glibc.errno == EINTR { continue }
                        failure = Glibc.errno
                        return
                    }
                    if n == 0 { return }
                    filled += n
                }
            }
            if failure != 0 { throw FileError(path: path, operation: "read", errno: failure) }
            return bytes
        }

        /// Hands the whole file to `body` in pieces of at most `chunk`
        /// bytes, in order, through one reused buffer.
        func forEachChunk(_ chunk: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(FileError) {
            var buffer = [UInt8](repeating: 0, count: chunk)
            var offset = 0
            while true {
                let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, chunk, off_t(offset)) }
                if n < 0 {
                    if Glibc.errno == EINTR { continue }
                    throw FileError(path: path, operation: "read", errno: Glibc.errno)
                }
                if n == 0 { return }
                buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
                offset += n
            }
        }

        /// Overwrites bytes in place, one piece after another, with no
        /// sync: only for files that check themselves on reading, so that a
        /// crash or a reader between two pieces sees a mismatch, never a
        /// wrong answer.
        ///
        /// - Parameter pieces: each offset and the bytes to write there.
        ///
        /// The corresponding C function is `pwrite`.
        func patch(_ pieces: [(offset: Int, bytes: [UInt8])]) throws(FileError) {
            for piece in pieces {
                var written: Int
                repeat {
                    written = piece.bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(piece.offset)) }
                } while written < 0 && Glibc.errno == EINTR
                guard written == piece.bytes.count else {
                    throw FileError(path: path, operation: "write", errno: written < 0 ? Glibc.errno : EIO)
                }
            }
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
