import OneOnOne
import TOML

/// Dates and instants as the record files write them: a day as a TOML local
/// date (`2026-11-10`), an instant as a UTC offset date-time
/// (`2026-11-25T14:00:00Z`), so that a person can read and fix them.
extension TOMLValue {
    /// A day as a TOML local date.
    static func date(_ date: LocalDate) -> TOMLValue {
        .localDate(TOMLDate(year: date.year, month: date.month, day: date.day))
    }

    /// An instant as a TOML date-time in UTC.
    static func instant(_ instant: Instant) -> TOMLValue {
        let seconds = instant.secondsSinceEpoch
        var days = seconds / 86_400
        if seconds % 86_400 < 0 { days -= 1 }
        let date = LocalDate(daysSinceEpoch: Int(days))
        let time = LocalTime(secondsOfDay: Int(seconds - days * 86_400), nanosecond: Int(instant.nanoseconds))
        return .offsetDateTime(TOMLOffsetDateTime(
            date: TOMLDate(year: date.year, month: date.month, day: date.day),
            time: TOMLTime(hour: time.hour, minute: time.minute, second: time.second, nanosecond: time.nanosecond),
            offsetMinutes: 0))
    }
}

extension LocalDate {
    /// The day a TOML date names, or nil when there is no such day.
    init?(_ date: TOMLDate) {
        self.init(year: date.year, month: date.month, day: date.day)
    }
}

extension Instant {
    /// The instant a TOML offset date-time names, or nil when its date or
    /// time does not exist.
    init?(_ value: TOMLOffsetDateTime) {
        let t = value.time
        guard let date = LocalDate(value.date),
              LocalTime.isValid(hour: t.hour, minute: t.minute, second: t.second, nanosecond: t.nanosecond)
        else { return nil }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(t.hour * 3600 + t.minute * 60 + t.second)
        self.init(secondsSinceEpoch: local - Int64(value.offsetMinutes) * 60, nanoseconds: Int64(t.nanosecond))
    }
}
