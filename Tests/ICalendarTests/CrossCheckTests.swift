import Glibc
import ICalendar
import TestSupport
import Testing

/// The same files read by python3-icalendar and expanded by
/// python3-dateutil (Debian's, which `make test` installs): the two
/// readers must agree.
@Suite("iCalendar against python3-icalendar and python3-dateutil")
struct CrossCheckTests {
    /// Debian's python3, which the packages are installed for (a python3
    /// earlier on PATH, as from pyenv, does not have them).
    static let python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3"

    /// 20261124T140000, the form both sides print.
    static func compact(_ reading: ICalendarDateTime) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(reading.year, 4) + pad(reading.month, 2) + pad(reading.day, 2)
            + "T" + pad(reading.hour, 2) + pad(reading.minute, 2) + pad(reading.second, 2)
    }

    // MARK: Reading

    /// Prints, for each VEVENT, its UID, SUMMARY, DESCRIPTION, and each
    /// ATTENDEE's address, CN and PARTSTAT, as hex of their UTF-8.
    static let reader = """
        import sys, icalendar
        h = lambda s: str(s).encode().hex()
        cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        for e in cal.walk('VEVENT'):
            att = e.get('ATTENDEE', [])
            att = att if isinstance(att, list) else [att]
            people = ['%s/%s/%s' % (h(a), h(a.params.get('CN', '')), h(a.params.get('PARTSTAT', ''))) for a in att]
            print(h(e['UID']), h(e.get('SUMMARY', '')), h(e.get('DESCRIPTION', '')), ','.join(people) or '-')
        """

    static let file = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
        "BEGIN:VEVENT", "UID:one@example.com", "DTSTART:20261124T140000Z",
        "SUMMARY:1:1 with Ольга \\, weekly\\; maybe", "DESCRIPTION:Agenda:\\n- goals\\N- risks \\\\ issues",
        "ATTENDEE;CN=\"Kovalenko, Alice\";PARTSTAT=ACCEPTED:mailto:alice@example.com",
        "ATTENDEE;CN=Bob;PARTSTAT=DECLINED;ROLE=OPT-PARTICIPANT:mailto:bob@example.com",
        "END:VEVENT",
        "BEGIN:VEVENT", "UID:two@example.com", "DTSTART;VALUE=DATE:20261125",
        "SUMMARY:A long summary that is folded over several lines because exporters fo",
        " ld at seventy-five octets: caf\u{E9} \u{2713} done",
        "DESCRIPTION:tab\there", "END:VEVENT",
        "END:VCALENDAR",
    ].joined(separator: "\r\n") + "\r\n"

    static func hex(_ text: String) -> String {
        let digits = Array("0123456789abcdef")
        return String(text.utf8.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    @Test("text, folds and parameters read as python3-icalendar reads them")
    func reading() throws {
        let theirs = try run([Self.python, "-c", Self.reader], stdin: Array(Self.file.utf8))
        try #require(theirs.status == 0, "python3-icalendar: \(theirs.stderr)")
        let (events, errors) = Event.events(in: try ICalendarParser.parse(Self.file))
        #expect(errors.isEmpty)
        let ours = events.map { event in
            let people = event.component.properties("ATTENDEE").map { a in
                "\(Self.hex(a.value))/\(Self.hex(a.parameter("CN") ?? ""))/\(Self.hex(a.parameter("PARTSTAT") ?? ""))"
            }
            return [Self.hex(event.uid ?? ""), Self.hex(event.summary ?? ""),
                    Self.hex(event.component.property("DESCRIPTION")?.text ?? ""),
                    people.isEmpty ? "-" : people.joined(separator: ",")].joined(separator: " ")
        }
        #expect(ours == theirs.stdout.split(separator: "\n").map(String.init))
    }

    // MARK: Expansion

    /// Reads `id|base|rule|from|to` lines. For each: DTSTART is the rule's
    /// first start on or after `base` (so that DTSTART is one the rule
    /// gives, where the two readers agree), then the starts in from..<to;
    /// "-" when there is none, or UNTIL comes before it (dateutil then
    /// gives nothing, where RFC 5545 keeps DTSTART).
    static let expander = """
        import sys
        from datetime import datetime, timedelta
        from dateutil.rrule import rrulestr
        p = lambda s: datetime.strptime(s, '%Y%m%dT%H%M%S')
        f = lambda d: d.strftime('%Y%m%dT%H%M%S').rjust(15, '0')
        for line in sys.stdin:
            id, base, rule, a, b = line.strip().split('|')
            open_rule = ';'.join(x for x in rule.split(';') if not x.startswith(('COUNT=', 'UNTIL=')))
            first = rrulestr(open_rule, dtstart=p(base)).after(p(base), inc=True)
            until = [p(x[6:]) for x in rule.split(';') if x.startswith('UNTIL=')]
            if first is None or (until and until[0] < first):
                print(id + '|-|')
                continue
            starts = rrulestr(rule, dtstart=first).between(p(a), p(b) - timedelta(seconds=1), inc=True)
            print('%s|%s|%s' % (id, f(first), ','.join(f(d) for d in starts)))
        """

    /// A rule of `g`'s choosing over every form the reader expands.
    static func randomRule(_ g: inout SplitMix64, far: Bool) -> String {
        let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        func weekdays(_ n: Int) -> String { days.shuffled(using: &g).prefix(n).joined(separator: ",") }
        var parts: [String]
        switch g.int(0...9) {
        case 0...1:
            parts = ["FREQ=DAILY", "INTERVAL=\(g.int(1...4))"]
            if g.int(0...2) == 0 { parts.append("BYDAY=\(weekdays(g.int(1...5)))") }
            // Every few days on some days of the month is walked day by day
            // from DTSTART (up to a cap) when COUNT has to be counted.
            if g.int(0...5) == 0 {
                parts.append("BYMONTHDAY=\(g.int(1...28)),-\(g.int(1...3))")
                if far { parts[1] = "INTERVAL=1" }
            }
        case 2...5:
            parts = ["FREQ=WEEKLY", "INTERVAL=\(g.int(1...3))"]
            if g.int(0...3) != 0 { parts.append("BYDAY=\(weekdays(g.int(1...4)))") }
            if g.int(0...2) == 0 { parts.append("WKST=\(days[g.int(0...6)])") }
        case 6...8:
            parts = ["FREQ=MONTHLY", "INTERVAL=\(g.int(1...3))"]
            switch g.int(0...3) {
            case 0: break
            case 1:
                let ordinals = (0..<g.int(1...2)).map { _ in
                    let n = g.int(1...5) * (g.int(0...1) == 0 ? 1 : -1)
                    return "\(n)\(days[g.int(0...6)])"
                }
                parts.append("BYDAY=\(ordinals.joined(separator: ","))")
            case 2: parts.append("BYMONTHDAY=\(g.int(1...31)),\(-g.int(1...10))")
            default: parts += ["BYDAY=\(weekdays(g.int(1...3)))", "BYMONTHDAY=\(g.int(1...31))"]
            }
        default:
            parts = ["FREQ=YEARLY", "INTERVAL=\(g.int(1...4))"]
        }
        return parts.shuffled(using: &g).joined(separator: ";")
    }

    /// One case: a rule from `base`, ended by COUNT, UNTIL or nothing, and
    /// a window that takes in all of it or a stretch of it.
    static func randomCase(_ id: Int, _ g: inout SplitMix64) -> String {
        let far = id % 10 == 0
        let year = far ? g.int(1600...1900) : g.int(2000...2030)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let base = "\(year)\(two(g.int(1...12)))\(two(g.int(1...28)))T\(two(g.int(7...23)))\(g.int(0...5))000"
        var rule = randomRule(&g, far: far)
        var window = ("19000101T000000", "21000101T000000")
        if far {
            rule += ";COUNT=\(g.int(1000...200_000))"
            window = ("20260101T000000", "20270101T000000")
        } else {
            switch g.int(0...9) {
            case 0...4: rule += ";COUNT=\(g.int(1...40))"
            case 5...8: rule += ";UNTIL=\(year + g.int(0...2))\(two(g.int(1...12)))\(two(g.int(1...28)))T\(two(g.int(0...23)))0000"
            default: window = ("\(year + 1)0301T000000", "\(year + 1)0601T000000")
            }
        }
        return "\(id)|\(base)|\(rule)|\(window.0)|\(window.1)"
    }

    @Test("300 random rules expand as python3-dateutil expands them, in whole and in windows centuries on")
    func expansion() throws {
        var g = SplitMix64(seed: 16)
        let cases = (0..<300).map { Self.randomCase($0, &g) }
        let theirs = try run([Self.python, "-c", Self.expander], stdin: Array(cases.joined(separator: "\n").utf8))
        try #require(theirs.status == 0, "python3-dateutil: \(theirs.stderr)")
        let answers = theirs.stdout.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false) }
        try #require(answers.count == cases.count)
        var compared = 0
        for (line, answer) in zip(cases, answers) where answer[1] != "-" {
            let fields = line.split(separator: "|")
            let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:\(fields[0])\nDTSTART:\(answer[1])\nRRULE:\(fields[2])\nEND:VEVENT\nEND:VCALENDAR\n"
            let event = try Event(try #require(Component.events(in: try ICalendarParser.parse(text)).first))
            let window = try (OccurrenceTests.at(String(fields[3])), OccurrenceTests.at(String(fields[4])))
            let ours = event.occurrences(from: window.0, to: window.1).map { Self.compact($0.start) }
            let expected = answer[2].isEmpty ? [] : answer[2].split(separator: ",").map(String.init)
            #expect(ours == expected, "\(line) from \(answer[1])")
            compared += 1
        }
        #expect(compared > 250)
    }
}
