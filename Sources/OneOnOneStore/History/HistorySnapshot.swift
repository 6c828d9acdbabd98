import OneOnOne

/// A binary copy of the history as last read or written, for commands that
/// need no notes (`plan`, `status`, `export` …): kept in the state
/// directory and used only while the history file holds exactly the text it
/// was taken of.
///
/// The text file stays the one record of what happened; the snapshot only
/// saves reading it again. Ten years of a large team is tens of megabytes
/// of TOML, and reading that is most of a `plan`. The snapshot records the
/// file's version (`FileVersion`) and a hash of its text. A snapshot taken
/// of a file whose last change had settled (`FileVersion.isSettled`) is
/// vouched for by the version alone; one taken right after a change (by
/// `met`, `action …`, or a read within seconds of an edit) is used only
/// once the file's text is hashed again and matches, since a second write
/// within one tick of the file system's clock could keep the version. It is
/// ignored, and replaced on the next read, when anything does not match:
/// the version, the text, the format, a checksum. Deleting it is always
/// safe.
///
/// It has two parts, each with its length and checksum: what planning
/// reads (the 1:1s and the open items) and the items done or dropped,
/// most of a long history's items, which planning never looks at and so
/// never reads.
enum HistorySnapshot {
    /// "1on1hist".
    static let magic: UInt64 = 0x7473_6968_316e_6f31
    /// Raise it whenever the layout, or what reading the text makes of a
    /// record, changes: a snapshot taken by another version is then read
    /// from the text again instead of being trusted.
    static let formatVersion = 3

    /// The header's words: magic, format, the file's version (7 words),
    /// then each part's length and checksum, at these byte offsets.
    static let headerWords = 13
    static let planLengthAt = 72, planSumAt = 80, restLengthAt = 88, restSumAt = 96
    /// Where the planning part starts: its first words are the text's hash
    /// and whether the file had settled.
    static let planStart = headerWords * 8

    /// The header's first words, which say what the snapshot is of.
    static func identity(of version: FileVersion) -> [Int] {
        [Int(bitPattern: UInt(magic)), formatVersion, Int(bitPattern: UInt(version.device)), Int(bitPattern: UInt(version.inode)),
         Int(version.size), Int(version.modified), Int(version.modifiedNanoseconds), Int(version.changed),
         Int(version.changedNanoseconds)]
    }

    // MARK: - Writing

    /// The snapshot of `history` read from the file at `version`, whose
    /// text hashes to `textHash` (`ContentHash`); nil for a history it
    /// cannot hold exactly (notes, snoozes, first-seen days come from
    /// elsewhere or are not kept).
    ///
    /// - Parameter settled: whether the file's last change had settled, so
    ///   that its version alone vouches for its text.
    static func encode(_ history: History, of version: FileVersion, textHash: UInt64, settled: Bool) -> [UInt8]? {
        guard history.snoozes.isEmpty, history.firstSeen.isEmpty else { return nil }
        var out = Writer()
        out.reserve(history.meetingCount * 24 + history.actions.count * 96 + 4096)
        // The parts' lengths and checksums are filled in at the end.
        for word in identity(of: version) + [0, 0, 0, 0] { out.int(word) }
        out.int(Int(bitPattern: UInt(textHash)))
        out.int(settled ? 1 : 0)

        // Every member key named by a 1:1 or an item, once.
        var memberIndex: [String: Int] = [:]
        var memberKeys: [String] = []
        func member(_ key: String) -> Int {
            if let known = memberIndex[key] { return known }
            memberIndex[key] = memberKeys.count
            memberKeys.append(key)
            return memberKeys.count - 1
        }
        let groups = history.meetingsByMember.sorted { $0.key < $1.key }
        for (key, _) in groups { _ = member(key) }
        for item in history.actions { _ = member(item.member) }
        // Topic lists, once each: most 1:1s repeat a few, and many the list
        // of the 1:1 before, which is compared first (no hashing).
        var listIndex: [[String]: Int] = [:]
        var lists: [[String]] = []
        var listOf: [Int] = []
        listOf.reserveCapacity(history.meetingCount)
        var previous: (topics: [String], index: Int)?
        for (_, meetings) in groups {
            meetings.withUnsafeBufferPointer { meetings in
                for m in meetings.indices {
                    let topics = meetings[m].topics
                    if let previous, previous.topics == topics {
                        listOf.append(previous.index)
                        continue
                    }
                    let index = listIndex[topics] ?? lists.count
                    if index == lists.count {
                        listIndex[topics] = index
                        lists.append(topics)
                    }
                    listOf.append(index)
                    previous = (topics, index)
                }
            }
        }

        out.int(memberKeys.count)
        for key in memberKeys { out.string(key) }
        out.int(lists.count)
        for list in lists {
            out.int(list.count)
            for topic in list { out.string(topic) }
        }
        out.int(groups.count)
        var next = 0
        for (key, meetings) in groups {
            out.int(memberIndex[key]!)
            out.int(meetings.count)
            let fits = meetings.withUnsafeBufferPointer { meetings in
                for m in meetings.indices {
                    // One word: the date, the topic list, the mood (+1, 0 for none).
                    let list = listOf[next]
                    next += 1
                    guard meetings[m].note == nil, meetings[m].member == key, list < 1 << 16,
                          (1...5).contains(meetings[m].mood ?? 1)
                    else { return false }
                    out.int(packed(meetings[m].date) << 24 | list << 8 | (meetings[m].mood.map { $0 + 1 } ?? 0))
                }
                return true
            }
            guard fits else { return nil }
        }
        // Items: how many in all, then the open ones in this part and the
        // others in the next, each with its place among all.
        let open = history.actions.indices.filter { history.actions[$0].status == .open }
        let closed = history.actions.indices.filter { history.actions[$0].status != .open }
        out.int(history.actions.count)
        func items(_ positions: [Int]) -> Bool {
            out.int(positions.count)
            for position in positions {
                let item = history.actions[position]
                out.int(position)
                out.string(item.id)
                out.int(memberIndex[item.member]!)
                out.string(item.text)
                out.int(item.owner == .me ? 0 : 1)
                out.int(item.due.map(packed) ?? Int.min)
                out.int(packed(item.created))
                out.int(item.touches.count)
                for touch in item.touches {
                    guard touch.note == nil else { return false }
                    out.int(Touch.Kind.allCases.firstIndex(of: touch.kind)!)
                    out.int(packed(touch.date))
                }
            }
            return true
        }
        guard items(open) else { return nil }
        let closedStart = out.bytes.count
        guard items(closed) else { return nil }

        out.bytes.withUnsafeBytes { bytes in
            let plan = UnsafeRawBufferPointer(rebasing: bytes[planStart..<closedStart])
            let rest = UnsafeRawBufferPointer(rebasing: bytes[closedStart...])
            out.set(planLengthAt, plan.count)
            out.set(planSumAt, Int(bitPattern: UInt(checksum(plan))))
            out.set(restLengthAt, rest.count)
            out.set(restSumAt, Int(bitPattern: UInt(checksum(rest))))
        }
        return out.bytes
    }

    /// Writes the snapshot to `path` in one rename, with no sync: a copy
    /// lost or cut short by a crash fails its checksum and is read again
    /// from the text.
    static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
        try FileSystem.atomicWrite(path: path, bytes: bytes, durable: false)
    }

    // MARK: - Reading

    /// The history in `bytes`, if they are a whole snapshot of the file at
    /// `version`.
    ///
    /// - Parameters:
    ///   - openItemsOnly: leave out the items done or dropped (the part
    ///     that holds them is then neither read nor checked).
    ///   - textMatches: for a snapshot taken before the file settled,
    ///     whether the file's text now hashes to the hash given.
    static func decode(_ bytes: [UInt8], of version: FileVersion, openItemsOnly: Bool = false,
                       textMatches: (UInt64) -> Bool = { _ in false }) -> History? {
        bytes.withUnsafeBytes {
            decode($0, length: bytes.count, of: version, openItemsOnly: openItemsOnly, textMatches: textMatches)
        }
    }

    /// The history in the snapshot file at `path`, if it is a whole
    /// snapshot of the history file at `text` as it is now, at `version`.
    /// Only the parts wanted are read.
    ///
    /// A snapshot whose text had to be hashed again to be trusted is marked
    /// settled once the file has been left alone `settledAfter` seconds at
    /// `now`, so that later reads trust the version alone.
    static func read(_ path: String, of version: FileVersion, text: String, openItemsOnly: Bool,
                     now: Instant, settledAfter: Int64 = FileVersion.settleSeconds) -> History? {
        guard let file = try? FileSystem.OpenFile(path, writable: true),
              let header = try? file.read(from: 0, count: planStart), header.count == planStart
        else { return nil }
        let (plan, rest) = header.withUnsafeBytes {
            ($0.loadUnaligned(fromByteOffset: planLengthAt, as: Int.self), $0.loadUnaligned(fromByteOffset: restLengthAt, as: Int.self))
        }
        guard (0...file.size).contains(plan), (0...file.size).contains(rest),
              let bytes = try? file.read(from: 0, count: planStart + plan + (openItemsOnly ? 0 : rest))
        else { return nil }
        var hashed = false
        let history = bytes.withUnsafeBytes { raw in
            decode(raw, length: file.size, of: version, openItemsOnly: openItemsOnly) { expected in
                hashed = true
                return ContentHash.ofFile(text) == expected
            }
        }
        if history != nil, hashed, file.writable, version.isSettled(at: now, after: settledAfter) {
            try? file.patch(bytes.withUnsafeBytes { markedSettled($0) })
        }
        return history
    }

    /// What marks the snapshot in `bytes` (one that decoded) settled: the
    /// flag, written first, then the checksum of the part that holds it. A
    /// reader in between sees a checksum that does not match, and reads
    /// the text.
    static func markedSettled(_ bytes: UnsafeRawBufferPointer) -> [(offset: Int, bytes: [UInt8])] {
        let flag = planStart + 8
        let planEnd = planStart + bytes.loadUnaligned(fromByteOffset: planLengthAt, as: Int.self)
        let one = withUnsafeBytes(of: 1.littleEndian) { [UInt8]($0) }
        var sum = ContentHash()
        sum.add(UnsafeRawBufferPointer(rebasing: bytes[planStart..<flag]))
        one.withUnsafeBytes { sum.add($0) }
        sum.add(UnsafeRawBufferPointer(rebasing: bytes[(flag + 8)..<planEnd]))
        return [(flag, one), (planSumAt, withUnsafeBytes(of: Int(bitPattern: UInt(sum.value)).littleEndian) { [UInt8]($0) })]
    }

    /// - Parameter length: the whole snapshot's length; `raw` may hold only
    ///   its planning part when the closed items are not wanted.
    static func decode(_ raw: UnsafeRawBufferPointer, length: Int, of version: FileVersion, openItemsOnly: Bool,
                       textMatches: (UInt64) -> Bool) -> History? {
        var input = Reader(raw)
        for word in identity(of: version) { guard input.int() == word else { return nil } }
        guard let planLength = input.int(), let planSum = input.int(), let restLength = input.int(),
              let restSum = input.int(), planLength >= 0, restLength >= 0, planLength <= length, restLength <= length,
              input.offset + planLength + restLength == length,
              raw.count == length || (openItemsOnly && raw.count == input.offset + planLength)
        else { return nil }
        let planEnd = input.offset + planLength
        guard UInt64(UInt(bitPattern: planSum)) == checksum(UnsafeRawBufferPointer(rebasing: raw[input.offset..<planEnd])),
              openItemsOnly || UInt64(UInt(bitPattern: restSum)) == checksum(UnsafeRawBufferPointer(rebasing: raw[planEnd...]))
        else { return nil }
        // What follows reads the planning part alone.
        input = Reader(UnsafeRawBufferPointer(rebasing: raw[..<planEnd]), at: input.offset)

        guard let textHash = input.int(), let settled = input.index(2),
              settled == 1 || textMatches(UInt64(UInt(bitPattern: textHash)))
        else { return nil }
        guard let memberCount = input.count(of: 8) else { return nil }
        var memberKeys: [String] = []
        memberKeys.reserveCapacity(memberCount)
        for _ in 0..<memberCount {
            guard let key = input.string() else { return nil }
            memberKeys.append(key)
        }
        guard let listCount = input.count(of: 8) else { return nil }
        var lists: [[String]] = []
        for _ in 0..<listCount {
            guard let n = input.count(of: 8) else { return nil }
            var list: [String] = []
            for _ in 0..<n {
                guard let topic = input.string() else { return nil }
                list.append(topic)
            }
            lists.append(list)
        }
        // Where each member's 1:1s and each part's items lie.
        guard let groupCount = input.count(of: 16) else { return nil }
        var groups: [(member: Int, count: Int, offset: Int)] = []
        groups.reserveCapacity(groupCount)
        var meetingCount = 0
        for _ in 0..<groupCount {
            guard let m = input.index(memberKeys.count), let n = input.count(of: 8) else { return nil }
            groups.append((m, n, input.offset))
            meetingCount += n
            input.offset += n * 8
        }
        guard let actionCount = input.index(Int.max), var openReader = Optional(input),
              let openCount = openReader.count(of: Reader.itemSize), openCount <= actionCount
        else { return nil }
        var closedReader = Reader(raw, at: planEnd)
        var closedCount = 0
        if !openItemsOnly {
            guard let n = closedReader.count(of: Reader.itemSize), openCount + n == actionCount else { return nil }
            closedCount = n
        }

        // Two pieces read side by side: the first members' 1:1s (after the
        // closed items, when wanted), and the others' with the open items.
        // An item (its text, its touches) costs about as much to read as
        // five 1:1s.
        let closedWork = openItemsOnly ? 0 : 5 * closedCount
        let half = (meetingCount + 5 * openCount + closedWork) / 2
        var split = 0, firstShare = closedWork
        while split < groups.count, firstShare < half {
            firstShare += groups[split].count
            split += 1
        }
        let pieces = [groups[..<split], groups[split...]]
        let read = ParallelRun.map(pieces.indices.map { $0 }) { k -> Piece? in
            var piece = Piece()
            if k == 0 && !openItemsOnly {
                guard let closed = closedReader.actions(closedCount, open: false, memberKeys: memberKeys),
                      closedReader.offset == raw.count
                else { return nil }
                piece.actions = closed
            }
            piece.groups.reserveCapacity(pieces[k].count)
            for group in pieces[k] {
                var reader = Reader(raw, at: group.offset)
                guard let meetings = reader.meetings(group.count, of: memberKeys[group.member], lists: lists)
                else { return nil }
                piece.groups.append((memberKeys[group.member], meetings))
            }
            if k == pieces.count - 1 {
                guard let open = openReader.actions(openCount, open: true, memberKeys: memberKeys),
                      openReader.offset == planEnd
                else { return nil }
                piece.actions = open
            }
            return piece
        }
        guard let first = read[0], let last = read[read.count - 1] else { return nil }
        var byMember: [String: [Meeting]] = [:]
        byMember.reserveCapacity(groupCount)
        for (key, meetings) in first.groups + last.groups {
            guard byMember.updateValue(meetings, forKey: key) == nil else { return nil }
        }
        let actions = openItemsOnly
            ? (rising(last.actions, below: actionCount) ? last.actions.map(\.item) : nil)
            : merged(last.actions, first.actions, count: actionCount)
        guard let actions else { return nil }
        return History(meetingsByMember: byMember, actions: actions)
    }

    /// What one piece of the snapshot read.
    struct Piece {
        var groups: [(String, [Meeting])] = []
        var actions: [(position: Int, item: ActionItem)] = []
    }

    /// The open and the closed items back in one list, each at its place;
    /// nil unless the places are exactly 0 ..< count.
    static func merged(_ open: [(position: Int, item: ActionItem)], _ closed: [(position: Int, item: ActionItem)],
                       count: Int) -> [ActionItem]? {
        var result: [ActionItem] = []
        result.reserveCapacity(count)
        var i = 0, j = 0
        while i < open.count || j < closed.count {
            let takeOpen = j == closed.count || (i < open.count && open[i].position < closed[j].position)
            let next = takeOpen ? open[i] : closed[j]
            guard next.position == result.count else { return nil }
            result.append(next.item)
            if takeOpen { i += 1 } else { j += 1 }
        }
        return result.count == count ? result : nil
    }

    /// Whether the items' places rise, all below `count`.
    static func rising(_ items: [(position: Int, item: ActionItem)], below count: Int) -> Bool {
        items.indices.allSatisfy { items[$0].position < count && ($0 == 0 || items[$0 - 1].position < items[$0].position) }
    }

    // MARK: - Parts

    static func packed(_ date: LocalDate) -> Int { date.year << 9 | date.month << 5 | date.day }

    /// The date `packed` wrote, if it is one the text could hold (a
    /// four-digit year).
    static func unpacked(_ value: Int) -> LocalDate? {
        guard (0...9999).contains(value >> 9) else { return nil }
        return LocalDate(year: value >> 9, month: (value >> 5) & 15, day: value & 31)
    }

    /// The checksum of a part: catches a copy cut short or damaged on disk.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 { ContentHash.of(bytes) }

    /// Little-endian words and length-prefixed UTF-8 strings.
    struct Writer {
        var bytes: [UInt8] = []

        mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

        mutating func int(_ value: Int) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                int(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func set(_ offset: Int, _ value: Int) {
            withUnsafeBytes(of: value.littleEndian) { word in
                for k in 0..<8 { bytes[offset + k] = word[k] }
            }
        }
    }

    /// Reads what `Writer` wrote; nil on anything out of bounds.
    struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset = 0

        init(_ raw: UnsafeRawBufferPointer, at offset: Int = 0) {
            self.raw = raw
            self.offset = offset
        }

        /// The fewest bytes an item takes: eight words.
        static let itemSize = 64

        mutating func int() -> Int? {
            guard raw.count - offset >= 8 else { return nil }
            defer { offset += 8 }
            return Int(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int.self))
        }

        /// A count of things that take at least `size` bytes each: no more
        /// than the bytes left can hold (a damaged or forged count is
        /// refused before anything is made room for).
        mutating func count(of size: Int = 1) -> Int? {
            guard let n = int(), n >= 0, n <= (raw.count - offset) / size else { return nil }
            return n
        }

        /// An index below `limit`.
        mutating func index(_ limit: Int) -> Int? {
            guard let n = int(), n >= 0, n < limit else { return nil }
            return n
        }

        mutating func date() -> LocalDate? { int().flatMap(HistorySnapshot.unpacked) }

        /// `n` 1:1s of `member`, one word each: the date, the topic list,
        /// the mood (+1, 0 for none).
        mutating func meetings(_ n: Int, of member: String, lists: [[String]]) -> [Meeting]? {
            var valid = true
            let meetings = [Meeting](unsafeUninitializedCapacity: n) { buffer, count in
                while count < n {
                    // Only what the text could say: a mood of 1 to 5 or none.
                    guard let word = int(), let date = HistorySnapshot.unpacked(word >> 24),
                          (word >> 8) & 0xFFFF < lists.count, word & 0xFF == 0 || (2...6).contains(word & 0xFF)
                    else {
                        valid = false
                        return
                    }
                    let mood = word & 0xFF
                    (buffer.baseAddress! + count).initialize(
                        to: Meeting(member: member, date: date, topics: lists[(word >> 8) & 0xFFFF], mood: mood == 0 ? nil : mood - 1))
                    count += 1
                }
            }
            return valid ? meetings : nil
        }

        /// `n` action items with their touches, each after its place among
        /// all items; nil unless each is `open` or not as said.
        mutating func actions(_ n: Int, open: Bool, memberKeys: [String]) -> [(position: Int, item: ActionItem)]? {
            var actions: [(position: Int, item: ActionItem)] = []
            actions.reserveCapacity(n)
            let kinds = Array(Touch.Kind.allCases)
            for _ in 0..<n {
                guard let position = index(Int.max), let id = string(), let m = index(memberKeys.count), let text = string(),
                      let owner = index(2), let due = int(), let created = date(), let touchCount = count(of: 16)
                else { return nil }
                var item = ActionItem(id: id, member: memberKeys[m], text: text, owner: owner == 0 ? .me : .them,
                                      due: nil, created: created)
                if due != Int.min {
                    guard let date = HistorySnapshot.unpacked(due) else { return nil }
                    item.due = date
                }
                if touchCount > 0 { item.touches.reserveCapacity(touchCount) }
                for _ in 0..<touchCount {
                    guard let kind = index(kinds.count), let date = date() else { return nil }
                    item.touches.append(Touch(kind: kinds[kind], date: date))
                }
                guard (item.status == .open) == open else { return nil }
                actions.append((position, item))
            }
            return actions
        }

        mutating func string() -> String? {
            guard let n = count() else { return nil }
            defer { offset += n }
            // The checksum vouches for the bytes; invalid UTF-8 could only
            // come from a forged file, and is repaired, never trusted.
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]).assumingMemoryBound(to: UInt8.self),
                          as: UTF8.self)
        }
    }
}
