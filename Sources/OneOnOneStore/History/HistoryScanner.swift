import OneOnOne
import TOML

/// The fast way through `history.toml`: reads the records exactly as the
/// store writes them straight into a `History`, with no TOML tree between.
///
/// A history of ten years of a large team is tens of megabytes, and every
/// `status`, `plan` and daemon re-plan reads all of it. The full TOML parser
/// and `HistoryDecoder` build a value tree first, which costs many times
/// the file's size in memory and most of the time. This scanner accepts
/// the plain subset the writer produces — `[[met]]`, `[[action]]` and
/// `[[touch]]` headers, `key = value` lines with one-line basic or literal
/// strings, dates, moods, one-line string arrays, comments and blank lines —
/// and checks everything `HistoryDecoder` checks.
///
/// It never reports a problem itself: on anything outside that subset, or
/// anything wrong, it returns nil and the caller takes the full path, which
/// is the one authority on what a file means and on every diagnostic. So
/// for any file, a non-nil result equals what the full path returns for a
/// file that reads with no errors and no warnings.
enum HistoryScanner {
    /// The history in `bytes`, or nil when the full path must decide.
    ///
    /// - Parameters:
    ///   - members: the config's member keys; a record naming anyone else is
    ///     a warning, so the full path takes such a file. Nil skips it.
    ///   - notes: whether to keep the notes of 1:1s and touches. Only the
    ///     agenda shows them; without them a large history reads faster and
    ///     in less memory. They are checked either way.
    ///   - parallelAbove: the size from which the file is read in two
    ///     halves on two threads.
    static func read(_ bytes: [UInt8], members: Set<String>?, notes: Bool = true,
                     parallelAbove: Int = parallelThreshold) -> History? {
        bytes.withUnsafeBufferPointer { buffer -> History? in
            guard buffer.isEmpty || buffer[buffer.count - 1] == UInt8(ascii: "\n") else { return nil }
            // A large file is read in two halves side by side, split where a
            // record starts. If the split is not really a record's start (a
            // `[[` opening a line inside a multi-line value), the first half
            // fails on that value, which this reader never accepts.
            let split = buffer.count >= parallelAbove ? recordStart(near: buffer.count / 2, in: buffer) : nil
            var parts: [Part?]
            if let split {
                let halves = [UnsafeBufferPointer(rebasing: buffer[..<split]),
                              UnsafeBufferPointer(rebasing: buffer[split...])]
                parts = ParallelRun.map(halves) { half in
                    var scanner = Scanner(half, keepNotes: notes)
                    return scanner.scan(mayStartWithBOM: half.baseAddress == buffer.baseAddress)
                }
            } else {
                var scanner = Scanner(buffer, keepNotes: notes)
                parts = [scanner.scan(mayStartWithBOM: true)]
            }
            // Taken out of the list, so that each group has one owner and
            // grows in place, and each half is freed once merged.
            guard var whole = parts[0].take() else { return nil }
            for k in parts.indices.dropFirst() {
                guard let part = parts[k].take() else { return nil }
                whole.append(part)
            }
            return whole.history(members: members)
        }
    }

    /// Files from this size on are read by two threads.
    static let parallelThreshold = 4 << 20

    /// The first `[[` that opens a line at or after `middle`, if any.
    static func recordStart(near middle: Int, in p: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = middle
        while k + 2 < p.count {
            if p[k] == UInt8(ascii: "\n"), p[k + 1] == UInt8(ascii: "["), p[k + 2] == UInt8(ascii: "[") { return k + 1 }
            k += 1
        }
        return nil
    }

    /// What one stretch of the file holds, in file order.
    private struct Part {
        var memberKeys: [String] = []
        var groups: [[Meeting]] = []
        var actions: [ActionItem] = []
        var touches: [PendingTouch] = []

        /// Adds the stretch that follows this one.
        mutating func append(_ next: Part) {
            var slots = Dictionary(uniqueKeysWithValues: memberKeys.enumerated().map { ($1, $0) })
            for (key, group) in zip(next.memberKeys, next.groups) {
                if let slot = slots[key] {
                    groups[slot].reserveCapacity(groups[slot].count + group.count)
                    groups[slot].append(contentsOf: group)
                } else {
                    slots[key] = memberKeys.count
                    memberKeys.append(key)
                    groups.append(group)
                }
            }
            actions.append(contentsOf: next.actions)
            touches.append(contentsOf: next.touches)
        }

        /// The history, or nil when something is for the full path to judge.
        consuming func history(members: Set<String>?) -> History? {
            if let members {
                for key in memberKeys where !members.contains(key) { return nil }
                for item in actions where !members.contains(item.member) { return nil }
            }
            var slots: [String: Int] = [:]
            slots.reserveCapacity(actions.count)
            for (slot, item) in actions.enumerated() {
                guard slots.updateValue(slot, forKey: item.id) == nil else { return nil }
            }
            for pending in touches {
                guard let slot = slots[pending.action] else { return nil }
                actions[slot].touches.append(pending.touch)
            }
            var byMember: [String: [Meeting]] = [:]
            byMember.reserveCapacity(memberKeys.count)
            for (slot, key) in memberKeys.enumerated() {
                var group: [Meeting] = []
                swap(&group, &groups[slot])
                byMember[key] = group
            }
            // History sorts a group written out of date order.
            return History(meetingsByMember: byMember, actions: actions)
        }
    }

    private enum Kind { case met, action, touch }

    /// A `[[touch]]` waiting for every action to be known.
    private struct PendingTouch {
        var action: String
        var touch: Touch
    }

    private struct Scanner {
        let p: UnsafeBufferPointer<UInt8>
        let keepNotes: Bool
        var i = 0
        /// Reads string values with the parser's rules.
        var stringReader: TOMLStringReader
        /// Topic lists by the bytes of their line: most 1:1s repeat a few
        /// lists, which then share one array.
        var topicLists = ByteTable()
        var topicListValues: [[String]] = []
        /// Members by the bytes of their key as written: each key becomes a
        /// String once, and its 1:1s go straight into its group.
        var memberSlots = ByteTable()
        var memberKeys: [String] = []
        var slotOfKey: [String: Int] = [:]
        var groups: [[Meeting]] = []

        init(_ p: UnsafeBufferPointer<UInt8>, keepNotes: Bool) {
            self.p = p
            self.keepNotes = keepNotes
            stringReader = TOMLStringReader(p)
        }

        // Bit per key, to refuse a key given twice in one record.
        static let member = 1, on = 2, note = 4, topics = 8, mood = 16
        static let id = 32, text = 64, owner = 128, due = 256, created = 512
        static let action = 1024, kind = 2048

        /// Reads every record of the buffer, or nil on anything the full
        /// path must judge.
        mutating func scan(mayStartWithBOM: Bool) -> Part? {
            // A byte-order mark is allowed before the first record.
            if mayStartWithBOM, p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
            var actions: [ActionItem] = []
            var touches: [PendingTouch] = []
            while true {
                guard skipBlankAndCommentLines() else { return nil }
                if i >= p.count { break }
                guard let kind = header() else { return nil }
                switch kind {
                case .met:
                    guard meeting() else { return nil }
                case .action:
                    guard let item = action() else { return nil }
                    actions.append(item)
                case .touch:
                    guard let touch = touch() else { return nil }
                    touches.append(touch)
                }
            }
            return Part(memberKeys: memberKeys, groups: groups, actions: actions, touches: touches)
        }

        // MARK: - Records

        /// Reads a `[[met]]` record into its member's group.
        mutating func meeting() -> Bool {
            var seen = 0
            var member: Int?, date: LocalDate?, note: String?, topics: [String] = [], mood: Int?
            while let key = keyLine(&seen) {
                switch key {
                case Self.member: member = memberSlot()
                case Self.on: date = self.date()
                case Self.note:
                    guard let value = self.note(), value.valid else { return false }
                    note = value.text
                case Self.topics:
                    guard let list = topicList() else { return false }
                    topics = list
                case Self.mood: mood = self.mood()
                default: return false
                }
                guard endOfLine() else { return false }
            }
            guard seen & Self.mood == 0 || mood != nil, let member, let date else { return false }
            groups[member].append(Meeting(member: memberKeys[member], date: date, note: note, topics: topics, mood: mood))
            return true
        }

        mutating func action() -> ActionItem? {
            var seen = 0
            var id: String?, member: String?, text: String?, owner = Owner.me, due: LocalDate?, created: LocalDate?
            while let key = keyLine(&seen) {
                switch key {
                case Self.id: id = name()
                case Self.member: member = name()
                case Self.text: text = string()
                case Self.owner:
                    guard let value = string().flatMap(Owner.init(rawValue:)) else { return nil }
                    owner = value
                case Self.due:
                    guard let value = date() else { return nil }
                    due = value
                case Self.created: created = date()
                default: return nil
                }
                guard endOfLine() else { return nil }
            }
            guard let id, let member, let text, let created else { return nil }
            return ActionItem(id: id, member: member, text: text, owner: owner, due: due, created: created)
        }

        mutating func touch() -> PendingTouch? {
            var seen = 0
            var action: String?, kind: Touch.Kind?, date: LocalDate?, note: String?
            while let key = keyLine(&seen) {
                switch key {
                case Self.action: action = name()
                case Self.kind: kind = string().flatMap(Touch.Kind.init(rawValue:))
                case Self.on: date = self.date()
                case Self.note:
                    guard let value = self.note(), value.valid else { return nil }
                    note = value.text
                default: return nil
                }
                guard endOfLine() else { return nil }
            }
            guard let action, let kind, let date else { return nil }
            return PendingTouch(action: action, touch: Touch(kind: kind, date: date, note: note))
        }

        // MARK: - Lines

        /// Skips blank lines and comment lines; false on a byte the full
        /// parser would refuse.
        mutating func skipBlankAndCommentLines() -> Bool {
            while i < p.count {
                let start = i
                skipSpaces()
                guard i < p.count else { return true }
                switch p[i] {
                case UInt8(ascii: "\n"): i += 1
                case UInt8(ascii: "\r"):
                    guard i + 1 < p.count, p[i + 1] == UInt8(ascii: "\n") else { return false }
                    i += 2
                case UInt8(ascii: "#"):
                    guard endOfLine() else { return false }
                default:
                    i = start
                    return true
                }
            }
            return true
        }

        /// A `[[met]]`, `[[action]]` or `[[touch]]` line.
        mutating func header() -> Kind? {
            skipSpaces()
            let kind: Kind
            if matches("[[met]]") {
                kind = .met
            } else if matches("[[action]]") {
                kind = .action
            } else if matches("[[touch]]") {
                kind = .touch
            } else {
                return nil
            }
            return endOfLine() ? kind : nil
        }

        /// The next `key =` of the record (blank and comment lines between
        /// keys belong to it, as in TOML), as its bit, with the cursor on the
        /// value; nil at the record's end (the next header, the end of the
        /// file, anything else for the caller to judge). A repeated or
        /// unknown key returns 0, which no record accepts.
        mutating func keyLine(_ seen: inout Int) -> Int? {
            guard skipBlankAndCommentLines(), i < p.count else { return nil }
            let start = i
            skipSpaces()
            let keyStart = i
            while i < p.count, Self.isBareKeyByte(p[i]) { i += 1 }
            guard i > keyStart else {
                i = start
                return nil
            }
            let bit = Self.keyBit(p, keyStart, i)
            skipSpaces()
            guard bit != 0, seen & bit == 0, i < p.count, p[i] == UInt8(ascii: "=") else { return 0 }
            i += 1
            skipSpaces()
            seen |= bit
            return bit
        }

        /// Spaces, an optional comment, and the line's end.
        mutating func endOfLine() -> Bool {
            skipSpaces()
            guard i < p.count else { return false }
            if p[i] == UInt8(ascii: "#") {
                i += 1
                let start = i
                var ascii = true
                while i < p.count, p[i] != UInt8(ascii: "\n") {
                    let b = p[i]
                    if b == UInt8(ascii: "\r") { break }
                    if (b < 0x20 && b != UInt8(ascii: "\t")) || b == 0x7F { return false }
                    if b >= 0x80 { ascii = false }
                    i += 1
                }
                if !ascii && String(validating: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self) == nil {
                    return false
                }
            }
            guard i < p.count else { return false }
            if p[i] == UInt8(ascii: "\n") {
                i += 1
                return true
            }
            if p[i] == UInt8(ascii: "\r"), i + 1 < p.count, p[i + 1] == UInt8(ascii: "\n") {
                i += 2
                return true
            }
            return false
        }

        mutating func skipSpaces() {
            while i < p.count, p[i] == UInt8(ascii: " ") || p[i] == UInt8(ascii: "\t") { i += 1 }
        }

        mutating func matches(_ text: StaticString) -> Bool {
            let n = text.utf8CodeUnitCount
            guard i + n <= p.count else { return false }
            let base = text.utf8Start
            for k in 0..<n where p[i + k] != base[k] { return false }
            i += n
            return true
        }

        static func isBareKeyByte(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"): return true
            default: return false
            }
        }

        static func keyBit(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
            func equals(_ name: StaticString) -> Bool {
                guard end - start == name.utf8CodeUnitCount else { return false }
                let base = name.utf8Start
                for k in 0..<(end - start) where p[start + k] != base[k] { return false }
                return true
            }
            switch end - start {
            case 2: return equals("on") ? on : equals("id") ? id : 0
            case 3: return equals("due") ? due : 0
            case 4: return equals("note") ? note : equals("mood") ? mood : equals("text") ? text : equals("kind") ? kind : 0
            case 5: return equals("owner") ? owner : 0
            case 6: return equals("member") ? member : equals("topics") ? topics : equals("action") ? action : 0
            case 7: return equals("created") ? created : 0
            default: return 0
            }
        }

        // MARK: - Values

        /// A string that names something, and so is not empty.
        mutating func name() -> String? {
            guard let s = string(), !s.isEmpty else { return nil }
            return s
        }

        /// A note: its text when notes are kept; checked either way.
        mutating func note() -> (valid: Bool, text: String?)? {
            if keepNotes {
                guard let text = string() else { return nil }
                return (true, text)
            }
            return (string(keep: false) != nil, nil)
        }

        /// A topic list, shared with earlier 1:1s that wrote the same one.
        mutating func topicList() -> [String]? {
            // Keyed by the rest of the line, which a list read before filled
            // exactly (up to trailing spaces).
            var end = i
            while end < p.count, p[end] != UInt8(ascii: "\n"), p[end] != UInt8(ascii: "\r") { end += 1 }
            if let known = topicLists.value(p, i..<end) {
                i = end
                return topicListValues[known]
            }
            let start = i
            guard let list = strings() else { return nil }
            var rest = i
            while rest < end, p[rest] == UInt8(ascii: " ") || p[rest] == UInt8(ascii: "\t") { rest += 1 }
            if rest == end, topicListValues.count < 1024 {
                topicLists.insert(p, start..<end, value: topicListValues.count)
                topicListValues.append(list)
            }
            return list
        }

        /// The slot of the member key at the cursor (its group and its
        /// String), adding it on first sight.
        mutating func memberSlot() -> Int? {
            // A key in plain quotes is its own bytes: look it up as written.
            // Anything else (escapes, literal quotes, non-ASCII) is read as a
            // string first and then looked up.
            let start = i
            var end = i + 1
            if start < p.count, p[start] == UInt8(ascii: "\"") {
                while end < p.count, p[end] >= 0x20, p[end] < 0x7F, p[end] != UInt8(ascii: "\""),
                      p[end] != UInt8(ascii: "\\") { end += 1 }
                if end < p.count, p[end] == UInt8(ascii: "\""), end > start + 1 {
                    if let slot = memberSlots.value(p, (start + 1)..<end) {
                        i = end + 1
                        return slot
                    }
                }
            }
            guard let key = name() else { return nil }
            if let slot = slotOfKey[key] { return slot }
            if end == i - 1 { memberSlots.insert(p, (start + 1)..<end, value: memberKeys.count) }
            slotOfKey[key] = memberKeys.count
            memberKeys.append(key)
            groups.append([])
            return memberKeys.count - 1
        }

        /// A one-line basic (`"…"`) or literal (`'…'`) string, read by the
        /// TOML parser's own code; with `keep` false only checked (an empty
        /// string then stands for a valid one).
        mutating func string(keep: Bool = true) -> String? {
            guard let (text, end) = stringReader.string(at: i, keep: keep) else { return nil }
            i = end
            return text
        }

        /// `["a", 'b']` on one line.
        mutating func strings() -> [String]? {
            guard i < p.count, p[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            var result: [String] = []
            skipSpaces()
            while i < p.count, p[i] != UInt8(ascii: "]") {
                guard let s = string() else { return nil }
                result.append(s)
                skipSpaces()
                guard i < p.count else { return nil }
                if p[i] == UInt8(ascii: ",") {
                    i += 1
                    skipSpaces()
                } else if p[i] != UInt8(ascii: "]") {
                    return nil
                }
            }
            guard i < p.count else { return nil }
            i += 1
            return result
        }

        /// `2026-11-10`, a day that exists.
        mutating func date() -> LocalDate? {
            guard i + 10 <= p.count, p[i + 4] == UInt8(ascii: "-"), p[i + 7] == UInt8(ascii: "-"),
                  let year = number(i, 4), let month = number(i + 5, 2), let day = number(i + 8, 2)
            else { return nil }
            i += 10
            // A date-time (`T` or a space and a time) is not a date.
            if i < p.count, p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: "t") { return nil }
            if i + 1 < p.count, p[i] == UInt8(ascii: " "), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p[i + 1]) {
                return nil
            }
            return LocalDate(year: year, month: month, day: day)
        }

        func number(_ at: Int, _ digits: Int) -> Int? {
            var value = 0
            for k in at..<(at + digits) {
                let b = p[k]
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
            }
            return value
        }

        /// A mood: one digit, 1 to 5.
        mutating func mood() -> Int? {
            guard i < p.count, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(p[i]) else { return nil }
            let value = Int(p[i] - UInt8(ascii: "0"))
            i += 1
            if i < p.count, Self.isBareKeyByte(p[i]) || p[i] == UInt8(ascii: ".") { return nil }
            return value
        }
    }
}

/// A small open-addressing hash table from byte ranges of one buffer to
/// integers, for interning what a history repeats on every record (member
/// keys, topic lists) without making a String to look each one up.
struct ByteTable {
    private var keys: [Range<Int>] = []
    private var values: [Int] = []
    private var buckets = [Int32](repeating: -1, count: 64)

    /// The value stored for the bytes `p[range]`, if any.
    func value(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let mask = buckets.count - 1
        var b = Self.hash(p, range) & mask
        while true {
            let entry = Int(buckets[b])
            if entry < 0 { return nil }
            let known = keys[entry]
            if known.count == range.count, Self.equal(p, known, range) { return values[entry] }
            b = (b + 1) & mask
        }
    }

    /// Stores `value` for the bytes `p[range]` (which stay valid as long as
    /// the table is used), unless they already have one.
    mutating func insert(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, value: Int) {
        guard self.value(p, range) == nil else { return }
        if (keys.count + 1) * 2 > buckets.count { grow(p) }
        keys.append(range)
        values.append(value)
        place(p, keys.count - 1)
    }

    private mutating func grow(_ p: UnsafeBufferPointer<UInt8>) {
        buckets = [Int32](repeating: -1, count: buckets.count * 2)
        for entry in keys.indices { place(p, entry) }
    }

    private mutating func place(_ p: UnsafeBufferPointer<UInt8>, _ entry: Int) {
        let mask = buckets.count - 1
        var b = Self.hash(p, keys[entry]) & mask
        while buckets[b] >= 0 { b = (b + 1) & mask }
        buckets[b] = Int32(entry)
    }

    /// FNV-1a.
    private static func hash(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in range { h = (h ^ UInt64(p[k])) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    private static func equal(_ p: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        var x = a.lowerBound, y = b.lowerBound
        while x < a.upperBound {
            if p[x] != p[y] { return false }
            x += 1
            y += 1
        }
        return true
    }
}
