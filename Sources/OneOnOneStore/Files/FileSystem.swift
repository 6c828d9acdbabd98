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
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = retryingOnInterrupt { Glibc.read(fd, &chunk, chunk.count) }
            if n < 0 { throw SystemError.current("read", path: path) }
            if n == 0 { return bytes }
            bytes += chunk[..<n]
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
