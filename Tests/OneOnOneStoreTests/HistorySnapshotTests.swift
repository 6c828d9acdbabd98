import OneOnOne
@testable import OneOnOneStore
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The history's binary snapshot: it gives back exactly what was read, it is
/// used only for the very version of the file it was taken of, and anything
/// damaged or foreign is ignored.
@Suite("history store: snapshot")
struct HistorySnapshotTests {
    static let version = FileVersion(device: 2049, inode: 1234, size: 5678, modified: 1_790_000_000,
                                     modifiedNanoseconds: 12, changed: 1_790_000_001, changedNanoseconds: 34)

    /// A random history as the full path reads it, without notes.
    static func history(seed: UInt64) -> History? {
        var rng = SplitMix64(seed: seed)
        let bytes = Array(HistoryScannerTests.written(&rng).joined().utf8)
        return HistoryScannerTests.fullPath(bytes, members: nil).map(HistoryScannerTests.withoutNotes)
    }

    @Test("a snapshot gives back the history it was taken of: 1:1s in order, topics, moods, items, touches",
          arguments: 0..<60)
    func roundTrip(seed: UInt64) throws {
        let history = try #require(Self.history(seed: seed))
        let bytes = try #require(HistorySnapshot.encode(history, of: Self.version))
        let back = try #require(HistorySnapshot.decode(bytes, of: Self.version))
        #expect(back == history)
        #expect(back.meetings == history.meetings)
    }

    @Test("1:1s of many members split between the two pieces that read them come back whole, with the items")
    func piecesSplitMembers() throws {
        var meetings: [Meeting] = []
        for m in 0..<40 {
            for d in 1...(m % 7 + 1) {
                meetings.append(Meeting(member: "m\(m)", date: nov(d), topics: m % 3 == 0 ? ["career"] : [], mood: d % 5 + 1))
            }
        }
        let items = (1...3).map { ActionItem(id: "\($0)", member: "m\($0)", text: "item \($0)", owner: .them, due: nov(20),
                                            created: nov(2), touches: [Touch(kind: .updated, date: nov(3))]) }
        let history = History(meetings: meetings, actions: items)
        let bytes = try #require(HistorySnapshot.encode(history, of: Self.version))
        #expect(HistorySnapshot.decode(bytes, of: Self.version) == history)
    }

    /// `history` with only its open items, as planning reads it.
    static func openOnly(_ history: History) -> History {
        var open = history
        open.actions.removeAll { $0.status != .open }
        return open
    }

    @Test("a planning read gives back the 1:1s and only the open items, in their order", arguments: 0..<30)
    func openItemsOnly(seed: UInt64) throws {
        let history = try #require(Self.history(seed: seed))
        let bytes = try #require(HistorySnapshot.encode(history, of: Self.version))
        #expect(HistorySnapshot.decode(bytes, of: Self.version, openItemsOnly: true) == Self.openOnly(history))
    }

    @Test("the items done or dropped are not read for planning: damage there stops only a full read")
    func closedPartUnread() throws {
        let items = [ActionItem(id: "1", member: "alice", text: "Open one", owner: .me, due: nil, created: nov(2)),
                     ActionItem(id: "2", member: "alice", text: "Done one", owner: .them, due: nil, created: nov(3),
                                touches: [Touch(kind: .done, date: nov(4))]),
                     ActionItem(id: "3", member: "bob", text: "Open too", owner: .me, due: nov(9), created: nov(5))]
        let history = History(meetings: [Meeting(member: "alice", date: nov(3))], actions: items)
        var bytes = try #require(HistorySnapshot.encode(history, of: Self.version))
        #expect(HistorySnapshot.decode(bytes, of: Self.version) == history)
        // The closed part is last; its item's text is the only "Done one".
        let text = Array("Done one".utf8)
        let at = try #require(bytes.indices.first { Array(bytes[$0..<min(bytes.count, $0 + text.count)]) == text })
        bytes[at] ^= 0x20
        #expect(HistorySnapshot.decode(bytes, of: Self.version) == nil)
        #expect(HistorySnapshot.decode(bytes, of: Self.version, openItemsOnly: true)?.actions.map(\.id) == ["1", "3"])
    }

    /// `bytes` with both parts' checksums made right again, as a forger
    /// would.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        let start = HistorySnapshot.planStart
        out.withUnsafeMutableBytes { raw in
            let plan = raw.loadUnaligned(fromByteOffset: HistorySnapshot.planLengthAt, as: Int.self)
            let planSum = HistorySnapshot.checksum(UnsafeRawBufferPointer(rebasing: raw[start..<(start + plan)]))
            let restSum = HistorySnapshot.checksum(UnsafeRawBufferPointer(rebasing: raw[(start + plan)...]))
            raw.storeBytes(of: planSum, toByteOffset: HistorySnapshot.planSumAt, as: UInt64.self)
            raw.storeBytes(of: restSum, toByteOffset: HistorySnapshot.restSumAt, as: UInt64.self)
        }
        return out
    }

    @Test("a snapshot with right checksums but impossible contents is refused: huge counts, an item out of place, an open item among the closed")
    func forged() throws {
        let history = Self.fixed
        let bytes = try #require(HistorySnapshot.encode(history, of: Self.version))
        #expect(HistorySnapshot.decode(Self.resealed(bytes), of: Self.version) == history)
        /// The offset of the word `value` that comes right before `text`'s bytes.
        func word(before text: String) throws -> Int {
            let needle = withUnsafeBytes(of: text.utf8.count.littleEndian, Array.init) + Array(text.utf8)
            let at = try #require(bytes.indices.first { bytes[$0...].starts(with: needle) })
            return at - 8
        }
        func with(_ value: Int, at offset: Int) -> [UInt8] {
            var out = bytes
            withUnsafeBytes(of: value.littleEndian) { out.replaceSubrange(offset..<(offset + 8), with: $0) }
            return Self.resealed(out)
        }
        let memberCount = HistorySnapshot.planStart + 16
        // The done item, in the closed part: its place, and the kind of its
        // second touch (after id, member, text, owner, due, created, count
        // and the first touch).
        let place = try word(before: "7")
        let secondTouch = place + 8 + 8 + 1 + 8 + 8 + "Send the packet".utf8.count + 8 * 4 + 16
        #expect(Array(bytes[secondTouch..<(secondTouch + 8)])
            == withUnsafeBytes(of: Touch.Kind.allCases.firstIndex(of: .done)!.littleEndian, Array.init))
        let updated = Touch.Kind.allCases.firstIndex(of: .updated)!
        // Refused by every read: counts no file could hold.
        for forged in [with(Int.max, at: memberCount), with(1 << 40, at: memberCount), with(-1, at: memberCount)] {
            #expect(HistorySnapshot.decode(forged, of: Self.version) == nil)
            #expect(HistorySnapshot.decode(forged, of: Self.version, openItemsOnly: true) == nil)
        }
        // Refused by a full read; planning never reads that part.
        for forged in [with(1, at: place), with(-1, at: place), with(0, at: place - 8), with(updated, at: secondTouch)] {
            #expect(HistorySnapshot.decode(forged, of: Self.version) == nil)
            #expect(HistorySnapshot.decode(forged, of: Self.version, openItemsOnly: true) == Self.openOnly(history))
        }
    }

    @Test("a snapshot of another version of the file is not used")
    func otherVersion() throws {
        let history = try #require(Self.history(seed: 7))
        let bytes = try #require(HistorySnapshot.encode(history, of: Self.version))
        let changes: [(inout FileVersion) -> Void] = [
            { $0.device += 1 }, { $0.inode += 1 }, { $0.size += 1 }, { $0.modified += 1 },
            { $0.modifiedNanoseconds += 1 }, { $0.changed += 1 }, { $0.changedNanoseconds += 1 },
        ]
        for change in changes {
            var other = Self.version
            change(&other)
            #expect(HistorySnapshot.decode(bytes, of: other) == nil)
        }
    }

    @Test("a damaged or cut snapshot is not used, whatever byte is hit")
    func damaged() throws {
        let history = try #require(Self.history(seed: 11))
        let bytes = try #require(HistorySnapshot.encode(history, of: Self.version))
        for k in bytes.indices {
            var broken = bytes
            broken[k] ^= 0x20
            #expect(HistorySnapshot.decode(broken, of: Self.version) == nil, "byte \(k)")
            #expect(HistorySnapshot.decode(Array(bytes[..<k]), of: Self.version) == nil, "cut at \(k)")
        }
        #expect(HistorySnapshot.decode(bytes + [0], of: Self.version) == nil)
        #expect(HistorySnapshot.decode([UInt8](repeating: 0, count: 4096), of: Self.version) == nil)
    }

    @Test("a history the snapshot cannot hold exactly is not snapshotted: notes, snoozes, first-seen days")
    func onlyWhatItHolds() throws {
        let meeting = Meeting(member: "alice", date: nov(10), topics: ["career"], mood: 4)
        #expect(HistorySnapshot.encode(History(meetings: [meeting]), of: Self.version) != nil)
        var noted = meeting
        noted.note = "a note"
        #expect(HistorySnapshot.encode(History(meetings: [noted]), of: Self.version) == nil)
        #expect(HistorySnapshot.encode(History(meetings: [meeting], snoozes: [Snooze(subject: "alice", until: Instant(secondsSinceEpoch: 0))]),
                                       of: Self.version) == nil)
        #expect(HistorySnapshot.encode(History(meetings: [meeting], firstSeen: ["alice": nov(1)]), of: Self.version) == nil)
        var moody = meeting
        moody.mood = 7
        #expect(HistorySnapshot.encode(History(meetings: [moody]), of: Self.version) == nil)
    }

    // MARK: - With real files

    /// A data directory holding the sample history, and where its snapshot goes.
    struct Files {
        let dir: TemporaryDirectory
        let store: HistoryStore
        var snapshot: String { store.snapshot! }

        init() throws {
            dir = try TemporaryDirectory()
            try dir.write("history.toml", HistoryScannerTests.sample)
            store = HistoryStore(directory: dir.path, snapshot: dir.path + "/state/history.snapshot")
        }

        /// What the text says, read the full way.
        func fromText() throws -> History { try store.load(notes: false) }
    }

    @Test("once the file has settled, a read leaves a snapshot that later reads give back")
    func writtenAndUsed() throws {
        let files = try Files()
        defer { files.dir.remove() }
        let first = try files.store.loadWithoutNotes(settledAfter: 0)
        #expect(first == (try files.fromText()))
        #expect(FileSystem.exists(files.snapshot))
        #expect(try mode(files.snapshot) == 0o600)

        // The snapshot is what is read while the file stays as it was: one
        // written for this version with other contents comes back.
        let version = try #require(FileSystem.version(of: files.store.path))
        let other = History(meetings: [Meeting(member: "bob", date: nov(3), topics: [], mood: nil)])
        try FileSystem.atomicWrite(path: files.snapshot, bytes: try #require(HistorySnapshot.encode(other, of: version)))
        #expect(try files.store.loadWithoutNotes(settledAfter: 0) == other)
    }

    @Test("a record appended after the snapshot is seen, and the snapshot is taken again")
    func appendSeen() throws {
        let files = try Files()
        defer { files.dir.remove() }
        _ = try files.store.loadWithoutNotes(settledAfter: 0)
        try files.store.recordMeeting(Meeting(member: "bob", date: nov(12), topics: ["feedback"], mood: 2))
        let read = try files.store.loadWithoutNotes(settledAfter: 0)
        #expect(read.meetings(with: "bob").map(\.date) == [nov(12)])
        #expect(read == (try files.fromText()))
        let version = try #require(FileSystem.version(of: files.store.path))
        #expect(HistorySnapshot.decode(try readBytes(files.snapshot), of: version) == read)
    }

    @Test("a hand edit that keeps the size and puts the modification time back is still seen")
    func sameSizeEditSeen() throws {
        let files = try Files()
        defer { files.dir.remove() }
        _ = try files.store.loadWithoutNotes(settledAfter: 0)
        let before = try #require(FileSystem.version(of: files.store.path))
        // Past the file system clock's tick, then an edit in place: mood 4 → 5.
        usleep(50_000)
        let edited = HistoryScannerTests.sample.replacing("mood = 4", with: "mood = 5")
        let fd = open(files.store.path, O_WRONLY)
        #expect(fd >= 0)
        _ = Array(edited.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        var times = [timespec(tv_sec: Int(before.modified), tv_nsec: Int(before.modifiedNanoseconds)),
                     timespec(tv_sec: Int(before.modified), tv_nsec: Int(before.modifiedNanoseconds))]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        let after = try #require(FileSystem.version(of: files.store.path))
        #expect(after.size == before.size && after.modified == before.modified)

        let read = try files.store.loadWithoutNotes(settledAfter: 0)
        #expect(read.meetings(with: "alice").map(\.mood) == [5])
    }

    @Test("a snapshot of a file changed within the last seconds is trusted only while the text hashes the same; none is taken of one read with a warning")
    func unsettledAndWarned() throws {
        let files = try Files()
        defer { files.dir.remove() }
        // Just written: a further write could fall in the same clock tick
        // and keep the version, so the snapshot carries the text's hash.
        #expect(try files.store.loadWithoutNotes() == (try files.fromText()))
        let version = try #require(FileSystem.version(of: files.store.path))
        let taken = try readBytes(files.snapshot)
        #expect(HistorySnapshot.decode(taken, of: version) == nil)
        let hash = try readBytes(files.store.path).withUnsafeBytes { ContentHash.of($0) }
        #expect(HistorySnapshot.decode(taken, of: version, textMatches: { $0 == hash }) == (try files.fromText()))
        // One whose hash is not the text's is not used, though the version matches.
        let other = History(meetings: [Meeting(member: "bob", date: nov(3), topics: [], mood: nil)])
        try FileSystem.atomicWrite(path: files.snapshot, bytes: try #require(
            HistorySnapshot.encode(other, of: version, textHash: hash ^ 1, settled: false)))
        #expect(try files.store.loadWithoutNotes() == (try files.fromText()))
        // A torn last record is a warning: the text stays the authority.
        #expect(unlink(files.snapshot) == 0)
        try files.dir.write("history.toml", HistoryScannerTests.sample + "[[met]]\nmember = \"bob\"\non = 2026-1")
        let read = try files.store.loadWithoutNotes(settledAfter: 0)
        #expect(read.meetings(with: "bob").isEmpty)
        #expect(!FileSystem.exists(files.snapshot))
    }

    @Test("a 1:1, a new item and a touch each leave a snapshot that gives back what the text says")
    func writersLeaveSnapshots() throws {
        let files = try Files()
        defer { files.dir.remove() }
        func check(_ what: String) throws {
            let version = try #require(FileSystem.version(of: files.store.path))
            let read = HistorySnapshot.read(files.snapshot, of: version, text: files.store.path, openItemsOnly: false,
                                            now: WallClock.now())
            #expect(read == (try files.fromText()), "\(what)")
        }
        try files.store.recordMeeting(Meeting(member: "bob", date: nov(12), note: "fine", topics: ["feedback"], mood: 2))
        try check("met")
        let item = try files.store.addAction(member: "bob", text: "Share the deck", owner: .them, due: nov(20), created: nov(12))
        try check("action add")
        try files.store.touch(actionID: item.id, kind: .done, on: nov(13), note: "shared")
        try check("action done")
        #expect(try files.store.loadWithoutNotes(openItemsOnly: true).actions.map(\.id) == ["1"])
    }

    @Test("after a file with no final newline, with zeros left by a crash, or with a torn record, what a 1:1 leaves reads as the text")
    func writersAfterOddEndings() throws {
        let endings = [String(HistoryScannerTests.sample.dropLast()), HistoryScannerTests.sample + "\0\0\0",
                       HistoryScannerTests.sample + "[[met]]\nmember = \"bob\"\non = 2026-1"]
        for ending in endings {
            let files = try Files()
            defer { files.dir.remove() }
            try files.dir.write("history.toml", ending)
            try files.store.recordMeeting(Meeting(member: "bob", date: nov(12)))
            let text = try files.fromText()
            #expect(text.meetings(with: "bob").map(\.date) == [nov(12)])
            #expect(try files.store.loadWithoutNotes() == text, "\(ending.suffix(12).debugDescription)")
            let version = try #require(FileSystem.version(of: files.store.path))
            if let left = HistorySnapshot.read(files.snapshot, of: version, text: files.store.path, openItemsOnly: false,
                                               now: WallClock.now()) {
                #expect(left == text)
            }
        }
    }

    @Test("no snapshot vouches for a change the text cannot hold: a 1:1 appended after a record written as an inline table")
    func noSnapshotAfterInlineRecords() throws {
        let files = try Files()
        defer { files.dir.remove() }
        // Reads fine, but a [[met]] header after `met = [...]` breaks the file.
        try files.dir.write("history.toml", "met = [{ member = \"alice\", on = 2026-11-03 }]\n")
        #expect(try files.fromText().meetings(with: "alice").map(\.date) == [nov(3)])
        try files.store.recordMeeting(Meeting(member: "bob", date: nov(12)))
        #expect(!FileSystem.exists(files.snapshot))
        #expect(throws: StoreError.self) { try files.store.loadWithoutNotes() }
    }

    @Test("once the file settles, a snapshot trusted by its text's hash is marked settled in place, and then by its version alone")
    func markedSettled() throws {
        let files = try Files()
        defer { files.dir.remove() }
        try files.store.recordMeeting(Meeting(member: "bob", date: nov(12)))
        let version = try #require(FileSystem.version(of: files.store.path))
        #expect(HistorySnapshot.decode(try readBytes(files.snapshot), of: version) == nil)
        let inode = try #require(FileSystem.version(of: files.snapshot)).inode
        #expect(try files.store.loadWithoutNotes(settledAfter: 0) == (try files.fromText()))
        #expect(HistorySnapshot.decode(try readBytes(files.snapshot), of: version) == (try files.fromText()))
        #expect(try #require(FileSystem.version(of: files.snapshot)).inode == inode)
    }

    @Test("a snapshot that is garbage is ignored and replaced; one that cannot be written is only skipped")
    func garbageAndUnwritable() throws {
        let files = try Files()
        defer { files.dir.remove() }
        try FileSystem.createDirectories(files.dir.path + "/state")
        try files.dir.writeBytes("state/history.snapshot", Array("not a snapshot\n".utf8))
        #expect(try files.store.loadWithoutNotes(settledAfter: 0) == (try files.fromText()))
        let version = try #require(FileSystem.version(of: files.store.path))
        #expect(HistorySnapshot.decode(try readBytes(files.snapshot), of: version) == (try files.fromText()))

        // Where no file can be made, the history still reads.
        let nowhere = HistoryStore(directory: files.dir.path, snapshot: files.store.path + "/not-a-directory/history.snapshot")
        #expect(try nowhere.loadWithoutNotes(settledAfter: 0) == (try files.fromText()))
    }
}

extension HistorySnapshot {
    /// A snapshot trusted by its version alone, as of a settled file.
    static func encode(_ history: History, of version: FileVersion) -> [UInt8]? {
        encode(history, of: version, textHash: 0, settled: true)
    }
}

extension HistorySnapshotTests {
    @Test("a text hashed in pieces hashes as in one, wherever it is cut; another text hashes otherwise")
    func contentHash() {
        let text = Array(HistoryScannerTests.sample.utf8)
        let whole = text.withUnsafeBytes { ContentHash.of($0) }
        for cut in [0, 1, 7, 31, 32, 33, 64, text.count / 2, text.count - 1, text.count] {
            for second in [cut, min(text.count, cut + 5), min(text.count, cut + 40)] {
                var hash = ContentHash()
                text[..<cut].withUnsafeBytes { hash.add($0) }
                text[cut..<second].withUnsafeBytes { hash.add($0) }
                text[second...].withUnsafeBytes { hash.add($0) }
                #expect(hash.value == whole, "cut at \(cut), \(second)")
            }
        }
        var changed = text
        changed[text.count / 2] ^= 1
        #expect(changed.withUnsafeBytes { ContentHash.of($0) } != whole)
        #expect((text + [0]).withUnsafeBytes { ContentHash.of($0) } != whole)
    }

    /// A small history with every kind of field.
    static let fixed = History(
        meetings: [Meeting(member: "alice", date: nov(3), topics: ["career", "feedback"], mood: 4),
                   Meeting(member: "bob", date: nov(10), topics: [], mood: nil)],
        actions: [ActionItem(id: "7", member: "alice", text: "Send the packet", owner: .them, due: nov(20), created: nov(3),
                             touches: [Touch(kind: .updated, date: nov(5)), Touch(kind: .done, date: nov(6))])])

    @Test("the layout is pinned: a change to it must come with a new format version")
    func layoutPinned() throws {
        let bytes = try #require(HistorySnapshot.encode(Self.fixed, of: Self.version))
        let sum = bytes.withUnsafeBytes { HistorySnapshot.checksum($0) }
        #expect(HistorySnapshot.formatVersion == 3 && sum == Self.pinnedChecksum,
                "the snapshot's layout changed (checksum \(String(sum, radix: 16))): raise formatVersion, then pin the new checksum")
    }

    static let pinnedChecksum: UInt64 = 0x3d2d_5bbf_be34_a1e8

    @Test("a history the fast reader leaves to the parser (a multi-line note) is snapshotted too, without its notes")
    func fullPathSnapshotted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("history.toml", HistoryScannerTests.sample.replacing("note = \"Talked", with: "note = \"\"\"Talked\nmore")
            .replacing("the roadmap\\\"\"", with: "the roadmap\\\"\"\"\""))
        let snapshot = dir.path + "/history.snapshot"
        let store = HistoryStore(directory: dir.path, snapshot: snapshot)
        #expect(HistoryScanner.read(try readBytes(store.path), members: nil) == nil)
        let read = try store.loadWithoutNotes(settledAfter: 0)
        #expect(read.meetings(with: "alice").map(\.note) == [nil])
        #expect(read.actions.flatMap(\.touches).map(\.note) == [nil])
        let version = try #require(FileSystem.version(of: store.path))
        #expect(HistorySnapshot.decode(try readBytes(snapshot), of: version) == read)
    }

    @Test("a planning read leaves out the items done or dropped, from the text and from the snapshot alike")
    func openItemsFromBoth() throws {
        let files = try Files()
        defer { files.dir.remove() }
        try files.dir.write("history.toml", HistoryScannerTests.sample + """

            [[action]]
            id = "2"
            member = "alice"
            text = "Book the offsite"
            owner = "me"
            created = 2026-11-10

            [[touch]]
            action = "2"
            kind = "done"
            on = 2026-11-12

            """)
        let expected = Self.openOnly(try files.fromText())
        #expect(expected.actions.map(\.id) == ["1"])
        let fromText = try files.store.loadWithoutNotes(openItemsOnly: true, settledAfter: 0)
        let version = try #require(FileSystem.version(of: files.store.path))
        let fromSnapshot = HistorySnapshot.read(files.snapshot, of: version, text: files.store.path, openItemsOnly: true,
                                                now: WallClock.now())
        #expect(fromText == expected)
        #expect(fromSnapshot == expected)
        #expect(try files.store.loadWithoutNotes(settledAfter: 0) == (try files.fromText()))
    }

    @Test("a file counts as settled only once its last change is the given seconds behind the clock")
    func settled() {
        let now = Instant(secondsSinceEpoch: Self.version.changed + 3)
        #expect(Self.version.isSettled(at: now, after: 3))
        #expect(!Self.version.isSettled(at: now, after: 4))
        var touched = Self.version
        touched.modified = Self.version.changed + 1
        #expect(!touched.isSettled(at: now, after: 3))
    }
}
