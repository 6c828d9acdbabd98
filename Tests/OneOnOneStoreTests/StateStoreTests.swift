import OneOnOne
import OneOnOneStore
import TestSupport
import Testing

/// An instant on 2026-11-`day` at `hour`:00 UTC.
func at(_ day: Int, _ hour: Int = 14) -> Instant {
    Instant(secondsSinceEpoch: Int64(nov(day).daysSinceEpoch) * 86_400 + Int64(hour) * 3600)
}

@Suite("state store: fired ledger, snoozes, first seen")
struct StateStoreTests {
    @Test("fired keys survive a reload with the instant they fired")
    func ledgerRoundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let state = StateStore(directory: dir.path + "/state")
        #expect(try state.loadLedger().count == 0)
        try state.recordFired([(key: "overdue/alice/2026-11-24#2", at: at(25)),
                               (key: "due-soon/bob/2026-11-26", at: Instant(secondsSinceEpoch: 1_795_000_000, nanoseconds: 500_000_000))])
        try state.recordFired([(key: "overdue/alice/2026-11-24#2", at: at(26))])
        let ledger = try StateStore(directory: dir.path + "/state").loadLedger()
        #expect(ledger.count == 2)
        #expect(ledger.fired["overdue/alice/2026-11-24#2"] == at(25), "the first record wins")
        #expect(ledger.fired["due-soon/bob/2026-11-26"] == Instant(secondsSinceEpoch: 1_795_000_000, nanoseconds: 500_000_000))
        let contents = try text(dir.path + "/state/fired.toml")
        #expect(contents.hasPrefix("[[fired]]\nkey = \"overdue/alice/2026-11-24#2\"\nat = 2026-11-25T14:00:00Z\n\n"))
    }

    @Test("recording nothing writes nothing")
    func recordNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try StateStore(directory: dir.path).recordFired([])
        #expect(!FileSystem.exists(dir.path + "/fired.toml"))
    }

    @Test("pruning keeps the keys fired at or after the cutoff and leaves no temporary file")
    func prune() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let state = StateStore(directory: dir.path)
        try state.recordFired((1...9).map { (key: "k\($0)", at: at($0)) })
        try state.pruneLedger(before: at(5))
        #expect(try state.loadLedger().fired.keys.sorted() == ["k5", "k6", "k7", "k8", "k9"])
        try state.recordFired([(key: "k10", at: at(10))])
        #expect(try state.loadLedger().count == 6)
        #expect(try listDirectory(dir.path) == [".lock", "fired.toml"])
    }

    @Test("pruning with nothing old leaves the file untouched")
    func pruneNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let state = StateStore(directory: dir.path)
        try state.recordFired([(key: "k", at: at(20))])
        let before = try readBytes(dir.path + "/fired.toml")
        try state.pruneLedger(before: at(1))
        #expect(try readBytes(dir.path + "/fired.toml") == before)
    }

    @Test("a torn fired record is ignored with the ones before it kept, and the next append repairs it")
    func tornLedger() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let state = StateStore(directory: dir.path)
        try state.recordFired([(key: "a", at: at(1)), (key: "b", at: at(2))])
        let complete = try readBytes(dir.path + "/fired.toml")
        try dir.writeBytes("fired.toml", complete + Array("[[fired]]\nkey = \"c\"\nat = 2026-11-0".utf8))
        #expect(try state.loadLedger().fired.keys.sorted() == ["a", "b"])
        try state.recordFired([(key: "d", at: at(4))])
        #expect(try state.loadLedger().fired.keys.sorted() == ["a", "b", "d"])
    }

    @Test("a hand-broken ledger is reported with its line and never appended to")
    func brokenLedger() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("fired.toml", "[[fired]]\nkey = \"a\"\nat = 2026-11-25T14:00:00\n\n")
        let state = StateStore(directory: dir.path)
        let error = try #require(throws: StoreError.self) { try state.loadLedger() }
        #expect(error.diagnostics?.items.map { "\($0.line):\($0.column)" } == ["3:6"])
        #expect(throws: StoreError.self) { try state.recordFired([(key: "b", at: at(1))]) }
        #expect(throws: StoreError.self) { try state.pruneLedger(before: at(30)) }
        #expect(try text(path) == "[[fired]]\nkey = \"a\"\nat = 2026-11-25T14:00:00\n\n")
    }

    @Test("8 threads recording 50 fired keys each at once lose none")
    func concurrentFired() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let state = StateStore(directory: dir.path)
        let failures = Failures()
        onThreads(8) { thread in
            for i in 0..<50 {
                do { try state.recordFired([(key: "t\(thread)/\(i)", at: at(1 + i % 28))]) } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        #expect(try state.loadLedger().count == 400)
    }

    @Test("snoozes read back in the order added, offsets normalized to UTC")
    func snoozes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let state = StateStore(directory: dir.path)
        #expect(try state.loadSnoozes().isEmpty)
        try state.addSnooze(Snooze(subject: "alice", until: at(27, 9)))
        try state.addSnooze(Snooze(subject: "7", until: at(30)))
        #expect(try state.loadSnoozes() == [Snooze(subject: "alice", until: at(27, 9)), Snooze(subject: "7", until: at(30))])
        try dir.write("snoozes.toml", "[[snooze]]\nsubject = \"bob\"\nuntil = 2026-11-27T10:00:00+01:00\n")
        #expect(try state.loadSnoozes() == [Snooze(subject: "bob", until: at(27, 9))])
    }

    @Test("first-seen days are added only for members not seen before")
    func firstSeen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let state = StateStore(directory: dir.path)
        #expect(try state.loadFirstSeen().isEmpty)
        try state.markSeen(["alice", "bob"], on: nov(20))
        try state.markSeen(["bob", "carol", "odd key.with dots"], on: nov(23))
        #expect(try state.loadFirstSeen() == ["alice": nov(20), "bob": nov(20), "carol": nov(23), "odd key.with dots": nov(23)])
        let before = try readBytes(dir.path + "/members.toml")
        try state.markSeen(["alice"], on: nov(25))
        #expect(try readBytes(dir.path + "/members.toml") == before, "nothing new, nothing written")
        #expect(try text(dir.path + "/members.toml").contains("[seen]\nalice = 2026-11-20\n"))
    }

    @Test("a hand-broken members file is reported and not rewritten")
    func brokenFirstSeen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("members.toml", "[seen]\nalice = \"yesterday\"\n[sen]\n")
        let state = StateStore(directory: dir.path)
        let error = try #require(throws: StoreError.self) { try state.loadFirstSeen() }
        #expect(error.diagnostics?.items.map { "\($0.line):\($0.column)" } == ["2:9", "3:2"])
        #expect(throws: StoreError.self) { try state.markSeen(["bob"], on: nov(1)) }
        #expect(try text(path) == "[seen]\nalice = \"yesterday\"\n[sen]\n")
    }
}
