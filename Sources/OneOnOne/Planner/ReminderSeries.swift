/// A run of reminders about one subject, each later than the one before:
/// due-soon, due, overdue #1, #2 … for a 1:1; stale #1, #2 … for an item;
/// a single drift or mood alert.
///
/// Occurrence `n` (0-based) has a raw instant; the deferral moves it to
/// when it may fire. At any instant the series answers which occurrence
/// fires (the latest whose time has come, unless its key already fired)
/// and when the next one is due.
struct ReminderSeries: Sendable {
    /// What the reminders are about, with what times them.
    enum Subject: Sendable {
        /// A member's 1:1: [due-soon], due, overdue #1, #2 … (as `Repeats`).
        case meeting(Timeline)
        /// An open item gone stale: alerts #1, #2 … (as `Repeats`).
        case staleItem(ActionItem, Staleness, alerts: Repeats)
        /// One alert: the member's 1:1s fell below the consistency floor.
        case drift(since: LocalDate)
        /// One alert: the member's mood dropped below their baseline.
        case mood(MoodTrend, since: LocalDate)
        /// The team's digest, one a day from `from` on (see `Digest`).
        case digest(Digest, from: LocalDate)
    }

    let subject: Subject
    let deferral: Deferral
    /// Writes the reminders' titles and bodies.
    let text: ReminderText
    /// Nothing fires while the member is away (their first reminder back
    /// replaces what was missed); the next wake is still planned.
    let quiet: Bool

    /// The raw instant of occurrence `n`.
    func raw(_ n: Int) -> Instant {
        switch subject {
        case .meeting(let timeline):
            let step = Self.meetingStep(n, timeline)
            switch step {
            case 0: return timeline.dueSoonStart!
            case 1: return timeline.dueStart
            default: return timeline.overdueAlerts.instant(step - 2)
            }
        case .staleItem(_, _, let alerts):
            return alerts.instant(n)
        case .drift(let since), .mood(_, let since):
            return text.calendar.startOfDay(since)
        case .digest(let digest, let from):
            return digest.raw(on: from.adding(days: n))
        }
    }

    /// The largest `n` whose raw instant is at or before `t`, or −1.
    func lastRawIndex(atOrBefore t: Instant) -> Int {
        switch subject {
        case .meeting(let timeline):
            let offset = timeline.dueSoonStart == nil ? 1 : 0
            let overdue = timeline.overdueAlerts.lastIndex(atOrBefore: t) + 1
            if overdue > 0 { return overdue + 1 - offset }
            if t >= timeline.dueStart { return 1 - offset }
            if let soon = timeline.dueSoonStart, t >= soon { return 0 }
            return -1
        case .staleItem(_, _, let alerts):
            return alerts.lastIndex(atOrBefore: t)
        case .drift, .mood:
            return t >= raw(0) ? 0 : -1
        case .digest(_, let from):
            let day = from.days(to: text.calendar.date(of: t))
            return day < 0 ? -1 : raw(day) <= t ? day : day - 1
        }
    }

    /// How many occurrences there are: a 1:1's and an item's alerts stop
    /// after `give_up` (see `Repeats`); drift and mood are one alert.
    var count: Int {
        switch subject {
        case .meeting(let timeline): (timeline.dueSoonStart == nil ? 1 : 2) + timeline.overdueAlerts.count
        case .staleItem(_, _, let alerts): alerts.count
        case .drift, .mood: 1
        case .digest: Int.max / 2
        }
    }

    /// Whether a missed occurrence is reported late: not for drift or
    /// mood, which are found in the history rather than scheduled ahead.
    var timed: Bool {
        switch subject {
        case .meeting, .staleItem: true
        case .drift, .mood, .digest: false
        }
    }

    /// The reminder to fire at `now`, if any, and the next instant at which
    /// the series has something new.
    ///
    /// - Parameter lateness: whether an occurrence whose time has passed is
    ///   reported late. A drift or mood alert is found in the history, not
    ///   scheduled ahead, so it never is.
    func step(at now: Instant, lateness: Bool, ledger: Ledger) -> (fire: Reminder?, next: Instant?) {
        let high = min(count - 1, lastRawIndex(atOrBefore: now))
        // The deferred instants never decrease with n, so the occurrence
        // that fires is the last n ≤ high whose deferred instant has come:
        // found by bisection between one known to have come (or −1) and
        // one known not to.
        var came = -1, notYet = high + 1
        if high >= 0 && deferral(raw(high)) <= now { came = high }
        while notYet - came > 1 {
            let mid = came + (notYet - came) / 2
            if deferral(raw(mid)) <= now { came = mid } else { notYet = mid }
        }
        var fire: Reminder?
        if came >= 0 && !quiet {
            let scheduled = deferral(raw(came))
            let late = now - scheduled
            let lateBy = timed && lateness && late > Planner.lateTolerance && !isNews(came) ? late : nil
            // A digest's key is known without writing it (which takes the
            // whole team's state): one that went out is not written again.
            let reminder = digestKey(came).map(ledger.contains) == true ? nil
                : make(came, scheduled: scheduled, lateBy: lateBy)
            // An alert's identity is its run and its raw time, not its
            // number alone: a config edit (other working hours) can make an
            // earlier number the one that came, and what was shown already
            // covers every occurrence up to when it was shown. The next
            // fires at the next real repeat.
            if let reminder {
                let shown = ledger.lastFired(inRunOf: reminder.key).map { raw(came) <= $0 } ?? false
                if !ledger.contains(reminder.key) && !shown { fire = reminder }
            }
        }
        // The occurrence after the one that came is later than now: its
        // raw instant is (past `high`), or its deferred one is. Checked all
        // the same: a wake now would have the daemon spin.
        let next = came + 1 < count ? deferral(raw(came + 1)) : nil
        return (fire, next.flatMap { $0 > now ? $0 : nil })
    }

    /// Whether occurrence `n` was news when its time came, not something
    /// missed: an item's first alert on the day it was written down (it
    /// did not exist all that day, so nothing was late about it).
    func isNews(_ n: Int) -> Bool {
        if case .staleItem(let item, _, _) = subject { return n == 0 && text.calendar.date(of: raw(0)) == item.created }
        return false
    }

    /// The key of digest `n`, when this is the digest.
    func digestKey(_ n: Int) -> String? {
        guard case .digest(_, let from) = subject else { return nil }
        return Reminder.key(.digest, subject: "", since: from.adding(days: n), occurrence: 1)
    }

    /// Occurrence `n`, scheduled at `scheduled`; nil for a digest with
    /// nothing to say.
    func make(_ n: Int, scheduled: Instant, lateBy: Int64?) -> Reminder? {
        switch subject {
        case .meeting(let timeline):
            text.meeting(step: Self.meetingStep(n, timeline), scheduled: scheduled, lateBy: lateBy)
        case .staleItem(let item, let staleness, _):
            text.staleItem(item, staleness, occurrence: n + 1, scheduled: scheduled, lateBy: lateBy)
        case .drift(let since):
            text.drift(since: since, scheduled: scheduled)
        case .mood(let mood, let since):
            text.mood(mood, since: since, scheduled: scheduled)
        case .digest(let digest, let from):
            digest.reminder(day: from.adding(days: n), previous: digest.previousWorkingDay(before: from.adding(days: n)),
                            scheduled: scheduled)
        }
    }

    /// A 1:1's occurrence `n` as a step: 0 due-soon, 1 due, 1 + k overdue
    /// #k. Without a lead there is no due-soon nudge, and `n` starts at due.
    static func meetingStep(_ n: Int, _ timeline: Timeline) -> Int {
        n + (timeline.dueSoonStart == nil ? 1 : 0)
    }
}
