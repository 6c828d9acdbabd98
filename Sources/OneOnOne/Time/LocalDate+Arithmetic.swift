/// Calendar arithmetic: days, weeks and months, the way people count them.
extension LocalDate {
    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        days == 0 ? self : LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The date `weeks` weeks later (earlier when negative).
    public func adding(weeks: Int) -> LocalDate { adding(days: 7 * weeks) }

    /// The same day `months` calendar months later, clamped to the end of a
    /// shorter month: 2026-01-31 + 1 month is 2026-02-28.
    ///
    /// Clamping is not undone later: 2026-01-31 + 1 month + 1 month is
    /// 2026-03-28, while 2026-01-31 + 2 months is 2026-03-31.
    public func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let newYear = total.floorDivided(by: 12)
        let newMonth = total.modulo(12) + 1
        let newDay = min(day, LocalDate.daysInMonth(year: newYear, month: newMonth))
        return LocalDate(uncheckedYear: newYear, month: newMonth, day: newDay)
    }

    /// The same day `years` years later; February 29 becomes February 28 in
    /// a common year.
    public func adding(years: Int) -> LocalDate { adding(months: 12 * years) }

    /// The number of days from this date to `other`: positive when `other`
    /// is later, 0 for the same day.
    public func days(to other: LocalDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// The ISO 8601 week: weeks start on Monday and week 1 is the one that
    /// holds the year's first Thursday, so 2026-12-31 is in 2026-W53 and
    /// 2027-01-01 too.
    ///
    /// - Returns: the ISO week-numbering year (which differs from `year` for
    ///   a few days around New Year) and the week, 1 through 52 or 53.
    public var isoWeek: (year: Int, week: Int) {
        // A week belongs to the year that holds its Thursday.
        let thursday = adding(days: 4 - weekday.rawValue)
        return (thursday.year, (thursday.dayOfYear - 1) / 7 + 1)
    }
}
