#if canImport(Glibc)
import Glibc
#endif

/// A started hook process and the parent's ends of its pipes (non-blocking,
/// close-on-exec).
struct Spawned {
    let pid: pid_t
    /// Write end of the child's standard input.
    let stdin: Int32
    /// Read end of the child's standard error.
    let stderr: Int32
}

/// Why a hook could not be started.
struct SpawnError: Error, CustomStringConvertible {
    let errno: Int32
    var description: String { String(cString: strerror(errno)) }
}

/// Starts hook processes with `posix_spawnp`: argv as given (never a shell),
/// a process group of their own (so a timeout kills their children too), no
/// blocked or ignored signals inherited from the daemon, stdout to /dev/null.
enum Spawner {
    static func spawn(_ argv: [String], environment: [String]) throws(SpawnError) -> Spawned {
        var input: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        guard pipe(&input) == 0 else { throw SpawnError(errno: errno) }
        guard pipe(&errors) == 0 else {
            let e = errno
            close(input[0]); close(input[1])
            throw SpawnError(errno: e)
        }
        for fd in [input[1], errors[0]] {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        for fd in [input[0], errors[1]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        close(input[0])
        close(errors[1])
        guard rc == 0 else {
            close(input[1]); close(errors[0])
            throw SpawnError(errno: rc)
        }
        return Spawned(pid: pid, stdin: input[1], stderr: errors[0])
    }
}
