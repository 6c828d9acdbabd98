import Testing
import TestSupport

/// `oneonone export --ics` on the example team (Mon 2026-11-23 15:00 UTC,
/// 10:00 in New York): events where both can meet, UIDs that stay, and
/// updates calendars take, checked with python3-icalendar, calcurse and khal.
@Suite("oneonone export --ics", .serialized)
struct ExportTests {
    /// Each event of an export: UID, SEQUENCE, DTSTAMP, DTSTART, DTEND (UTC), summary.
    static func events(_ ics: String) throws -> [[String]] {
        let script = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(sys.stdin.read())
            for e in cal.walk('VEVENT'):
                f = lambda k: e.decoded(k).strftime('%Y-%m-%dT%H:%MZ')
                print('|'.join([str(e['UID']), str(e.get('SEQUENCE')), f('DTSTAMP'), f('DTSTART'), f('DTEND'), str(e['SUMMARY'])]))
            """
        let r = try run([ExportInjectionTests.python, "-c", script], stdin: Array(ics.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
    }

    @Test("each member's next 1:1 lands where both work, the overdue one at the next free slot from now, none overlapping")
    func slots() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let r = try world.oneonone("export", "--ics")
        #expect(r.status == 0, "\(r.stderr)")
        for line in r.stdout.split(separator: "\r\n") { #expect(line.utf8.count <= 75) }
        let events = try Self.events(r.stdout)
        #expect(events.map { $0[0] } == ["oneonone-alice@oneonone", "oneonone-bob@oneonone", "oneonone-carla@oneonone",
                                         "oneonone-dmytro@oneonone", "oneonone-erin@oneonone"])
        let byMember = Dictionary(uniqueKeysWithValues: events.map { ($0[5], $0) })
        // Alice (Kyiv, due Tue): 09:00 New York is 16:00 in Kyiv, inside her 09:00-18:00.
        #expect(byMember["1:1 with Alice Kovalenko"]?[3...4] == ["2026-11-24T14:00Z", "2026-11-24T14:30Z"])
        // Dmytro (Kyiv, due Tue too): after Alice, not on top of her.
        #expect(byMember["1:1 with Dmytro Shevchenko"]?[3...4] == ["2026-11-24T14:30Z", "2026-11-24T15:00Z"])
        // Bob is overdue: now (10:00 in New York, on the quarter hour), not a past hour.
        #expect(byMember["1:1 with Bob Okafor"]?[3] == "2026-11-23T15:00Z")
        // 10:05: the next quarter hour.
        let later = try Self.events(try world.oneonone("export", "--ics", now: "2026-11-23T15:05:00Z").stdout)
        #expect(later.first { $0[5] == "1:1 with Bob Okafor" }?[3] == "2026-11-23T15:15Z")
        #expect(events.allSatisfy { $0[1] == "0" && $0[2] == "2026-11-23T15:00Z" })
    }

    @Test("a 1:1 that moves keeps its UID with a higher SEQUENCE; khal and calcurse take the update without a ghost")
    func updates() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let first = try world.oneonone("export", "--ics").stdout
        #expect(try world.oneonone("met", "alice", now: "2026-11-23T16:00:00Z").status == 0)
        let second = try world.oneonone("export", "--ics", now: "2026-11-23T16:00:00Z").stdout
        let before = try Self.events(first), after = try Self.events(second)
        let alice = after.first { $0[0] == "oneonone-alice@oneonone" } ?? []
        // Weekly from Mon Nov 23: due Mon Nov 30, 09:00 New York.
        #expect(alice == ["oneonone-alice@oneonone", "1", "2026-11-23T16:00Z", "2026-11-30T14:00Z", "2026-11-30T14:30Z",
                          "1:1 with Alice Kovalenko"], "\(alice)")
        #expect(after.first { $0[0] == "oneonone-dmytro@oneonone" }?[1...3] == ["1", "2026-11-23T16:00Z", "2026-11-24T14:00Z"])
        // What did not move is the same event, stamp and all.
        let carla = before.first { $0[0] == "oneonone-carla@oneonone" }
        #expect(carla != nil && after.contains(carla!))

        try world.dir.write("first.ics", first)
        try world.dir.write("second.ics", second)
        // khal: a calendar in a vdir; importing the update replaces the event.
        _ = try run(["mkdir", "-p", world.dir.path + "/khal/cal"])
        try world.dir.write("khal/config", """
            [calendars]
            [[work]]
            path = \(world.dir.path)/khal/cal
            [locale]
            timeformat = %H:%M
            dateformat = %Y-%m-%d
            longdateformat = %Y-%m-%d
            datetimeformat = %Y-%m-%d %H:%M
            longdatetimeformat = %Y-%m-%d %H:%M
            local_timezone = America/New_York
            default_timezone = America/New_York

            """)
        let khal = ["khal", "-c", world.dir.path + "/khal/config"]
        for file in ["first.ics", "second.ics"] {
            let imported = try run(khal + ["import", "--batch", world.dir.path + "/" + file])
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        let listed = try run(khal + ["list", "--format", "{start} {title}", "2026-11-23", "30d"]).stdout
        let aliceLines = listed.split(separator: "\n").filter { $0.contains("Alice") }
        #expect(aliceLines == ["2026-11-30 09:00 1:1 with Alice Kovalenko"], "\(listed)")
        // Dmytro takes the slot Alice left: moved too, and replaced, not doubled.
        #expect(listed.split(separator: "\n").filter { $0.contains("Dmytro") } == ["2026-11-24 09:00 1:1 with Dmytro Shevchenko"],
                "\(listed)")

        // calcurse: the export reads as five appointments at New York times.
        _ = try run(["mkdir", "-p", world.dir.path + "/calcurse"])
        let tz = ["TZ": "America/New_York"]
        let imported = try run(["calcurse", "-D", world.dir.path + "/calcurse", "-i", world.dir.path + "/second.ics"], environment: tz)
        #expect(imported.stdout.contains("5 apps / 0 events / 0 todos / 0 skipped"), "\(imported.stdout)\(imported.stderr)")
        let agenda = try run(["calcurse", "-D", world.dir.path + "/calcurse", "-Q", "--from", "11/23/2026", "--days", "30",
                              "--format-apt", "%S-%E %m\\n"], environment: tz).stdout
        #expect(agenda.contains("11/30/26:\n09:00-09:30 1:1 with Alice Kovalenko"), "\(agenda)")
        #expect(agenda.contains("11/24/26:\n09:00-09:30 1:1 with Dmytro Shevchenko"), "\(agenda)")
    }

    @Test("each member's duration sets the length; --minutes overrides it; a 1:1 booked in calendar_dir is not exported again")
    func durationsAndBookings() throws {
        var config = String(decoding: try readBytes(packageRoot() + "/config/example.toml"), as: UTF8.self)
        config = config.replacing("[team.bob]\n", with: "[team.bob]\nduration = \"45m\"\ncalendar = [\"1:1 bob\"]\n", maxReplacements: 1)
            .replacing("# calendar_dir = \"~/.calendars/work\"", with: "calendar_dir = \"cal\"")
        let world = try World(config: config).withExampleHistory()
        defer { world.remove() }
        let events = try Self.events(try world.oneonone("export", "--ics").stdout)
        #expect(events.first { $0[0] == "oneonone-bob@oneonone" }?[3...4] == ["2026-11-23T15:00Z", "2026-11-23T15:45Z"])
        let short = try Self.events(try world.oneonone("export", "--ics", "--minutes", "20").stdout)
        #expect(short.first { $0[0] == "oneonone-bob@oneonone" }?[4] == "2026-11-23T15:20Z")
        // Booked for Wednesday in the calendar: the calendar has it already.
        _ = try run(["mkdir", "-p", world.dir.path + "/cal"])
        try world.dir.write("cal/bob.ics", """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            UID:bob-booked\r
            SUMMARY:1:1 Bob\r
            DTSTART:20261125T150000Z\r
            DTEND:20261125T153000Z\r
            END:VEVENT\r
            END:VCALENDAR\r

            """)
        let booked = try Self.events(try world.oneonone("export", "--ics").stdout)
        #expect(!booked.contains { $0[0] == "oneonone-bob@oneonone" }, "\(booked)")
        #expect(booked.count == 4)
    }

    @Test("a broken exports.toml is reported and left alone; the export still goes out, its SEQUENCE from scratch")
    func brokenExportsFile() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        try world.dir.write("state/exports.toml", "garbage = [\n")
        let r = try world.oneonone("export", "--ics")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: cannot remember what was exported") && r.stderr.contains("exports.toml:1:11"), "\(r.stderr)")
        #expect(try Self.events(r.stdout).count == 5)
        #expect(String(decoding: try readBytes(world.dir.path + "/state/exports.toml"), as: UTF8.self) == "garbage = [\n")
        let check = try world.oneonone("check")
        #expect(check.status != 0 || check.stderr.contains("exports.toml:1:11"), "\(check.stdout)\(check.stderr)")
    }
}
