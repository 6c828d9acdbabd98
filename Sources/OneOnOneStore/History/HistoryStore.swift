public import OneOnOne
import TOML

/// The history file, `<data dir>/history.toml`: every 1:1 held, every action
/// item and what happened to it, as TOML records a person can read and fix
/// by hand.
///
/// ```toml
/// [[met]]
/// member = "alice"
/// on = 2026-11-10
/// note = "Talked about the Q1 roadmap"
/// topics = ["career"]
/// mood = 4
///
/// [[action]]
/// id = "7"
/// member = "alice"
/// text = "Send the promo packet"
/// owner = "me"
/// due = 2026-11-20
/// created = 2026-11-10
///
/// [[touch]]
/// action = "7"
/// kind = "done"
/// on = 2026-11-12
/// note = "sent"
/// ```
///
/// Changes append one whole record under the data directory's lock (see
/// `RecordLog`); a file that does not read cleanly is never written.
public struct HistoryStore: Sendable {
    /// The data directory that holds `history.toml`.
    public let directory: String
    /// Where the history's snapshot is kept (`HistorySnapshot`), if
    /// anywhere: `loadWithoutNotes` reads it, and every change leaves a new
    /// one for the next reader.
    public let snapshot: String?

    /// The history in `directory`; nothing is read or created until used.
    public init(directory: String, snapshot: String? = nil) {
        self.directory = directory
        self.snapshot = snapshot
    }

    var log: RecordLog { RecordLog(directory: directory, name: "history.toml") }

    /// The history file's path.
    public var path: String { log.path }

    /// Reads the whole history.
    ///
    /// A missing file is an empty history; a record torn by a crash is left
    /// out (see `read(validMembers:)` for the warning).
    ///
    /// - Parameter notes: whether to keep the notes of 1:1s and touches
    ///   (the agenda shows them; nothing else needs them, and a large
    ///   history reads faster and in less memory without). They are checked
    ///   either way.
    ///
    /// - Returns: the meetings (oldest first) and the action items with
    ///   their touches.
    /// - Throws: `StoreError` with every problem in the file, each with its
    ///   line and column.
    public func load(notes: Bool = true) throws(StoreError) -> History {
        try read(notes: notes).history
    }

    /// Reads the whole history without notes, from the snapshot (see
    /// `snapshot`) when it was taken of the file as it is now; otherwise
    /// from the file, leaving a new snapshot for the next reader when the
    /// file read cleanly.
    ///
    /// A snapshot that cannot be written (a read-only directory, a full
    /// disk) is only a lost shortcut: the history read is returned anyway.
    ///
    /// - Parameters:
    ///   - openItemsOnly: leave out the items done or dropped, which
    ///     planning, `status` and `export` never look at (from the snapshot
    ///     they are then not even read).
    ///   - settledAfter: how many seconds the file must have been left
    ///     alone for its version alone to vouch for its text.
    public func loadWithoutNotes(openItemsOnly: Bool = false,
                                 settledAfter: Int64 = FileVersion.settleSeconds) throws(StoreError) -> History {
        if let snapshot, let version = FileSystem.version(of: path), version.size > 0,
           let history = HistorySnapshot.read(snapshot, of: version, text: path, openItemsOnly: openItemsOnly,
                                              now: WallClock.now(), settledAfter: settledAfter) {
            return history
        }
        var reading = try self.reading(validMembers: nil, notes: false)
        if snapshot != nil, reading.warnings.isEmpty, let version = reading.version {
            let text = reading.text.withUnsafeBytes { ContentHash.of($0) }
            reading.text = []
            keepSnapshot(of: reading.output, text: text, version: version,
                         settled: version.isSettled(at: WallClock.now(), after: settledAfter))
        }
        guard openItemsOnly else { return reading.output }
        var history = reading.output
        history.actions.removeAll { $0.status != .open }
        return history
    }

    /// Leaves a snapshot of `history`, read from or written to the file at
    /// `version` whose text hashes to `text`, when there is a place for it.
    private func keepSnapshot(of history: History, text: UInt64, version: FileVersion, settled: Bool) {
        guard let snapshot, version.size > 0,
              let bytes = HistorySnapshot.encode(history, of: version, textHash: text, settled: settled)
        else { return }
        try? FileSystem.createDirectories(FileSystem.split(snapshot).directory)
        try? HistorySnapshot.write(bytes, to: snapshot)
    }

    /// Reads the whole history, with what is worth a warning.
    ///
    /// - Parameters:
    ///   - validMembers: the config's member keys; records naming anyone
    ///     else are reported as warnings (and kept). Nil skips that check.
    ///   - notes: whether to keep notes (see `load(notes:)`).
    /// - Returns: the history and the warnings: a torn last record, records
    ///   of members not in the config.
    public func read(validMembers: Set<String>? = nil, notes: Bool = true) throws(StoreError) -> HistoryReading {
        let reading = try self.reading(validMembers: validMembers, notes: notes)
        return HistoryReading(history: reading.output, warnings: reading.warnings)
    }

    /// The file read by the fast reader, or the parser and decoder when it
    /// declines; both keep or drop notes alike.
    private func reading(validMembers: Set<String>?, notes: Bool) throws(StoreError) -> RecordLog.Reading<History> {
        try log.read(HistoryDecoder(members: validMembers, notes: notes).decode,
                     fast: { HistoryScanner.read($0, members: validMembers, notes: notes) })
    }

    /// Records a 1:1 that was held.
    ///
    /// - Returns: the history with it, without notes: read under the lock
    ///   to append, so the caller need not read the file again.
    @discardableResult
    public func recordMeeting(_ meeting: Meeting) throws(StoreError) -> History {
        try Self.check(member: meeting.member)
        if let mood = meeting.mood, !(1...5).contains(mood) {
            throw StoreError(.badRecord("a mood is 1 (low) to 5 (high), not \(mood)"))
        }
        return try append { history in
            var history = history
            var added = meeting
            added.note = nil
            history.add(added)
            return (Self.record(meeting), history, history)
        }
    }

    /// Adds an action item, giving it the next free id.
    ///
    /// Ids are short decimal numbers a person can type ("1", "2" …): one more
    /// than the largest in the file, chosen under the lock so that two
    /// concurrent calls never get the same one.
    ///
    /// - Returns: the item as recorded, with its id.
    public func addAction(member: String, text: String, owner: Owner, due: LocalDate?,
                          created: LocalDate) throws(StoreError) -> ActionItem {
        try Self.check(member: member)
        return try append { history in
            let item = ActionItem(id: Self.nextID(after: history.actions), member: member, text: text, owner: owner,
                                  due: due, created: created)
            var after = history
            after.actions.append(item)
            return (Self.record(item), item, after)
        }
    }

    /// Records what happened to the action item `actionID`.
    ///
    /// - Throws: `StoreError` `.unknownAction`, with the closest id, when no
    ///   item has that id.
    public func touch(actionID: String, kind: Touch.Kind, on date: LocalDate, note: String?) throws(StoreError) {
        let path = self.path
        try append { (history: History) throws(StoreError) in
            guard let i = history.actions.firstIndex(where: { $0.id == actionID }) else {
                let suggestion = Suggestion.closest(to: actionID, in: history.actions.map(\.id))
                throw StoreError(.unknownAction(id: actionID, path: path, suggestion: suggestion))
            }
            var after = history
            after.actions[i].touches.append(Touch(kind: kind, date: date))
            return (Self.record(actionID, Touch(kind: kind, date: date, note: note)), (), after)
        }
    }

    // MARK: - Records

    /// Appends the record `record` makes from the history read under the
    /// lock, which also gives what to return and the history (without
    /// notes) with the record in it: the snapshot left for the next reader.
    private func append<Value>(
        _ record: (History) throws(StoreError) -> (bytes: [UInt8], result: Value, after: History)
    ) throws(StoreError) -> Value {
        var after: History?
        let result = try log.append(HistoryDecoder(members: nil, notes: false).decode,
                                    fast: { HistoryScanner.read($0, members: nil, notes: false) }) {
            (history: History) throws(StoreError) in
            let made = try record(history)
            after = made.after
            return (made.bytes, made.result)
        } written: { read, kept, added, version in
            // Only after the fast reader: the parser also takes forms (a
            // record written as an inline table) that an appended record
            // would break rather than extend.
            guard snapshot != nil, read.readFast, let after, let version else { return }
            // The file was just written: its version alone cannot vouch
            // for its text, so the text's hash goes with the snapshot.
            var text = ContentHash()
            kept.withUnsafeBytes { text.add($0) }
            added.withUnsafeBytes { text.add($0) }
            keepSnapshot(of: after, text: text.value, version: version, settled: false)
        }
        return result
    }

    /// One more than the largest decimal id; ids written by hand in other
    /// forms (`k3f`) do not count.
    static func nextID(after actions: [ActionItem]) -> String {
        String((actions.compactMap { Int($0.id) }.max() ?? 0) + 1)
    }

    static func check(member: String) throws(StoreError) {
        if member.isEmpty { throw StoreError(.badRecord("the member key is empty")) }
    }

    static func record(_ meeting: Meeting) -> [UInt8] {
        RecordLog.record("met", [
            ("member", .string(meeting.member)),
            ("on", .date(meeting.date)),
            ("note", meeting.note.map(TOMLValue.string)),
            ("topics", meeting.topics.isEmpty ? nil : .array(TOMLArray(meeting.topics.map(TOMLValue.string)))),
            ("mood", meeting.mood.map { .integer(Int64($0)) }),
        ])
    }

    static func record(_ item: ActionItem) -> [UInt8] {
        RecordLog.record("action", [
            ("id", .string(item.id)),
            ("member", .string(item.member)),
            ("text", .string(item.text)),
            ("owner", .string(item.owner.rawValue)),
            ("due", item.due.map(TOMLValue.date)),
            ("created", .date(item.created)),
        ])
    }

    static func record(_ actionID: String, _ touch: Touch) -> [UInt8] {
        RecordLog.record("touch", [
            ("action", .string(actionID)),
            ("kind", .string(touch.kind.rawValue)),
            ("on", .date(touch.date)),
            ("note", touch.note.map(TOMLValue.string)),
        ])
    }
}

/// The history as read, with the problems that did not stop the read.
public struct HistoryReading: Sendable {
    /// The records that read cleanly.
    public var history: History
    /// Warnings in file order: a torn last record, records of members not in
    /// the config. Each prints like a compiler diagnostic.
    public var warnings: [Diagnostic]

    /// Pairs a history with its warnings.
    public init(history: History, warnings: [Diagnostic]) {
        self.history = history
        self.warnings = warnings
    }
}
