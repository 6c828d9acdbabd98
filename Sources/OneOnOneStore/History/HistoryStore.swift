package import OneOnOne
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
package struct HistoryStore: Sendable {
    /// The data directory that holds `history.toml`.
    package let directory: String

    /// The history in `directory`; nothing is read or created until used.
    package init(directory: String) {
        self.directory = directory
    }

    var log: RecordLog { RecordLog(directory: directory, name: "history.toml", appended: HistoryDecoder.schemas) }

    /// The history file's path.
    package var path: String { log.path }

    /// Reads the whole history.
    ///
    /// A missing file is an empty history; a record torn by a crash is left
    /// out (see `read(validMembers:)` for the warning).
    ///
    /// - Returns: the meetings (oldest first) and the action items with
    ///   their touches.
    /// - Throws: `StoreError` with every problem in the file, each with its
    ///   line and column.
    package func load() throws(StoreError) -> History {
        try read().history
    }

    /// Reads the whole history, with what is worth a warning.
    ///
    /// - Parameter validMembers: the config's member keys; records naming
    ///   anyone else are reported as warnings (and kept). Nil skips that
    ///   check.
    /// - Returns: the history and the warnings: a torn last record, records
    ///   of members not in the config.
    package func read(validMembers: Set<String>? = nil) throws(StoreError) -> HistoryReading {
        let reading = try log.read(HistoryDecoder(members: validMembers).decode)
        return HistoryReading(history: reading.output, warnings: reading.warnings)
    }

    /// Records a 1:1 that was held.
    ///
    /// - Returns: the history with it: read under the lock to append, so
    ///   the caller need not read the file again.
    @discardableResult
    package func recordMeeting(_ meeting: Meeting) throws(StoreError) -> History {
        try Self.check(member: meeting.member)
        try Self.check(text: meeting.note, "a note")
        if let mood = meeting.mood, !Meeting.moods.contains(mood) {
            throw StoreError(.badRecord("a mood is 1 (low) to 5 (high), not \(mood)"))
        }
        return try log.append(HistoryDecoder().decode) { history in
            var after = history
            after.add(meeting)
            return (Self.record(meeting), after)
        }
    }

    /// Records 1:1s read from a calendar, in one append, leaving out any the
    /// history (read again under the lock) already holds: the same event
    /// occurrence (UID and start), or a 1:1 with that member that day.
    ///
    /// - Returns: the 1:1s recorded.
    package func importMeetings(_ meetings: [Meeting]) throws(StoreError) -> [Meeting] {
        try log.append(HistoryDecoder().decode) { (history: History) throws(StoreError) in
            var added: [Meeting] = []
            var bytes: [UInt8] = []
            for meeting in meetings where !history.holds(meeting) && !added.contains(where: { $0.member == meeting.member && $0.date == meeting.date }) {
                added.append(meeting)
                bytes += Self.record(meeting)
            }
            return (bytes, added)
        }
    }

    /// Takes back the 1:1 recorded last with `member` on `date`, by
    /// appending an `[[unmet]]` record.
    ///
    /// - Throws: `StoreError` `.badRecord` when no 1:1 is recorded then.
    package func undoMeeting(member: String, on date: LocalDate) throws(StoreError) {
        try log.append(HistoryDecoder().decode) { (history: History) throws(StoreError) in
            guard history.meetings(with: member).contains(where: { $0.date == date }) else {
                throw StoreError(.badRecord("no 1:1 with '\(member)' is recorded on \(date): nothing to take back"))
            }
            return (RecordSchema.unmet.render(["member": .string(member), "on": .date(date)]), ())
        }
    }

    /// Adds an action item, giving it the next free id.
    ///
    /// Ids are short decimal numbers a person can type ("1", "2" …): one more
    /// than the largest in the file, chosen under the lock so that two
    /// concurrent calls never get the same one.
    ///
    /// - Returns: the item as recorded, with its id.
    package func addAction(member: String, text: String, owner: Owner, due: LocalDate?,
                          created: LocalDate) throws(StoreError) -> ActionItem {
        try Self.check(member: member)
        try Self.check(text: text, "an action item's text")
        return try log.append(HistoryDecoder().decode) { history in
            let item = ActionItem(id: Self.nextID(after: history.actions), member: member, text: text, owner: owner,
                                  due: due, created: created)
            return (Self.record(item), item)
        }
    }

    /// Records what happened to the action item `actionID`.
    ///
    /// - Throws: `StoreError` `.unknownAction`, with the closest id, when no
    ///   item has that id.
    package func touch(actionID: String, _ touch: Touch) throws(StoreError) {
        try Self.check(text: touch.note, "a note")
        try Self.check(text: touch.text, "the text")
        let path = self.path
        try log.append(HistoryDecoder().decode) { (history: History) throws(StoreError) in
            guard history.action(actionID) != nil else {
                let suggestion = Suggestion.closest(to: actionID, in: history.actions.map(\.id))
                throw StoreError(.unknownAction(id: actionID, path: path, suggestion: suggestion))
            }
            return (Self.record(actionID, touch), ())
        }
    }

    // MARK: - Records

    /// One more than the largest decimal id; ids written by hand in other
    /// forms (`k3f`) do not count.
    static func nextID(after actions: [ActionItem]) -> String {
        String((actions.compactMap { Int($0.id) }.max() ?? 0) + 1)
    }

    static func check(member: String) throws(StoreError) {
        if member.isEmpty { throw StoreError(.badRecord("the member key is empty")) }
    }

    /// Text the history could not read back is not written.
    static func check(text: String?, _ what: String) throws(StoreError) {
        if let problem = text?.controlProblem(lineBreaks: true) {
            throw StoreError(.badRecord("\(what) cannot be shown: \(problem) (only tabs and line breaks are kept)"))
        }
    }

    static func record(_ meeting: Meeting) -> [UInt8] {
        var values: [String: TOMLValue] = ["member": .string(meeting.member), "on": .date(meeting.date)]
        if let note = meeting.note { values["note"] = .string(note) }
        if !meeting.topics.isEmpty { values["topics"] = .array(TOMLArray(meeting.topics.map(TOMLValue.string))) }
        if let mood = meeting.mood { values["mood"] = .integer(Int64(mood)) }
        if let source = meeting.source { values["source"] = .string(source) }
        if let uid = meeting.uid { values["uid"] = .string(uid) }
        if let start = meeting.start { values["start"] = .instant(start) }
        return RecordSchema.met.render(values)
    }

    static func record(_ item: ActionItem) -> [UInt8] {
        var values: [String: TOMLValue] = [
            "id": .string(item.id), "member": .string(item.member), "text": .string(item.text),
            "owner": .string(item.owner.rawValue), "created": .date(item.created),
        ]
        if let due = item.due { values["due"] = .date(due) }
        return RecordSchema.action.render(values)
    }

    static func record(_ actionID: String, _ touch: Touch) -> [UInt8] {
        var values: [String: TOMLValue] = [
            "action": .string(actionID), "kind": .string(touch.kind.rawValue), "on": .date(touch.date),
        ]
        if let note = touch.note { values["note"] = .string(note) }
        if let text = touch.text { values["text"] = .string(text) }
        if let due = touch.due { values["due"] = .date(due) }
        if let owner = touch.owner { values["owner"] = .string(owner.rawValue) }
        if touch.clearsDue { values["clear"] = .string("due") }
        return RecordSchema.touch.render(values)
    }
}

/// The history as read, with the problems that did not stop the read.
package struct HistoryReading: Sendable {
    /// The records that read cleanly.
    package var history: History
    /// Warnings in file order: a torn last record, records of members not in
    /// the config. Each prints like a compiler diagnostic.
    package var warnings: [Diagnostic]

    /// Pairs a history with its warnings.
    package init(history: History, warnings: [Diagnostic]) {
        self.history = history
        self.warnings = warnings
    }
}
