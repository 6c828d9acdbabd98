import OneOnOne
import OneOnOneStore
import TestSupport
import Testing

@Suite("history store: records round-trip")
struct HistoryStoreTests {
    @Test("a missing history file reads as an empty history and is not created")
    func missingFileIsEmpty() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = HistoryStore(directory: dir.path + "/data")
        #expect(try store.load() == .empty)
        #expect(!FileSystem.exists(store.path))
    }

    @Test("every record kind reads back as written, notes with quotes, newlines and unicode included")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = HistoryStore(directory: dir.path)
        let tricky = "She said \"ship it\" — then\nline two\ttabbed \\ backslash, emoji 🚀, [[met]] and # not a comment"
        let meeting = Meeting(member: "alice", date: nov(10), note: tricky, topics: ["career", "feedback"], mood: 4)
        try store.recordMeeting(meeting)
        try store.recordMeeting(Meeting(member: "bob", date: nov(11)))
        let item = try store.addAction(member: "alice", text: "Send the \"promo\" packet ✉️", owner: .them, due: nov(20),
                                       created: nov(10))
        try store.touch(actionID: item.id, Touch(kind: .updated, date: nov(11), note: "half done\nmore"))
        try store.touch(actionID: item.id, Touch(kind: .done, date: nov(12), note: nil))

        let history = try store.load()
        #expect(history.meetings == [meeting, Meeting(member: "bob", date: nov(11))])
        let expected = ActionItem(id: item.id, member: "alice", text: "Send the \"promo\" packet ✉️", owner: .them,
                                  due: nov(20), created: nov(10), touches: [
                                      Touch(kind: .updated, date: nov(11), note: "half done\nmore"),
                                      Touch(kind: .done, date: nov(12)),
                                  ])
        #expect(history.actions == [expected])
        #expect(history.actions.first?.status == .done)
    }

    @Test("records are plain TOML a person can read, one blank line between them")
    func readableFormat() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = HistoryStore(directory: dir.path)
        try store.recordMeeting(Meeting(member: "alice", date: nov(10), note: "Q1 roadmap", topics: ["career"], mood: 4))
        _ = try store.addAction(member: "alice", text: "Send the promo packet", owner: .me, due: nil, created: nov(10))
        let contents = try text(store.path)
        #expect(contents.hasPrefix("[[met]]\nmember = \"alice\"\non = 2026-11-10\nnote = \"Q1 roadmap\"\n"))
        #expect(contents.contains("mood = 4\n\n[[action]]\nid = \"1\"\nmember = \"alice\"\n"))
        #expect(contents.hasSuffix("created = 2026-11-10\n\n"))
        #expect(!contents.contains("due"), "an absent due date is not written")
    }

    @Test("a note with a newline stays on one line, so every record starts at a [[header]]")
    func notesStayOnOneLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = HistoryStore(directory: dir.path)
        try store.recordMeeting(Meeting(member: "alice", date: nov(10), note: "one\n[[met]]\ntwo"))
        let lines = try text(store.path).split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("[") } == ["[[met]]"])
    }

    @Test("action ids are 1, 2, 3 … and keep counting after a reload")
    func idsIncrease() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = HistoryStore(directory: dir.path)
        let a = try first.addAction(member: "alice", text: "a", owner: .me, due: nil, created: nov(1))
        let b = try first.addAction(member: "bob", text: "b", owner: .them, due: nil, created: nov(2))
        let reopened = HistoryStore(directory: dir.path)
        let c = try reopened.addAction(member: "alice", text: "c", owner: .me, due: nil, created: nov(3))
        #expect([a.id, b.id, c.id] == ["1", "2", "3"])
        #expect(try reopened.load().actions.map(\.id) == ["1", "2", "3"])
    }

    @Test("the next id follows the largest, ignoring hand-written ids that are not numbers")
    func idsFollowTheLargest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("history.toml", """
            [[action]]
            id = "41"
            member = "alice"
            text = "old"
            created = 2026-11-01

            [[action]]
            id = "k3f"
            member = "alice"
            text = "by hand"
            owner = "them"
            created = 2026-11-02

            """)
        let store = HistoryStore(directory: dir.path)
        #expect(try store.addAction(member: "alice", text: "new", owner: .me, due: nil, created: nov(3)).id == "42")
        #expect(try store.load().actions.first?.owner == .me, "a hand-written item without an owner is mine")
    }

    @Test("meetings come back oldest first even when recorded out of order")
    func meetingsOldestFirst() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = HistoryStore(directory: dir.path)
        for day in [12, 3, 20, 3] { try store.recordMeeting(Meeting(member: "alice", date: nov(day), note: "\(day)")) }
        #expect(try store.load().meetings.map(\.date.day) == [3, 3, 12, 20])
    }

    @Test("touching an unknown action id fails with the closest id and writes nothing")
    func unknownActionID() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = HistoryStore(directory: dir.path)
        for _ in 1...12 { _ = try store.addAction(member: "alice", text: "x", owner: .me, due: nil, created: nov(1)) }
        let before = try readBytes(store.path)
        let error = try #require(throws: StoreError.self) {
            try store.touch(actionID: "122", Touch(kind: .done, date: nov(2), note: nil))
        }
        guard case .unknownAction(let id, _, let suggestion) = error.reason else {
            Issue.record("expected unknownAction, got \(error)")
            return
        }
        #expect(id == "122")
        #expect(suggestion == "12")
        #expect(error.description.contains("did you mean '12'?"))
        #expect(try readBytes(store.path) == before)
    }

    @Test("a mood outside 1–5 is refused before anything is written")
    func moodOutOfRange() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = HistoryStore(directory: dir.path)
        #expect(throws: StoreError.self) { try store.recordMeeting(Meeting(member: "alice", date: nov(1), mood: 7)) }
        #expect(!FileSystem.exists(store.path))
    }

    @Test("records of members not in the config are kept and reported once per member as warnings")
    func unknownMembersWarn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = HistoryStore(directory: dir.path)
        try store.recordMeeting(Meeting(member: "alice", date: nov(1)))
        try store.recordMeeting(Meeting(member: "alcie", date: nov(2)))
        try store.recordMeeting(Meeting(member: "alcie", date: nov(9)))
        _ = try store.addAction(member: "carol", text: "x", owner: .me, due: nil, created: nov(3))
        let reading = try store.read(validMembers: ["alice", "bob"])
        #expect(reading.history.meetings.count == 3)
        #expect(reading.warnings.map(\.severity) == [.warning, .warning])
        #expect(reading.warnings.map(\.line) == [6, 15])
        #expect(reading.warnings[0].message.contains("2 records for member 'alcie'"))
        #expect(reading.warnings[0].message.contains("did you mean 'alice'?"))
        #expect(reading.warnings[1].message.contains("'carol'"))
        #expect(try store.read().warnings.isEmpty, "no check without the config's members")
    }

    @Test("new files and directories are private to the user")
    func privatePermissions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = HistoryStore(directory: dir.path + "/a/b")
        try store.recordMeeting(Meeting(member: "alice", date: nov(1)))
        #expect(try mode(dir.path + "/a/b") == 0o700)
        #expect(try mode(dir.path + "/a") == 0o700)
        #expect(try mode(store.path) == 0o600)
    }
}
