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
        var config = Fixture.config(members, hours: rng.int(0...1) == 0 ? "Mon-Fri 09:00-17:00" : "always")
        config.notify.digest = [nil, .start, .at(minutes: 8 * 60 + 45)][rng.int(0...2)]
        return (config, History(meetings: meetings, actions: actions, snoozes: snoozes), now)
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

@Suite("plan --days")
struct UpcomingPropertyTests {
    @Test("over 45 days each key fires once, none is scheduled after the end, only the first wake's can be late",
          arguments: 0..<150)
    func upcoming(seed: Int) {
        let (config, history, now) = PlannerPropertyTests.world(seed: UInt64(seed) &+ 1_000)
        let until = now.adding(seconds: 45 * 86_400)
        let got = Planner.upcoming(config: config, history: history, ledger: Ledger(), from: now, until: until)
        #expect(Set(got.map(\.key)).count == got.count, "seed \(seed)")
        #expect(got.allSatisfy { $0.scheduled <= until }, "seed \(seed)")
        #expect(got.allSatisfy { $0.lateBy == nil || $0.scheduled < now }, "seed \(seed)")
        #expect(got.allSatisfy { $0.lateBy != nil || !$0.body.contains("Late by") }, "seed \(seed)")
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

@Suite("planner: config edits")
struct ConfigEditPropertyTests {
    /// The run of a repeating alert: its key up to the `#`.
    static func run(_ key: String) -> Substring? { key.lastIndex(of: "#").map { key[..<$0] } }

    @Test("a config edit between two evaluations fires nothing whose run was already shown (working hours, repeat)",
          arguments: 0..<150)
    func editFiresNothingShown(seed: Int) throws {
        let (config, history, now) = PlannerPropertyTests.world(seed: UInt64(seed) &+ 7_000)
        var rng = SplitMix64(seed: UInt64(seed))
        var ledger = Ledger(fired: ["earlier": now.adding(seconds: -86_400 * 30)])
        let first = Planner.plan(config: config, history: history, ledger: ledger, now: now)
        for r in first.fire { ledger.record(r.key, at: now) }
        let shownRuns = Set(first.fire.compactMap { Self.run($0.key) })
        var edited = config
        let hours = ["always", "Mon-Fri 09:00-17:00", "Mon-Thu 07:00-12:00; Fri 13:00-18:00", "Sat-Sun 10:00-11:00"]
        edited.workingHours = try WorkingHours.parse(hours[rng.int(0...3)]).get()
        for i in edited.members.indices where rng.int(0...1) == 0 {
            edited.members[i].settings.repeatEvery = TimeSpan(days: rng.int(1...3))
        }
        let later = now.adding(seconds: 60)
        let second = Planner.plan(config: edited, history: history, ledger: ledger, now: later)
        for r in second.fire {
            #expect(!ledger.contains(r.key), "seed \(seed): \(r.key) again")
            if let run = Self.run(r.key) { #expect(!shownRuns.contains(run), "seed \(seed): \(r.key) repeats a run shown a minute ago") }
        }
    }
}
