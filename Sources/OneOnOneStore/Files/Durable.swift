package import Posix
import Glibc

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
    package static func createDirectories(_ path: String, mode: UInt32 = 0o700) throws(SystemError) {
        if isDirectory(path) { return }
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, mode_t(mode)) != 0 && Glibc.errno != EEXIST {
                throw SystemError.current("create directory", path: current)
            }
        }
        guard isDirectory(path) else { throw SystemError("create directory", path: path, errno: ENOTDIR) }
    }

    /// Replaces the file at `path` with `bytes`, so that a reader or a crash
    /// sees either the old contents or the new, never a mix.
    ///
    /// Writes a temporary file in the same directory, syncs it, renames it
    /// over `path` and syncs the directory so that the rename itself is
    /// durable. Temporary files an interrupted earlier write of `path` left
    /// are removed first; the caller holds the directory's lock.
    ///
    /// - Parameters:
    ///   - path: the file to replace or create.
    ///   - bytes: its new contents.
    ///   - mode: the permissions of the new file.
    ///
    /// The corresponding C functions are `mkstemp`, `write`, `fsync` and `rename`.
    package static func atomicWrite(path: String, bytes: [UInt8], mode: UInt32 = 0o600) throws(SystemError) {
        let (directory, name) = split(path)
        // What an earlier write of this file left when it was interrupted:
        // callers hold the directory's lock, so no other write is under way.
        for stale in names(in: directory) where stale.hasPrefix(".\(name).tmp-") { remove(directory + "/" + stale) }
        var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SystemError.current("create a temporary file for", path: path) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do throws(SystemError) {
            defer { close(fd) }
            guard fchmod(fd, mode_t(mode)) == 0 else { throw SystemError.current("chmod", path: temporary) }
            try writeAll(fd, bytes, path: temporary)
            try sync(fd, path: temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = Glibc.errno
            unlink(temporary)
            throw SystemError("rename \(temporary) to", path: path, errno: code)
        }
        try syncDirectory(directory)
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
    ///
    /// The corresponding C functions are `open`, `ftruncate`, `write` and `fsync`.
    package static func appendRecord(path: String, bytes: [UInt8], truncatingTo length: Int? = nil) throws(SystemError) {
        let existed = exists(path)
        // Never through a link: the reader refuses one already, and a link
        // planted in between must not receive the record.
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        guard fd >= 0 else { throw SystemError.current("open", path: path) }
        defer { close(fd) }
        if let length {
            guard ftruncate(fd, off_t(length)) == 0 else {
                throw SystemError.current("truncate", path: path)
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SystemError.current("stat", path: path) }
        let written = retryingOnInterrupt { bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } }
        if written != bytes.count {
            let code = written < 0 ? Glibc.errno : ENOSPC
            _ = ftruncate(fd, st.st_size)
            throw SystemError("append to", path: path, errno: code)
        }
        try sync(fd, path: path)
        // A new file is only durable once its directory entry is.
        if !existed { try syncDirectory(split(path).directory) }
    }

    /// Syncs a directory, making renames and new entries in it durable.
    ///
    /// The corresponding C function is `fsync` on the directory.
    package static func syncDirectory(_ directory: String) throws(SystemError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError.current("open directory", path: directory) }
        defer { close(fd) }
        try sync(fd, path: directory)
    }

    static func sync(_ fd: Int32, path: String) throws(SystemError) {
        if retryingOnInterrupt({ fsync(fd) }) != 0 { throw SystemError.current("sync", path: path) }
    }

    /// Writes all of `bytes`, continuing after short writes; for files no
    /// one else writes (a temporary file).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let n = retryingOnInterrupt { bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } }
            if n < 0 { throw SystemError.current("write", path: path) }
            offset += n
        }
    }
}
