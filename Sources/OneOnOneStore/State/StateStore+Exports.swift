package import OneOnOne
import TOML

/// What `oneonone export` last wrote of a member's 1:1: its start, and the
/// SEQUENCE and DTSTAMP a calendar compares to take a moved event as an
/// update of the one it has.
package struct ExportStamp: Sendable, Hashable {
    package var start: Instant
    package var sequence: Int
    package var stamp: Instant

    package init(start: Instant, sequence: Int, stamp: Instant) {
        self.start = start
        self.sequence = sequence
        self.stamp = stamp
    }
}

/// `exports.toml`: an `[exported.KEY]` table per member, replaced whole
/// when a 1:1 moved (or is new), left alone when none did.
extension StateStore {
    var exportsFile: RecordLog { RecordLog(directory: directory, name: "exports.toml", appended: []) }

    /// The stamps to export for each member's `start`: as before when the
    /// start is the same, else the sequence one higher and stamped `now`.
    package func stamps(for starts: [(member: String, start: Instant)], now: Instant) throws(StoreError) -> [String: ExportStamp] {
        var result: [String: ExportStamp] = [:]
        try exportsFile.rewrite(StateDecoder.exports) { old in
            var changed = false
            for (member, start) in starts {
                if let known = old[member], known.start == start {
                    result[member] = known
                } else {
                    result[member] = ExportStamp(start: start, sequence: old[member].map { $0.sequence + 1 } ?? 0, stamp: now)
                    changed = true
                }
            }
            guard changed else { return nil }
            // Members not exported now (a 1:1 booked in the calendar) keep theirs.
            var table = TOMLTable()
            for (member, stamp) in old.merging(result, uniquingKeysWith: { _, new in new }).sorted(by: { $0.key < $1.key }) {
                var entry = TOMLTable()
                entry.set("start", .instant(stamp.start))
                entry.set("sequence", .integer(Int64(stamp.sequence)))
                entry.set("stamp", .instant(stamp.stamp))
                table.set(member, .table(entry))
            }
            var root = TOMLTable()
            root.set("exported", .table(table))
            let header = "# What `oneonone export` last wrote of each member's 1:1, so that calendars take a\n"
                + "# moved one as an update (SEQUENCE, DTSTAMP). Written by oneonone; safe to delete.\n\n"
            return Array((header + TOMLWriter.write(root)).utf8)
        }
        return result
    }
}

extension RecordSchema {
    /// An `[exported.KEY]` table of `exports.toml`.
    static let exported = RecordSchema("exported", [
        ("start", .instant, required: true), ("sequence", .integer(0...Int(Int32.max)), required: true),
        ("stamp", .instant, required: true),
    ])
}

extension StateDecoder {
    /// `exports.toml`: each member's last exported start and stamps.
    static func exports(_ root: TOMLTable, _ reader: inout ValueReader) -> [String: ExportStamp] {
        var result: [String: ExportStamp] = [:]
        for entry in root.entries {
            guard entry.key == "exported", case .table(let members) = entry.value else {
                reader.report(at: entry.keyPosition, "unknown key '\(entry.key)' (this file holds only [exported.KEY] tables)")
                continue
            }
            for member in members.entries {
                guard case .table(let table) = member.value else {
                    reader.mismatch(member, in: "[exported]", expected: "a table: [exported.\(member.key)]")
                    continue
                }
                let v = RecordValues(table, .exported, &reader)
                guard v.complete, let start = v.instant("start"), let sequence = v.integer("sequence"),
                      let stamp = v.instant("stamp") else { continue }
                result[member.key] = ExportStamp(start: start, sequence: sequence, stamp: stamp)
            }
        }
        return result
    }
}
