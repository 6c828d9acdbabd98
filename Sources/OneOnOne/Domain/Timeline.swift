/// The instants at which a member's 1:1 changes state, in the manager's zone.
package struct Timeline: Sendable {
    package let schedule: Schedule
    /// From here on the 1:1 is due soon (nil when the lead is zero).
    package let dueSoonStart: Instant?
    /// The start of the due day.
    package let dueStart: Instant
    /// The start of the day after the slack: the first overdue alert.
    package let overdueStart: Instant
    let calendar: ZonedCalendar
    let repeatEvery: TimeSpan
    /// When the overdue alerts come (see `Repeats`).
    let overdueAlerts: Repeats

    package init(schedule: Schedule, calendar: ZonedCalendar) {
        self.schedule = schedule
        self.calendar = calendar
        let settings = schedule.member.settings
        repeatEvery = settings.repeatEvery
        dueStart = calendar.startOfDay(schedule.due)
        dueSoonStart = settings.lead.isZero ? nil : calendar.subtracting(settings.lead, from: dueStart)
        overdueStart = calendar.startOfDay(schedule.lastLateDay.adding(days: 1))
            .adding(seconds: Int64(settings.slack.seconds))
        overdueAlerts = Repeats(calendar: calendar, from: overdueStart, every: repeatEvery, giveUp: settings.giveUp)
    }

    /// The raw (not yet deferred) instant of the `n`th overdue alert, n ≥ 1.
    package func overdue(_ n: Int) -> Instant {
        calendar.adding(repeatEvery, times: n - 1, to: overdueStart)
    }

    /// How many overdue alerts have come due by `now` (0 before overdue).
    package func overdueCount(at now: Instant) -> Int {
        calendar.lastStep(of: repeatEvery, from: overdueStart, atOrBefore: now) + 1
    }

    /// The state at `now`, before away periods and snoozes are considered.
    package func state(at now: Instant) -> MemberState {
        let n = overdueCount(at: now)
        if n > 0 { return .overdue(repeats: n) }
        if now >= dueStart {
            return calendar.date(of: now) == schedule.due ? .due : .late
        }
        if let soon = dueSoonStart, now >= soon { return .dueSoon }
        return .onTrack
    }
}
