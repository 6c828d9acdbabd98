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
                "UID:oneonone-\(member.key)-\(s.schedule.due)@oneonone",
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
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
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
