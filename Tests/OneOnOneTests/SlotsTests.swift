import Testing
import TestSupport
@testable import OneOnOne

/// Where `export` puts each 1:1 (New York, Mon-Fri 09-17).
@Suite("export slots")
struct SlotsTests {
    func slots(_ members: [Member], _ history: History, at now: String) -> [Slots.Slot] {
        let config = Fixture.config(members)
        let team = TeamStatus(config: config, history: history, now: Fixture.at(now))
        return Slots(team: team, config: config, history: history).slots
    }

    @Test("a member who works Wed-Thu only, due Mon, is placed on Wednesday; an away period pushes past it")
    func firstSharedWorkingDay() throws {
        var bea = Fixture.member("bea", name: "Bea")
        bea.workingHours = try WorkingHours.parse("Wed-Thu 13:00-18:00").get()
        // Weekly, last held Mon Nov 16: due Mon Nov 23.
        let history = History(meetings: Fixture.met("2026-11-16", member: "bea"))
        let slot = try #require(slots([bea], history, at: "2026-11-20 12:00").first)
        #expect(slot.start == Fixture.at("2026-11-25 13:00") && slot.shared)
        #expect(slot.end == Fixture.at("2026-11-25 13:30"))
        bea.away = [AwayPeriod(from: Fixture.date("2026-11-25"), to: Fixture.date("2026-11-26"), why: nil)]
        #expect(slots([bea], history, at: "2026-11-20 12:00").first?.start == Fixture.at("2026-12-02 13:00"))
    }

    @Test("two members due the same day get one slot after the other; no shared hours falls back to yours")
    func oneAfterAnother() throws {
        var a = Fixture.member("a", name: "A"), b = Fixture.member("b", name: "B")
        a.settings.duration = TimeSpan(seconds: 45 * 60)
        var c = Fixture.member("c", name: "C")
        c.workingHours = try WorkingHours.parse("Sat 10:00-12:00").get()
        let history = History(meetings: Fixture.met("2026-11-17", member: "a") + Fixture.met("2026-11-17", member: "b")
                              + Fixture.met("2026-11-17", member: "c"))
        let placed = slots([a, b, c], history, at: "2026-11-20 12:00")
        #expect(placed.map(\.start) == [Fixture.at("2026-11-24 09:00"), Fixture.at("2026-11-24 09:45"), Fixture.at("2026-11-24 10:15")])
        #expect(placed.map(\.shared) == [true, true, false])
    }
}
