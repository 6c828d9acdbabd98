import OneOnOne
@testable import OneOnOneStore
import TestSupport
import Testing

/// The fast history reader against the full parser and decoder: whenever it
/// answers, the answer is the full path's; and it does answer for what the
/// store writes.
@Suite("history store: fast reader")
struct HistoryScannerTests {
    static let members: Set<String> = ["alice", "bob", "Žofia"]

    /// What the full path makes of `bytes`: the history, or nil when it
    /// reports any error or warning.
    static func fullPath(_ bytes: [UInt8], members: Set<String>?) -> History? {
        let log = RecordLog(directory: "/nonexistent", name: "history.toml")
        guard case .success(let reading) = log.decode(bytes, HistoryDecoder(members: members).decode),
              reading.warnings.isEmpty, reading.validLength == reading.length
        else { return nil }
        return reading.output
    }

    static func withoutNotes(_ history: History) -> History {
        var h = history
        for i in h.meetings.indices { h.meetings[i].note = nil }
        for i in h.actions.indices {
            for j in h.actions[i].touches.indices { h.actions[i].touches[j].note = nil }
        }
        return h
    }

    /// A random history as the store writes it.
    static func written(_ rng: inout SplitMix64) -> [String] {
        let notes = ["Talked about \"the roadmap\" and hiring", "line one\nline two", "café ☕ 日本", "tab\there",
                     "back\\slash", "", "control \u{1}\u{7f} chars", "'single'"]
        let topics = [[], ["career"], ["career", "feedback"], ["日本"]]
        var records: [String] = []
        var ids: [String] = []
        for _ in 0..<rng.int(0...25) {
            let member = ["alice", "bob", "Žofia"][rng.int(0...2)]
            let date = LocalDate(year: 2026, month: rng.int(1...12), day: rng.int(1...28))!
            switch rng.int(0...2) {
            case 0:
                let meeting = Meeting(member: member, date: date, note: rng.int(0...1) == 0 ? nil : notes[rng.int(0...7)],
                                      topics: topics[rng.int(0...3)], mood: rng.int(0...1) == 0 ? nil : rng.int(1...5))
                records.append(String(decoding: HistoryStore.record(meeting), as: UTF8.self))
            case 1:
                let id = String(ids.count + 1)
                ids.append(id)
                let item = ActionItem(id: id, member: member, text: notes[rng.int(0...4)].isEmpty ? "x" : notes[rng.int(0...4)],
                                      owner: rng.int(0...1) == 0 ? .me : .them,
                                      due: rng.int(0...1) == 0 ? nil : date.adding(days: 7), created: date)
                records.append(String(decoding: HistoryStore.record(item), as: UTF8.self))
            default:
                guard let id = ids.last else { continue }
                let kind = Touch.Kind.allCases[rng.int(0...(Touch.Kind.allCases.count - 1))]
                records.append(String(decoding: HistoryStore.record(id, Touch(kind: kind, date: date,
                    note: rng.int(0...1) == 0 ? nil : notes[rng.int(0...7)])), as: UTF8.self))
            }
        }
        return records
    }

    /// Edits a person might make by hand, and breakage; some keep the file
    /// valid, some do not, some leave the fast path's subset.
    static let edits: [@Sendable (String) -> String] = [
        { $0 },
        { "# a comment line\n" + $0 },
        { $0.replacing("\n", with: "   # trailing comment\n", maxReplacements: 1) },
        { $0.replacing("\n", with: "\r\n") },
        { $0.replacing(" = ", with: "=", maxReplacements: 1) },
        { $0.replacing(" = ", with: " \t=  ", maxReplacements: 1) },
        { "  " + $0 },
        { $0.replacing("member = \"alice\"", with: "member = 'alice'", maxReplacements: 1) },
        { $0.replacing("member", with: "\"member\"", maxReplacements: 1) },
        { $0.replacing("member", with: "membre", maxReplacements: 1) },
        { $0.replacing("on = 2026-", with: "on = 2026-13-", maxReplacements: 1) },
        { $0.replacing("on = 2026-", with: "on = 2026-02-30T", maxReplacements: 1) },
        { $0.replacing("mood = ", with: "mood = 1", maxReplacements: 1) },
        { $0.replacing("mood = ", with: "mood = 0x", maxReplacements: 1) },
        { $0.replacing("note = \"", with: "note = \"\"\"", maxReplacements: 1) },
        { $0.replacing("note = \"", with: "note = \"\\u00e9 \\U0001F600 ", maxReplacements: 1) },
        { $0.replacing("note = \"", with: "note = \"\\uD800", maxReplacements: 1) },
        { $0.replacing("note = \"", with: "note = \"\\e", maxReplacements: 1) },
        { $0.replacing("topics = [", with: "topics = [\n", maxReplacements: 1) },
        { $0.replacing("topics = [", with: "topics = [ 'x' , ", maxReplacements: 1) },
        { $0.replacing("topics = [", with: "topics = [1, ", maxReplacements: 1) },
        { $0.replacing("[[met]]", with: "[[ met ]]", maxReplacements: 1) },
        { $0.replacing("[[met]]", with: "[met]", maxReplacements: 1) },
        { $0.replacing("[[touch]]", with: "[[tuoch]]", maxReplacements: 1) },
        { $0.replacing("id = \"1\"", with: "id = \"\"", maxReplacements: 1) },
        { $0.replacing("id = \"2\"", with: "id = \"1\"", maxReplacements: 1) },
        { $0.replacing("action = \"", with: "action = \"9", maxReplacements: 1) },
        { $0.replacing("owner = \"me\"", with: "owner = \"us\"", maxReplacements: 1) },
        { $0.replacing("kind = \"", with: "kind = \"x", maxReplacements: 1) },
        { $0.replacing("member = \"bob\"", with: "member = \"carol\"", maxReplacements: 1) },
        { $0.replacing("\n", with: "\nmember = \"bob\"\n", maxReplacements: 1) },
        { $0.replacing("\n", with: "\nextra = 1\n", maxReplacements: 1) },
        { $0.replacing("\n", with: "\nnote.x = 1\n", maxReplacements: 1) },
        { $0.replacing("\n", with: "\nnote = { a = 1 }\n", maxReplacements: 1) },
        { "title = \"x\"\n" + $0 },
        { "\u{FEFF}" + $0 },
        { String($0.dropLast()) },
        { $0 + "[[met]]\nmember = \"alice\"\n" },
        { $0 + "\r" },
        { $0.replacing("\"", with: "\"\u{0}", maxReplacements: 1) },
    ]

    @Test("on random histories with hand edits, the fast reader agrees with the full path whenever it answers",
          arguments: 0..<150)
    func agreesWithFullPath(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let records = Self.written(&rng)
        let edit = Self.edits[rng.int(0...(Self.edits.count - 1))]
        let text = edit(records.joined())
        let bytes = Array(text.utf8)
        for members in [nil, Self.members] {
            let full = Self.fullPath(bytes, members: members)
            if let fast = HistoryScanner.read(bytes, members: members) {
                #expect(full != nil, "the fast reader accepted what the full path refuses:\n\(text)")
                #expect(fast == full, "the two readers disagree on:\n\(text)")
            }
            if let fast = HistoryScanner.read(bytes, members: members, notes: false) {
                #expect(full.map(Self.withoutNotes) == fast, "without notes, the readers disagree on:\n\(text)")
            }
        }
    }

    @Test("whatever the store writes, the fast reader reads", arguments: 0..<50)
    func readsWhatTheStoreWrites(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let bytes = Array(Self.written(&rng).joined().utf8)
        let fast = HistoryScanner.read(bytes, members: Self.members)
        #expect(fast != nil)
        #expect(fast == Self.fullPath(bytes, members: Self.members))
    }

    @Test("hand edits that stay plain TOML keep the fast path: comments, CRLF, literal strings, spacing, a BOM")
    func acceptsPlainHandEdits() throws {
        let written = """
            [[met]]
            member = "alice"
            on = 2026-11-10
            note = "Talked about \\"the roadmap\\""
            topics = ["career"]

            [[action]]
            id = "1"
            member = "alice"
            text = "Send the packet"
            owner = "me"
            created = 2026-11-10

            """
        let edits: [String] = [
            "# kept by hand\n" + written,
            written.replacing("on = 2026-11-10\n", with: "on = 2026-11-10   # the Tuesday\n", maxReplacements: 1),
            written.replacing("\n", with: "\r\n"),
            written.replacing("member = \"alice\"", with: "member = 'alice'", maxReplacements: 1),
            written.replacing(" = ", with: "\t=  "),
            "\u{FEFF}" + written,
            written.replacing("topics = [\"career\"]", with: "topics = [ 'career', \"feedback\", ]"),
        ]
        for text in edits {
            let bytes = Array(text.utf8)
            let fast = try #require(HistoryScanner.read(bytes, members: Self.members), "fell back on:\n\(text)")
            #expect(fast == Self.fullPath(bytes, members: Self.members))
        }
    }

    @Test("bytes that are not UTF-8 in a note or a comment are left to the full path, which reports them")
    func invalidUTF8() {
        for bad in [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] as [[UInt8]] {
            let note = Array("[[met]]\nmember = \"alice\"\non = 2026-11-10\nnote = \"ok ".utf8) + bad + Array("\"\n".utf8)
            #expect(HistoryScanner.read(note, members: nil) == nil)
            #expect(HistoryScanner.read(note, members: nil, notes: false) == nil)
            #expect(Self.fullPath(note, members: nil) == nil)
            let comment = Array("# ".utf8) + bad + Array("\n[[met]]\nmember = \"alice\"\non = 2026-11-10\n".utf8)
            #expect(HistoryScanner.read(comment, members: nil) == nil)
        }
    }

    @Test("a history read without notes has the same 1:1s, items and touches, and no notes")
    func withoutNotes() throws {
        let text = """
            [[met]]
            member = "alice"
            on = 2026-11-10
            note = "Talked about \\"the roadmap\\""
            topics = ["career"]
            mood = 4

            [[action]]
            id = "1"
            member = "alice"
            text = "Send the packet"
            owner = "me"
            created = 2026-11-10

            [[touch]]
            action = "1"
            kind = "updated"
            on = 2026-11-12
            note = "half done"

            """
        let full = try #require(HistoryScanner.read(Array(text.utf8), members: nil))
        let lean = try #require(HistoryScanner.read(Array(text.utf8), members: nil, notes: false))
        #expect(full.meetings[0].note == "Talked about \"the roadmap\"")
        #expect(full.actions[0].touches[0].note == "half done")
        #expect(lean == Self.withoutNotes(full))
        #expect(lean.meetings[0].topics == ["career"] && lean.meetings[0].mood == 4)
    }
}
