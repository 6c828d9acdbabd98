import Glibc
import Testing
import TestSupport

/// Links and strange files planted where oneonone keeps its records are
/// refused, never followed; a directory open to others is warned about.
@Suite("links, lock files and permissions")
struct LinkTests {
    /// `oneonone ARGS` against `world`, bounded in time (a FIFO must not
    /// hang a command).
    func bounded(_ world: World, _ args: [String]) throws -> RunResult {
        try run(["timeout", "10", product("oneonone")] + args + world.storeArguments,
                environment: ["ONEONONE_NOW": world.now, "NO_COLOR": "1"], removing: ["ONEONONE_CONFIG"])
    }

    @Test("a snoozes.toml or fired.toml planted as a link is refused and its target left alone",
          arguments: ["snoozes.toml", "fired.toml"])
    func plantedStateLink(name: String) throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let target = try world.dir.write("target.toml", "# not oneonone's\n")
        _ = try run(["ln", "-s", target, world.dir.path + "/state/" + name])
        let r = try bounded(world, name == "snoozes.toml" ? ["snooze", "bob", "1d"] : ["plan", "--days", "1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("it is a symbolic link"), "\(r.stderr)")
        #expect(try readBytes(target) == Array("# not oneonone's\n".utf8))
    }

    @Test("a dangling link at the lock file is not followed: its target is never created")
    func danglingLockLink() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let target = world.dir.path + "/created-by-the-lock"
        _ = try run(["ln", "-s", target, world.dir.path + "/state/.lock"])
        let r = try bounded(world, ["snooze", "bob", "1d"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/state/.lock"), "\(r.stderr)")
        #expect(access(target, F_OK) != 0)
    }

    @Test("a FIFO at the lock file fails a command at once instead of hanging it")
    func fifoLock() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        _ = try run(["mkfifo", world.dir.path + "/data/.lock"])
        for args in [["status"], ["met", "bob"]] {
            let r = try bounded(world, args)
            #expect(r.status == 1, "\(args): timed out or passed: \(r.status)")
            #expect(r.stderr.contains("a FIFO"), "\(args): \(r.stderr)")
        }
        #expect(!(try world.historyText()).contains("member = \"bob\"\non = 2026-11-23"))
    }

    @Test("a history.toml that is a link is refused; a data directory that is a link (a synced folder) works")
    func historyLinkVersusDirectoryLink() throws {
        let world = try World()
        defer { world.remove() }
        let synced = world.dir.path + "/Sync"
        _ = try run(["mkdir", "-p", synced])
        _ = try run(["cp", packageRoot() + "/config/example-history.toml", synced + "/history.toml"])
        _ = try run(["ln", "-s", synced + "/history.toml", world.dir.path + "/data/history.toml"])
        let refused = try bounded(world, ["status"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("link their directory instead"), "\(refused.stderr)")
        _ = try run(["rm", "-rf", world.dir.path + "/data"])
        _ = try run(["ln", "-s", synced, world.dir.path + "/data"])
        let met = try bounded(world, ["met", "bob"])
        #expect(met.status == 0, "\(met.stderr)")
        #expect(String(decoding: try readBytes(synced + "/history.toml"), as: UTF8.self).contains("on = 2026-11-23"))
    }

    @Test("a data or state directory that others can write to is warned about, and the command still runs")
    func exposedDirectoryWarned() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        _ = try run(["chmod", "0777", world.dir.path + "/data"])
        let r = try bounded(world, ["status"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("/data: it is writable by others (mode 777)"), "\(r.stderr)")
        let check = try bounded(world, ["check"])
        #expect(check.stdout.contains("(1 warning above)"), "\(check.stdout)")
    }
}
