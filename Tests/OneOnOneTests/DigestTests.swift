import Testing
import TestSupport
@testable import OneOnOne

/// The morning digest at fixed instants (New York, Mon-Fri 09:00-17:00).
@Suite("digest")
struct DigestTests {
    /// Alice weekly, last held Tue 11-10 (due 11-17, overdue from 11-20);
    /// Bob weekly, last held Mon 11-23 (on track all week).
    static func world(digest: DigestTime? = .start, zone: TimeZoneRules = Fixture.newYork) -> (Config, History) {
        var config = Fixture.config([Fixture.member(), Fixture.member("bob", name: "Bob Okafor")], zone: zone)
        config.notify = NotifySettings(digest: digest)
        let history = History(meetings: Fixture.met("2026-11-03", "2026-11-10") + Fixture.met("2026-11-16", "2026-11-23", member: "bob"))
        return (config, history)
    }

    static func digests(_ config: Config, _ history: History, from: String, days: Int) -> [Reminder] {
        let start = Fixture.at(from)
        return Planner.upcoming(config: config, history: history, ledger: Ledger(), from: start,
                                until: start.adding(seconds: Int64(days) * 86_400)).filter { $0.kind == .digest }
    }

    @Test("one digest each working morning at the start of working hours, none at the weekend, titled with the essentials")
    func workingWeek() throws {
        let (config, history) = Self.world()
        let got = Self.digests(config, history, from: "2026-11-23 00:00", days: 8)
        #expect(got.map(\.key) == ["digest/2026-11-23", "digest/2026-11-24", "digest/2026-11-25", "digest/2026-11-26",
                                   "digest/2026-11-27", "digest/2026-11-30"])
        #expect(got.map(\.scheduled) == ["11-23", "11-24", "11-25", "11-26", "11-27", "11-30"].map { Fixture.at("2026-\($0) 09:00") })
        let monday = try #require(got.first)
        #expect(monday.title == "1 1:1 due")
        #expect(monday.body.contains("• Alice: overdue by 6 days"), "\(monday.body)")
        #expect(!monday.body.contains("Bob"))
        #expect(monday.urgency == .low)
    }

    @Test("a day with nothing to say sends none")
    func nothingToSay() {
        var (config, history) = Self.world()
        history.add(Meeting(member: "alice", date: Fixture.date("2026-11-22")))
        #expect(Self.digests(config, history, from: "2026-11-23 00:00", days: 1).isEmpty)
        config.notify.digest = nil
        #expect(Self.digests(config, history, from: "2026-11-23 00:00", days: 7).isEmpty)
    }

    @Test("digest = \"HH:MM\" sends it then, moved into working hours when outside them")
    func atATime() {
        let (config, history) = Self.world(digest: .at(minutes: 10 * 60 + 30))
        #expect(Self.digests(config, history, from: "2026-11-23 00:00", days: 1).map(\.scheduled) == [Fixture.at("2026-11-23 10:30")])
        let (early, _) = Self.world(digest: .at(minutes: 7 * 60))
        #expect(Self.digests(early, history, from: "2026-11-23 00:00", days: 1).map(\.scheduled) == [Fixture.at("2026-11-23 09:00")])
    }

    @Test("across the end of daylight saving time the digest stays at 09:00 local: 13:00 UTC, then 14:00 UTC")
    func daylightSaving() {
        var config = Fixture.config([Fixture.member()])
        config.notify = NotifySettings(digest: .start)
        // Weekly, last held 10-20: overdue from 10-30; DST ends Sun 11-01.
        let history = History(meetings: Fixture.met("2026-10-13", "2026-10-20"))
        let start = Fixture.at("2026-10-30 00:00")
        let got = Planner.upcoming(config: config, history: history, ledger: Ledger(), from: start,
                                   until: start.adding(seconds: 5 * 86_400)).filter { $0.kind == .digest }
        let utc = TimeZoneRules.utc
        #expect(got.map { utc.local($0.scheduled).time.hour } == [13, 14, 14])
        #expect(got.map(\.key) == ["digest/2026-10-30", "digest/2026-11-02", "digest/2026-11-03"])
    }

    @Test("items gone stale since the digest before are in it once, Monday's covering the weekend")
    func staleSinceLastDigest() throws {
        let (config, history0) = Self.world()
        var history = history0
        history.add(Meeting(member: "alice", date: Fixture.date("2026-11-20")))
        history.actions = [ActionItem(id: "7", member: "bob", text: "Send the deck", owner: .me, due: Fixture.date("2026-11-20"),
                                      created: Fixture.date("2026-11-16"))]
        let got = Self.digests(config, history, from: "2026-11-20 12:00", days: 5)
        // Stale from Sat 11-21: in Monday's digest, not Tuesday's.
        let monday = try #require(got.first { $0.key == "digest/2026-11-23" })
        #expect(monday.title.contains("1 item stale"), "\(monday.title)")
        #expect(monday.body.contains("[7] Send the deck (Bob): past due (Nov 20)"), "\(monday.body)")
        #expect(!got.contains { $0.key == "digest/2026-11-24" && $0.body.contains("[7]") })
    }

    @Test("kinds are routed by config: a hook without `on` gets the immediate kinds and the digest; with `on`, those kinds")
    func routing() {
        var notify = NotifySettings()
        let plain = Hook(command: ["notify-send"], kinds: Set(ReminderKind.allCases), timeout: TimeSpan(seconds: 10))
        #expect(notify.delivers(.overdue, to: plain))
        #expect(notify.delivers(.digest, to: plain))
        #expect(!notify.delivers(.staleAction, to: plain))
        var chat = Hook(command: ["post"], kinds: [.staleAction], timeout: TimeSpan(seconds: 10))
        chat.subscribesToAll = false
        #expect(notify.delivers(.staleAction, to: chat))
        #expect(!notify.delivers(.digest, to: chat))
        notify.immediate = [.staleAction]
        #expect(notify.delivers(.staleAction, to: plain) && !notify.delivers(.overdue, to: plain))
        notify.digest = nil
        #expect(notify.delivers(.overdue, to: plain) && notify.delivers(.staleAction, to: plain))
    }

    @Test("a due or overdue 1:1 that goes out with the digest is left to it; alone, and for a hook with `on`, it goes out")
    func digestCoversItsOneOnOnes() throws {
        let (config, history) = Self.world()
        // Monday 09:00: the digest and Alice's overdue alert come together.
        let wake = Planner.plan(config: config, history: history, ledger: Ledger(), now: Fixture.at("2026-11-23 09:00")).fire
        #expect(Set(wake.map(\.kind)) == [.digest, .overdue], "\(wake.map(\.key))")
        let plain = Hook(command: ["notify-send"], kinds: Set(ReminderKind.allCases), timeout: TimeSpan(seconds: 10))
        let shown = config.notify.deliveries(of: wake, to: plain)
        #expect(shown.map(\.kind) == [.digest])
        #expect(try #require(shown.first).body.contains("Alice: overdue by 6 days"))
        // Without the digest in the same wake, the overdue alert goes out alone.
        let alone = wake.filter { $0.kind != .digest }
        #expect(config.notify.deliveries(of: alone, to: plain).map(\.kind) == [.overdue])
        var pager = Hook(command: ["page-me"], kinds: [.overdue], timeout: TimeSpan(seconds: 10))
        pager.subscribesToAll = false
        #expect(config.notify.deliveries(of: wake, to: pager).map(\.kind) == [.overdue])
    }
}
