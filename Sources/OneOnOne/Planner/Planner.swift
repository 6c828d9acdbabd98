/// Decides which reminders fire now and when to look again.
///
/// One pure function of the config, the history, the fired ledger and the
/// current instant. Every reminder has a stable key and fires only if its
/// key is not in the ledger, so evaluating twice, restarting, or waking late
/// never duplicates; of a run of missed occurrences only the latest fires,
/// marked late.
package enum Planner {
    /// Reminders fired after this much delay are marked late.
    static let lateTolerance: Int64 = 60

    /// The reminders to fire at `now` and the next instant worth waking for.
    ///
    /// - Parameter lateness: whether reminders whose time has passed are
    ///   reported as late (`lateBy` and a line in the body). The daemon
    ///   turns it off when an edit brings them to light: a past-due item
    ///   written down just now was not missed, it is news.
    package static func plan(config: Config, history: History, ledger: Ledger, now: Instant,
                            lateness: Bool = true) -> Plan {
        let context = PlanContext(config: config, history: history, now: now)
        // A first run (nothing has ever fired) catches up quietly: nothing
        // it finds was missed by a oneonone that was running.
        let lateness = lateness && ledger.count > 0
        var fire: [Reminder] = []
        var next: Instant?
        for series in context.series {
            let step = series.step(at: now, lateness: lateness, ledger: ledger)
            if let reminder = step.fire { fire.append(reminder) }
            if let t = step.next { next = min(next ?? t, t) }
        }
        // What came due while nobody was there to be told (the machine was
        // off, the daemon down) waits, like everything else, for the
        // manager's working hours: nothing fires at 22:00 or on a Saturday.
        let opens = context.calendar.nextWorkingInstant(atOrAfter: now, hours: config.workingHours)
        if opens > now && !fire.isEmpty { return Plan(fire: [], nextWake: min(next ?? opens, opens), waitsForWorkingHours: true) }
        return Plan(fire: inFiringOrder(fire), nextWake: next)
    }

    /// Reminders in the order to fire them: by scheduled instant, then
    /// kind, then as evaluated (members in the config's order, each
    /// member's 1:1 before their items, items in the history's order).
    static func inFiringOrder(_ fire: [Reminder]) -> [Reminder] {
        fire.enumerated()
            .sorted { ($0.element.scheduled, $0.element.kind, $0.offset) < ($1.element.scheduled, $1.element.kind, $1.offset) }
            .map(\.element)
    }

    /// What would fire from `now` until `until`, assuming every reminder is
    /// delivered when due: the answer to `oneonone plan --days N`. It is
    /// what the daemon would do: plan at `now`, record what fired, and
    /// plan again at each `nextWake`. Only the first evaluation can find
    /// reminders already late; after it, each fires at its own wake.
    ///
    /// - Parameter limit: stop once this many reminders are found (the
    ///   rest of that wake's reminders are still included).
    package static func upcoming(config: Config, history: History, ledger: Ledger, from now: Instant,
                                until: Instant, limit: Int = 100_000) -> [Reminder] {
        deliveries(config: config, history: history, ledger: ledger, from: now, until: until, limit: limit).map(\.reminder)
    }

    /// `upcoming`, each reminder with the instant it would go out: its
    /// scheduled time, or for one already past due, the wake that finds it
    /// (the next start of the working hours when `now` is outside them).
    package static func deliveries(config: Config, history: History, ledger: Ledger, from now: Instant,
                                  until: Instant, limit: Int = 100_000) -> [(reminder: Reminder, at: Instant)] {
        var ledger = ledger
        var result: [(reminder: Reminder, at: Instant)] = []
        var t = now
        while t <= until && result.count < limit {
            let plan = plan(config: config, history: history, ledger: ledger, now: t, lateness: t == now)
            for reminder in plan.fire {
                ledger.record(reminder.key, at: t)
                result.append((reminder, max(reminder.scheduled, t)))
            }
            guard let next = plan.nextWake else { break }
            t = next
        }
        return result
    }
}
