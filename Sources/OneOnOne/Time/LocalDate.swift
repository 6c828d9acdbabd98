import Civil
/// A day on the proleptic Gregorian calendar, with no time and no zone:
/// what a person means by "2026-11-20".
///
/// Dates are stored as year, month and day packed in one integer (so a date
/// is 8 bytes and compares in one instruction) and converted to a day count
/// (1970-01-01 is day 0) for arithmetic, so any year that fits in 54 bits
/// works and there is no "reference date" to drift.
package struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// year × 512 + month × 32 + day: ordered as the dates are.
    private let packed: Int

    /// The year; 0 is 1 BC, as in ISO 8601.
    package var year: Int { packed >> 9 }
    /// The month, 1 (January) through 12.
    package var month: Int { (packed >> 5) & 15 }
    /// The day of the month, 1 through 28…31.
    package var day: Int { packed & 31 }

    /// Creates a date, or nil when the day does not exist (2026-02-30).
    package init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// The date `daysSinceEpoch` days after 1970-01-01 (negative: before it).
    package init(daysSinceEpoch: Int) {
        let (year, month, day) = CivilDays.date(daysSinceEpoch)
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// Days from 1970-01-01 to this date (negative before it).
    package var daysSinceEpoch: Int { CivilDays.dayNumber(year: year, month: month, day: day) }

    /// The day of the week.
    package var weekday: Weekday {
        Weekday(rawValue: CivilDays.weekday(daysSinceEpoch))!
    }

    /// The day of the year, 1 (January 1) through 365 or 366.
    package var dayOfYear: Int {
        daysSinceEpoch - LocalDate(uncheckedYear: year, month: 1, day: 1).daysSinceEpoch + 1
    }

    /// Whether `year` has a February 29.
    package static func isLeapYear(_ year: Int) -> Bool { CivilDays.isLeapYear(year) }

    /// The number of days in `month` of `year` (28…31); 0 for a month
    /// outside 1…12.
    package static func daysInMonth(year: Int, month: Int) -> Int { CivilDays.daysInMonth(year: year, month: month) }

    /// `year`-`month`-`day` for components already known to be valid.
    init(uncheckedYear year: Int, month: Int, day: Int) {
        packed = year << 9 | month << 5 | day
    }

    /// Whether `a` is an earlier day than `b`.
    package static func < (a: LocalDate, b: LocalDate) -> Bool { a.packed < b.packed }

    /// ISO 8601: "2026-11-20" (years outside 0…9999 keep their sign and digits).
    package var description: String {
        let year = self.year, month = self.month, day = self.day
        if (0...9999).contains(year) {
            // Planning writes one into every reminder key: build it in place.
            return String(unsafeUninitializedCapacity: 10) { out in
                func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value % 10) }
                out[0] = digit(year / 1000)
                out[1] = digit(year / 100)
                out[2] = digit(year / 10)
                out[3] = digit(year)
                out[4] = UInt8(ascii: "-")
                out[5] = digit(month / 10)
                out[6] = digit(month)
                out[7] = UInt8(ascii: "-")
                out[8] = digit(day / 10)
                out[9] = digit(day)
                return 10
            }
        }
        // Years outside 0…9999 keep their sign.
        return "\(year < 0 ? "-" : "+")\(abs(year).zeroPadded(4))-\(month.zeroPadded(2))-\(day.zeroPadded(2))"
    }
}
