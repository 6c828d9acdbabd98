import Testing
@testable import OneOnOne
import TestSupport

/// A member's recent mood against their usual.
@Suite("mood trend")
struct MoodTrendTests {
    static func meetings(_ moods: [Int?]) -> [Meeting] {
        moods.enumerated().map { k, mood in
            Meeting(member: "alice", date: Fixture.date("2026-01-05").adding(days: 7 * k), mood: mood)
        }
    }

    @Test("the last three moods against the ones before; a drop dates from the first 1:1 of the run that stays low")
    func example() throws {
        // Usually 4; then 4, 2, 2, 1 (the 1:1s without a mood do not count).
        let trend = try #require(MoodTrend(meetings: Self.meetings([4, 4, nil, 5, 3, 4, 4, 2, 2, nil, 1])))
        #expect(trend.recent == 5.0 / 3)
        #expect(trend.baseline == 24.0 / 6)
        // At the second 2 the last three (4, 2, 2) are already a point below.
        #expect(trend.dropSince == Fixture.date("2026-01-05").adding(days: 7 * 8))
        #expect(MoodTrend(meetings: Self.meetings([4, 4, 4, nil, 4, 4])) == nil)
        #expect(try #require(MoodTrend(meetings: Self.meetings([3, 3, 3, 3, 3, 3, 3]))).dropSince == nil)
    }

    @Test("matches the definition over random mood histories", arguments: 0..<200)
    func matchesDefinition(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 500)
        let moods: [Int?] = (0..<rng.int(0...40)).map { _ in rng.int(0...3) == 0 ? nil : rng.int(1...5) }
        let meetings = Self.meetings(moods)
        let recorded = meetings.compactMap { m in m.mood.map { (m.date, Double($0)) } }
        let trend = MoodTrend(meetings: meetings)
        guard recorded.count >= 6 else {
            #expect(trend == nil)
            return
        }
        func mean(_ values: ArraySlice<(LocalDate, Double)>) -> Double { values.map(\.1).reduce(0, +) / Double(values.count) }
        func dropped(upTo: Int) -> Bool { mean(recorded[(upTo - 3)..<upTo]) <= mean(recorded[..<(upTo - 3)]) - 1 }
        var since: LocalDate?
        if dropped(upTo: recorded.count) {
            var upTo = recorded.count
            while upTo - 1 >= 6, dropped(upTo: upTo - 1) { upTo -= 1 }
            since = recorded[upTo - 1].0
        }
        #expect(trend?.recent == mean(recorded.suffix(3)), "seed \(seed)")
        #expect(trend?.baseline == mean(recorded.dropLast(3)), "seed \(seed)")
        #expect(trend?.dropSince == since, "seed \(seed)")
    }
}
