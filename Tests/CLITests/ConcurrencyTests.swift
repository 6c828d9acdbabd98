import Testing
import TestSupport
import Glibc

/// Many writers at once, and writers killed mid-write: no record is lost.
@Suite("concurrent and interrupted writers", .serialized)
struct ConcurrencyTests {
    @Test("parallel met and action add calls never lose each other's records")
    func parallel() throws {
        let world = try World()
        defer { world.remove() }
        var script = ""
        for i in 0..<20 {
            script += world.shellLine("met alice --on 2026-11-\(format2(i + 1))") + " >/dev/null &\n"
            script += world.shellLine("action add bob 'task \(i)'") + " >/dev/null &\n"
        }
        script += "wait\n"
        let r = try run(["/bin/sh", "-c", script])
        #expect(r.status == 0, "\(r.stderr)")
        let list = try world.oneonone("action", "list", "--json")
        for i in 0..<20 { #expect(list.stdout.contains("\"text\": \"task \(i)\"")) }
        let text = try world.historyText()
        #expect(text.split(separator: "[[met]]", omittingEmptySubsequences: false).count == 21)
        // Every id handed out is distinct.
        let ids = text.split(separator: "\n").filter { $0.hasPrefix("id = ") }
        #expect(Set(ids).count == 20)
        #expect(try world.oneonone("check").status == 0)
    }

    @Test("writers killed with SIGKILL at random moments lose no acknowledged record")
    func killed() throws {
        let world = try World()
        defer { world.remove() }
        var acknowledged: [String] = []
        for i in 0..<40 {
            let delay = Double((i * 7919) % 120) / 1000
            // Start a writer, kill it after a few milliseconds; it may or may not have finished.
            let r = try run(["/bin/sh", "-c", """
                \(world.shellLine("action add alice 'crash \(i)'")) >/dev/null 2>&1 &
                pid=$!; sleep \(delay); kill -9 $pid 2>/dev/null; wait $pid; echo $?
                """])
            if r.stdout == "0\n" { acknowledged.append("crash \(i)") }
        }
        // Some writers finished and some were cut off, or the test proved nothing.
        #expect(!acknowledged.isEmpty && acknowledged.count < 40, "acknowledged \(acknowledged.count) of 40")
        let check = try world.oneonone("check")
        #expect(check.status == 0, "\(check.stderr)")
        let list = try world.oneonone("action", "list", "--json")
        for text in acknowledged { #expect(list.stdout.contains("\"text\": \"\(text)\""), "lost \(text)") }
        // A later write still works on the file the crashes left.
        #expect(try world.oneonone("action", "add", "alice", "after the crashes").status == 0)
        #expect(try world.oneonone("check").status == 0)
    }
}

func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
