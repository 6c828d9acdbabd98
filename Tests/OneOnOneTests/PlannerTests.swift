import Testing
import TestSupport
@testable import OneOnOne

/// The planner at fixed instants in New York (working hours Mon-Fri 09-17).
@Suite("planner")
struct PlannerTests {
    // Weekly 1:1 last held Tue 2026-11-17: due Tue 11-24, lead 1d, slack 2d.
    let config = Fixture.config([Fixture.member()])
    let history = History(meetings: Fixture.met("2026-11-10", "2026-11-17"))

    func plan(_ at: String, ledger: Ledger = Ledger(), history: History? = nil, config: Config? = nil) -> Plan {
        Planner.plan(config: config ?? self.config, history: history ?? self.history, ledger: ledger, now: Fixture.at(at))
    }

    @Test("nothing fires while a 1:1 is on track, and it wakes for the due-soon nudge")
    func onTrack() {
        let p = plan("2026-11-20 10:00")
        #expect(p.fire.isEmpty)
        #expect(p.nextWake == Fixture.at("2026-11-23 09:00"))
    }

    @Test("the due-soon nudge fires one day ahead, at the start of working hours")
    func dueSoon() throws {
        let p = plan("2026-11-23 09:00")
        let r = try #require(p.fire.first)
        #expect(p.fire.count == 1)
        #expect(r.kind == .dueSoon)
        #expect(r.key == "due-soon/alice/2026-11-24")
        #expect(r.title == "1:1 with Alice due tomorrow")
        #expect(r.urgency == .low)
        #expect(r.priority == 5)
        #expect(r.lateBy == nil)
        #expect(p.nextWake == Fixture.at("2026-11-24 09:00"))
    }

    @Test("a nudge that falls at night waits for the next working-hours start")
    func workingHours() {
        // Lead 1d puts the raw nudge at Mon 00:00; it fires at Mon 09:00.
        #expect(plan("2026-11-23 08:59").fire.isEmpty)
        #expect(plan("2026-11-23 08:59").nextWake == Fixture.at("2026-11-23 09:00"))
    }

    @Test("on the due day the due reminder replaces the nudge")
    func due() throws {
        let r = try #require(plan("2026-11-24 09:00").fire.first)
        #expect(r.kind == .due)
        #expect(r.key == "due/alice/2026-11-24")
    }

    @Test("late but within the slack, nothing new fires")
    func late() {
        let ledger = Ledger(fired: ["due/alice/2026-11-24": Fixture.at("2026-11-24 09:00")])
        let p = plan("2026-11-26 12:00", ledger: ledger)
        #expect(p.fire.isEmpty)
        // Slack 2d: overdue from Fri 11-27 00:00, at 09:00 in working hours.
        #expect(p.nextWake == Fixture.at("2026-11-27 09:00"))
    }

    @Test("overdue repeats daily and escalates to critical after three repeats")
    func overdueEscalates() throws {
        var ledger = Ledger()
        var seen: [Reminder] = []
        for day in ["2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02"] {
            let p = plan("\(day) 09:00", ledger: ledger)
            for r in p.fire { ledger.record(r.key, at: Fixture.at("\(day) 09:00")); seen.append(r) }
        }
        #expect(seen.map(\.key) == ["overdue/alice/2026-11-24#1", "overdue/alice/2026-11-24#4",
                                    "overdue/alice/2026-11-24#5", "overdue/alice/2026-11-24#6"])
        #expect(seen.map(\.urgency) == [.normal, .critical, .critical, .critical])
        #expect(seen[0].title == "1:1 with Alice overdue by 3 days")
        #expect(seen[0].priority == 4)
        #expect(seen[1].priority == 2)
    }

    @Test("evaluating twice at the same instant fires nothing new")
    func idempotent() {
        let first = plan("2026-11-23 09:00")
        var ledger = Ledger()
        for r in first.fire { ledger.record(r.key, at: Fixture.at("2026-11-23 09:00")) }
        #expect(plan("2026-11-23 09:00", ledger: ledger).fire.isEmpty)
        #expect(plan("2026-11-23 15:00", ledger: ledger).fire.isEmpty)
    }

    @Test("after a long sleep, missed repeats collapse into one reminder marked late")
    func catchUp() throws {
        // The daemon ran before: it fired the nudge.
        let ledger = Ledger(fired: ["due-soon/alice/2026-11-24": Fixture.at("2026-11-23 09:00")])
        let p = plan("2026-12-03 14:30", ledger: ledger)
        #expect(p.fire.count == 1)
        let r = try #require(p.fire.first)
        #expect(r.key == "overdue/alice/2026-11-24#7")
        #expect(r.lateBy == Int64(5 * 3600 + 1800))
        #expect(r.body.contains("Late by 5h 30m"))
    }

    @Test("recording the 1:1 puts the member back on track")
    func metResets() {
        let h = History(meetings: Fixture.met("2026-11-10", "2026-11-17", "2026-11-30"))
        let p = plan("2026-12-01 09:00", history: h)
        #expect(p.fire.isEmpty)
        #expect(p.nextWake == Fixture.at("2026-12-07 09:00")) // due Mon 12-07: nudge and due both at 09:00
    }

    @Test("an away period pushes the due date out by the days it overlaps")
    func awayPushesDue() {
        let away = AwayPeriod(from: Fixture.date("2026-11-19"), to: Fixture.date("2026-11-25"), why: "vacation")
        let c = Fixture.config([Fixture.member(away: [away])])
        let s = Schedule(member: c.members[0], meetings: history.meetings, firstSeen: nil, today: Fixture.date("2026-11-20"))
        #expect(s.due == Fixture.date("2026-12-01"))
    }

    @Test("overdue alerts pause while the member is away and resume after")
    func awayPausesOverdue() {
        let away = AwayPeriod(from: Fixture.date("2026-12-01"), to: Fixture.date("2026-12-04"))
        let c = Fixture.config([Fixture.member(away: [away])])
        var ledger = Ledger()
        ledger.record("overdue/alice/2026-11-24#4", at: Fixture.at("2026-11-30 09:00"))
        let p = plan("2026-12-02 10:00", ledger: ledger, config: c)
        #expect(p.fire.isEmpty)
        #expect(p.nextWake == Fixture.at("2026-12-07 09:00"))
    }

    @Test("a snoozed member stays quiet until the snooze ends")
    func snooze() {
        let h = History(meetings: history.meetings, snoozes: [Snooze(subject: "alice", until: Fixture.at("2026-11-25 13:00"))])
        let p = plan("2026-11-24 09:00", history: h)
        #expect(p.fire.isEmpty)
        #expect(p.nextWake == Fixture.at("2026-11-25 13:00"))
    }

    @Test("nextWake is always after now")
    func wakeInFuture() {
        for at in ["2026-11-20 10:00", "2026-11-23 09:00", "2026-11-27 09:00", "2026-12-25 23:59"] {
            if let wake = plan(at).nextWake { #expect(wake > Fixture.at(at)) }
        }
    }

    @Test("the due-soon body lists the member's open and stale items")
    func bodyListsItems() throws {
        let items = [
            ActionItem(id: "1", member: "alice", text: "Send the promo packet", owner: .me,
                       due: Fixture.date("2026-11-20"), created: Fixture.date("2026-11-10")),
            ActionItem(id: "2", member: "alice", text: "Draft the RFC", owner: .them, due: nil,
                       created: Fixture.date("2026-11-17")),
        ]
        let h = History(meetings: history.meetings, actions: items)
        let r = try #require(plan("2026-11-23 09:00", history: h).fire.first { $0.kind == .dueSoon })
        #expect(r.body.contains("2 open items:"))
        #expect(r.body.contains("[1] Send the promo packet (you, due Nov 20, stale)"))
        #expect(r.body.contains("[2] Draft the RFC (Alice)"))
    }

    @Test("an item written down already months past due starts its stale alerts at #1, not as if it had been missed")
    func pastDueWhenWritten() throws {
        let item = ActionItem(id: "7", member: "alice", text: "Renew the visa letter", owner: .me,
                              due: Fixture.date("2026-01-15"), created: Fixture.date("2026-11-23"))
        let h = History(meetings: history.meetings, actions: [item])
        let r = try #require(plan("2026-11-23 14:00", history: h).fire.first { $0.kind == .staleAction })
        #expect(r.key == "stale-action/7/2026-01-16#1")
        #expect(r.urgency == .normal)
        // Counted from the day it was written down (09:00 working-hours start), not from January.
        #expect(r.scheduled == Fixture.at("2026-11-23 09:00"))
    }

    @Test("reminders of one instant fire by kind, then members in the config's order, each member's items in the history's order")
    func firingOrder() throws {
        // zoe comes first in the config though her key sorts last; item 10
        // comes before item 9 in the history though its id sorts first.
        let config = Fixture.config([Fixture.member("zoe", name: "Zoe Adams"), Fixture.member("alice")])
        let item = { (id: String, member: String, created: String) in
            ActionItem(id: id, member: member, text: "Item \(id)", owner: .me, due: Fixture.date("2026-11-16"),
                       created: Fixture.date(created))
        }
        let h = History(meetings: Fixture.met("2026-11-10", "2026-11-17") + Fixture.met("2026-11-10", "2026-11-17", member: "zoe"),
                        actions: [item("10", "alice", "2026-11-01"), item("9", "alice", "2026-11-02"),
                                  item("3", "zoe", "2026-11-03")])
        let fire = plan("2026-11-23 09:00", history: h, config: config).fire
        #expect(fire.map(\.key) == [
            "due-soon/zoe/2026-11-24", "due-soon/alice/2026-11-24",
            // Daily for a week, then weekly: item 10, stale for 8 days, is at its first weekly alert.
            "stale-action/3/2026-11-17#7", "stale-action/10/2026-11-15#8", "stale-action/9/2026-11-16#8",
        ])
    }

    @Test("a deferral never moves an instant back, and a later instant never comes out earlier")
    func deferralIsMonotone() {
        let member = Fixture.member(away: [AwayPeriod(from: Fixture.date("2026-11-25"), to: Fixture.date("2026-11-27"), why: nil)])
        let deferral = Deferral(calendar: ZonedCalendar(zone: Fixture.newYork), hours: config.workingHours, away: member.away,
                                snoozedUntil: Fixture.at("2026-11-23 11:00"))
        var previous: Instant?
        for quarter in 0..<(4 * 24 * 12) {
            let raw = Fixture.at("2026-11-22 00:00").adding(seconds: Int64(quarter) * 900)
            let t = deferral(raw)
            #expect(t >= raw)
            if let previous { #expect(t >= previous, "\(raw)") }
            previous = t
        }
        // Inside the away period nothing is due; it resumes at Mon 09:00.
        #expect(deferral(Fixture.at("2026-11-26 10:00")) == Fixture.at("2026-11-30 09:00"))
    }

    @Test("with lateness off, a reminder whose time has passed carries no lateBy and no late line")
    func latenessOff() throws {
        let ledger = Ledger(fired: ["due-soon/alice/2026-11-24": Fixture.at("2026-11-23 09:00")])
        let late = try #require(plan("2026-11-24 15:00", ledger: ledger).fire.first)
        #expect(late.lateBy.map { Int($0) } == 21_600)
        #expect(late.body.contains("Late by 6h"))
        let news = try #require(Planner.plan(config: config, history: history, ledger: ledger,
                                             now: Fixture.at("2026-11-24 15:00"), lateness: false).fire.first)
        #expect(news.key == late.key)
        #expect(news.lateBy == nil)
        #expect(!news.body.contains("Late by"))
    }

    @Test("1:1s slipping below the consistency floor bring one drift alert, dated from when the slide began")
    func drift() throws {
        // Weekly until August, then every 12 days: late, one after another.
        var dates: [LocalDate] = []
        var d = Fixture.date("2026-03-03")
        while d < Fixture.date("2026-11-20") {
            dates.append(d)
            d = d.adding(days: d < Fixture.date("2026-08-01") ? 7 : 12)
        }
        let history = History(meetings: dates.map { Meeting(member: "alice", date: $0) })
        let p = plan("2026-11-20 10:00", history: history)
        let alert = try #require(p.fire.first { $0.kind == .drift })
        // On Sep 7 the gap after Aug 28 went past its slack: with it, 3 of
        // the 11 1:1s of the last 90 days were late (8 of 11 on time, below
        // 75%); on Sep 6 it was 8 of 10.
        #expect(alert.key == "drift/alice/2026-09-07")
        #expect(alert.title.hasPrefix("1:1s with Alice are drifting: "))
        #expect(alert.body.contains("below your 75% floor"))
        // Once fired, it stays quiet, the next day too.
        var ledger = Ledger()
        for r in p.fire { ledger.record(r.key, at: Fixture.at("2026-11-20 10:00")) }
        #expect(plan("2026-11-20 10:00", ledger: ledger, history: history).fire.isEmpty)
        #expect(!plan("2026-11-21 10:00", ledger: ledger, history: history).fire.contains { $0.kind == .drift })
        // 1:1s on time all along: no drift.
        let steady = History(meetings: stride(from: 0, to: 30, by: 1).map {
            Meeting(member: "alice", date: Fixture.date("2026-05-05").adding(days: 7 * $0))
        })
        #expect(!plan("2026-11-20 10:00", history: steady).fire.contains { $0.kind == .drift })
    }

    @Test("a mood clearly below the member's usual brings one alert, dated from the 1:1 where the last three fell a point below")
    func moodDrop() throws {
        // Usually 4.2 (4, 4, 5, 4, 4, 4); then 2, 2, 2. With one low mood the
        // last three average 3.3, not a point below 4.25; with two, 2.7 is.
        let history = History(meetings: Fixture.met("2026-09-22", "2026-09-29", "2026-10-06", "2026-10-13", "2026-10-20",
                                                    "2026-10-27", "2026-11-03", "2026-11-10", "2026-11-17",
                                                    mood: [4, 4, 5, 4, 4, 4, 2, 2, 2]))
        let p = plan("2026-11-20 10:00", history: history)
        let alert = try #require(p.fire.first { $0.kind == .moodDrop })
        #expect(alert.key == "mood-drop/alice/2026-11-10")
        #expect(alert.title == "Alice seems down lately")
        #expect(alert.body.contains("mood 2.0 over the last three 1:1s, usually 4.2"))
        let fine = History(meetings: Fixture.met("2026-10-06", "2026-10-13", "2026-10-20", "2026-10-27", "2026-11-03",
                                                 "2026-11-10", "2026-11-17", mood: [4, 4, 5, 4, 4, 3, 4]))
        #expect(!plan("2026-11-20 10:00", history: fine).fire.contains { $0.kind == .moodDrop })
    }
}

@Suite("planner: late reminders and working hours")
struct LateWorkingHoursTests {
    let config = Fixture.config([Fixture.member()])
    let history = History(meetings: Fixture.met("2026-11-10", "2026-11-17"))

    @Test("a reminder missed while the daemon was down waits for the next start of working hours, evening or weekend")
    func missedWaitsForWorkingHours() throws {
        // Due Tue 11-24; the daemon comes back Fri 22:00 and Sat 10:00: nothing fires.
        for at in ["2026-11-27 22:00", "2026-11-28 10:00"] {
            let p = Planner.plan(config: config, history: history, ledger: Ledger(), now: Fixture.at(at))
            #expect(p.fire.isEmpty, "\(at): \(p.fire.map(\.title))")
            #expect(p.nextWake == Fixture.at("2026-11-30 09:00"), "\(at)")
        }
        let monday = Planner.plan(config: config, history: history, ledger: Ledger(), now: Fixture.at("2026-11-30 09:00"))
        let r = try #require(monday.fire.first)
        #expect(r.kind == .overdue)
        #expect(r.scheduled == Fixture.at("2026-11-30 09:00"))
    }

    @Test("plan --days lists a missed reminder at the next start of working hours, not now")
    func upcomingWaits() throws {
        let friday = Fixture.at("2026-11-27 22:00")
        let got = Planner.upcoming(config: config, history: history, ledger: Ledger(), from: friday,
                                   until: friday.adding(seconds: 4 * 86_400))
        let first = try #require(got.first)
        #expect(first.kind == .overdue)
        // Shown Monday at 09:00: the first wake, Monday's start of working hours.
        #expect(got.filter { $0.kind == .overdue }.count >= 1)
        #expect(!got.contains { $0.scheduled > friday && $0.scheduled < Fixture.at("2026-11-30 09:00") })
    }
}

@Suite("planner: titles true when shown")
struct TitleTests {
    let config = Fixture.config([Fixture.member()])

    func first(_ history: History, at: String, ledger: Ledger = Ledger(fired: ["x": Fixture.at("2026-01-01 00:00")])) throws -> Reminder {
        try #require(Planner.plan(config: config, history: history, ledger: ledger, now: Fixture.at(at)).fire.first)
    }

    @Test("a due reminder moved off a weekend says since when it is due, not \"due today\"")
    func dueSince() throws {
        // Weekly, last held Sat 11-21: due Sat 11-28, shown Mon 11-30 09:00.
        let r = try first(History(meetings: Fixture.met("2026-11-14", "2026-11-21")), at: "2026-11-30 09:00")
        #expect(r.kind == .due)
        #expect(r.title == "1:1 with Alice due since Sat Nov 28")
    }

    @Test("a date in another year carries its year")
    func year() throws {
        let r = try first(History(meetings: Fixture.met("2025-12-10", "2025-12-17")), at: "2026-01-05 09:00")
        #expect(r.body.contains("due Wed Dec 24 2025"), "\(r.body)")
        #expect(r.body.contains("last held Wed Dec 17 2025"), "\(r.body)")
    }

    @Test("a member never met is \"never held\", with when they joined, not hundreds of days overdue")
    func neverHeld() throws {
        var member = Fixture.member()
        member.since = Fixture.date("2026-03-02")
        let config = Fixture.config([member])
        let r = try #require(Planner.plan(config: config, history: History(), ledger: Ledger(), now: Fixture.at("2026-11-23 09:00")).fire.first)
        #expect(r.title == "1:1 with Alice: never held, in the team since Mar 2", "\(r.title)")
        #expect(r.lateBy == nil)
        #expect(!r.body.contains("Late by"))
    }

    @Test("the first run catches up quietly: nothing is marked late when nothing ever fired")
    func firstRunQuiet() throws {
        let r = try first(History(meetings: Fixture.met("2026-11-10", "2026-11-17")), at: "2026-12-03 14:30", ledger: Ledger())
        #expect(r.lateBy == nil)
        #expect(!r.body.contains("Late by"))
    }

    @Test("an item written down already past due is news, not late, on the day it is written down")
    func itemAddedPastDue() throws {
        let item = ActionItem(id: "1", member: "alice", text: "Send it", owner: .me, due: Fixture.date("2026-11-01"),
                              created: Fixture.date("2026-11-23"))
        let h = History(meetings: Fixture.met("2026-11-10", "2026-11-17"), actions: [item])
        let r = try #require(Planner.plan(config: config, history: h, ledger: Ledger(fired: ["x": Fixture.at("2026-01-01 00:00")]),
                                          now: Fixture.at("2026-11-23 15:00")).fire.first { $0.kind == .staleAction })
        #expect(r.lateBy == nil)
        #expect(!r.body.contains("Late by"))
    }

    @Test("stale reasons give the real figures, every one that holds")
    func staleReasons() throws {
        // Past due Nov 20, untouched since Oct 26 (28 days by Nov 23), carried through 3 1:1s.
        let item = ActionItem(id: "1", member: "alice", text: "Send it", owner: .me, due: Fixture.date("2026-11-20"),
                              created: Fixture.date("2026-10-26"))
        let h = History(meetings: Fixture.met("2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"), actions: [item])
        let r = try #require(Planner.plan(config: config, history: h, ledger: Ledger(), now: Fixture.at("2026-11-23 09:00"))
            .fire.first { $0.kind == .staleAction })
        #expect(r.body.contains("Stale: untouched for 28 days; carried through 3 1:1s; past due (Nov 20)."), "\(r.body)")
    }
}

@Suite("planner: back-off")
struct BackOffTests {
    @Test("an overdue alert repeats daily for its first week, then weekly, and stops after give_up (8 weeks)")
    func overdueBacksOff() {
        let config = Fixture.config([Fixture.member()], hours: "always")
        // Weekly, last held Tue 11-10: due 11-17, slack 2d, overdue from Fri 11-20 00:00.
        let history = History(meetings: Fixture.met("2026-11-03", "2026-11-10"))
        let start = Fixture.at("2026-11-20 00:00")
        let got = Planner.upcoming(config: config, history: history, ledger: Ledger(), from: start,
                                   until: start.adding(seconds: 10 * 7 * 86_400)).filter { $0.kind == .overdue }
        // By definition: days 0…6, then days 7, 14 … 49 (before day 56).
        let days = Array(0...6) + stride(from: 7, to: 56, by: 7)
        #expect(got.map(\.scheduled) == days.map { start.adding(seconds: Int64($0) * 86_400) })
        #expect(got.map(\.occurrence) == Array(1...days.count))
        #expect(got.map(\.urgency) == [.normal, .normal, .normal] + Array(repeating: .critical, count: days.count - 3))
    }

    @Test("a stale item backs off the same way, and give_up is per member")
    func staleBacksOff() {
        var member = Fixture.member()
        member.settings.giveUp = TimeSpan(days: 21)
        let config = Fixture.config([member], hours: "always")
        let item = ActionItem(id: "1", member: "alice", text: "Send it", owner: .me, due: Fixture.date("2026-11-19"),
                              created: Fixture.date("2026-11-16"))
        let history = History(meetings: Fixture.met("2026-11-16"), actions: [item])
        let start = Fixture.at("2026-11-20 00:00")
        let got = Planner.upcoming(config: config, history: history, ledger: Ledger(), from: start,
                                   until: start.adding(seconds: 10 * 7 * 86_400)).filter { $0.kind == .staleAction }
        let days = Array(0...6) + [7, 14]
        #expect(got.map(\.scheduled) == days.map { start.adding(seconds: Int64($0) * 86_400) })
    }
}
