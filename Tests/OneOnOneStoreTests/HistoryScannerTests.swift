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

    /// A 1:1, an item and a touch, as the store writes them.
    static let sample = """
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

    @Test("on random histories with every hand edit, the fast reader agrees with the full path whenever it answers",
          arguments: 0..<40)
    func agreesWithFullPath(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let records = Self.written(&rng).joined()
        for edit in Self.edits { agree(edit(records)) }
    }

    /// Whatever the fast reader answers for `text`, read whole, without
    /// notes or in halves, is the full path's answer.
    func agree(_ text: String) {
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
            // Read in two halves, split at the line starting with `[[` nearest
            // past the middle, as a large file is.
            if let halves = HistoryScanner.read(bytes, members: members, parallelAbove: 1) {
                #expect(full != nil, "read in halves, the fast reader accepted what the full path refuses:\n\(text)")
                #expect(halves == full, "read in halves, the readers disagree on:\n\(text)")
            }
        }
    }

    @Test("read in two halves, a history gives the same 1:1s in the same order, items and touches as read whole",
          arguments: 0..<50)
    func halvesAgreeWithWhole(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let bytes = Array(Self.written(&rng).joined().utf8)
        let whole = HistoryScanner.read(bytes, members: Self.members, parallelAbove: .max)
        #expect(HistoryScanner.read(bytes, members: Self.members, parallelAbove: 1) == whole)
    }

    @Test("read in two halves, records of one member on one day keep their file order (the last one counts)")
    func halvesKeepSameDayOrder() throws {
        let records = (0..<40).map { i in
            HistoryStore.record(Meeting(member: "alice", date: LocalDate(year: 2026, month: 11, day: 10 + i % 2)!,
                                        note: "record \(i)"))
        }
        let bytes = Array(records.joined())
        let halves = try #require(HistoryScanner.read(bytes, members: Self.members, parallelAbove: 1))
        let notes = halves.meetings(with: "alice").compactMap(\.note)
        #expect(notes == (0..<40).filter { $0 % 2 == 0 }.map { "record \($0)" } + (0..<40).filter { $0 % 2 == 1 }.map { "record \($0)" })
        #expect(halves == Self.fullPath(bytes, members: Self.members))
    }

    @Test("a split that lands inside a multi-line note, on a line that looks like a record, is not taken for one")
    func splitInsideMultiLineNote() throws {
        let fake = (0..<40).map { "[[met]]\nmember = \"bob\"\non = 2026-11-\(10 + $0 % 9)\n" }.joined()
        let text = "[[met]]\nmember = \"alice\"\non = 2026-11-10\nnote = \"\"\"\n\(fake)\"\"\"\n"
        let bytes = Array(text.utf8)
        let full = try #require(Self.fullPath(bytes, members: Self.members))
        #expect(full.meetingCount == 1 && full.meetings[0].note?.contains("member = \"bob\"") == true)
        // The split really falls inside the note.
        let split = try #require(bytes.withUnsafeBufferPointer { HistoryScanner.recordStart(near: $0.count / 2, in: $0) })
        #expect(split > text.utf8.count - fake.utf8.count - 4 && split < text.utf8.count - 4)
        let halves = HistoryScanner.read(bytes, members: Self.members, parallelAbove: 1)
        #expect(halves == nil || halves == full)
    }

    @Test("whatever the store writes, the fast reader reads", arguments: 0..<50)
    func readsWhatTheStoreWrites(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let bytes = Array(Self.written(&rng).joined().utf8)
        let fast = HistoryScanner.read(bytes, members: Self.members)
        #expect(fast != nil)
        #expect(fast == Self.fullPath(bytes, members: Self.members))
    }

    @Test("hundreds of members and topic lists, past what the lookup tables first hold, read as the full path reads them")
    func manyKeys() throws {
        var text = ""
        for k in 0..<300 {
            text += String(decoding: HistoryStore.record(Meeting(member: "member-\(k)", date: nov(k % 28 + 1),
                                                               topics: ["t\(k % 70)", "u\(k % 3)"], mood: k % 5 + 1)), as: UTF8.self)
        }
        let bytes = Array(text.utf8)
        let fast = try #require(HistoryScanner.read(bytes, members: nil))
        #expect(fast.meetingsByMember.count == 300)
        #expect(fast == Self.fullPath(bytes, members: nil))
    }

    @Test("hand edits that stay plain TOML keep the fast path: comments, CRLF, literal strings, spacing, a BOM")
    func acceptsPlainHandEdits() throws {
        let written = Self.sample
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
        let text = Self.sample
        let full = try #require(HistoryScanner.read(Array(text.utf8), members: nil))
        let lean = try #require(HistoryScanner.read(Array(text.utf8), members: nil, notes: false))
        #expect(full.meetings[0].note == "Talked about \"the roadmap\"")
        #expect(full.actions[0].touches[0].note == "half done")
        #expect(lean == Self.withoutNotes(full))
        #expect(lean.meetings[0].topics == ["career"] && lean.meetings[0].mood == 4)
    }
}
