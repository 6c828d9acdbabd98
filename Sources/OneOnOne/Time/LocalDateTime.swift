/// A date and a wall-clock time with no zone: "2026-11-20 09:00" as written
/// on a calendar. A zone (`TimeZoneRules`) turns it into an `Instant`.
package struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar day.
    package var date: LocalDate
    /// The time on that day.
    package var time: LocalTime

    /// Pairs a date with a time.
    package init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// The wall-clock reading `localSeconds` seconds after 1970-01-01 00:00
    /// (counting every day as 86 400 s, as wall clocks do).
    init(localSeconds: Int64, nanosecond: Int = 0) {
        let days = localSeconds.floorDivided(by: 86_400)
        date = LocalDate(daysSinceEpoch: Int(days))
        time = LocalTime(secondsOfDay: Int(localSeconds - days * 86_400), nanosecond: nanosecond)
    }

    /// Seconds from 1970-01-01 00:00 to this wall-clock reading, counting
    /// every day as 86 400 s: the instant it would be at UTC.
    var localSeconds: Int64 { Int64(date.daysSinceEpoch) * 86_400 + Int64(time.secondsOfDay) }

    /// Whether `a` comes before `b` on a wall calendar.
    package static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.time) < (b.date, b.time)
    }

    /// ISO 8601 without an offset: "2026-11-20T09:00", "2026-11-20T09:00:15".
    package var description: String { "\(date)T\(time)" }
}
