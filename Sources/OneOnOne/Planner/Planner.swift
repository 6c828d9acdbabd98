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
        var sequences: [(sequence: EventSequence, quiet: Bool)] = []
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

    /// Reminders in the order to fire them: by scheduled instant, then kind
    /// and key.
    static func inFiringOrder(_ fire: [Reminder]) -> [Reminder] {
        firingOrder(fire).map { fire[$0] }
    }

    /// The indices of `fire` in firing order (sorting indices: a reminder
    /// is large to move).
    static func firingOrder(_ fire: [Reminder]) -> [Int] {
        fire.withUnsafeBufferPointer { r in
            r.indices.sorted { a, b in
                if r[a].scheduled != r[b].scheduled { return r[a].scheduled < r[b].scheduled }
                if r[a].kind != r[b].kind { return r[a].kind < r[b].kind }
                return r[a].key < r[b].key
            }
        }
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
        var sequences: [(sequence: EventSequence, quiet: Bool)] = []
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
            result.reserveCapacity(result.count + fire.count)
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

/// A run of reminders about one subject, each later than the one before:
/// due-soon, due, overdue #1, #2 … for a 1:1; stale #1, #2 … for an item.
///
/// A class: a large team has tens of thousands, kept and passed around by
/// reference.
final class EventSequence {
    /// The raw instants of the occurrences, before deferral.
    let occurrences: Occurrences
    /// Moves a raw instant to when it may fire (working hours, away, snooze).
    let deferral: (Instant) -> Instant
    /// The number of occurrences; nil for an endless (repeating) run.
    let count: Int?
    /// What each occurrence says.
    let reminders: Reminders
    /// Whether lateness is reported (not for alerts discovered from history).
    let timed: Bool

    /// When the occurrences fall.
    enum Occurrences {
        /// `raw(n)` is occurrence `n`; `lastIndex(t)` the largest `n` whose
        /// raw instant is ≤ `t`, or −1.
        case given(raw: (Int) -> Instant, lastIndex: (Instant) -> Int)
        /// Every `span` from `start` (whose local time is `local`) on the
        /// calendar of `context`: the stale alerts of an item. Held as data,
        /// not closures, since a large team has thousands.
        case repeating(context: PlanContext, start: Instant, local: LocalDateTime, span: TimeSpan)
    }

    /// How each occurrence becomes a reminder.
    enum Reminders {
        /// `make(n, scheduled)` builds it.
        case given((Int, Instant) -> Reminder)
        /// Alert #n + 1 about a stale item.
        case stale(text: ReminderText, item: ActionItem, staleness: Staleness)
    }

    init(_ occurrences: Occurrences, deferral: @escaping (Instant) -> Instant, count: Int?,
         _ reminders: Reminders, timed: Bool) {
        self.occurrences = occurrences
        self.deferral = deferral
        self.count = count
        self.reminders = reminders
        self.timed = timed
    }

    /// The raw instant of occurrence `n` (0-based).
    func raw(_ n: Int) -> Instant {
        switch occurrences {
        case .given(let raw, _): raw(n)
        case .repeating(let context, let start, let local, let span): context.calendar.step(n, of: span, from: start, local: local)
        }
    }

    /// The largest `n` whose raw instant is ≤ `t`, or −1.
    func lastRawIndex(_ t: Instant) -> Int {
        switch occurrences {
        case .given(_, let lastIndex):
            return lastIndex(t)
        case .repeating(let context, let start, let local, let span):
            return context.calendar.lastStep(of: span, from: start, local: local, atOrBefore: t)
        }
    }

    /// The reminder for occurrence `n`, scheduled at `scheduled`.
    func make(_ n: Int, _ scheduled: Instant) -> Reminder {
        switch reminders {
        case .given(let make): make(n, scheduled)
        case .stale(let text, let item, let staleness): text.staleReminder(item, staleness, occurrence: n + 1, scheduled: scheduled)
        }
    }

    /// The occurrence to fire at `now` (the latest whose deferred instant has
    /// come, if any) and the deferred instant of the one after it.
    ///
    /// - Parameter lateness: whether an occurrence whose time has passed is
    ///   reported late (only for timed sequences).
    /// What the planner does with the sequence at `now`: the reminder to
    /// fire, unless the member is away (`quiet`) or its key already fired,
    /// and the next instant to look again, if any.
    func step(at now: Instant, lateness: Bool, quiet: Bool, ledger: Ledger) -> (fire: Reminder?, next: Instant?) {
        let (due, next) = resolve(at: now, lateness: lateness)
        let fire = due.flatMap { quiet || ledger.contains($0.key) ? nil : $0 }
        return (fire, next.flatMap { $0 > now ? $0 : nil })
    }

    func resolve(at now: Instant, lateness: Bool) -> (Reminder?, Instant?) {
        var high = lastRawIndex(now)
        if let count { high = min(high, count - 1) }
        // deferral ∘ raw is non-decreasing: the answer is the last n ≤ high
        // whose deferred instant has come. Usually it is `high` itself or
        // just below (a deferral moves an instant hours, not weeks), so
        // gallop down from there, then bisect between the last instant
        // known to have come (`good`, −1 for none) and the first known not
        // to (`bad`).
        let due = { (n: Int) in self.deferral(self.raw(n)) <= now }
        var found = -1
        if high >= 0 {
            if due(high) {
                found = high
            } else {
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
                found = good
            }
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
