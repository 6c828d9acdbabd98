import ArgumentParser
import OneOnOne

/// `oneonone export --ics`: upcoming 1:1s as an iCalendar file.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the upcoming due 1:1s as iCalendar (RFC 5545) for your calendar app.",
        discussion: "Example: oneonone export --ics > ~/oneonone.ics")

    @OptionGroup var store: StoreOptions

    @Flag(name: .long, help: "iCalendar output (the only format for now).")
    var ics = false

    @Option(name: .long, help: "Length of each 1:1 in minutes (default 30).")
    var minutes: Int = 30

    func run() throws {
        guard ics else { throw ValidationError("choose a format: --ics") }
        guard (5...480).contains(minutes) else { throw Failure("error: --minutes is 5 to 480, found \(minutes)") }
        let workspace = try Workspace(store)
        let history = try workspace.loadHistory()
        let team = TeamStatus(config: workspace.config, history: history, now: workspace.now)
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//oneonone//oneonone 0.1//EN", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:1:1s"]
        let stamp = Export.utc(workspace.now)
        for s in team.members {
            let member = s.member
            // The due day, at the first half hour both of you work (else the
            // start of your working day), so it lands where it can happen.
            var date = s.schedule.due
            if date < team.today { date = team.today }
            let first = member.workingOverlap(with: workspace.config, on: date).first?.start
                ?? workspace.config.workingHours.ranges(on: date.weekday).first?.start
                ?? 9 * 60
            let start = workspace.config.timeZone.instant(
                LocalDateTime(date: date, time: LocalTime(hour: first / 60, minute: first % 60, second: 0)))
            let end = start.adding(seconds: Int64(minutes * 60))
            let theirs = member.timeZone.local(start)
            var description = ["\(s.schedule.cadence.description.capitalizedFirst), due \(s.schedule.due)."]
            description.append("Their time: \(WorkingHours.clock(theirs.time.hour * 60 + theirs.time.minute)) (\(member.timeZone.identifier)).")
            if !s.openItems.isEmpty {
                description.append("Open items:")
                description += s.openItems.prefix(10).map { "- [\($0.id)] \($0.text)" }
            }
            lines += [
                "BEGIN:VEVENT",
                "UID:oneonone-\(Export.uidSafe(member.key))-\(s.schedule.due)@oneonone",
                "DTSTAMP:\(stamp)",
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
