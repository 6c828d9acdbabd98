@testable import OneOnOne
import Glibc

/// Fixed zones, dates and teams for domain tests.
enum Fixture {
    /// A zone from the system tz database (tests may read files; the domain may not).
    static func zone(_ name: String) -> TimeZoneRules {
        let path = "/usr/share/zoneinfo/" + name
        let fd = open(path, O_RDONLY)
        precondition(fd >= 0, "missing \(path)")
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return try! TimeZoneRules(identifier: name, tzif: bytes)
    }

    static let newYork = zone("America/New_York")
    static let kyiv = zone("Europe/Kyiv")

    static func date(_ text: String) -> LocalDate { LocalDate.parse(text)! }

    /// An instant given as local wall-clock time "2026-11-24 09:00" in `zone`.
    static func at(_ text: String, _ zone: TimeZoneRules = newYork) -> Instant {
        let parts = text.split(separator: " ")
        let d = LocalDate.parse(String(parts[0]))!
        let hm = parts[1].split(separator: ":").map { Int($0)! }
        return zone.instant(LocalDateTime(date: d, time: LocalTime(hour: hm[0], minute: hm[1], second: hm.count > 2 ? hm[2] : 0)))
    }

    static func settings(cadence: Cadence = .days(7), slack: Int = 2, lead: Int = 1, repeatDays: Int = 1,
                         staleAfter: Int = 14, carryLimit: Int = 2) -> MemberSettings {
        var s = MemberSettings.standard
        s.cadence = cadence
        s.autoFallback = .days(14)
        s.slack = TimeSpan(days: slack)
        s.lead = TimeSpan(days: lead)
        s.repeatEvery = TimeSpan(days: repeatDays)
        s.staleAfter = TimeSpan(days: staleAfter)
        s.carryLimit = carryLimit
        return s
    }

    static func member(_ key: String = "alice", name: String = "Alice Kovalenko", settings: MemberSettings = settings(),
                       zone: TimeZoneRules = newYork, away: [AwayPeriod] = [], since: LocalDate? = nil) -> Member {
        Member(key: key, name: name, settings: settings, timeZone: zone,
               workingHours: Config.defaultWorkingHours, away: away, since: since)
    }

    static func config(_ members: [Member], zone: TimeZoneRules = newYork,
                       hours: String = "Mon-Fri 09:00-17:00") -> Config {
        Config(timeZone: zone, workingHours: try! WorkingHours.parse(hours).get(), defaults: MemberSettings.standard,
               members: members, topics: [Topic(name: "career", interval: TimeSpan(days: 90))], hooks: [],
               // Without a digest: each test looks at the reminders it is about.
               questions: Config.defaultQuestions, notify: NotifySettings(digest: nil))
    }

    static func met(_ dates: String..., member: String = "alice", mood: [Int]? = nil) -> [Meeting] {
        dates.enumerated().map { i, d in Meeting(member: member, date: date(d), mood: mood?[i]) }
    }
}
