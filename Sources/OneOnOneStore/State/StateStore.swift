package import OneOnOne
import TOML

/// The state directory (`$XDG_STATE_HOME/oneonone/`): what oneonone itself
/// remembers, as TOML files a person can read.
///
/// | file | holds | written by |
/// |---|---|---|
/// | `fired.toml` | `[[fired]] key = "overdue/alice/2026-11-24#2"`, `at = 2026-11-25T14:00:00Z` | appends; prune rewrites |
/// | `snoozes.toml` | `[[snooze]] subject = "alice"`, `until = 2026-11-27T09:00:00Z` | appends |
/// | `members.toml` | `[seen]` `alice = 2026-11-23` | atomic rewrites |
///
/// Every change happens under the directory's lock after reading the file
/// again, and a file that does not read cleanly is never written; the
/// append-only files tolerate a record torn by a crash as the history does.
package struct StateStore: Sendable {
    /// The state directory.
    package let directory: String

    /// The state in `directory`; nothing is read or created until used.
    package init(directory: String) {
        self.directory = directory
    }

    /// Warnings about where the user's files are: a data or state
    /// directory that others can write to (they could change the history,
    /// plant links) or that belongs to someone else.
    package static func exposureWarnings(dataDirectory: String, stateDirectory: String) -> [String] {
        [dataDirectory, stateDirectory].compactMap { dir in
            FileSystem.exposure(ofDirectory: dir).map { "warning: \(dir): \($0); only you should be able to change it (chmod 700 \(dir))" }
        }
    }

    var ledgerLog: RecordLog { RecordLog(directory: directory, name: "fired.toml", appended: [.fired]) }
    var snoozeLog: RecordLog { RecordLog(directory: directory, name: "snoozes.toml", appended: [.snooze]) }
    var seenFile: RecordLog { RecordLog(directory: directory, name: "members.toml", appended: []) }

    /// What reading each state file found worth a warning (a record torn
    /// by a crash), for `oneonone check`.
    ///
    /// - Throws: `StoreError` when a file does not read at all.
    package func warnings() throws(StoreError) -> [Diagnostic] {
        try ledgerLog.read(StateDecoder.fired).warnings + snoozeLog.read(StateDecoder.snoozes).warnings
            + seenFile.read(StateDecoder.seen).warnings + deliveryLog.read(StateDecoder.deliveries).warnings
            + exportsFile.read(StateDecoder.exports).warnings
    }

    // MARK: - Snoozes

    /// Every snooze ever recorded, in the order recorded (expired ones
    /// included: the planner compares them with "now").
    package func loadSnoozes() throws(StoreError) -> [Snooze] {
        try snoozeLog.read(StateDecoder.snoozes).output
    }

    /// Records a snooze durably.
    package func addSnooze(_ snooze: Snooze) throws(StoreError) {
        if snooze.subject.isEmpty { throw StoreError(.badRecord("a snooze needs a member or an action id")) }
        try snoozeLog.append(StateDecoder.snoozes) { _ in
            (RecordSchema.snooze.render(["subject": .string(snooze.subject), "until": .instant(snooze.until)]), ())
        }
    }

    // MARK: - First seen

    /// The day each member was first seen by oneonone, by member key.
    package func loadFirstSeen() throws(StoreError) -> [String: LocalDate] {
        let seen = try seenFile.read(StateDecoder.seen).output
        return Dictionary(seen.map { ($0.member, $0.date) }, uniquingKeysWith: { first, _ in first })
    }

    /// `records` (the history file's) with the snoozes and first-seen days
    /// kept here: what the planner, `status` and the daemon read. Of
    /// `members`, those not seen before count as first seen `today`, and are
    /// recorded so unless `markSeen` is false: a reader that writes nothing
    /// still plans from a fixed day, not from each day it looks ahead to.
    package func adding(to records: History, members: [String], today: LocalDate,
                       markSeen: Bool = true) throws(StoreError) -> History {
        var result = records
        result.snoozes = try loadSnoozes()
        var seen = try loadFirstSeen()
        let unseen = members.filter { seen[$0] == nil }
        if !unseen.isEmpty {
            if markSeen { try self.markSeen(unseen, on: today) }
            for key in unseen { seen[key] = today }
        }
        result.firstSeen = seen
        return result
    }

    /// Records `on` as the first-seen day of each of `members` not seen
    /// before; members already there keep their day.
    ///
    /// The file is replaced atomically, and only when something is new.
    package func markSeen(_ members: [String], on date: LocalDate) throws(StoreError) {
        try seenFile.rewrite(StateDecoder.seen) { seen in
            var known = Set(seen.map(\.member))
            var table = TOMLTable()
            for (member, day) in seen { table.set(member, .date(day)) }
            var changed = false
            for member in members where !member.isEmpty && known.insert(member).inserted {
                table.set(member, .date(date))
                changed = true
            }
            guard changed else { return nil }
            var root = TOMLTable()
            root.set("seen", .table(table))
            let header = "# The day oneonone first saw each member: one never met is due from then\n"
                + "# (unless the config gives `since`). Written by oneonone; safe to edit.\n\n"
            return Array((header + TOMLWriter.write(root)).utf8)
        }
    }
}
