import Testing
import TestSupport
import Glibc

/// The daemon follows `calendar_dir`: 1:1s that end there are recorded as
/// held, and a booked one shows in the reminders.
@Suite("oneonone daemon: calendar_dir", .serialized)
struct CalendarWatchTests {
    typealias Setup = DaemonIntegrationTests.Setup

    /// The Setup's world with `calendar_dir = "cal"` (next to the config),
    /// Bob's 1:1s told by their title, and the hook also for due reminders.
    static func world(lastMet daysAgo: Int? = nil) throws -> Setup {
        let s = try Setup()
        _ = try run(["mkdir", "-p", s.dir.path + "/cal"])
        let config = String(decoding: try readBytes(s.config), as: UTF8.self)
            .replacing("digest = false", with: "digest = false\ncalendar_dir = \"cal\"")
            .replacing("cadence = \"1w\"", with: "cadence = \"1w\"\ncalendar = [\"1:1 Bob\"]")
            .replacing("on = [\"overdue\", \"stale-action\"]", with: "on = [\"due\", \"overdue\", \"stale-action\"]")
        try s.dir.write("config.toml", config)
        if let daysAgo {
            let day = String(Setup.rfc3339(Int64(time(nil)) - Int64(daysAgo) * 86_400).prefix(10))
            try s.dir.write("data/history.toml", "[[met]]\nmember = \"bob\"\non = \(day)\n\n")
        }
        return s
    }

    /// 20261204T101500Z, `offset` seconds from now.
    static func stamp(_ offset: Int64) -> String {
        Setup.rfc3339(Int64(time(nil)) + offset).filter { $0 != "-" && $0 != ":" }
    }

    static func event(uid: String, from start: Int64, to end: Int64) -> String {
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//oneonone tests//EN", "BEGIN:VEVENT", "UID:\(uid)",
         "DTSTAMP:\(stamp(0))", "DTSTART:\(stamp(start))", "DTEND:\(stamp(end))", "SUMMARY:1:1 Bob / weekly",
         "END:VEVENT", "END:VCALENDAR", ""].joined(separator: "\r\n")
    }



    @Test("a 1:1 that lands in calendar_dir after it ended is recorded as held within a second or so")
    func recordsWhatLands() throws {
        let s = try Self.world()
        defer { s.dir.remove() }
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        #expect(try s.waitFor(5) { try s.daemonLines(pid).contains("ready:") })
        // As vdirsyncer writes an item: a temporary file renamed into place.
        try s.dir.write("cal/.held.ics.tmp", Self.event(uid: "held-1@example.com", from: -4200, to: -600))
        _ = try run(["mv", s.dir.path + "/cal/.held.ics.tmp", s.dir.path + "/cal/held.ics"])
        #expect(s.waitFor(5) { s.history.contains("uid = \"held-1@example.com\"") }, "\(s.history)")
        #expect(s.history.contains("source = \"calendar\""))
        #expect(try s.waitFor(3) { try s.daemonLines(pid).contains("recorded 1 1:1s from the calendar: Bob") })
        // Read again (an edit of another file), nothing is recorded twice.
        try s.dir.write("cal/other.ics", Self.event(uid: "other@example.com", from: 86_400 * 3, to: 86_400 * 3 + 1800))
        usleep(1_000_000)
        // The Setup's 1:1 in January and the calendar's.
        #expect(s.history.split(separator: "\n").filter { $0 == "[[met]]" }.count == 2, "\(s.history)")
        kill(pid, SIGTERM)
    }

    @Test("a booked 1:1 makes the due reminder say when it is, and is recorded as held the moment it ends")
    func bookedThenHeld() throws {
        // Last held 9 days ago, weekly: due 2 days ago, late but within slack.
        let s = try Self.world(lastMet: 9)
        defer { s.dir.remove() }
        try s.dir.write("cal/booked.ics", Self.event(uid: "booked-1@example.com", from: 2, to: 6))
        let pid = try s.start()
        defer { kill(pid, SIGKILL) }
        // The snooze of the Setup ends 3 s from its start: the due reminder fires then.
        #expect(try s.waitFor(10) { try s.calls().count >= 1 })
        let call = s.dir.path + "/calls/" + (try s.calls().first ?? "")
        #expect(s.waitFor(5) { FileSystemCheck.exists(call + "/done") })
        let argv = String(decoding: try readBytes(call + "/argv"), as: UTF8.self).split(separator: "\0").map(String.init)
        #expect((argv.first ?? "").hasPrefix("--title=1:1 with Bob; booked today "), "\(argv)")
        #expect(argv.last == "due", "\(argv)")
        // It ends 6 s after the start: the daemon wakes then and records it.
        #expect(s.waitFor(10) { s.history.contains("uid = \"booked-1@example.com\"") }, "\(s.history)")
        #expect(try s.waitFor(3) { try s.daemonLines(pid).contains("recorded 1 1:1s from the calendar") })
        kill(pid, SIGTERM)
    }
}
