/// A run of reminders about one subject, each later than the one before:
/// due-soon, due, overdue #1, #2 … for a 1:1; stale #1, #2 … for an item.
///
/// Class-bound: a large team has tens of thousands, kept and passed around
/// by reference.
protocol EventSequence: AnyObject {
    /// Moves a raw instant to when it may fire (working hours, away, snooze).
    var deferral: Deferral { get }
    /// The number of occurrences; nil for an endless (repeating) run.
    var count: Int? { get }
    /// Whether lateness is reported (not for alerts discovered from history).
    var timed: Bool { get }
    /// The raw instant of occurrence `n` (0-based), before deferral.
    func raw(_ n: Int) -> Instant
    /// The largest `n` whose raw instant is ≤ `t`, or −1.
    func lastRawIndex(_ t: Instant) -> Int
    /// The reminder for occurrence `n`, scheduled at `scheduled`.
    func make(_ n: Int, _ scheduled: Instant) -> Reminder
}

extension EventSequence {
    /// What the planner does with the sequence at `now`: the reminder to
    /// fire, unless the member is away (`quiet`) or its key already fired,
    /// and the next instant to look again, if any.
    ///
    /// - Parameter lateness: whether an occurrence whose time has passed is
    ///   reported late (only for timed sequences).
    func step(at now: Instant, lateness: Bool, quiet: Bool, ledger: Ledger) -> (fire: Reminder?, next: Instant?) {
        let (due, next) = resolve(at: now, lateness: lateness)
        let fire = due.flatMap { quiet || ledger.contains($0.key) ? nil : $0 }
        return (fire, next.flatMap { $0 > now ? $0 : nil })
    }

    /// The occurrence to fire at `now` (the latest whose deferred instant
    /// has come, if any) and the deferred instant of the one after it.
    func resolve(at now: Instant, lateness: Bool) -> (Reminder?, Instant?) {
        var high = lastRawIndex(now)
        if let count { high = min(high, count - 1) }
        // deferral ∘ raw is non-decreasing: the answer is the last n ≤ high
        // whose deferred instant has come. Usually it is `high` itself or
        // just below (a deferral moves an instant hours, not weeks), so
        // gallop down from there, then bisect between the last instant
        // known to have come (`good`, −1 for none) and the first known not
        // to (`bad`).
        var found = -1, foundAt = now
        func due(_ n: Int) -> Bool {
            let t = deferral(raw(n))
            if t <= now {
                (found, foundAt) = (max(found, n), n >= found ? t : foundAt)
                return true
            }
            return false
        }
        if high >= 0, !due(high) {
            var bad = high, good = -1, step = 1
            while bad - step >= 0 {
                if due(bad - step) {
                    good = bad - step
                    break
                }
                bad -= step
                step *= 2
            }
            while bad - good > 1 {
                let mid = good + (bad - good) / 2
                if due(mid) { good = mid } else { bad = mid }
            }
        }
        var reminder: Reminder?
        if found >= 0 {
            var r = make(found, foundAt)
            let late = now - foundAt
            r.lateBy = timed && lateness && late > Planner.lateTolerance ? late : nil
            reminder = r
        }
        let nextIndex = found + 1
        var next: Instant?
        if count.map({ nextIndex < $0 }) ?? true {
            // Several raw instants may defer to the same moment; the first
            // strictly in the future is the next wake.
            var n = nextIndex
            var t = deferral(raw(n))
            var steps = 0
            while t <= now && steps < 10_000 {
                n += 1
                if let count, n >= count { return (reminder, nil) }
                t = deferral(raw(n))
                steps += 1
            }
            next = t > now ? t : nil
        }
        return (reminder, next)
    }
}

/// A sequence given by closures: a member's 1:1 (due-soon, due, overdue
/// #1, #2 …), and the one-off drift and mood alerts.
final class GivenSequence: EventSequence {
    let deferral: Deferral
    let count: Int?
    let timed: Bool
    private let rawInstant: (Int) -> Instant
    private let lastIndex: (Instant) -> Int
    private let reminder: (Int, Instant) -> Reminder

    /// - Parameters:
    ///   - raw: occurrence `n`'s raw instant.
    ///   - lastIndex: the largest `n` whose raw instant is ≤ `t`, or −1.
    ///   - make: the reminder for occurrence `n`, scheduled at the instant given.
    init(raw: @escaping (Int) -> Instant, lastIndex: @escaping (Instant) -> Int, deferral: Deferral, count: Int?,
         timed: Bool, make: @escaping (Int, Instant) -> Reminder) {
        rawInstant = raw
        self.lastIndex = lastIndex
        self.deferral = deferral
        self.count = count
        self.timed = timed
        reminder = make
    }

    func raw(_ n: Int) -> Instant { rawInstant(n) }
    func lastRawIndex(_ t: Instant) -> Int { lastIndex(t) }
    func make(_ n: Int, _ scheduled: Instant) -> Reminder { reminder(n, scheduled) }
}

/// The alerts about a stale action item: #n + 1 falls `n` repeats after
/// `start` on the calendar of `context`. Held as data, not closures, since a
/// large team has thousands.
final class StaleSequence: EventSequence {
    let deferral: Deferral
    var count: Int? { nil }
    var timed: Bool { true }
    let context: PlanContext
    /// The first alert's raw instant (the start of the day the item went
    /// stale, or was written down), and its local time.
    let start: Instant
    let local: LocalDateTime
    /// How often the alert repeats.
    let span: TimeSpan
    /// What the alerts are about, shared with them.
    let subject: StaleItem
    let text: ReminderText

    init(_ subject: StaleItem, text: ReminderText, from start: Instant, every span: TimeSpan, deferral: Deferral,
         context: PlanContext) {
        self.subject = subject
        self.text = text
        self.start = start
        local = context.calendar.zone.local(start)
        self.span = span
        self.deferral = deferral
        self.context = context
    }

    func raw(_ n: Int) -> Instant { context.calendar.step(n, of: span, from: start, local: local) }

    func lastRawIndex(_ t: Instant) -> Int {
        context.calendar.lastStep(of: span, from: start, local: local, atOrBefore: t)
    }

    func make(_ n: Int, _ scheduled: Instant) -> Reminder {
        text.staleReminder(subject, occurrence: n + 1, scheduled: scheduled)
    }
}

/// A stale item with why it is stale: what its alerts say. Each alert keeps
/// it to write its body from (one reference instead of a copy of the item).
final class StaleItem: Sendable {
    let item: ActionItem
    let staleness: Staleness

    init(_ item: ActionItem, _ staleness: Staleness) {
        self.item = item
        self.staleness = staleness
    }
}
