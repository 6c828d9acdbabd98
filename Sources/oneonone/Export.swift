import ArgumentParser
import OneOnOne
import OneOnOneStore

/// `oneonone export --ics`: upcoming 1:1s as an iCalendar file.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the upcoming due 1:1s as iCalendar (RFC 5545) for your calendar app.",
        discussion: """
            Each member's next 1:1 is one event with a UID of its own that stays the same from one 1:1 to \
            the next, on the first day from its due date on which you both work, at the first free slot of \
            both working hours (an overdue one at the next free slot from now), as long as the member's \
            duration. What was exported is remembered in the state directory (exports.toml), so that a \
            1:1 that moved comes with a higher SEQUENCE and a calendar takes it as an update. A 1:1 \
            booked in calendar_dir is not exported again. Example: oneonone export --ics > ~/oneonone.ics
            """)

    @OptionGroup var store: StoreOptions

    @Flag(name: .long, help: "iCalendar output (the only format for now).")
    var ics = false

    @Option(name: .long, help: "Length of every 1:1 in minutes, instead of each member's duration (default 30).")
    var minutes: Int?

    func run() throws {
        guard ics else { throw ValidationError("choose a format: --ics") }
        if let minutes, !(5...480).contains(minutes) { throw Failure("error: --minutes is 5 to 480, found \(minutes)") }
        let workspace = try Workspace(store)
        var config = workspace.config
        if let minutes {
            for i in config.members.indices { config.members[i].settings.duration = TimeSpan(seconds: minutes * 60) }
        }
        let history = try workspace.loadHistory()
        let team = TeamStatus(config: config, history: history, now: workspace.now)
        let slots = Slots(team: team, config: config, history: history).slots
        var stamps: [String: ExportStamp] = [:]
        do {
            stamps = try workspace.state.stamps(for: slots.map { ($0.member.member.key, $0.start) }, now: workspace.now)
        } catch {
            // The calendar is still worth having; only its updates may not be taken.
            let why = error.description
            Output.error("warning: cannot remember what was exported, so a moved 1:1 may not replace the old one "
                + "in your calendar:\n" + why + (why.hasSuffix("\n") ? "" : "\n"))
        }
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//oneonone//oneonone 0.1//EN", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:1:1s"]
        for slot in slots {
            let s = slot.member, member = s.member
            let (start, end) = (slot.start, slot.end)
            let stamp = stamps[member.key] ?? ExportStamp(start: start, sequence: 0, stamp: workspace.now)
            let theirs = member.timeZone.local(start)
            var description = ["\(s.schedule.cadence.description.capitalizedFirst), due \(s.schedule.due)."]
            description.append("Their time: \(WorkingHours.clock(theirs.time.hour * 60 + theirs.time.minute)) (\(member.timeZone.identifier))"
                + (slot.shared ? "." : "; you share no working hours in the coming weeks."))
            if !s.openItems.isEmpty {
                description.append("Open items:")
                description += s.openItems.prefix(10).map { "- [\($0.id)] \($0.text)" }
            }
            lines += [
                "BEGIN:VEVENT",
                "UID:oneonone-\(Export.uidSafe(member.key))@oneonone",
                "DTSTAMP:\(Export.utc(stamp.stamp))",
                "SEQUENCE:\(stamp.sequence)",
                "DTSTART:\(Export.utc(start))",
                "DTEND:\(Export.utc(end))",
                "SUMMARY:\(Export.escape("1:1 with \(member.name)"))",
                "DESCRIPTION:\(Export.escape(description.joined(separator: "\n")))",
                "CATEGORIES:1:1",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        print(lines.flatMap(Export.fold).joined(separator: "\r\n") + "\r\n", terminator: "")
    }

    /// 20261124T140000Z.
    static func utc(_ instant: Instant) -> String {
        let t = TimeZoneRules.utc.local(instant)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(t.date.year)\(two(t.date.month))\(two(t.date.day))T\(two(t.time.hour))\(two(t.time.minute))\(two(t.time.second))Z"
    }

    /// TEXT escaping of RFC 5545 §3.3.11.
    ///
    /// It works on Unicode scalars: Swift's Character "\r\n" is one
    /// grapheme and would slip past a "\n" case, ending the content line
    /// inside a member's name.
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\".unicodeScalars
            case ";": out += "\\;".unicodeScalars
            case ",": out += "\\,".unicodeScalars
            // CR, LF and CRLF are each one line break; TEXT can only say LF.
            case "\n" where afterCR: break
            case "\r", "\n": out += "\\n".unicodeScalars
            case "\t": out.append(scalar)
            // TEXT forbids the other controls (C0 and DEL) and has no escape
            // for them: they are dropped, as they would show as nothing or
            // as terminal escapes anyway.
            case "\u{00}"..."\u{1F}", "\u{7F}": break
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// `key` made fit for a UID: every byte of its UTF-8 outside
    /// [A-Za-z0-9-_.] is percent-encoded.
    ///
    /// Not TEXT escaping: calendars compare UIDs as opaque strings and not
    /// all of them unescape one, so it holds only characters that need no
    /// escape — no line break, control character, `;`, `,` or `\\`. `%`
    /// itself is encoded, so distinct keys keep distinct UIDs.
    static func uidSafe(_ key: String) -> String {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var out = String.UnicodeScalarView()
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                out.append(Unicode.Scalar(byte))
            default:
                out += ["%", hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(out)
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 sequence.
    static func fold(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = result.isEmpty ? 75 : 74
            if octets + size > limit {
                result.append(result.isEmpty ? current : " " + current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        result.append(result.isEmpty ? current : " " + current)
        return result
    }
}
