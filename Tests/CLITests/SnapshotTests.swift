import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The history's snapshot from the command line: commands answer from it
/// exactly as from the text, and never from an old one.
@Suite("oneonone commands: the history's snapshot")
struct SnapshotTests {
    @Test("taken once the history has been left alone a few seconds, it answers as the text does; a new 1:1 or a hand edit is seen at once")
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

        // Just copied in: no snapshot yet, the text answers.
        let fromText = try world.oneonone("plan", "--days", "30", "--json")
        #expect(fromText.status == 0, "\(fromText.stderr)")
        #expect(access(snapshot, F_OK) != 0)

        /// The snapshot file as one version: a new one is a new file.
        func taken() -> [Int] {
            var st = stat()
            guard stat(snapshot, &st) == 0 else { return [] }
            return [Int(st.st_ino), st.st_mtim.tv_sec, st.st_mtim.tv_nsec]
        }

        // Left alone, the next read takes one, and the answers stay the same.
        usleep(3_200_000)
        #expect(try last("alice") == "2026-11-17")
        let first = taken()
        #expect(!first.isEmpty)
        let fromSnapshot = try world.oneonone("plan", "--days", "30", "--json")
        #expect(fromSnapshot.stdout == fromText.stdout)
        #expect(fromSnapshot.stdout.contains("\"key\": \"overdue/bob/2026-11-20#1\""))
        // It answered: reading the settled text would have taken a new one.
        #expect(taken() == first)

        // A 1:1 recorded now counts at once; once settled, a new snapshot.
        #expect(try world.oneonone("met", "bob", "--on", "2026-11-23").status == 0)
        #expect(try last("bob") == "2026-11-23")
        #expect(!(try world.oneonone("plan", "--days", "30", "--json").stdout.contains("overdue/bob/2026-11-20")))
        usleep(3_200_000)
        #expect(try last("bob") == "2026-11-23")
        let second = taken()
        #expect(!second.isEmpty && second != first)

        // An edit by hand that keeps the file's size is seen at once too.
        let edited = try world.historyText().replacing("on = 2026-11-17", with: "on = 2026-11-18")
        #expect(edited.utf8.count == (try world.historyText()).utf8.count)
        try world.dir.write("data/history.toml", edited)
        #expect(try last("alice") == "2026-11-18")
    }
}
