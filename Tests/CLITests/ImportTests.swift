import Testing
import TestSupport

/// `oneonone import --ics` on a vdir the test writes: the 1:1s that
/// happened, once, also when run twice. The world's clock is Mon
/// 2026-11-23 15:00 UTC; the manager is in New York.
@Suite("oneonone import --ics")
struct ImportTests {
    /// The example team, Alice matched by her email, Bob by the title (and
    /// his email, for what he declined).
    static func world() throws -> World {
        var config = String(decoding: try readBytes(packageRoot() + "/config/example.toml"), as: UTF8.self)
        config = config.replacing("calendar = [\"alice@example.com\", \"1:1 Alice\"]", with: "calendar = [\"Alice@Example.com\"]",
                                  maxReplacements: 1)
        config = config.replacing("[team.bob]\n", with: "[team.bob]\ncalendar = [\"1:1 bob\", \"bob@example.com\"]\n", maxReplacements: 1)
        return try World(config: config)
    }

    /// Weekly with Alice in Kyiv: an exception, a moved and a cancelled
    /// occurrence; biweekly with Bob in New York across the end of DST, one
    /// declined; an all-day event; another person's meeting.
    static let vdir: [(String, String)] = [
        ("alice.ics", """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            UID:alice-weekly@example.com\r
            SUMMARY:Weekly sync\r
            ORGANIZER:mailto:alice@example.com\r
            DTSTART;TZID=Europe/Kyiv:20261006T100000\r
            DTEND;TZID=Europe/Kyiv:20261006T103000\r
            RRULE:FREQ=WEEKLY;COUNT=8\r
            EXDATE;TZID=Europe/Kyiv:20261020T100000\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:alice-weekly@example.com\r
            RECURRENCE-ID;TZID=Europe/Kyiv:20261027T100000\r
            SUMMARY:Weekly sync (moved)\r
            ORGANIZER:mailto:alice@example.com\r
            DTSTART;TZID=Europe/Kyiv:20261028T110000\r
            DTEND;TZID=Europe/Kyiv:20261028T113000\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:alice-weekly@example.com\r
            RECURRENCE-ID;TZID=Europe/Kyiv:20261103T100000\r
            STATUS:CANCELLED\r
            DTSTART;TZID=Europe/Kyiv:20261103T100000\r
            END:VEVENT\r
            END:VCALENDAR\r

            """),
        ("bob.ics", """
            BEGIN:VCALENDAR
            VERSION:2.0
            BEGIN:VEVENT
            UID:bob-biweekly
            SUMMARY:1:1 Bob / Manager
            DTSTART;TZID=America/New_York:20261013T090000
            DTEND;TZID=America/New_York:20261013T093000
            RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20261231T000000Z
            ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.com
            END:VEVENT
            BEGIN:VEVENT
            UID:bob-biweekly
            RECURRENCE-ID;TZID=America/New_York:20261027T090000
            SUMMARY:1:1 Bob / Manager
            DTSTART;TZID=America/New_York:20261027T090000
            DTEND;TZID=America/New_York:20261027T093000
            ATTENDEE;PARTSTAT=DECLINED:mailto:bob@example.com
            END:VEVENT
            END:VCALENDAR

            """),
        ("offsite.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:offsite\nSUMMARY:1:1 Bob offsite day\nDTSTART;VALUE=DATE:20261105\nEND:VEVENT\nEND:VCALENDAR\n"),
        ("other.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:other\nSUMMARY:Budget review\nDTSTART:20261110T150000Z\nDTEND:20261110T160000Z\nEND:VEVENT\nEND:VCALENDAR\n"),
    ]

    func write(_ world: World) throws -> String {
        _ = try run(["mkdir", "-p", world.dir.path + "/cal"])
        for (name, text) in Self.vdir { try world.dir.write("cal/" + name, text) }
        return world.dir.path + "/cal"
    }

    @Test("a vdir gives exactly the 1:1s that happened: exceptions, moves, cancellations, declines, DST, all-day and others' events left out")
    func importsWhatHappened() throws {
        let world = try Self.world()
        defer { world.remove() }
        let dir = try write(world)
        let r = try world.oneonone("import", "--ics", dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Recorded 7 1:1s from the calendar:"), "\(r.stdout)")
        let text = try world.historyText()
        // Alice: Oct 6, 13, the 27th moved to the 28th, Nov 10, 17 (the 20th excepted, Nov 3 cancelled, the 24th to come).
        for (day, start) in [("2026-10-06", "2026-10-06T07:00:00Z"), ("2026-10-13", "2026-10-13T07:00:00Z"),
                             ("2026-10-28", "2026-10-28T09:00:00Z"), ("2026-11-10", "2026-11-10T08:00:00Z"),
                             ("2026-11-17", "2026-11-17T08:00:00Z")] {
            #expect(text.contains("member = \"alice\"\non = \(day)\nsource = \"calendar\"\nuid = \"alice-weekly@example.com\"\nstart = \(start)"),
                    "\(day): \(text)")
        }
        // Bob: Oct 13 at 13:00Z (EDT), Nov 10 at 14:00Z (EST); Oct 27 declined, Nov 24 to come.
        #expect(text.contains("on = 2026-10-13\nsource = \"calendar\"\nuid = \"bob-biweekly\"\nstart = 2026-10-13T13:00:00Z"), "\(text)")
        #expect(text.contains("on = 2026-11-10\nsource = \"calendar\"\nuid = \"bob-biweekly\"\nstart = 2026-11-10T14:00:00Z"), "\(text)")
        #expect(!text.contains("2026-10-27") && !text.contains("2026-11-05") && !text.contains("other"), "\(text)")
        // Twice: nothing more.
        let again = try world.oneonone("import", "--ics", dir)
        #expect(again.stdout.hasPrefix("Recorded 0 1:1s from the calendar (7 recorded already)."), "\(again.stdout)")
        #expect(try world.historyText() == text)
        // The cadence counts from them.
        #expect(try world.oneonone("status").stdout.contains("Nov 17"))
    }

    @Test("a day with a 1:1 recorded by hand is left as it is; --dry-run records nothing")
    func handRecordedAndDryRun() throws {
        let world = try Self.world()
        defer { world.remove() }
        let dir = try write(world)
        #expect(try world.oneonone("met", "bob", "--on", "2026-10-13").status == 0)
        let before = try world.historyText()
        let dry = try world.oneonone("import", "--ics", dir, "--dry-run")
        #expect(dry.stdout.hasPrefix("Would record 6 1:1s from 4 files (1 recorded already):"), "\(dry.stdout)")
        #expect(dry.stdout.contains("Bob Okafor: Tue Nov 10 09:00 (1:1 Bob / Manager)"), "\(dry.stdout)")
        #expect(try world.historyText() == before)
        #expect(try world.oneonone("import", "--ics", dir).stdout.hasPrefix("Recorded 6 1:1s"))
    }

    @Test("a broken calendar file is reported with its file and line; the others are imported")
    func brokenFile() throws {
        let world = try Self.world()
        defer { world.remove() }
        let dir = try write(world)
        try world.dir.write("cal/broken.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nEND:VCALENDAR\n")
        let r = try world.oneonone("import", "--ics", dir)
        #expect(r.stderr.contains("broken.ics:4: error:"), "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Recorded 7 1:1s"), "\(r.stdout)")
    }

    @Test("with calendar_dir, check reads the calendar, and status and plan count its 1:1s and bookings without writing")
    func calendarDirInCommands() throws {
        var config = String(decoding: try readBytes(packageRoot() + "/config/example.toml"), as: UTF8.self)
        config = config.replacing("# calendar_dir = \"~/.calendars/work\"", with: "calendar_dir = \"cal\"")
            .replacing("calendar = [\"alice@example.com\", \"1:1 Alice\"]", with: "calendar = [\"Alice@Example.com\"]")
            .replacing("[team.bob]\n", with: "[team.bob]\ncalendar = [\"1:1 bob\", \"bob@example.com\"]\n", maxReplacements: 1)
        let world = try World(config: config)
        defer { world.remove() }
        _ = try write(world)
        let check = try world.oneonone("check")
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("/cal: read — 7 1:1s held (7 not yet in the history), 4 booked"), "\(check.stdout)")
        // Alice's Nov 24 and Bob's Nov 24, Dec 8 and 22 are booked; what they held counts.
        let status = try world.oneonone("status", "--json").stdout
        #expect(status.contains("\"last\": \"2026-11-17\""), "\(status)")
        let plan = try world.oneonone("plan", "--days", "2", "--member", "alice", "--all").stdout
        #expect(plan.contains("1:1 with Alice booked tomorrow 03:00"), "\(plan)")
        #expect(try world.oneonone("agenda", "bob").stdout.contains("Booked: tomorrow 09:00."))
        // Read-only: the history is the calendar's only in memory.
        #expect((try? world.historyText()) ?? "" == "")
        // import still records them all.
        let imported = try world.oneonone("import", "--ics", world.dir.path + "/cal")
        #expect(imported.stdout.hasPrefix("Recorded 7 1:1s from the calendar:"), "\(imported.stdout)")
    }
}
