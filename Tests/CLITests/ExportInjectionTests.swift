import Glibc
import Testing
import TestSupport

/// `oneonone export --ics` on member keys and names that try to break out
/// of their property: the output is read back by python3-icalendar, a
/// parser we did not write.
@Suite("oneonone export --ics on hostile names")
struct ExportInjectionTests {
    /// A member as written in the config (TOML escapes, so the file itself
    /// stays plain text) and the name a calendar must show for it.
    struct Hostile {
        var key: String
        var name: String
        /// TEXT has no way to say CR: CR, LF and CRLF all read back as LF;
        /// other control characters are dropped.
        var shown: String
    }

    /// Names that try to break out of their property, and keys beyond
    /// ASCII for the UIDs. (Keys are letters, digits, '-' and '_', and
    /// check refuses control characters in names; line breaks in item
    /// texts, which it keeps, are in `history`.)
    static let members: [Hostile] = [
        Hostile(key: #"plain"#, name: #"Plain Person"#, shown: "Plain Person"),
        Hostile(key: #"éva"#, name: #"Eve: ATTENDEE;mailto:x@evil"#,
                shown: "Eve: ATTENDEE;mailto:x@evil"),
        // Backslashes only before a space or at the end: python3-icalendar
        // 4.0.3 unescapes in the wrong order and reads our correct "\\n",
        // "\\;" and "\\," as a line break, ";" and ",".
        Hostile(key: #"日本-dan_2"#, name: #"Dan; Semi, Comma \\ Back\\ end\\"#,
                shown: #"Dan; Semi, Comma \ Back\ end\"#),
        Hostile(key: #"f"#, name: String(repeating: #"Zoë 😀 ;,"#, count: 12),
                shown: String(repeating: "Zoë 😀 ;,", count: 12)),
    ]

    /// Open items whose texts hold line breaks and a tab, shown in the
    /// events' DESCRIPTION.
    static let history = #"""
        [[action]]
        id = "1"
        member = "plain"
        text = "Ship it\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:fake"
        owner = "me"
        created = 2026-11-01

        [[action]]
        id = "2"
        member = "plain"
        text = "Tab\there\nthen a line break"
        owner = "me"
        created = 2026-11-02

        """#

    /// A config with `members` as the team.
    static var config: String {
        "timezone = \"UTC\"\nworking_hours = \"always\"\n"
            + members.map { "\n[team.\"\($0.key)\"]\nname = \"\($0.name)\"\ntimezone = \"UTC\"\n" }.joined()
    }

    /// Parses the calendar on stdin; one line per VEVENT: its property
    /// names, then its SUMMARY and UID as hex of their UTF-8, so any byte
    /// survives the trip back. A last line names the calendar's own
    /// properties and every component type it holds.
    static let reader = """
        import sys, icalendar
        cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        for event in cal.walk('VEVENT'):
            print(','.join(sorted(event.keys())), str(event.get('SUMMARY', '')).encode().hex(), str(event.get('UID', '')).encode().hex())
        print('calendar', ','.join(sorted(cal.keys())), ','.join(c.name for c in cal.walk()))
        """

    /// Debian's python3, which python3-icalendar is installed for (a
    /// python3 earlier on PATH, as from pyenv, does not have it).
    static let python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3"

    static func hex(_ text: String) -> String {
        let digits = Array("0123456789abcdef")
        return String(text.utf8.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    /// The export of the hostile team, as python3-icalendar reads it.
    func exported() throws -> (events: [[Substring]], calendar: [Substring], ics: String) {
        let world = try World(config: Self.config)
        defer { world.remove() }
        try world.dir.write("data/history.toml", Self.history)
        let export = try world.oneonone("export", "--ics")
        try #require(export.status == 0, "\(export.stderr)")
        let parsed = try run([Self.python, "-c", Self.reader], stdin: Array(export.stdout.utf8))
        try #require(parsed.status == 0, "python3-icalendar could not read the export: \(parsed.stderr)")
        let lines = parsed.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: false) }
        return (lines.dropLast().map { $0 }, lines.last ?? [], export.stdout)
    }

    @Test("every member is exactly one event, with only the event's own properties")
    func oneEventPerMember() throws {
        let (events, calendar, _) = try exported()
        #expect(events.count == Self.members.count)
        for event in events {
            #expect(event.first == "CATEGORIES,DESCRIPTION,DTEND,DTSTAMP,DTSTART,SEQUENCE,SUMMARY,UID")
        }
        #expect(calendar.dropFirst().first == "CALSCALE,PRODID,VERSION,X-WR-CALNAME")
        #expect(calendar.last.map(String.init) == "VCALENDAR" + String(repeating: ",VEVENT", count: Self.members.count))
    }

    @Test("each SUMMARY reads back as \"1:1 with\" and the member's name")
    func summariesRoundTrip() throws {
        let (events, _, _) = try exported()
        let summaries = Set(events.compactMap { $0.count == 3 ? String($0[1]) : nil })
        #expect(summaries == Set(Self.members.map { Self.hex("1:1 with \($0.shown)") }))
    }

    @Test("UIDs are distinct and hold only letters, digits, '-', '_', '.', '@' and percent escapes")
    func uidsAreSafe() throws {
        let (events, _, ics) = try exported()
        #expect(Set(events.compactMap { $0.count == 3 ? $0[2] : nil }).count == Self.members.count)
        // Checked on the text itself: python3-icalendar turns "%3A" back into ":".
        let unfolded = ics.replacing("\r\n ", with: "")
        let uids = unfolded.split(separator: "\r\n").filter { $0.hasPrefix("UID:") }.map { $0.dropFirst(4) }
        #expect(uids.count == Self.members.count)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.@%".unicodeScalars)
        for uid in uids { #expect(uid.unicodeScalars.allSatisfy(allowed.contains), "\(uid)") }
    }

    @Test("lines end in CRLF, are at most 75 octets and hold no bare CR, LF or control character")
    func linesAreClean() throws {
        let (_, _, ics) = try exported()
        let bytes = Array(ics.utf8)
        #expect(bytes.suffix(2) == [13, 10])
        var line: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                #expect(line.count <= 75, "\(String(decoding: line, as: UTF8.self))")
                // A fold never splits a UTF-8 sequence: the next line does not start inside one.
                if i + 2 < bytes.count { #expect(bytes[i + 2] & 0xC0 != 0x80) }
                line = []
                i += 2
                continue
            }
            #expect(bytes[i] >= 0x20 && bytes[i] != 0x7F || bytes[i] == 9, "byte \(bytes[i]) in a line")
            line.append(bytes[i])
            i += 1
        }
    }
}
