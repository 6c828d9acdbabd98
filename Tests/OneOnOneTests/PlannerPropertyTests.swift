import Testing
@testable import OneOnOne
import TestSupport

/// Planner invariants over randomly generated teams, histories and instants.
@Suite("planner properties")
struct PlannerPropertyTests {
    typealias RNG = SplitMix64

    /// A random team of 1–4 members with random cadences, away periods,
    /// 1:1s, items and snoozes around 2026.
    static func world(seed: UInt64) -> (Config, History, Instant) {
        var rng = RNG(seed: seed)
        let base = Fixture.date("2026-01-01")
        var members: [Member] = []
        var meetings: [Meeting] = []
        var actions: [ActionItem] = []
        var snoozes: [Snooze] = []
        let cadences: [Cadence] = [.days(7), .days(14), .days(10), .months(1), .auto]
        for i in 0..<rng.int(1...4) {
            let key = "m\(i)"
            let settings = Fixture.settings(cadence: cadences[rng.int(0...4)], slack: rng.int(0...3), lead: rng.int(0...2),
                                            repeatDays: rng.int(1...3), staleAfter: rng.int(3...20), carryLimit: rng.int(1...3))
            var away: [AwayPeriod] = []
            if rng.int(0...2) == 0 {
                let from = base.adding(days: rng.int(0...330))
                away.append(AwayPeriod(from: from, to: from.adding(days: rng.int(0...20))))
            }
            members.append(Fixture.member(key, name: "Member \(i)", settings: settings, away: away))
            var d = base.adding(days: rng.int(0...30))
            for _ in 0..<rng.int(0...30) {
                meetings.append(Meeting(member: key, date: d, topics: [], mood: rng.int(0...1) == 0 ? rng.int(1...5) : nil))
                d = d.adding(days: rng.int(3...25))
            }
            for j in 0..<rng.int(0...4) {
                let created = base.adding(days: rng.int(0...300))
                var touches: [Touch] = []
                if rng.int(0...3) == 0 { touches.append(Touch(kind: .done, date: created.adding(days: rng.int(1...30)))) }
                actions.append(ActionItem(id: "\(i)-\(j)", member: key, text: "item", owner: .me,
                                          due: rng.int(0...1) == 0 ? created.adding(days: rng.int(1...20)) : nil,
                                          created: created, touches: touches))
            }
        }
        let now = Fixture.at("2026-06-01 00:00").adding(seconds: Int64(rng.int(0...(200 * 86_400))))
        if rng.int(0...3) == 0 { snoozes.append(Snooze(subject: "m0", until: now.adding(seconds: Int64(rng.int(0...400_000))))) }
        let config = Fixture.config(members, hours: rng.int(0...1) == 0 ? "Mon-Fri 09:00-17:00" : "always")
        return (config, History(meetings: meetings, actions: actions, snoozes: snoozes), now)
    }

    /// Workers that run the pieces last first, one at a time: an answer
    /// that depended on the order pieces finish in would show.
    static let backwards = Workers(width: 3) { count, body in
        for k in (0..<count).reversed() { body(k) }
    }

    /// A team of 40 or more: random worlds side by side, each world's keys,
    /// item ids and snoozes prefixed so they stay apart.
    static func bigWorld(seed: UInt64) -> (Config, History, Instant) {
        var members: [Member] = []
        var meetings: [Meeting] = []
        var actions: [ActionItem] = []
        var snoozes: [Snooze] = []
        var now: Instant?
        var k = 0
        while members.count < 40 {
            let (config, history, at) = world(seed: seed &* 100 &+ UInt64(k))
            defer { k += 1 }
            now = now ?? at
            for var m in config.members {
                m.key = "w\(k)-\(m.key)"
                members.append(m)
            }
            for var m in history.meetings {
                m.member = "w\(k)-\(m.member)"
                meetings.append(m)
            }
            for var a in history.actions {
                a.member = "w\(k)-\(a.member)"
                a.id = "w\(k)-\(a.id)"
                actions.append(a)
            }
            for var s in history.snoozes {
                s.subject = "w\(k)-\(s.subject)"
                snoozes.append(s)
            }
        }
        return (Fixture.config(members), History(meetings: meetings, actions: actions, snoozes: snoozes), now!)
    }

    @Test("evaluating twice fires nothing new, keys are unique, nextWake is after now", arguments: 0..<200)
    func idempotent(seed: Int) {
        let (config, history, now) = Self.world(seed: UInt64(seed))
        let first = Planner.plan(config: config, history: history, ledger: Ledger(), now: now)
        #expect(Set(first.fire.map(\.key)).count == first.fire.count, "seed \(seed)")
        var ledger = Ledger()
        for r in first.fire { ledger.record(r.key, at: now) }
        let second = Planner.plan(config: config, history: history, ledger: ledger, now: now)
        #expect(second.fire.isEmpty, "seed \(seed): \(second.fire.map(\.key))")
        if let wake = first.nextWake { #expect(wake > now, "seed \(seed)") }
        for r in first.fire { #expect(r.scheduled <= now, "seed \(seed)") }
    }

    @Test("a team evaluated in slices plans exactly as in one piece", arguments: 0..<100)
    func slices(seed: Int) {
        let (config, history, now) = Self.world(seed: UInt64(seed) &+ 20_000)
        let context = PlanContext(config: config, index: PlanIndex(history: history), now: now)
        let whole = Planner.evaluate(context, lateness: true, ledger: Ledger(), pieces: 1)
        for pieces in 2...5 {
            let split = Planner.evaluate(context, lateness: true, ledger: Ledger(), workers: Self.backwards, pieces: pieces)
            #expect(Planner.inFiringOrder(split.fire) == Planner.inFiringOrder(whole.fire), "seed \(seed), \(pieces) pieces")
            #expect(split.next == whole.next, "seed \(seed), \(pieces) pieces")
            #expect(split.sequences.map(\.quiet) == whole.sequences.map(\.quiet), "seed \(seed), \(pieces) pieces")
        }
    }

    @Test("walking forward wake by wake, no key fires twice and a later now never un-fires", arguments: 0..<60)
    func walk(seed: Int) {
        let (config, history, start) = Self.world(seed: UInt64(seed) &+ 10_000)
        var ledger = Ledger()
        var now = start
        var fired: Set<String> = []
        for _ in 0..<60 {
            let plan = Planner.plan(config: config, history: history, ledger: ledger, now: now)
            for r in plan.fire {
                #expect(!fired.contains(r.key), "seed \(seed): \(r.key) fired twice")
                fired.insert(r.key)
                ledger.record(r.key, at: now)
            }
            // Everything fired stays fired: replanning at the same instant is quiet.
            #expect(Planner.plan(config: config, history: history, ledger: ledger, now: now).fire.isEmpty)
            guard let wake = plan.nextWake else { break }
            #expect(wake > now)
            now = wake
        }
    }
}

@Suite("plan --days: the incremental walk")
struct UpcomingPropertyTests {
    /// What `upcoming` must equal by definition: evaluate everything at
    /// `now`, record what fired, and do it again at every `nextWake`.
    static func walkEveryWake(_ config: Config, _ history: History, from now: Instant, until: Instant) -> [Reminder] {
        var ledger = Ledger()
        var result: [Reminder] = []
        var t = now
        while t <= until {
            let plan = Planner.plan(config: config, index: PlanIndex(history: history), ledger: ledger, now: t, lateness: t == now)
            for r in plan.fire {
                ledger.record(r.key, at: t)
                result.append(r)
            }
            guard let next = plan.nextWake else { break }
            t = next
        }
        return result
    }

    @Test("over 45 days, a team of 40 or more evaluated in slices fires what evaluating it whole at every wake fires",
          arguments: 0..<8)
    func largeTeamInSlices(seed: Int) {
        let (config, history, now) = PlannerPropertyTests.bigWorld(seed: UInt64(seed) &+ 3_000)
        #expect(config.members.count >= Planner.parallelTeamSize)
        let until = now.adding(seconds: 45 * 86_400)
        let expected = Self.walkEveryWake(config, history, from: now, until: until)
        let got = Planner.upcoming(config: config, history: history, ledger: Ledger(), from: now, until: until,
                                   workers: PlannerPropertyTests.backwards)
        #expect(!expected.isEmpty)
        #expect(got == expected, "seed \(seed)")
        let daemon = Planner.plan(config: config, index: PlanIndex(history: history), ledger: Ledger(), now: now,
                                  workers: PlannerPropertyTests.backwards)
        #expect(daemon.fire == Planner.plan(config: config, history: history, ledger: Ledger(), now: now).fire)
    }

    /// The last two worlds once caught a body that said "Late by" on a
    /// reminder whose `lateBy` was nil.
    @Test("over 45 days, upcoming fires exactly what evaluating at every wake fires, in the same order",
          arguments: Array(0..<150) + [49_352, 49_651])
    func sameAsEveryWake(seed: Int) {
        let (config, history, now) = PlannerPropertyTests.world(seed: UInt64(seed) &+ 1_000)
        let until = now.adding(seconds: 45 * 86_400)
        let expected = Self.walkEveryWake(config, history, from: now, until: until)
        let got = Planner.upcoming(config: config, history: history, ledger: Ledger(), from: now, until: until)
        #expect(got == expected, "seed \(seed): \(got.map(\.key)) vs \(expected.map(\.key))")
    }
}

extension UpcomingPropertyTests {
    @Test("with a limit, upcoming stops after the wake that reaches it and keeps that wake's reminders whole")
    func limit() throws {
        let (config, history, now) = try #require((0..<200).lazy.map { PlannerPropertyTests.world(seed: UInt64($0)) }
            .first { world in
                Planner.upcoming(config: world.0, history: world.1, ledger: Ledger(), from: world.2,
                                 until: world.2.adding(seconds: 45 * 86_400)).count >= 6
            })
        let until = now.adding(seconds: 45 * 86_400)
        let all = Planner.upcoming(config: config, history: history, ledger: Ledger(), from: now, until: until)
        let cut = Planner.upcoming(config: config, history: history, ledger: Ledger(), from: now, until: until, limit: 3)
        #expect(cut.count >= 3 && cut.count < all.count)
        #expect(cut == Array(all.prefix(cut.count)))
        // The last wake kept is whole: the first reminder left out fires later.
        let firesAt = { (r: Reminder) in max(r.scheduled, now) }
        #expect(firesAt(all[cut.count]) > firesAt(cut.last!))
    }
}
