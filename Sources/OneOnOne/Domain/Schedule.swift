/// When a member's next 1:1 is due, and why: the facts every other part of
/// the domain (status, planner, agenda, export) starts from.
package struct Schedule: Sendable {
    package let member: Member
    /// 1:1s held with the member up to today, oldest first, one per day.
    package let meetings: [Meeting]
    /// The day the cadence counts from: the last 1:1, else `since`, else the
    /// day oneonone first saw the member, else today.
    package let anchor: LocalDate
    /// The cadence in force (`auto` resolved).
    package let cadence: Cadence
    /// True when `cadence` was learned from recent intervals.
    package let learned: Bool
    /// The day the next 1:1 is due (pushed out by away periods).
    package let due: LocalDate
    /// The last day that still counts as late-but-fine.
    package let lastLateDay: LocalDate

    /// The last 1:1 held, if any.
    package var last: Meeting? { meetings.last }

    /// Builds the schedule of `member` from their 1:1s.
    ///
    /// - Parameters:
    ///   - member: the member, with settings resolved.
    ///   - meetings: the member's 1:1s, oldest first (any held after `today` are ignored).
    ///   - firstSeen: when oneonone first saw the member, if recorded.
    ///   - today: the current date in the manager's zone.
    package init(member: Member, meetings: [Meeting], firstSeen: LocalDate?, today: LocalDate) {
        self.member = member
        let held = Schedule.held(meetings, today: today)
        self.meetings = held
        let settings = member.settings
        var cadence = settings.cadence
        var learned = false
        if case .auto = cadence {
            if let inferred = Schedule.infer(held) {
                cadence = inferred
                learned = true
            } else {
                cadence = settings.autoFallback
            }
        }
        self.cadence = cadence
        self.learned = learned
        if let last = held.last {
            anchor = last.date
            due = Schedule.dueDate(after: last.date, cadence: cadence, away: member.away)
        } else {
            anchor = member.since ?? firstSeen ?? today
            // Never met: due from the day they joined (pushed past an away period).
            due = anchor.pushed(by: 0, over: member.away)
        }
        lastLateDay = due.adding(days: settings.slack.days)
    }

    /// The 1:1s of `meetings` held up to `today`, one per day (of two
    /// records on one day the later wins).
    static func held(_ meetings: [Meeting], today: LocalDate) -> [Meeting] {
        var held: [Meeting] = []
        held.reserveCapacity(meetings.count)
        for m in meetings where m.date <= today {
            if let last = held.last, last.date == m.date {
                held[held.count - 1] = m
            } else {
                held.append(m)
            }
        }
        return held
    }

    /// The due date of the 1:1 after one held on `date`.
    package static func dueDate(after date: LocalDate, cadence: Cadence, away: [AwayPeriod]) -> LocalDate {
        switch cadence {
        case .days(let n): date.pushed(by: n, over: away)
        case .months(let n): date.pushed(by: 0, months: n, over: away)
        case .auto: date.pushed(by: 14, over: away)
        }
    }

    /// `dueDate` after `meetings[i]`, held on day number `day`, as a day
    /// number: with a cadence of days and no away periods, plain addition
    /// (a drift check asks this of dozens of 1:1s per member at every
    /// evaluation).
    func dueDay(after i: Int, day: Int) -> Int {
        if case .days(let n) = cadence, member.away.isEmpty { return day + n }
        return Schedule.dueDate(after: meetings[i].date, cadence: cadence, away: member.away).daysSinceEpoch
    }

    /// The cadence learned from the median of the last (up to six) intervals
    /// between 1:1s; nil with fewer than three intervals.
    static func infer(_ meetings: [Meeting]) -> Cadence? {
        guard meetings.count >= 4 else { return nil }
        let recent = meetings.suffix(7)
        var intervals: [Int] = []
        var previous: LocalDate?
        for m in recent {
            if let p = previous { intervals.append(p.days(to: m.date)) }
            previous = m.date
        }
        intervals.sort()
        let mid = intervals.count / 2
        let median = intervals.count % 2 == 1 ? intervals[mid] : (intervals[mid - 1] + intervals[mid] + 1) / 2
        return .days(max(1, median))
    }

    /// The nominal length of the cadence in days (a month counts 30.44).
    package var cadenceDays: Double {
        switch cadence {
        case .days(let n): Double(n)
        case .months(let n): Double(n) * 30.44
        case .auto: 14
        }
    }
}
