import CPosix
import Glibc

/// A started child process and the parent's ends of its pipes.
///
/// Started with `posix_spawnp`: argv as given (never a shell), every signal
/// at its default and none blocked (the daemon blocks the ones its loop
/// reads), standard input and standard error on pipes, standard output on
/// a pipe or /dev/null (or both outputs the parent's, for a pager). The
/// parent's ends are close-on-exec; the caller closes them.
package struct Subprocess: Sendable {
    /// The child's process id.
    package let pid: Int32
    /// Write end of the child's standard input.
    package let stdin: Int32
    /// Read end of the child's standard output; nil when it goes to /dev/null.
    package let stdout: Int32?
    /// Read end of the child's standard error; -1 when it is the parent's.
    package let stderr: Int32

    /// Starts `argv`.
    ///
    /// - Parameters:
    ///   - argv: the program (a path, or a name looked up on `$PATH`) and
    ///     its arguments.
    ///   - environment: the child's whole environment, `NAME=value` entries.
    ///   - captureStdout: a pipe for standard output instead of /dev/null.
    ///   - processGroup: a process group of its own, so that killing the
    ///     group also ends what the child started.
    ///   - nonBlocking: the parent's ends are non-blocking, for an event loop.
    ///   - sharingOutput: the child writes to the parent's standard output
    ///     and error (a pager); `captureStdout` is then ignored.
    /// - Throws: `SystemError` when a pipe cannot be made or the program
    ///   cannot be started (`ENOENT`: no such program).
    ///
    /// The corresponding C function is `posix_spawnp`.
    package static func spawn(_ argv: [String], environment: [String], captureStdout: Bool = false,
                             processGroup: Bool = false, nonBlocking: Bool = false,
                             sharingOutput: Bool = false) throws(SystemError) -> Subprocess {
        var opened: [Int32] = []
        func pipePair() throws(SystemError) -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            guard pipe2(&fds, O_CLOEXEC) == 0 else {
                let error = SystemError.current("pipe")
                opened.forEach { close($0) }
                throw error
            }
            opened += fds
            return (fds[0], fds[1])
        }
        let input = try pipePair()
        let output = captureStdout && !sharingOutput ? try pipePair() : nil
        let errors = sharingOutput ? nil : try pipePair()
        let parentEnds = [input.write] + (errors.map { [$0.read] } ?? []) + (output.map { [$0.read] } ?? [])
        if nonBlocking { for fd in parentEnds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input.read, 0)
        if let output {
            posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        } else if !sharingOutput {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        if let errors { posix_spawn_file_actions_adddup2(&actions, errors.write, 2) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if processGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        // The child's ends are the child's now.
        for fd in [input.read] + (errors.map { [$0.write] } ?? []) + (output.map { [$0.write] } ?? []) { close(fd) }
        guard rc == 0 else {
            parentEnds.forEach { close($0) }
            throw SystemError("start", path: argv[0], errno: rc)
        }
        return Subprocess(pid: pid, stdin: input.write, stdout: output?.read, stderr: errors?.read ?? -1)
    }
}
