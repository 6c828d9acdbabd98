import Testing
import TestSupport

/// A config or history that is not a file oneonone can read to its end —
/// a device, a FIFO, something huge — is refused at once with a message
/// that says why, and nothing is written.
@Suite("endless, blocking and huge files")
struct FileLimitTests {
    /// Runs `oneonone ARGS` (with `world`'s data and state directories)
    /// under a 10 s timeout and 2 GiB of address space: should the refusal
    /// break, the test fails (status 124, or an allocation failure) instead
    /// of hanging or eating the machine's memory.
    func bounded(_ world: World, _ args: [String]) throws -> RunResult {
        let argv = [product("oneonone")] + args
            + ["--data-dir", world.dir.path + "/data", "--state-dir", world.dir.path + "/state"]
        return try run(["sh", "-c", #"ulimit -v 2097152 && exec timeout 10 "$@""#, "sh"] + argv,
                       environment: ["ONEONONE_NOW": world.now, "NO_COLOR": "1"], removing: ["ONEONONE_CONFIG"])
    }

    /// The names in the data and state directories, but the lock file a
    /// writer makes before it reads: the one file a refused `met` leaves.
    func names(_ world: World) throws -> [String] {
        try ["data", "state"].flatMap { dir in
            try listDirectory(world.dir.path + "/" + dir).filter { $0 != ".lock" }.map { dir + "/" + $0 }
        }
    }

    @Test("check --config /dev/zero fails at once: not a regular file (a character device)")
    func configIsDevZero() throws {
        let world = try World()
        defer { world.remove() }
        let r = try bounded(world, ["check", "--config", "/dev/zero"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot read /dev/zero: not a regular file (a character device)\n")
    }

    @Test("a FIFO as the config fails at once instead of waiting for a writer")
    func configIsFIFO() throws {
        let world = try World()
        defer { world.remove() }
        let fifo = world.dir.path + "/config.fifo"
        _ = try run(["mkfifo", fifo])
        let r = try bounded(world, ["check", "--config", fifo])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot read \(fifo): not a regular file (a FIFO)\n")
    }

    @Test("a config over 1 MiB is refused with its size")
    func configTooLarge() throws {
        var text = String(decoding: try readBytes(packageRoot() + "/config/example.toml"), as: UTF8.self)
        let line = "# " + String(repeating: "x", count: 61) + "\n"
        while text.utf8.count + line.utf8.count < (2 << 20) - 2 { text += line }
        text += "#" + String(repeating: "x", count: (2 << 20) - text.utf8.count - 2) + "\n"
        let world = try World(config: text)
        defer { world.remove() }
        let config = world.dir.path + "/config.toml"
        let r = try bounded(world, ["check", "--config", config])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot read \(config): it is 2 MiB; oneonone reads at most 1 MiB of config\n")
    }

    @Test("a history that is a symlink to /dev/zero or a FIFO fails status and met at once, and nothing is written",
          arguments: ["/dev/zero", "fifo"])
    func historyNotRegular(target: String) throws {
        let world = try World()
        defer { world.remove() }
        let history = world.dir.path + "/data/history.toml"
        if target == "fifo" {
            _ = try run(["mkfifo", history])
        } else {
            _ = try run(["ln", "-s", target, history])
        }
        // A FIFO is no regular file; a link is not followed at all.
        let problem = target == "fifo" ? "not a regular file (a FIFO)" : "it is a symbolic link"
        let config = ["--config", world.dir.path + "/config.toml"]
        for command in [["status"], ["met", "alice", "--note", "lost"]] {
            let r = try bounded(world, command + config)
            #expect(r.status == 1, "\(command)")
            #expect(r.stderr.hasPrefix("error: cannot read \(history): \(problem)"), "\(command): \(r.stderr)")
        }
        #expect(try names(world) == ["data/history.toml"])
        if target != "fifo" { #expect(try run(["readlink", history]).stdout == target + "\n") }
    }

    @Test("a history over 256 MiB is refused with its size before a byte of it is read")
    func historyTooLarge() throws {
        let world = try World()
        defer { world.remove() }
        let history = world.dir.path + "/data/history.toml"
        // Sparse: no disk is used, and reading it would take 300 MiB.
        _ = try run(["truncate", "-s", "300M", history])
        let r = try bounded(world, ["status", "--config", world.dir.path + "/config.toml"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot read \(history): it is 300 MiB; oneonone reads at most 256 MiB of history\n")
    }
}
