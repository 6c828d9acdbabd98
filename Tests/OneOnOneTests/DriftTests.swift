import Testing
@testable import OneOnOne
import TestSupport

/// When a member's 1:1s started drifting below the consistency floor.
@Suite("drift")
struct DriftTests {
    /// The definition, from scratch for each day: the 1:1s held by then
    /// in the window, each on time or not against the one before it, and
    /// the gap left open after the last one once it is past its late days;
    /// drift starts on the first day of the run of days below the floor
    /// that reaches `today`.
    static func definition(_ schedule: Schedule, today: LocalDate) -> LocalDate? {
        let settings = schedule.member.settings
        func lateAfter(_ date: LocalDate) -> LocalDate {
            Schedule.dueDate(after: date, cadence: schedule.cadence, away: schedule.member.away)
                .adding(days: settings.slack.days)
        }
        func below(at day: LocalDate) -> Bool {
            let held = schedule.meetings.filter { $0.date <= day }
            var onTime: [Bool] = []
            for i in held.indices.dropFirst() where held[i].date > day.adding(days: -settings.consistencyWindow.days) {
                onTime.append(held[i].date <= lateAfter(held[i - 1].date))
            }
            if let last = held.last, day > lateAfter(last.date) { onTime.append(false) }
            guard onTime.count >= 3 else { return false }
            return Double(onTime.filter { $0 }.count) / Double(onTime.count) < settings.consistencyFloor
        }
        guard below(at: today) else { return nil }
        var start = today
        var day = today.adding(days: -1)
        while day > today.adding(days: -400), below(at: day) {
            start = day
            day = day.adding(days: -1)
        }
        return start
    }

    @Test("the drift start matches the day-by-day definition over random irregular histories", arguments: 0..<120)
    func matchesDefinition(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 77)
        let cadences: [Cadence] = [.days(7), .days(14), .months(1)]
        var settings = Fixture.settings(cadence: cadences[rng.int(0...2)], slack: rng.int(0...3))
        settings.consistencyWindow = TimeSpan(days: [30, 60, 90, 180][rng.int(0...3)])
        settings.consistencyFloor = [0.5, 0.75, 0.9][rng.int(0...2)]
        var away: [AwayPeriod] = []
        if rng.int(0...2) == 0 {
            let from = Fixture.date("2026-03-01").adding(days: rng.int(0...200))
            away.append(AwayPeriod(from: from, to: from.adding(days: rng.int(0...25))))
        }
        let member = Fixture.member(settings: settings, away: away)
        var meetings: [Meeting] = []
        var d = Fixture.date("2025-06-01").adding(days: rng.int(0...20))
        // Stretches of regular 1:1s and stretches of slipping ones.
        while d < Fixture.date("2026-11-30") {
            meetings.append(Meeting(member: "alice", date: d))
            d = d.adding(days: rng.int(0...3) == 0 ? rng.int(10...45) : rng.int(5...9))
        }
        for k in 0..<12 {
            let today = Fixture.date("2026-05-01").adding(days: k * 17 + rng.int(0...16))
            let schedule = Schedule(member: member, meetings: meetings, firstSeen: nil, today: today)
            #expect(Consistency.driftStart(schedule: schedule, today: today) == Self.definition(schedule, today: today),
                    "seed \(seed), today \(today)")
        }
    }
}
