/// The starts an RRULE gives, in order: the rule applied period by period
/// (day, week, month, year) from DTSTART, each period's days sorted.
///
/// Every start keeps DTSTART's time of day and zone. DTSTART itself is
/// always the first, whether or not the rule would give it, and COUNT
/// counts it. The walk stops at COUNT, after UNTIL, past the latest day
/// asked for, past the year 9999, or after `maximumSteps` days looked at,
/// so no rule, however hostile, makes it run long.
struct Expansion {
    let rule: RecurrenceRule
    let start: ICalendarDateTime
    let timeline: Timeline

    /// The most candidate days (or empty periods) looked at in one walk:
    /// 270 years of a daily rule.
    static let maximumSteps = 100_000

    /// Calls `visit` with each start whose day is between `firstDay` and
    /// `lastDay` (day numbers, inclusive), until it returns false.
    ///
    /// A rule without COUNT starts its walk a little before `firstDay`
    /// rather than at DTSTART, since nothing before it matters.
    func forEach(fromDay firstDay: Int, throughDay lastDay: Int, _ visit: (ICalendarDateTime) -> Bool) {
        let startDay = start.dayNumber
        let until = rule.until.map { until in
            // A local UNTIL is read in DTSTART's zone.
            until.zone == .floating && !until.isDate
                ? ICalendarDateTime(dayNumber: until.dayNumber, secondsOfDay: until.secondsOfDay, zone: start.zone, isDate: false)!
                : until
        }
        var produced = 0
        func offer(_ reading: ICalendarDateTime) -> Bool {
            if let until, !timeline.isAtOrBefore(reading, until) { return false }
            produced += 1
            if let count = rule.count, produced > count { return false }
            let day = reading.dayNumber
            if day > lastDay { return false }
            return day < firstDay || visit(reading)
        }
        // DTSTART comes first and counts, even past UNTIL.
        produced = 1
        if startDay > lastDay { return }
        if startDay >= firstDay, !visit(start) { return }

        var period = rule.count == nil ? firstPeriod(near: firstDay) : 0
        var steps = 0
        while steps < Expansion.maximumSteps {
            guard let days = candidateDays(inPeriod: period) else { return }
            if days.begins > lastDay { return }
            for day in days.list where day > startDay {
                guard let reading = start.on(dayNumber: day), offer(reading) else { return }
            }
            steps += max(1, days.list.count)
            period += 1
        }
    }

    // MARK: Periods

    /// The first period worth walking for days from `day` on: one before the
    /// period that holds it, or 0.
    private func firstPeriod(near day: Int) -> Int {
        let interval = rule.interval
        let periods: Int
        switch rule.frequency {
        case .daily: periods = (day - start.dayNumber) / interval
        case .weekly: periods = (day - weekStart) / (7 * interval)
        case .monthly:
            let (y, m, _) = CivilDays.date(day)
            periods = (y * 12 + m - (start.year * 12 + start.month)) / interval
        case .yearly: periods = (CivilDays.date(day).year - start.year) / interval
        }
        return max(0, periods - 1)
    }

    /// The day DTSTART's week begins (on WKST).
    private var weekStart: Int {
        let startDay = start.dayNumber
        return startDay - (start.weekday - rule.weekStart.rawValue + 7) % 7
    }

    /// The days period `k` offers, sorted, and the first day of the period;
    /// nil once the period is past the year 9999.
    private func candidateDays(inPeriod k: Int) -> (begins: Int, list: [Int])? {
        let interval = rule.interval
        switch rule.frequency {
        case .daily:
            let day = start.dayNumber + k * interval
            guard CivilDays.date(day).year <= 9999 else { return nil }
            return (day, matchesFilters(day) ? [day] : [])
        case .weekly:
            let week = weekStart + 7 * k * interval
            guard CivilDays.date(week).year <= 9999 else { return nil }
            let weekdays = rule.byDay.isEmpty ? [start.weekday] : rule.byDay.map(\.weekday.rawValue)
            let days = Set(weekdays.map { week + ($0 - rule.weekStart.rawValue + 7) % 7 })
            return (week, days.sorted())
        case .monthly:
            let index = start.year * 12 + start.month - 1 + k * interval
            let (year, month) = (index / 12, index % 12 + 1)
            guard year <= 9999 else { return nil }
            let first = CivilDays.dayNumber(year: year, month: month, day: 1)
            return (first, monthDays(year: year, month: month).map { first + $0 - 1 })
        case .yearly:
            let year = start.year + k * interval
            guard year <= 9999 else { return nil }
            let first = CivilDays.dayNumber(year: year, month: 1, day: 1)
            guard ICalendarDateTime.isValidDate(year: year, month: start.month, day: start.day) else { return (first, []) }
            return (first, [CivilDays.dayNumber(year: year, month: start.month, day: start.day)])
        }
    }

    /// DAILY: BYDAY and BYMONTHDAY only filter.
    private func matchesFilters(_ day: Int) -> Bool {
        if !rule.byDay.isEmpty, !rule.byDay.contains(where: { $0.weekday.rawValue == CivilDays.weekday(day) }) {
            return false
        }
        guard !rule.byMonthDay.isEmpty else { return true }
        let (y, m, d) = CivilDays.date(day)
        let length = CivilDays.daysInMonth(year: y, month: m)
        return rule.byMonthDay.contains { $0 > 0 ? $0 == d : length + $0 + 1 == d }
    }

    /// MONTHLY: the days of the month (1-based, sorted) the rule gives.
    /// BYMONTHDAY picks days and BYDAY, if also there, keeps those on its
    /// weekdays; BYDAY alone picks its weekdays (the nth one for "2TU");
    /// neither gives DTSTART's day, in months that have it.
    private func monthDays(year: Int, month: Int) -> [Int] {
        let length = CivilDays.daysInMonth(year: year, month: month)
        let firstWeekday = CivilDays.weekday(CivilDays.dayNumber(year: year, month: month, day: 1))
        func weekday(of day: Int) -> Int { (firstWeekday - 1 + day - 1) % 7 + 1 }
        func matches(_ entry: RecurrenceRule.WeekdayNumber, _ day: Int) -> Bool {
            guard weekday(of: day) == entry.weekday.rawValue else { return false }
            guard let n = entry.ordinal else { return true }
            return n > 0 ? (day - 1) / 7 + 1 == n : (length - day) / 7 + 1 == -n
        }
        var days: Set<Int> = []
        if !rule.byMonthDay.isEmpty {
            for n in rule.byMonthDay {
                let day = n > 0 ? n : length + n + 1
                guard (1...length).contains(day) else { continue }
                if rule.byDay.isEmpty || rule.byDay.contains(where: { matches($0, day) }) { days.insert(day) }
            }
        } else if !rule.byDay.isEmpty {
            for day in 1...length where rule.byDay.contains(where: { matches($0, day) }) { days.insert(day) }
        } else if start.day <= length {
            days.insert(start.day)
        }
        return days.sorted()
    }
}
