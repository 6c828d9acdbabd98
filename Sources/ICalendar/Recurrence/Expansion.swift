import Civil
/// The starts an RRULE gives, in order: the rule applied period by period
/// (day, week, month, year) from DTSTART, each period's days sorted.
///
/// Every start keeps DTSTART's time of day and zone. DTSTART itself is
/// always the first, whether or not the rule would give it, and COUNT
/// counts it. The walk stops at COUNT, after UNTIL, past the latest day
/// asked for, past the year 9999, or after `maximumSteps`, so no rule,
/// however hostile, makes it run long.
struct Expansion {
    let rule: RecurrenceRule
    let start: ICalendarDateTime
    let timeline: Timeline

    init(rule: RecurrenceRule, start: ICalendarDateTime, timeline: Timeline) {
        var rule = rule
        // Every day, kept on some days of the month, is those days of every
        // month: the monthly walk gives the same starts and can skip ahead.
        if rule.frequency == .daily, rule.interval == 1, !rule.byMonthDay.isEmpty { rule.frequency = .monthly }
        // A repeated entry changes nothing but the work per period.
        var seenDays: Set<RecurrenceRule.WeekdayNumber> = [], seenMonthDays: Set<Int> = []
        rule.byDay = rule.byDay.filter { seenDays.insert($0).inserted }
        rule.byMonthDay = rule.byMonthDay.filter { seenMonthDays.insert($0).inserted }
        self.rule = rule
        self.start = start
        self.timeline = timeline
    }

    /// The most periods and days one walk looks at: 54 years of a daily
    /// rule, 1 600 of a monthly one. Walks seldom come near it, as the
    /// periods before the window are skipped (counted, for COUNT, a cycle
    /// at a time); only a sparse rule over a window of decades, or COUNT
    /// with a DAILY rule every few days on some days of the month, reach
    /// it, and then end early.
    static let maximumSteps = 20_000

    /// Calls `visit` with each start whose day is between `firstDay` and
    /// `lastDay` (day numbers, inclusive), until it returns false.
    func forEach(fromDay firstDay: Int, throughDay lastDay: Int, _ visit: (ICalendarDateTime) -> Bool) {
        let startDay = start.dayNumber
        // DTSTART comes first and counts, even past UNTIL.
        if startDay > lastDay { return }
        if startDay >= firstDay, !visit(start) { return }
        let until = rule.until.map { until in
            // A local UNTIL is read in DTSTART's zone.
            until.zone == .floating && !until.isDate
                ? ICalendarDateTime(dayNumber: until.dayNumber, secondsOfDay: until.secondsOfDay, zone: start.zone, isDate: false)!
                : until
        }
        var period = firstPeriod(near: firstDay)
        var produced = 1
        if let count = rule.count, period > 0 {
            if let before = startsBefore(period: period) {
                produced += before
                if produced >= count { return }
            } else {
                period = 0
            }
        }
        var steps = 0
        while steps < Expansion.maximumSteps {
            guard let days = candidates(inPeriod: period), days.begins <= lastDay else { return }
            var mask = days.mask
            while mask != 0 {
                let day = days.begins + mask.trailingZeroBitCount
                mask &= mask - 1
                guard day > startDay else { continue }
                guard let reading = start.on(dayNumber: day) else { return }
                if let until, !timeline.isAtOrBefore(reading, until) { return }
                produced += 1
                if let count = rule.count, produced > count { return }
                if day > lastDay { return }
                if day >= firstDay, !visit(reading) { return }
            }
            steps += 1 + days.mask.nonzeroBitCount
            period += 1
        }
    }

    // MARK: Skipping ahead

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

    /// How many starts after DTSTART the periods before `period` give, or
    /// nil when counting them would take too long.
    ///
    /// The number of days a period gives repeats with the calendar: every
    /// period alike for WEEKLY, with the weekday every 7 days for DAILY,
    /// and with the 400-year Gregorian cycle (which is whole weeks) for
    /// MONTHLY and YEARLY; so one cycle is counted and multiplied.
    private func startsBefore(period: Int) -> Int? {
        let cycle: Int
        switch rule.frequency {
        case .daily:
            // Every few days on some days of the month only repeats after
            // 400 years times the interval: walked, not counted.
            guard rule.byMonthDay.isEmpty else { return nil }
            cycle = rule.byDay.isEmpty ? 1 : 7
        case .weekly: cycle = 1
        case .monthly: cycle = 4800 / Expansion.gcd(4800, rule.interval)
        case .yearly: cycle = 400 / Expansion.gcd(400, rule.interval)
        }
        func count(_ periods: Range<Int>) -> Int? {
            var total = 0
            for k in periods {
                guard let days = candidates(inPeriod: k) else { return nil }
                total += days.mask.nonzeroBitCount
            }
            return total
        }
        guard let zero = candidates(inPeriod: 0) else { return nil }
        let startDay = start.dayNumber
        // Period 0 gives only the days after DTSTART.
        let shift = startDay - zero.begins + 1
        let first = shift >= 32 ? 0 : shift <= 0 ? zero.mask.nonzeroBitCount : (zero.mask >> UInt32(shift)).nonzeroBitCount
        let later = period - 1
        guard let perCycle = count(1..<(1 + min(cycle, later))) else { return nil }
        guard later > cycle else { return first + perCycle }
        guard let rest = count(1..<(1 + later % cycle)) else { return nil }
        return first + later / cycle * perCycle + rest
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    // MARK: Periods

    /// The day DTSTART's week begins (on WKST).
    private var weekStart: Int {
        start.dayNumber - (start.weekday - rule.weekStart.rawValue + 7) % 7
    }

    /// The days period `k` offers: its first day, and a bit for each day
    /// from it that the rule gives (bit 0 for the first day), so they come
    /// sorted and once each; nil once the period is past the year 9999.
    private func candidates(inPeriod k: Int) -> (begins: Int, mask: UInt32)? {
        let interval = rule.interval
        switch rule.frequency {
        case .daily:
            let day = start.dayNumber + k * interval
            guard day <= CivilDays.lastDay else { return nil }
            return (day, matchesFilters(day) ? 1 : 0)
        case .weekly:
            let week = weekStart + 7 * k * interval
            guard week <= CivilDays.lastDay else { return nil }
            return (week, weekMask)
        case .monthly:
            let index = start.year * 12 + start.month - 1 + k * interval
            let (year, month) = (index / 12, index % 12 + 1)
            guard year <= 9999 else { return nil }
            let first = CivilDays.dayNumber(year: year, month: month, day: 1)
            return (first, monthMask(length: CivilDays.daysInMonth(year: year, month: month), firstWeekday: CivilDays.weekday(first)))
        case .yearly:
            let year = start.year + k * interval
            guard year <= 9999 else { return nil }
            guard ICalendarDateTime.isValidDate(year: year, month: start.month, day: start.day) else {
                return (CivilDays.dayNumber(year: year, month: 1, day: 1), 0)
            }
            return (CivilDays.dayNumber(year: year, month: start.month, day: start.day), 1)
        }
    }

    /// WEEKLY: the BYDAY weekdays (or DTSTART's) as offsets from WKST.
    private var weekMask: UInt32 {
        let weekdays = rule.byDay.isEmpty ? [start.weekday] : rule.byDay.map(\.weekday.rawValue)
        return weekdays.reduce(0) { $0 | 1 << UInt32((($1 - rule.weekStart.rawValue) + 7) % 7) }
    }

    /// DAILY: BYDAY and BYMONTHDAY only filter.
    private func matchesFilters(_ day: Int) -> Bool {
        if !rule.byDay.isEmpty {
            let weekday = CivilDays.weekday(day)
            guard rule.byDay.contains(where: { $0.weekday.rawValue == weekday }) else { return false }
        }
        guard !rule.byMonthDay.isEmpty else { return true }
        let (y, m, d) = CivilDays.date(day)
        let length = CivilDays.daysInMonth(year: y, month: m)
        return rule.byMonthDay.contains { $0 > 0 ? $0 == d : length + $0 + 1 == d }
    }

    /// MONTHLY: the days of a month of `length` days starting on
    /// `firstWeekday` that the rule gives, bit 0 for the 1st. BYMONTHDAY
    /// picks days and BYDAY, if also there, keeps those on its weekdays;
    /// BYDAY alone picks its weekdays (the nth one for "2TU"); neither
    /// gives DTSTART's day, in months that have it.
    private func monthMask(length: Int, firstWeekday: Int) -> UInt32 {
        let all: UInt32 = (1 << UInt32(length)) - 1
        var byDay: UInt32 = 0
        for entry in rule.byDay {
            // 0-based: the first day of the month on that weekday.
            let first = (entry.weekday.rawValue - firstWeekday + 7) % 7
            switch entry.ordinal {
            case nil: byDay |= (0b1_0000001_0000001_0000001_0000001 as UInt32) << UInt32(first)
            case let n? where n > 0: byDay |= 1 << UInt32(min(31, first + 7 * (n - 1)))
            case let n?:
                let last = first + (length - 1 - first) / 7 * 7
                let day = last + 7 * (n + 1)
                if day >= 0 { byDay |= 1 << UInt32(day) }
            }
        }
        byDay &= all
        guard !rule.byMonthDay.isEmpty else {
            if !rule.byDay.isEmpty { return byDay }
            return start.day <= length ? 1 << UInt32(start.day - 1) : 0
        }
        var byMonthDay: UInt32 = 0
        for n in rule.byMonthDay {
            let day = n > 0 ? n - 1 : length + n
            if (0..<length).contains(day) { byMonthDay |= 1 << UInt32(day) }
        }
        return rule.byDay.isEmpty ? byMonthDay : byMonthDay & byDay
    }
}
