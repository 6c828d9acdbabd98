import Glibc
import Posix

/// The result of running a program to completion.
public struct RunResult: Sendable {
    /// The exit status, or 128 + signal number when the program was killed.
    public var status: Int32
    /// Everything the program wrote to standard output.
    public var stdout: String
    /// Everything the program wrote to standard error.
    public var stderr: String
}

/// Errors raised by the test helpers themselves (not by the program under test).
public struct SupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The directory that holds the package's built executables.
///
/// `ONEONONE_BIN_DIR` wins; otherwise the directory of the running test
/// bundle, which SwiftPM places beside the products it builds.
public func binDirectory() -> String {
    if let dir = getenv("ONEONONE_BIN_DIR") { return String(cString: dir) }
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    precondition(n > 0, "cannot read /proc/self/exe")
    let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var parts = path.split(separator: "/", omittingEmptySubsequences: false)
    // .../debug/oneononePackageTests.xctest (a file on Linux)
    parts.removeLast()
    return parts.joined(separator: "/")
}

/// The path of one of the package's executables, e.g. `product("toml-json")`.
public func product(_ name: String) -> String { binDirectory() + "/" + name }

/// Runs `argv` with `stdin` as its standard input and collects its output.
///
/// - Parameters:
///   - argv: the program (absolute path or name on PATH) and its arguments.
///   - stdin: bytes written to the program's standard input, then closed.
///   - environment: extra `NAME=value` entries; they replace inherited ones.
///   - removing: names removed from the inherited environment.
///   - directory: the working directory, if not the current one.
/// - Returns: the exit status and both outputs.
public func run(
    _ argv: [String], stdin: [UInt8] = [], environment: [String: String] = [:],
    removing: [String] = [], directory: String? = nil
) throws -> RunResult {
    // The working directory is set by coreutils' env(1), which posix_spawn lacks portably.
    let argv = directory.map { ["/usr/bin/env", "-C", $0] + argv } ?? argv
    var env = Environment.entries().filter { entry in
        let name = String(entry.prefix { $0 != "=" })
        return environment[name] == nil && !removing.contains(name)
    }
    for (k, v) in environment { env.append("\(k)=\(v)") }
    // Test threads run with signals blocked; Subprocess starts the child
    // with a clean mask and default dispositions, or a shell's `wait`
    // would never see SIGCHLD.
    let child: Subprocess
    do throws(SystemError) { child = try Subprocess.spawn(argv, environment: env, captureStdout: true) } catch {
        throw SupportError("cannot start \(argv[0]): \(error.errno.text)")
    }
    let pid = child.pid
    let inPipe = [-1, child.stdin], outPipe = [child.stdout!, -1], errPipe = [child.stderr, -1]

    // Feed stdin and drain both outputs together so that no pipe fills up.
    var out: [UInt8] = [], err: [UInt8] = []
    var written = 0
    var inOpen = true
    if stdin.isEmpty { close(inPipe[1]); inOpen = false }
    var outOpen = true, errOpen = true
    signal(SIGPIPE, SIG_IGN)
    var chunk = [UInt8](repeating: 0, count: 65536)
    while outOpen || errOpen || inOpen {
        var fds: [pollfd] = []
        if inOpen { fds.append(pollfd(fd: inPipe[1], events: Int16(POLLOUT), revents: 0)) }
        if outOpen { fds.append(pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0)) }
        if errOpen { fds.append(pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0)) }
        if poll(&fds, nfds_t(fds.count), -1) < 0 { if errno == EINTR { continue }; break }
        for fd in fds where fd.revents != 0 {
            if fd.fd == inPipe[1] {
                let n = stdin[written...].withUnsafeBytes { write(fd.fd, $0.baseAddress, $0.count) }
                if n > 0 { written += n }
                if n < 0 || written == stdin.count { close(inPipe[1]); inOpen = false }
            } else {
                let n = read(fd.fd, &chunk, chunk.count)
                if n > 0 {
                    if fd.fd == outPipe[0] { out += chunk[0..<n] } else { err += chunk[0..<n] }
                } else {
                    close(fd.fd)
                    if fd.fd == outPipe[0] { outOpen = false } else { errOpen = false }
                }
            }
        }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exit: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return RunResult(
        status: exit,
        stdout: String(decoding: out, as: UTF8.self),
        stderr: String(decoding: err, as: UTF8.self))
}

/// A fresh directory under `$TMPDIR` (or /tmp), removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(_ prefix: String = "oneonone-test") throws {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else { throw SupportError("mkdtemp failed") }
        path = String(cString: p)
    }

    /// Writes `contents` to `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        try writeBytes(name, Array(contents.utf8))
    }

    /// Writes raw bytes to `name` inside the directory and returns its path.
    @discardableResult
    public func writeBytes(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SupportError("cannot create \(file)") }
        defer { close(fd) }
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw SupportError("cannot write \(file)") }
            off += n
        }
        return file
    }

    /// Deletes the directory and everything in it.
    public func remove() { _ = try? TestSupport.run(["rm", "-rf", path]) }
}

/// Reads a whole file as bytes.
public func readBytes(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw SupportError("cannot open \(path)") }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = read(fd, &chunk, chunk.count)
        if n < 0 { if errno == EINTR { continue }; throw SupportError("cannot read \(path)") }
        if n == 0 { break }
        result += chunk[0..<n]
    }
    return result
}

/// Lists the names in a directory (not `.` or `..`), sorted.
public func listDirectory(_ path: String) throws -> [String] {
    guard let dir = opendir(path) else { throw SupportError("cannot open directory \(path)") }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}

/// The absolute path of the package root, found from this source file.
public func packageRoot(_ file: StaticString = #filePath) -> String {
    var parts = "\(file)".split(separator: "/", omittingEmptySubsequences: false)
    while let last = parts.last, last != "Tests" { parts.removeLast() }
    parts.removeLast()
    return parts.joined(separator: "/")
}
