/// How regularly 1:1s with a member really happen, over a recent window.
package struct Consistency: Sendable, Hashable {
    /// The share of expected 1:1s held on time (within the slack), 0 … 1;
    /// nil when the window holds no expected 1:1 yet.
    package var onTimeShare: Double?
    /// Expected 1:1s in the window, and how many of them were on time.
    package var expected: Int
    package var onTime: Int
    /// On-time 1:1s in a row, counting back from the latest.
    package var streak: Int
    /// The mean days between 1:1s in the window, nil with fewer than two.
    package var meanInterval: Double?
    /// The cadence in days, to compare the mean with.
    package var cadenceDays: Double
    /// Whether things are getting better or worse than the window before.
    package var trend: Trend
    /// The ratio interval / cadence of the recent intervals, oldest first
    /// (for the sparkline); a missed, still open interval counts too.
    package var recentRatios: [Double]

    /// The direction of the on-time share against the window before.
    package enum Trend: String, Sendable, Hashable {
        case improving, steady, slipping, unknown
    }

    /// The recent intervals as a small bar chart, one bar per interval,
    /// taller for longer gaps (a full bar is twice the cadence or more).
    package var sparkline: String {
        let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        return String(recentRatios.map { ratio in bars[min(7, max(0, Int((ratio / 2 * 8).rounded(.down))))] })
    }

    /// Measures consistency at `today` for a schedule.
    ///
    /// Each 1:1 after the first is one expected 1:1: on time when held by
    /// the due date of the one before plus the slack. A 1:1 now overdue is
    /// one more expected 1:1, missed. The window is `consistency_window`
    /// (at least six cadence periods are not required: short histories are
    /// measured on what there is).
    package init(schedule: Schedule, today: LocalDate) {
        let window = schedule.member.settings.consistencyWindow.days
        let start = today.adding(days: -window)
        let previousStart = start.adding(days: -window)
        let outcomes = Consistency.outcomes(schedule: schedule, today: today, from: previousStart)
        let current = outcomes.filter { $0.end > start.daysSinceEpoch }
        let previous = outcomes.filter { $0.end <= start.daysSinceEpoch }
        expected = current.count
        onTime = current.filter(\.onTime).count
        onTimeShare = expected > 0 ? Double(onTime) / Double(expected) : nil
        streak = current.reversed().prefix { $0.onTime }.count
        let intervals = current.filter { !$0.open }.map { Double($0.days) }
        meanInterval = intervals.isEmpty ? nil : intervals.reduce(0, +) / Double(intervals.count)
        cadenceDays = schedule.cadenceDays
        recentRatios = outcomes.suffix(8).map { Double($0.days) / schedule.cadenceDays }
        if let now = onTimeShare, !previous.isEmpty {
            let before = Double(previous.filter(\.onTime).count) / Double(previous.count)
            trend = now > before + 0.1 ? .improving : now < before - 0.1 ? .slipping : .steady
        } else {
            trend = .unknown
        }
    }

    /// One expected 1:1 and how it went.
    struct Outcome {
        /// The day (`daysSinceEpoch`) it was held, or today when still open.
        var end: Int
        var days: Int
        var onTime: Bool
        var open: Bool
    }

    /// The outcomes of every expected 1:1 that ended after `from`.
    static func outcomes(schedule: Schedule, today: LocalDate, from: LocalDate) -> [Outcome] {
        let meetings = schedule.meetings
        let slack = schedule.member.settings.slack.days
        var result: [Outcome] = []
        let firstIndex = max(1, meetings.firstIndex(after: from) { $0.date })
        if firstIndex < meetings.count {
            result.reserveCapacity(meetings.count - firstIndex + 1)
            var previous = meetings[firstIndex - 1].date.daysSinceEpoch
            for i in firstIndex..<meetings.count {
                let day = meetings[i].date.daysSinceEpoch
                let due = schedule.dueDay(after: i - 1, day: previous)
                result.append(Outcome(end: day, days: day - previous, onTime: day <= due + slack, open: false))
                previous = day
            }
        }
        if today > schedule.lastLateDay, let last = meetings.last {
            result.append(Outcome(end: today.daysSinceEpoch, days: last.date.days(to: today), onTime: false, open: true))
        }
        return result
    }

    /// The day the member's on-time share last fell below the floor and has
    /// stayed below it every day until `today` (looking back at most 400
    /// days), or nil when it is not below the floor. Needs at least three
    /// expected 1:1s in the window to judge.
    ///
    /// On each day the share counts the 1:1s held in the window before it
    /// (each on time or not against the one before it) and, once past its
    /// last late day, the gap still open after the last 1:1 held by then.
    package static func driftStart(schedule: Schedule, today: LocalDate) -> LocalDate? {
        let settings = schedule.member.settings
        let window = settings.consistencyWindow.days
        let meetings = schedule.meetings
        let from = today.adding(days: -400 - window)
        // The 1:1s are judged once; each day counts them by bisection. Days
        // are day numbers: the look-back walks hundreds of them.
        let closed = outcomes(schedule: schedule, today: today, from: from).filter { !$0.open }
        var onTimeBefore = [0]
        onTimeBefore.reserveCapacity(closed.count + 1)
        for outcome in closed { onTimeBefore.append(onTimeBefore[onTimeBefore.count - 1] + (outcome.onTime ? 1 : 0)) }
        // The days of the 1:1s from the last one held by `from` on (every
        // day looked at is later).
        let base = max(0, meetings.firstIndex(after: from) { $0.date } - 1)
        let held = meetings[base...].map(\.date.daysSinceEpoch)
        // The last day on time after each 1:1, worked out once per 1:1:
        // most days of the look-back share the one before.
        var lateAfter: (meeting: Int, day: Int)?
        func below(at day: Int) -> Bool {
            let first = closed.firstIndex(after: day - window) { $0.end }
            let end = closed.firstIndex(after: day) { $0.end }
            var count = max(0, end - first)
            let last = held.firstIndex(after: day) { $0 } - 1
            if last >= 0 {
                if lateAfter?.meeting != last {
                    lateAfter = (last, schedule.dueDay(after: base + last, day: held[last]) + settings.slack.days)
                }
                if day > lateAfter!.day { count += 1 }
            }
            guard count >= 3 else { return false }
            return Double(onTimeBefore[end] - onTimeBefore[first]) / Double(count) < settings.consistencyFloor
        }
        let todayNumber = today.daysSinceEpoch
        guard below(at: todayNumber) else { return nil }
        var start = todayNumber
        while start - 1 > todayNumber - 400, below(at: start - 1) { start -= 1 }
        return LocalDate(daysSinceEpoch: start)
    }
}
