import Testing
import TestSupport

/// Commands that only read leave the user's files exactly as they were.
@Suite("read-only commands")
struct ReadOnlyTests {
    /// Every file in the data and state directories, by name, with its bytes.
    static func files(_ world: World) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for dir in ["data", "state"] {
            let path = world.dir.path + "/" + dir
            for name in try listDirectory(path) { result[dir + "/" + name] = try readBytes(path + "/" + name) }
        }
        return result
    }

    @Test("status, plan, agenda, log, action list and check write nothing, not even a lock file",
          arguments: [["status"], ["status", "--json"], ["plan", "--days", "30"], ["agenda", "alice"], ["log", "alice"],
                      ["action", "list"], ["check"]])
    func writeNothing(command: [String]) throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let before = try Self.files(world)
        let r = try world.oneonone(args: command)
        #expect(r.status == 0, "\(command): \(r.stderr)")
        #expect(try Self.files(world) == before, "\(command)")
    }

    @Test("a history snapshot left by an earlier version is not read: the history's text is the answer")
    func retiredSnapshotIgnored() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let expected = try world.oneonone("status", "--json")
        try world.dir.write("state/history.snapshot", String(repeating: "garbage\n", count: 100))
        let r = try world.oneonone("status", "--json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == expected.stdout)
    }

    @Test("export writes only what it exported (state/exports.toml), and nothing again while no 1:1 moved")
    func exportRemembers() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let before = try Self.files(world)
        #expect(try world.oneonone("export", "--ics").status == 0)
        var after = try Self.files(world)
        #expect(after.removeValue(forKey: "state/exports.toml") != nil)
        #expect(after.keys.filter { !$0.hasSuffix("/.lock") } == before.keys.filter { !$0.hasSuffix("/.lock") })
        #expect(after.filter { !$0.key.hasSuffix("/.lock") } == before.filter { !$0.key.hasSuffix("/.lock") })
        let remembered = try Self.files(world)
        #expect(try world.oneonone("export", "--ics").status == 0)
        #expect(try Self.files(world) == remembered)
    }
}
