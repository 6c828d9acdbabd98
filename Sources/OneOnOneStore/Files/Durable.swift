#if canImport(Glibc)
import Glibc
#endif

/// Writes that survive a crash or a power cut: a file is either replaced
/// whole (`atomicWrite`) or grows by one whole record (`appendRecord`),
/// and neither returns before the data is on disk.
extension FileSystem {
    /// Creates the directory `path` and any missing parents.
    ///
    /// New directories are private (0700 by default): the history holds a
    /// manager's notes about people.
    ///
    /// - Parameters:
    ///   - path: the directory to create; nothing happens when it exists.
    ///   - mode: the permissions of each directory created.
    ///
    /// The corresponding C function is `mkdir`.
    public static func createDirectories(_ path: String, mode: UInt32 = 0o700) throws(FileError) {
        if isDirectory(path) { return }
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, mode_t(mode)) != 0 && Glibc.errno != EEXIST {
                throw FileError(path: current, operation: "create directory", errno: Glibc.errno)
            }
        }
        guard isDirectory(path) else { throw FileError(path: path, operation: "create directory", errno: ENOTDIR) }
    }

    /// Replaces the file at `path` with `bytes`, so that a reader or a crash
    /// sees either the old contents or the new, never a mix.
    ///
    /// Writes a temporary file in the same directory, syncs it, renames it
    /// over `path` and syncs the directory so that the rename itself is
    /// durable.
    ///
    /// - Parameters:
    ///   - path: the file to replace or create.
    ///   - bytes: its new contents.
    ///   - mode: the permissions of the new file.
    ///   - durable: whether to sync the file and the rename; a cache that
    ///     checks itself on reading can skip it.
    ///
    /// The corresponding C functions are `mkstemp`, `write`, `fsync` and `rename`.
    public static func atomicWrite(path: String, bytes: [UInt8], mode: UInt32 = 0o600,
                                   durable: Bool = true) throws(FileError) {
        let (directory, name) = split(path)
        var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileError(path: path, operation: "create a temporary file for", errno: Glibc.errno) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do throws(FileError) {
            defer { close(fd) }
            guard fchmod(fd, mode_t(mode)) == 0 else { throw FileError(path: temporary, operation: "chmod", errno: Glibc.errno) }
            try writeAll(fd, bytes, path: temporary)
            if durable { try sync(fd, path: temporary) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = Glibc.errno
            unlink(temporary)
            throw FileError(path: path, operation: "rename \(temporary) to", errno: code)
        }
        if durable { try syncDirectory(directory) }
    }

    /// Appends one whole record to the file at `path` and syncs it.
    ///
    /// The record goes out in a single `write` on an `O_APPEND` descriptor,
    /// so concurrent appenders never interleave inside a record. A short
    /// write (a full disk) is undone, so a failed append leaves no partial
    /// record behind.
    ///
    /// - Parameters:
    ///   - path: the file; created (0600) when missing.
    ///   - bytes: the whole record.
    ///   - truncatingTo: when set, the file is first cut to this length: the
    ///     end of its last complete record, dropping a tail torn by a crash.
    /// - Returns: the file's version once the record is on disk; nil when it
    ///   cannot be looked at (the record is there all the same).
    ///
    /// The corresponding C functions are `open`, `ftruncate`, `write` and `fsync`.
    @discardableResult
    public static func appendRecord(path: String, bytes: [UInt8], truncatingTo length: Int? = nil) throws(FileError)
        -> FileVersion? {
        let existed = exists(path)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileError(path: path, operation: "open", errno: Glibc.errno) }
        defer { close(fd) }
        if let length {
            guard ftruncate(fd, off_t(length)) == 0 else {
                throw FileError(path: path, operation: "truncate", errno: Glibc.errno)
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileError(path: path, operation: "stat", errno: Glibc.errno) }
        var written: Int
        repeat {
            written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        } while written < 0 && Glibc.errno == EINTR
        if written != bytes.count {
            let code = written < 0 ? Glibc.errno : ENOSPC
            _ = ftruncate(fd, st.st_size)
            throw FileError(path: path, operation: "append to", errno: code)
        }
        try sync(fd, path: path)
        // A new file is only durable once its directory entry is.
        if !existed { try syncDirectory(split(path).directory) }
        return fstat(fd, &st) == 0 ? FileVersion(st) : nil
    }

    /// Syncs a directory, making renames and new entries in it durable.
    ///
    /// The corresponding C function is `fsync` on the directory.
    public static func syncDirectory(_ directory: String) throws(FileError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: directory, operation: "open directory", errno: Glibc.errno) }
        defer { close(fd) }
        try sync(fd, path: directory)
    }

    static func sync(_ fd: Int32, path: String) throws(FileError) {
        while fsync(fd) != 0 {
            if Glibc.errno != EINTR { throw FileError(path: path, operation: "sync", errno: Glibc.errno) }
        }
    }

    /// Writes all of `bytes`, continuing after short writes; for files no
    /// one else writes (a temporary file).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw FileError(path: path, operation: "write", errno: Glibc.errno)
            }
            offset += n
        }
    }

    /// The directory and the last component of `path` ("." for a bare name).
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        return (directory, String(path[path.index(after: slash)...]))
    }
}
