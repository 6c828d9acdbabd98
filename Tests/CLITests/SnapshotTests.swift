import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The history's snapshot from the command line: commands answer from it
/// exactly as from the text, and never from an old one.
@Suite("oneonone commands: the history's snapshot")
struct SnapshotTests {
    @Test("the first read leaves a snapshot and a change leaves a new one; commands answer from it as the text does, and a hand edit is seen at once")
    func snapshot() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let snapshot = world.dir.path + "/state/history.snapshot"
        func last(_ member: String) throws -> String? {
            let json = try world.oneonone("status", "--json").stdout
            guard let at = json.firstRange(of: "\"key\": \"\(member)\"") else { return nil }
            let rest = json[at.upperBound...]
            guard let field = rest.firstRange(of: "\"last\": \"") else { return nil }
            return String(rest[field.upperBound...].prefix(10))
        }
        /// The snapshot file: a new one is a new file, renamed into place.
        func file() -> Int? {
            var st = stat()
            return stat(snapshot, &st) == 0 ? Int(st.st_ino) : nil
        }

        // Just copied in: the text answers, and leaves a snapshot.
        #expect(file() == nil)
        let fromText = try world.oneonone("plan", "--days", "30", "--json")
        #expect(fromText.status == 0, "\(fromText.stderr)")
        let first = try #require(file())
        // The next command answers from it, as the text did: reading the
        // text would have left a new one.
        let fromSnapshot = try world.oneonone("plan", "--days", "30", "--json")
        #expect(fromSnapshot.stdout == fromText.stdout)
        #expect(fromSnapshot.stdout.contains("\"key\": \"overdue/bob/2026-11-20#1\""))
        #expect(try last("alice") == "2026-11-17")
        #expect(file() == first)

        // A 1:1 recorded now leaves a new snapshot, which answers at once.
        #expect(try world.oneonone("met", "bob", "--on", "2026-11-23").status == 0)
        let second = try #require(file())
        #expect(second != first)
        #expect(try last("bob") == "2026-11-23")
        #expect(!(try world.oneonone("plan", "--days", "30", "--json").stdout.contains("overdue/bob/2026-11-20")))
        // Once the file has settled it is marked so in place, and answers still.
        usleep(3_200_000)
        #expect(try last("bob") == "2026-11-23")
        #expect(try last("bob") == "2026-11-23")
        #expect(file() == second)

        // An edit by hand that keeps the file's size is seen at once too.
        let edited = try world.historyText().replacing("on = 2026-11-17", with: "on = 2026-11-18")
        #expect(edited.utf8.count == (try world.historyText()).utf8.count)
        try world.dir.write("data/history.toml", edited)
        #expect(try last("alice") == "2026-11-18")
    }
}
