import HeapModule

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
    /// - Parameters:
    ///   - lateness: whether reminders whose time has passed are reported
    ///     as late (`lateBy` and a line in the body). The daemon turns it off
    ///     when an edit brings them to light: a past-due item written down
    ///     just now was not missed, it is news.
    ///   - workers: how a large team's members may be evaluated side by side.
    public static func plan(config: Config, index: PlanIndex, ledger: Ledger, now: Instant,
                            lateness: Bool = true, workers: Workers = .inline) -> Plan {
        let context = PlanContext(config: config, index: index, now: now)
        let team = evaluate(context, lateness: lateness, ledger: ledger, workers: workers)
        return Plan(fire: inFiringOrder(team.fire), nextWake: team.next.lazy.compactMap { $0 }.min())
    }

    /// Every reminder sequence of the team, stepped at `context.now`.
    struct Evaluation {
        /// The sequences, each with whether its member is away today.
        var sequences: [(sequence: any EventSequence, quiet: Bool)] = []
        /// What fires now, in no particular order.
        var fire: [Reminder] = []
        /// Each sequence's next instant, by its index in `sequences`.
        var next: [Instant?] = []
    }

    /// Members are independent of each other, so a large team is evaluated
    /// in slices, side by side on `workers`, each slice building and
    /// stepping its own members' sequences.
    ///
    /// - Parameter pieces: how many slices (by default `workers.width` from
    ///   `parallelTeamSize` members on, else one).
    static func evaluate(_ context: PlanContext, lateness: Bool, ledger: Ledger, workers: Workers = .inline,
                         pieces: Int? = nil) -> Evaluation {
        let members = context.config.members
        let pieces = max(1, pieces ?? (members.count >= parallelTeamSize ? workers.width : 1))
        var parts = workers.map(pieces) { k in
            var part = Evaluation()
            part.sequences = context.sequences(of: members[(members.count * k / pieces)..<(members.count * (k + 1) / pieces)])
            part.next.reserveCapacity(part.sequences.count)
            for (sequence, quiet) in part.sequences {
                let (due, next) = sequence.step(at: context.now, lateness: lateness, quiet: quiet, ledger: ledger)
                if let due { part.fire.append(due) }
                part.next.append(next)
            }
            return part
        }
        // The first part is taken over, the others appended to it.
        var team = Evaluation()
        swap(&team, &parts[0])
        for part in parts.dropFirst() {
            team.sequences += part.sequences
            team.fire += part.fire
            team.next += part.next
        }
        return team
    }

    /// From this many members on, a team is evaluated on several workers.
    static let parallelTeamSize = 32

    /// Reminders in the order to fire them: by scheduled instant, then
    /// kind, then as evaluated (members in the config's order, each
    /// member's 1:1 before their items, items in the history's order).
    static func inFiringOrder(_ fire: [Reminder]) -> [Reminder] {
        firingOrder(fire).map { fire[$0] }
    }

    /// The indices of `fire` in firing order. What decides it is copied
    /// out into plain numbers first: a reminder is large to move, and
    /// tens of thousands are sorted at the start of a working day.
    static func firingOrder(_ fire: [Reminder]) -> [Int] {
        var order = fire.indices.map { (scheduled: fire[$0].scheduled, kind: fire[$0].kind.rank, index: $0) }
        order.sort { ($0.scheduled, $0.kind, $0.index) < ($1.scheduled, $1.kind, $1.index) }
        return order.map(\.index)
    }

    /// What would fire from `now` until `until`, assuming every reminder is
    /// delivered when due: the answer to `oneonone plan --days N`.
    ///
    /// The same answer as calling `plan` at `now` and then at each
    /// `nextWake`, recording what fired, but without evaluating everything
    /// at every wake: within one day the reminder sequences stay the same,
    /// so a wake only looks again at the sequences due then; on a new day
    /// (today moved: schedules, drift and stale items are judged anew)
    /// everything is evaluated again.
    ///
    /// - Parameters:
    ///   - limit: stop once this many reminders are found (the rest of that
    ///     wake's reminders are still included).
    ///   - workers: how each day's evaluation of a large team may run side
    ///     by side.
    public static func upcoming(config: Config, history: History, ledger: Ledger, from now: Instant,
                                until: Instant, limit: Int = 100_000, workers: Workers = .inline) -> [Reminder] {
        let index = PlanIndex(history: history)
        let calendar = ZonedCalendar(zone: config.timeZone)
        var ledger = ledger
        var result: [Reminder] = []
        var sequences: [(sequence: any EventSequence, quiet: Bool)] = []
        var wakes = Heap<Wake>()
        var day: LocalDate?
        var t = now
        while t <= until && result.count < limit {
            var fire: [Reminder] = []
            func look(_ slot: Int) {
                let (sequence, quiet) = sequences[slot]
                // Only the first evaluation can find reminders already late;
                // after it, each fires at its own wake.
                let (due, next) = sequence.step(at: t, lateness: t == now, quiet: quiet, ledger: ledger)
                if let due { fire.append(due) }
                if let next { wakes.insert(Wake(at: next, slot: slot)) }
            }
            let today = calendar.date(of: t)
            if today != day {
                day = today
                let team = evaluate(PlanContext(config: config, index: index, now: t), lateness: t == now, ledger: ledger,
                                    workers: workers)
                sequences = team.sequences
                fire = team.fire
                wakes = Heap(team.next.enumerated().compactMap { slot, next in next.map { Wake(at: $0, slot: slot) } })
            } else {
                while let wake = wakes.min, wake.at <= t {
                    wakes.removeMin()
                    look(wake.slot)
                }
            }
            ledger.reserveCapacity(ledger.count + fire.count)
            // Room grows at least twofold: most wakes add a few reminders.
            if result.capacity < result.count + fire.count { result.reserveCapacity(max(result.count + fire.count, 2 * result.capacity)) }
            for i in firingOrder(fire) {
                ledger.record(fire[i].key, at: t)
                result.append(fire[i])
            }
            guard let next = wakes.min else { break }
            t = next.at
        }
        return result
    }
}

/// A sequence waiting for its next instant (`Planner.upcoming`).
struct Wake: Comparable {
    let at: Instant
    let slot: Int

    static func < (a: Wake, b: Wake) -> Bool { (a.at, a.slot) < (b.at, b.slot) }
}
