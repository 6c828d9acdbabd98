import OneOnOne
import OneOnOneStore
import TestSupport
import Testing

@Suite("history store: a record torn by a crash loses nothing before it")
struct HistoryTornTailTests {
    /// A history of two 1:1s written by the store, and the bytes of the
    /// record a crash cut short.
    func twoMeetings() throws -> (TemporaryDirectory, HistoryStore, [UInt8]) {
        let dir = try TemporaryDirectory()
        let store = HistoryStore(directory: dir.path)
        try store.recordMeeting(Meeting(member: "alice", date: nov(10), note: "first"))
        try store.recordMeeting(Meeting(member: "bob", date: nov(11), note: "second", topics: ["career"]))
        let third = Array("[[met]]\nmember = \"carol\"\non = 2026-11-12\nnote = \"third, cut short\"\nmood = 3\n\n".utf8)
        return (dir, store, third)
    }

    @Test("a half-written last record is ignored with a warning at its line")
    func halfRecordIgnored() throws {
        let (dir, store, third) = try twoMeetings()
        defer { dir.remove() }
        let complete = try readBytes(store.path)
        try dir.writeBytes("history.toml", complete + third.prefix(50))
        let reading = try store.read()
        #expect(reading.history.meetings.map(\.member) == ["alice", "bob"])
        let warning = try #require(reading.warnings.first)
        #expect(reading.warnings.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.line == 12)
        #expect(warning.message.contains("incomplete"))
        #expect(try readBytes(store.path) == complete + third.prefix(50), "reading never changes the file")
    }

    @Test("the next append cuts the torn tail off first")
    func nextAppendRepairs() throws {
        let (dir, store, third) = try twoMeetings()
        defer { dir.remove() }
        let complete = try readBytes(store.path)
        try dir.writeBytes("history.toml", complete + third.prefix(50))
        try store.recordMeeting(Meeting(member: "dan", date: nov(13)))
        let reading = try store.read()
        #expect(reading.warnings.isEmpty)
        #expect(reading.history.meetings.map(\.member) == ["alice", "bob", "dan"])
        #expect(try readBytes(store.path).starts(with: complete + Array("[[met]]\nmember = \"dan\"".utf8)))
    }

    @Test("a cut at any byte of the last record keeps every earlier record and heals on the next append")
    func everyCutPoint() throws {
        let (dir, store, third) = try twoMeetings()
        defer { dir.remove() }
        let complete = try readBytes(store.path)
        for cut in 1..<third.count where third[cut - 1] != UInt8(ascii: "\n") {
            try dir.writeBytes("history.toml", complete + third.prefix(cut))
            let history = try store.load()
            #expect(Array(history.meetings.prefix(2).map(\.member)) == ["alice", "bob"], "cut at \(cut)")
            try store.recordMeeting(Meeting(member: "erin", date: nov(14)))
            let healed = try store.read()
            #expect(healed.warnings.isEmpty, "cut at \(cut)")
            #expect(healed.history.meetings.last?.member == "erin", "cut at \(cut)")
        }
    }

    @Test("zero bytes left at the end by a crash are ignored with a warning and removed by the next append")
    func trailingZeros() throws {
        let (dir, store, _) = try twoMeetings()
        defer { dir.remove() }
        let complete = try readBytes(store.path)
        try dir.writeBytes("history.toml", complete + [UInt8](repeating: 0, count: 512))
        let reading = try store.read()
        #expect(reading.history.meetings.count == 2)
        #expect(reading.warnings.map(\.severity) == [.warning])
        try store.recordMeeting(Meeting(member: "dan", date: nov(13)))
        let after = try readBytes(store.path)
        #expect(!after.contains(0))
        #expect(try store.load().meetings.count == 3)
    }

    @Test("a broken last record that ends with a newline was broken by hand: reported, not dropped")
    func brokenByHandIsReported() throws {
        let (dir, store, _) = try twoMeetings()
        defer { dir.remove() }
        let complete = try readBytes(store.path)
        let bytes = complete + Array("[[met]]\nmember = \"carol\"\non = 2026-11-12\nmood = 11\n".utf8)
        try dir.writeBytes("history.toml", bytes)
        let error = try #require(throws: StoreError.self) { try store.load() }
        #expect(error.diagnostics?.items.map(\.line) == [15])
        #expect(throws: StoreError.self) { try store.recordMeeting(Meeting(member: "dan", date: nov(13))) }
        #expect(try readBytes(store.path) == bytes)
    }

    @Test("a hand-written file without a final newline keeps its last record, and the next record starts on a new line")
    func missingFinalNewline() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("history.toml", "[[met]]\nmember = \"alice\"\non = 2026-11-10")
        let store = HistoryStore(directory: dir.path)
        let reading = try store.read()
        #expect(reading.history.meetings.count == 1)
        #expect(reading.warnings.isEmpty)
        try store.recordMeeting(Meeting(member: "bob", date: nov(11)))
        #expect(try store.load().meetings.map(\.member) == ["alice", "bob"])
    }

    @Test("a torn record that is the whole file reads as an empty history")
    func onlyRecordTorn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("history.toml", "[[action]]\nid = \"1\"\nmem")
        let store = HistoryStore(directory: dir.path)
        let reading = try store.read()
        #expect(reading.history == .empty)
        #expect(reading.warnings.map(\.line) == [1])
        #expect(try store.addAction(member: "alice", text: "x", owner: .me, due: nil, created: nov(1)).id == "1")
    }
}

@Suite("history store: a hand edit is never taken for a torn write")
struct HistoryHandEditTests {
    static let complete = "[[met]]\nmember = \"alice\"\non = 2026-11-10\n\n"

    /// Broken last records without a final newline that no crash of the
    /// writer could leave: each must be reported where it is, and nothing
    /// written over it.
    @Test("a broken last record without a final newline that the writer would never write is an error at its line",
          arguments: [
              "[[met]]\nmember = \"bob\"\non = 2026-11-11\nmood = 7",           // a mood the writer never writes
              "[[met]]\nmember = \"bob\"\non = 2026-13-01",                     // no such month
              "[[met]]\nmember = \"bob\"\nmoood = 3",                           // a key it never writes
              "[[met]]\non = 2026-11-11\nmember = \"bob\"\nmood = x",           // keys out of its order
              "[[met]]\nmember = \"bob\" # note\non = 2026-11-1",               // a comment
              "[[met]]\nmember = 'bob'\non = 2026-11-1",                        // a literal string
              "[[action]]\nid = \"1\"\nmember = \"bob\"\ntext = \"x\"\nowner = \"you\"",
          ])
    func handEditReported(tail: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("history.toml", Self.complete + tail)
        let store = HistoryStore(directory: dir.path)
        let error = try #require(throws: StoreError.self) { try store.load() }
        let line = try #require(error.diagnostics?.items.first?.line)
        #expect(line >= 5, "\(error)")
        #expect(throws: StoreError.self) { try store.recordMeeting(Meeting(member: "dan", date: nov(13))) }
        #expect(try readBytes(store.path) == Array((Self.complete + tail).utf8))
    }

    @Test("a prefix of what the writer writes is still set aside as torn", arguments: [
        "[[me", "[[met]]", "[[met]]\nmem", "[[met]]\nmember = \"b", "[[met]]\nmember = \"bob\"\non = 2026-1",
        "[[met]]\nmember = \"bob\"\non = 2026-11-11\ntopics = [\"career\", \"fe",
        "[[met]]\nmember = \"bob\"\non = 2026-11-11\nnote = \"a \\\"quoted\\\" wo",
        "[[touch]]\naction = \"1\"\nkind = \"do",
    ])
    func tornSetAside(tail: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("history.toml", Self.complete + tail)
        let reading = try HistoryStore(directory: dir.path).read()
        #expect(reading.history.meetings.map(\.member) == ["alice"])
        #expect(reading.warnings.map(\.line) == [5], "\(tail)")
    }
}

@Suite("history store: records only as [[records]]")
struct HistoryStaticArrayTests {
    @Test("records written as a list (met = [{ … }]) are an error at their key, so no append can break the file",
          arguments: ["met = [{ member = \"bob\", on = 2026-01-01 }]\n",
                      "action = [{ id = \"1\", member = \"bob\", text = \"x\", created = 2026-01-01 }]\n"])
    func staticArrayRefused(text: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("history.toml", text)
        let store = HistoryStore(directory: dir.path)
        let error = try #require(throws: StoreError.self) { try store.load() }
        #expect(error.description.contains("history.toml:1:1: error: "), "\(error)")
        #expect(error.description.contains("must be written as records"), "\(error)")
        #expect(throws: StoreError.self) { try store.recordMeeting(Meeting(member: "bob", date: nov(13))) }
        #expect(try readBytes(store.path) == Array(text.utf8))
    }
}
