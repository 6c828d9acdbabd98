import Testing
import TestSupport

/// Names, notes and item texts reach the terminal as text, never as
/// instructions to it.
@Suite("terminal escapes")
struct EscapeTests {
    static let esc = "\u{1B}"
    static let override = "\u{202E}"

    /// A team whose one member's name carries a right-to-left override.
    static func world() throws -> World {
        try World(config: """
            timezone = "UTC"
            working_hours = "always"
            [team.eve]
            name = "Eve \(override)gnp.exe"
            cadence = "1w"
            """)
    }

    @Test("check rejects a name or key with a control character, with where it is and what it is", arguments: [
        ("[team.eve]\nname = \"Eve\\u001B[2J\"\n", "4:8", "\\e"),
        ("[team.eve]\nname = \"Eve\\u0007\"\n", "4:8", "\\u{7}"),
        ("[team.\"e\\u0000ve\"]\nname = \"Eve\"\n", "3:7", "member key"),
    ])
    func controlsRejected(team: String, at: String, shown: String) throws {
        let world = try World(config: "timezone = \"UTC\"\nworking_hours = \"always\"\n" + team)
        defer { world.remove() }
        let r = try world.oneonone("check")
        #expect(r.status == 1)
        #expect(r.stderr.contains("config.toml:\(at): error:"), "\(r.stderr)")
        #expect(r.stderr.contains(shown), "\(r.stderr)")
        #expect(!r.stderr.contains(Self.esc) && !r.stderr.contains("\u{7}") && !r.stderr.contains("\0"), "\(r.stderr)")
    }

    @Test("a bidi override in a name is shown as \\u{202E} by status, agenda, plan, action list and the confirmations")
    func overrideShownEverywhere() throws {
        let world = try Self.world()
        defer { world.remove() }
        var outputs: [String] = []
        for args in [["met", "eve", "--on", "2026-11-10"], ["action", "add", "eve", "Review \(Self.override)fdp.exe"],
                     ["status"], ["agenda", "eve"], ["plan", "--days", "14", "--all"], ["action", "list"], ["snooze", "eve", "1d"],
                     ["action", "done", "1"]] {
            let r = try world.oneonone(args: args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            outputs.append(r.stdout + r.stderr)
        }
        for (i, out) in outputs.enumerated() {
            #expect(!out.contains(Self.override), "output \(i): \(out)")
            #expect(out.contains("\\u{202E}"), "output \(i): \(out)")
        }
        // Reminder bodies (what the journal and notifications get) too; the
        // JSON's "name" is data for programs, and stays as written.
        let plan = try world.oneonone("plan", "--days", "14", "--json", "--all")
        let bodies = plan.stdout.split(separator: "\n").filter { $0.contains("\"body\"") }
        #expect(!bodies.isEmpty && bodies.allSatisfy { !$0.contains(Self.override) }, "\(plan.stdout)")
        #expect(bodies.contains { $0.contains(#"Eve \\u{202E}gnp.exe"#) }, "\(plan.stdout)")
    }

    @Test("a note or item text with a control character is refused and nothing is written; tabs and line breaks are kept, shown visibly")
    func controlsInTextRefused() throws {
        let world = try Self.world()
        defer { world.remove() }
        let refused = try world.oneonone("met", "eve", "--note", "hi \(Self.esc)]52;c;cGF5bG9hZA==\u{7}")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("cannot be shown: it holds the control character \\e"), "\(refused.stderr)")
        #expect(!refused.stderr.contains(Self.esc))
        #expect(try world.oneonone("action", "add", "eve", "x\u{7}").status == 1)
        #expect(try listDirectory(world.dir.path + "/data").filter { $0 == "history.toml" }.isEmpty == false
            ? (try world.historyText()).isEmpty : true)
        let kept = try world.oneonone("met", "eve", "--note", "line one\nline two\tand a tab")
        #expect(kept.status == 0, "\(kept.stderr)")
        let agenda = try world.oneonone("agenda", "eve")
        #expect(agenda.stdout.contains("line one\\nline two\\tand a tab"), "\(agenda.stdout)")
    }

    @Test("a control character written into the history by hand is an error at its line, shown visibly")
    func handWrittenControlReported() throws {
        let world = try Self.world()
        defer { world.remove() }
        try world.dir.write("data/history.toml", "[[met]]\nmember = \"eve\"\non = 2026-11-10\nnote = \"a\\u001B[2Jb\"\n")
        let r = try world.oneonone("status")
        #expect(r.status == 1)
        #expect(r.stderr.contains("history.toml:4:8: error: 'note' in [[met]] cannot be shown"), "\(r.stderr)")
        #expect(!r.stderr.contains(Self.esc))
    }
}
