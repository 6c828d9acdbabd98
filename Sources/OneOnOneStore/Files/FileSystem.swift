package import Posix
import Glibc

/// Small synchronous file helpers over the POSIX calls.
package enum FileSystem {
    /// Reads a whole file.
    ///
    /// The corresponding C functions are `open` and `read`.
    package static func read(_ path: String) throws(SystemError) -> [UInt8] {
        let fd = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw SystemError.current("open", path: path) }
        defer { close(fd) }
        return try readAll(fd, path: path, atMost: Int.max)
    }

    /// At most how much of a file a reader takes, and what of, for the
    /// message: "256 MiB of history".
    package struct ReadLimit: Sendable, Equatable {
        package var bytes: Int
        /// What the file holds, as the message names it: "history".
        package var what: String

        package init(bytes: Int, of what: String) {
            self.bytes = bytes
            self.what = what
        }
    }

    /// Why `read(_:limit:)` returned no bytes.
    package enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        /// `open`, `fstat` or `read` failed.
        case system(SystemError)
        /// The path names a device, a FIFO, a socket or a directory: one
        /// that may never end (/dev/zero) or never start (a FIFO).
        case notRegular(path: String, kind: String)
        /// The file holds more than the limit; `size` is nil when it grew
        /// past it while being read.
        case tooLarge(path: String, size: Int?, limit: ReadLimit)
        /// The path is a symbolic link, and the file is one oneonone writes:
        /// a planted link would send its records elsewhere.
        case link(path: String)

        /// True when the file simply does not exist.
        package var isMissing: Bool {
            if case .system(let error) = self { return error.isMissing }
            return false
        }

        /// "cannot read /dev/zero: not a regular file (a character device)".
        package var description: String {
            switch self {
            case .system(let error):
                return error.description
            case .notRegular(let path, let kind):
                return "cannot read \(path): not a regular file (\(kind))"
            case .link(let path):
                return "cannot read \(path): it is a symbolic link, and oneonone follows none to the files it writes; "
                    + "to keep them elsewhere (a synced folder), link their directory instead"
            case .tooLarge(let path, let size, let limit):
                let most = "oneonone reads at most \(mebibytes(limit.bytes)) of \(limit.what)"
                guard let size else { return "cannot read \(path): it grew past \(mebibytes(limit.bytes)) while being read; \(most)" }
                return "cannot read \(path): it is \(mebibytes(size)); \(most)"
            }
        }

        /// "2 MiB", "1.1 MiB": rounded up, so a file just over the limit
        /// does not read as the limit itself.
        private func mebibytes(_ bytes: Int) -> String {
            let tenths = Int((Double(bytes) / Double(1 << 20) * 10).rounded(.up))
            return tenths % 10 == 0 ? "\(tenths / 10) MiB" : "\(tenths / 10).\(tenths % 10) MiB"
        }
    }

    /// Reads a whole regular file of at most `limit` bytes.
    ///
    /// Anything else is refused before a byte is read: /dev/zero would be
    /// read until memory runs out, and opening a FIFO waits for a writer
    /// (O_NONBLOCK makes the open return, and does nothing to a regular
    /// file's reads). A file that grows past `limit` while being read is
    /// refused too.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - limit: the most bytes to take, and what of.
    ///   - followLinks: whether `path` may be a symbolic link (the config,
    ///     which is only read, may; the files oneonone writes may not).
    /// - Returns: the file's bytes.
    ///
    /// The corresponding C functions are `open`, `fstat` and `read`.
    package static func read(_ path: String, limit: ReadLimit, followLinks: Bool = true) throws(ReadError) -> [UInt8] {
        let fd = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW)) }
        guard fd >= 0 else {
            if !followLinks && errno == ELOOP { throw .link(path: path) }
            throw .system(.current("open", path: path))
        }
        defer { close(fd) }
        // The descriptor's, not the path's: what is read is what was checked.
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .system(.current("stat", path: path)) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw .notRegular(path: path, kind: kind(st.st_mode)) }
        guard st.st_size <= limit.bytes else { throw .tooLarge(path: path, size: Int(st.st_size), limit: limit) }
        let bytes: [UInt8]
        do throws(SystemError) { bytes = try readAll(fd, path: path, atMost: limit.bytes) } catch { throw .system(error) }
        guard bytes.count <= limit.bytes else { throw .tooLarge(path: path, size: nil, limit: limit) }
        return bytes
    }

    /// Reads `fd` to its end, or until it has given more than `atMost`
    /// bytes (then the bytes returned are more than `atMost`).
    private static func readAll(_ fd: Int32, path: String, atMost: Int) throws(SystemError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= atMost {
            let n = retryingOnInterrupt { Glibc.read(fd, &chunk, chunk.count) }
            if n < 0 { throw SystemError.current("read", path: path) }
            if n == 0 { break }
            bytes += chunk[..<n]
        }
        return bytes
    }

    /// Whether `fd` is a regular file; its kind ("a FIFO") when not.
    package static func irregularKind(_ fd: Int32) -> String? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return (st.st_mode & S_IFMT) == S_IFREG ? nil : kind(st.st_mode)
    }

    /// Why a directory of the user's files is open to others: writable by
    /// others or by its group, or owned by someone else; nil when it is
    /// only the user's (or cannot be looked at).
    package static func exposure(ofDirectory path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        if st.st_uid != getuid() { return "it belongs to another user (uid \(st.st_uid))" }
        if st.st_mode & (S_IWOTH | S_IWGRP) != 0 {
            return "it is writable by others (mode \(String(st.st_mode & 0o7777, radix: 8)))"
        }
        return nil
    }

    /// "a character device", for a file that is not a regular one.
    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        default: "of file type \(String(mode & S_IFMT, radix: 8))"
        }
    }

    /// Whether something exists at `path`.
    package static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Whether `path` is a directory.
    package static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in the directory `path` (not `.` or `..`); none when it
    /// cannot be read.
    ///
    /// The corresponding C function is `readdir`.
    package static func names(in path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Deletes the file at `path`, if there is one.
    ///
    /// The corresponding C function is `unlink`.
    package static func remove(_ path: String) { unlink(path) }

    /// The directory and the last component of `path` ("." for a bare name).
    package static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        return (directory, String(path[path.index(after: slash)...]))
    }
}
