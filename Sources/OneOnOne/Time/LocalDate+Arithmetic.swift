/// Calendar arithmetic: days, weeks and months, the way people count them.
extension LocalDate {
    /// The date `days` days later (earlier when negative).
    package func adding(days: Int) -> LocalDate {
        days == 0 ? self : LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The date `weeks` weeks later (earlier when negative).
    package func adding(weeks: Int) -> LocalDate { adding(days: 7 * weeks) }

    /// The same day `months` calendar months later, clamped to the end of a
    /// shorter month: 2026-01-31 + 1 month is 2026-02-28.
    ///
    /// Clamping is not undone later: 2026-01-31 + 1 month + 1 month is
    /// 2026-03-28, while 2026-01-31 + 2 months is 2026-03-31.
    package func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let newYear = total.floorDivided(by: 12)
        let newMonth = total.modulo(12) + 1
        let newDay = min(day, LocalDate.daysInMonth(year: newYear, month: newMonth))
        return LocalDate(uncheckedYear: newYear, month: newMonth, day: newDay)
    }

    /// The same day `years` years later; February 29 becomes February 28 in
    /// a common year.
    package func adding(years: Int) -> LocalDate { adding(months: 12 * years) }

    /// The number of days from this date to `other`: positive when `other`
    /// is later, 0 for the same day.
    package func days(to other: LocalDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }
}
