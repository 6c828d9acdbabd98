import Posix
import Glibc

/// An advisory lock on a directory's files: `flock` on `<directory>/.lock`.
///
/// Every writer of the history and state files holds the exclusive lock
/// while it re-reads, checks and appends, so concurrent CLI calls and the
/// daemon never lose each other's records. Readers hold the shared lock so
/// that they never see an append half done.
///
/// `flock` locks belong to an open file description, so each call opens the
/// lock file anew: two threads of one process exclude each other as two
/// processes do.
package enum FileLock {
    /// Runs `body` while holding the exclusive lock of `directory`,
    /// creating the directory (0700) and its lock file as needed.
    ///
    /// - Parameters:
    ///   - directory: the directory whose files `body` writes.
    ///   - body: the work to do under the lock.
    /// - Returns: what `body` returns.
    ///
    /// The corresponding C function is `flock` with `LOCK_EX`.
    package static func withExclusiveLock<T>(
        directory: String, _ body: () throws(StoreError) -> T
    ) throws(StoreError) -> T {
        let fd: Int32
        do throws(SystemError) {
            try FileSystem.createDirectories(directory)
            fd = try acquire(directory: directory, operation: LOCK_EX)
        } catch { throw StoreError(.system(error)) }
        defer { close(fd) }
        return try body()
    }

    /// Runs `body` while holding the shared lock of `directory`.
    ///
    /// Reading writes nothing: when no writer has made the lock file yet
    /// (or it cannot be opened, as in a read-only directory), `body` runs
    /// without the lock rather than creating it. An append that started
    /// meanwhile shows at most as a torn last record, which reading sets
    /// aside.
    ///
    /// The corresponding C function is `flock` with `LOCK_SH`.
    package static func withSharedLock<T>(
        directory: String, _ body: () throws(StoreError) -> T
    ) throws(StoreError) -> T {
        let fd: Int32
        do throws(SystemError) { fd = try acquire(directory: directory, operation: LOCK_SH, create: false) } catch {
            if [ENOENT, ENOTDIR, EACCES, EROFS, EPERM].contains(error.errno.code) { return try body() }
            throw StoreError(.system(error))
        }
        defer { close(fd) }
        return try body()
    }

    /// Opens the lock file and waits for the lock; closing the returned
    /// descriptor releases it.
    static func acquire(directory: String, operation: Int32, create: Bool = true) throws(SystemError) -> Int32 {
        let path = directory + "/.lock"
        // Read-only is enough for flock, and closing it then wakes no
        // IN_CLOSE_WRITE watcher of the directory.
        // Not through a link (a dangling one would create its target), and
        // not waiting on a FIFO: the lock file is a regular file of ours.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (create ? O_CREAT : 0), 0o600)
        guard fd >= 0 else { throw SystemError.current("open", path: path) }
        if let kind = FileSystem.irregularKind(fd) {
            close(fd)
            throw SystemError("lock with \(kind) at", path: path, errno: EINVAL)
        }
        // A signal (the daemon's SIGHUP) interrupts the wait; keep waiting.
        guard retryingOnInterrupt({ flock(fd, operation) }) == 0 else {
            let error = SystemError.current("lock", path: path)
            close(fd)
            throw error
        }
        return fd
    }
}
