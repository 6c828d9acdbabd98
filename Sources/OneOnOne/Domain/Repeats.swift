/// When an unresolved alert (an overdue 1:1, a stale item) comes again:
/// every `repeat` for its first week, then weekly, and no more once
/// `give_up` has passed since the first — it stays in `status` and in the
/// digest, but a notification that says nothing new every day is noise.
package struct Repeats: Sendable {
    let calendar: ZonedCalendar
    /// The first alert's raw instant.
    let start: Instant
    let every: TimeSpan
    /// How many alerts come in the first week, `every` apart.
    let firstWeek: Int
    /// How many alerts there are in all.
    package let count: Int

    static let week = TimeSpan(days: 7)

    init(calendar: ZonedCalendar, from start: Instant, every: TimeSpan, giveUp: TimeSpan) {
        self.calendar = calendar
        self.start = start
        self.every = every
        // Alerts come before these instants: the end of the first week, and
        // `giveUp` after the first.
        let weekEnd = calendar.adding(Self.week, to: start), end = calendar.adding(giveUp, to: start)
        let limit = min(weekEnd, end).adding(seconds: -1)
        firstWeek = max(1, calendar.lastStep(of: every, from: start, atOrBefore: limit) + 1)
        let weekly = end > weekEnd ? max(0, calendar.lastStep(of: Self.week, from: start, atOrBefore: end.adding(seconds: -1))) : 0
        count = firstWeek + weekly
    }

    /// The raw instant of alert `n` (0-based).
    func instant(_ n: Int) -> Instant {
        n < firstWeek ? calendar.step(n, of: every, from: start) : calendar.step(n - firstWeek + 1, of: Self.week, from: start)
    }

    /// The largest `n` whose instant is at or before `t`, or −1.
    func lastIndex(atOrBefore t: Instant) -> Int {
        guard t >= start else { return -1 }
        let weeks = calendar.lastStep(of: Self.week, from: start, atOrBefore: t)
        if weeks == 0 { return min(firstWeek - 1, calendar.lastStep(of: every, from: start, atOrBefore: t)) }
        return min(count - 1, firstWeek - 1 + weeks)
    }
}
