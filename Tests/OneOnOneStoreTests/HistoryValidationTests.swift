import OneOnOne
import OneOnOneStore
import TestSupport
import Testing

@Suite("history store: a hand-broken file is reported, never rewritten")
struct HistoryValidationTests {
    static let broken = """
        [[met]]
        member = "alice"
        on = 2026-11-10
        mood = "great"

        [[met]]
        member = "bob"
        on = 2026-11-11
        moood = 3

        [[action]]
        id = "7"
        member = "alice"
        text = "Send the packet"
        owner = "boss"
        created = 2026-11-10

        [[touch]]
        action = "99"
        kind = "finished"
        on = 2026-11-12

        [[met]]
        member = "carol"
        mood = 9

        """

    /// The error of loading `contents` as a history.
    func problems(_ contents: String) throws -> StoreError {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("history.toml", contents)
        return try #require(throws: StoreError.self) { try HistoryStore(directory: dir.path).load() }
    }

    @Test("every problem is reported at once, each at its line and column")
    func everyProblemAtOnce() throws {
        let error = try problems(Self.broken)
        let items = try #require(error.diagnostics).items
        #expect(items.map { "\($0.line):\($0.column)" } == ["4:8", "9:1", "15:9", "19:10", "20:8", "23:1", "25:8"])
        #expect(items.allSatisfy { $0.severity == .error && $0.file.hasSuffix("/history.toml") })
        #expect(items[0].message == "'mood' in [[met]] must be a whole number from 1 to 5, found string \"great\"")
        #expect(items[1].message == "unknown key 'moood' in [[met]]; did you mean 'mood'?")
        #expect(items[2].message.contains("'owner' in [[action]] must be one of me, them, found 'boss'"))
        #expect(items[3].message == "[[touch]] names action '99', which no [[action]] record has")
        #expect(items[4].message.contains("must be one of updated, done, dropped, reopened"))
        #expect(items[5].message == "[[met]] has no 'on'")
        #expect(items[6].message.contains("from 1 to 5, found integer 9"))
    }

    @Test("the report prints like a compiler: file:line:column, the line, a caret")
    func printsLikeACompiler() throws {
        let error = try problems(Self.broken)
        let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.hasSuffix("history.toml:4:8: error: 'mood' in [[met]] must be a whole number from 1 to 5, found string \"great\"") })
        #expect(lines[first + 1] == " 4 | mood = \"great\"")
        #expect(lines[first + 2] == "   |        ^")
    }

    @Test("an append to a broken file is refused and leaves it byte for byte unchanged")
    func appendRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("history.toml", Self.broken)
        let before = try readBytes(path)
        let store = HistoryStore(directory: dir.path)
        let errors = [
            try #require(throws: StoreError.self) { try store.recordMeeting(Meeting(member: "alice", date: nov(20))) },
            try #require(throws: StoreError.self) {
                try store.addAction(member: "alice", text: "x", owner: .me, due: nil, created: nov(20))
            },
            try #require(throws: StoreError.self) { try store.touch(actionID: "7", Touch(kind: .done, date: nov(20), note: nil)) },
        ]
        for error in errors {
            guard case .writeRefused(_, let diagnostics) = error.reason else {
                Issue.record("expected a refused write, got \(error)")
                continue
            }
            #expect(diagnostics.items.count == 7)
            #expect(error.description.contains("nothing was written"))
        }
        #expect(try readBytes(path) == before)
    }

    @Test("a TOML syntax error is reported at its line and column, and appends are refused")
    func syntaxError() throws {
        let contents = """
            [[met]]
            member = "alice"
            on = 2026-11-10

            [[met]]
            member = "bob
            on = 2026-11-11

            [[met]]
            member = "carol"
            on = 2026-11-12

            """
        let error = try problems(contents)
        let item = try #require(error.diagnostics?.items.first)
        #expect(item.line == 6)
        #expect(item.sourceLine == "member = \"bob")
    }

    @Test("an impossible date is reported at the value")
    func impossibleDate() throws {
        let error = try problems("[[met]]\nmember = \"alice\"\non = 2026-02-30\n")
        let item = try #require(error.diagnostics?.items.first)
        #expect(item.line == 3)
    }

    @Test("a date written as a string is a wrong type, with the form it should take")
    func dateAsString() throws {
        let error = try problems("[[met]]\nmember = \"alice\"\non = \"2026-11-10\"\n")
        #expect(error.diagnostics?.items.map(\.message) == [
            "'on' in [[met]] must be a date like 2026-11-10, found string \"2026-11-10\"",
        ])
    }

    @Test("a reused action id is reported at the second record, naming the first's line")
    func duplicateIDs() throws {
        let record = "[[action]]\nid = \"3\"\nmember = \"alice\"\ntext = \"x\"\ncreated = 2026-11-01\n\n"
        let error = try problems(record + record)
        #expect(error.diagnostics?.items.map { "\($0.line):\($0.column) \($0.message)" } == [
            "8:6 action id '3' is already used on line 1; every action item needs an id of its own",
        ])
    }

    @Test("a touch of an unknown id suggests a close one")
    func touchSuggestsID() throws {
        let action = "[[action]]\nid = \"12\"\nmember = \"alice\"\ntext = \"x\"\ncreated = 2026-11-01\n\n"
        let error = try problems(action + "[[touch]]\naction = \"13\"\nkind = \"done\"\non = 2026-11-02\n")
        #expect(error.diagnostics?.items.first?.message.hasSuffix("did you mean '12'?") == true)
    }

    @Test("a misspelled record kind is an error with a suggestion")
    func unknownRecordKind() throws {
        let error = try problems("[[acton]]\nid = \"1\"\n")
        #expect(error.diagnostics?.items.map(\.message) == ["unknown record 'acton'; did you mean [[action]]?"])
    }

    @Test("a broken record in the middle is reported even when the file lacks its last newline")
    func brokenMiddleWithoutFinalNewline() throws {
        let error = try problems("[[met]]\nmember = \"alice\"\nmood = 0\non = 2026-11-10\n\n[[met]]\nmember = \"bob\"\non = 2026-11-11")
        #expect(error.diagnostics?.items.map(\.line) == [3])
    }
}
