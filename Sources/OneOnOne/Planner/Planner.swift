/// Decides which reminders fire now and when to look again.
///
/// One pure function of the config, the history, the fired ledger and the
/// current instant. Every reminder has a stable key and fires only if its
/// key is not in the ledger, so evaluating twice, restarting, or waking late
/// never duplicates; of a run of missed occurrences only the latest fires,
/// marked late.
public enum Planner {
    /// Reminders fired after this much delay are marked late.
    static let lateTolerance: Int64 = 60

    /// The reminders to fire at `now` and the next instant worth waking for.
    public static func plan(config: Config, history: History, ledger: Ledger, now: Instant) -> Plan {
        plan(config: config, index: PlanIndex(history: history), ledger: ledger, now: now)
    }

    /// The same answer from a history indexed beforehand, for callers that
    /// evaluate one history at many instants.
    ///
    /// - Parameter lateness: whether reminders whose time has passed are
    ///   reported as late (`lateBy` and a line in the body). The daemon turns
    ///   it off when an edit brings them to light: a past-due item written
    ///   down just now was not missed, it is news.
    public static func plan(config: Config, index: PlanIndex, ledger: Ledger, now: Instant,
                            lateness: Bool = true) -> Plan {
        var context = PlanContext(config: config, index: index, now: now)
        context.reportsLateness = lateness
        var fire: [Reminder] = []
        var wake: Instant?
        func consider(_ sequence: EventSequence, quiet: Bool) {
            let (due, next) = sequence.resolve(at: now, lateness: lateness)
            if let due, !quiet, !ledger.contains(due.key) { fire.append(due) }
            if let next, next > now { wake = min(wake ?? next, next) }
        }
        for member in config.members {
            // Nothing about someone who is away, not even the late catch-up
            // of a reminder missed before they left: their first reminder
            // back replaces it.
            let away = member.away.contains { $0.contains(context.today) }
            for sequence in context.sequences(for: member) { consider(sequence, quiet: away) }
        }
        fire.sort { ($0.scheduled, $0.kind, $0.key) < ($1.scheduled, $1.kind, $1.key) }
        return Plan(fire: fire, nextWake: wake)
    }

    /// What would fire from `now` until `until`, assuming every reminder is
    /// delivered when due: the answer to `oneonone plan --days N`.
    public static func upcoming(config: Config, history: History, ledger: Ledger, from now: Instant,
                                until: Instant, limit: Int = 10_000) -> [Reminder] {
        let index = PlanIndex(history: history)
        var ledger = ledger
        var result: [Reminder] = []
        var t = now
        while t <= until && result.count < limit {
            // Only the first evaluation can find reminders already late;
            // after it, each fires at its own wake.
            let plan = plan(config: config, index: index, ledger: ledger, now: t, lateness: t == now)
            for reminder in plan.fire {
                ledger.record(reminder.key, at: t)
                result.append(reminder)
            }
            guard let next = plan.nextWake else { break }
            t = next
        }
        return result
    }
}

/// A run of reminders about one subject, each later than the one before:
/// due-soon, due, overdue #1, #2 … for a 1:1; stale #1, #2 … for an item.
struct EventSequence {
    /// The raw instant of occurrence `n` (0-based), before deferral.
    let raw: (Int) -> Instant
    /// Moves a raw instant to when it may fire (working hours, away, snooze).
    let deferral: (Instant) -> Instant
    /// The number of occurrences; nil for an endless (repeating) run.
    let count: Int?
    /// The largest `n` whose raw instant is ≤ the given instant, or −1.
    let lastRawIndex: (Instant) -> Int
    /// Builds the reminder for occurrence `n` scheduled at the instant.
    let make: (Int, Instant) -> Reminder
    /// Whether lateness is reported (not for alerts discovered from history).
    let timed: Bool

    /// The occurrence to fire at `now` (the latest whose deferred instant has
    /// come, if any) and the deferred instant of the one after it.
    ///
    /// - Parameter lateness: whether an occurrence whose time has passed is
    ///   reported late (only for timed sequences).
    func resolve(at now: Instant, lateness: Bool) -> (Reminder?, Instant?) {
        var high = lastRawIndex(now)
        if let count { high = min(high, count - 1) }
        // deferral ∘ raw is non-decreasing: binary search for the last n ≤ now.
        var low = 0, found = -1
        while low <= high {
            let mid = (low + high) / 2
            if deferral(raw(mid)) <= now { found = mid; low = mid + 1 } else { high = mid - 1 }
        }
        var reminder: Reminder?
        if found >= 0 {
            let scheduled = deferral(raw(found))
            var r = make(found, scheduled)
            let late = now - scheduled
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
