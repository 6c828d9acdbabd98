import Testing
@testable import OneOnOne

/// Schedules, states and reminders where the calendar is awkward: DST
/// changes, year ends, leap days and long away periods. Alice meets the
/// manager weekly (lead 1d, slack 2d, repeat 1d) unless a test says
/// otherwise; expected instants are worked out from the rules in DESIGN.md
/// and written both as local wall time and, where the offset matters, UTC.
@Suite("domain at calendar edges")
struct DomainCalendarEdgeTests {
    static let berlin = Fixture.zone("Europe/Berlin")

    /// Alice alone, with the manager in `zone` (Alice too, unless `memberZone`).
    func team(_ zone: TimeZoneRules = Fixture.newYork, hours: String = "Mon-Fri 09:00-17:00", cadence: Cadence = .days(7),
              memberZone: TimeZoneRules? = nil, away: [AwayPeriod] = []) -> Config {
        Fixture.config([Fixture.member(settings: Fixture.settings(cadence: cadence), zone: memberZone ?? zone, away: away)],
                       zone: zone, hours: hours)
    }

    func schedule(_ config: Config, _ meetings: [Meeting], today: String) -> Schedule {
        Schedule(member: config.members[0], meetings: meetings, firstSeen: nil, today: Fixture.date(today))
    }

    func plan(_ config: Config, _ history: History, at now: Instant, ledger: Ledger = Ledger()) -> Plan {
        Planner.plan(config: config, history: history, ledger: ledger, now: now)
    }

    /// Evaluates the planner at each instant in turn and records what fires,
    /// as the daemon does with its ledger.
    func run(_ config: Config, _ history: History, at instants: [Instant], ledger: Ledger = Ledger()) -> [Plan] {
        var ledger = ledger
        return instants.map { now in
            let p = plan(config, history, at: now, ledger: ledger)
            for r in p.fire { ledger.record(r.key, at: now) }
            return p
        }
    }

    /// The ledger a daemon that never missed a wake would hold at `until`.
    func ledger(_ config: Config, _ history: History, from: Instant, until: Instant) -> Ledger {
        var ledger = Ledger()
        for r in Planner.upcoming(config: config, history: history, ledger: Ledger(), from: from, until: until) {
            ledger.record(r.key, at: r.scheduled)
        }
        return ledger
    }

    func utc(_ text: String) -> Instant { Fixture.at(text, .utc) }

    func away(_ from: String, _ to: String) -> AwayPeriod {
        AwayPeriod(from: Fixture.date(from), to: Fixture.date(to), why: "leave")
    }

    /// Weekly 1:1s every Tuesday from 2026-10-06 to 2027-01-26, through ISO week 53.
    let tuesdays = (0..<17).map { Meeting(member: "alice", date: Fixture.date("2026-10-06").adding(weeks: $0)) }

    /// Alice away all summer: Mon 2026-06-01 through Wed 2026-09-30.
    var awaySummer: Config { team(away: [away("2026-06-01", "2026-09-30")]) }

    /// An item written down at the last 1:1 before the summer away, with no due date.
    let offsiteNotes = ActionItem(id: "a1", member: "alice", text: "Send the offsite notes", owner: .me, due: nil,
                                  created: Fixture.date("2026-05-26"))

    // MARK: DST

    @Test("a weekly 1:1 stays on its weekday across both DST changes in New York and Berlin", arguments: [
        ("America/New_York", "2026-03-03", "2026-03-10"), ("America/New_York", "2026-10-27", "2026-11-03"),
        ("Europe/Berlin", "2026-03-24", "2026-03-31"), ("Europe/Berlin", "2026-10-20", "2026-10-27"),
    ])
    func weekdayAcrossDST(zone: String, last: String, due: String) {
        let s = schedule(team(Fixture.zone(zone)), Fixture.met(last), today: last)
        #expect(s.due == Fixture.date(due))
        #expect(s.due.weekday == .tuesday)
    }

    @Test("the nudge fires at 09:00 local on both sides of each DST change, so its UTC instant moves an hour", arguments: [
        ("America/New_York", "2026-02-24", "2026-03-02 14:00"), ("America/New_York", "2026-03-03", "2026-03-09 13:00"),
        ("America/New_York", "2026-10-20", "2026-10-26 13:00"), ("America/New_York", "2026-10-27", "2026-11-02 14:00"),
        ("Europe/Berlin", "2026-03-17", "2026-03-23 08:00"), ("Europe/Berlin", "2026-03-24", "2026-03-30 07:00"),
        ("Europe/Berlin", "2026-10-13", "2026-10-19 07:00"), ("Europe/Berlin", "2026-10-20", "2026-10-26 08:00"),
    ])
    func nudgeAtNineLocal(zone: String, last: String, fires: String) throws {
        let rules = Fixture.zone(zone)
        let r = try #require(plan(team(rules), History(meetings: Fixture.met(last)), at: utc(fires)).fire.first)
        #expect(r.kind == .dueSoon)
        #expect(r.scheduled == utc(fires))
        #expect(rules.local(r.scheduled).time == LocalTime(hour: 9, minute: 0))
        #expect(r.lateBy == nil)
    }

    @Test("on the Monday after fall-back nothing fires at 08:00 EST, the hour a fixed offset would pick")
    func fallBackNotAnHourEarly() {
        // Due Mon 11-02: the nudge (raw Sun 00:00) and the due reminder both wait for Mon 09:00 EST = 14:00 UTC.
        let p = plan(team(), History(meetings: Fixture.met("2026-10-26")), at: utc("2026-11-02 13:00"))
        #expect(p.fire.isEmpty)
        #expect(p.nextWake == utc("2026-11-02 14:00"))
    }

    @Test("working hours that start in the skipped hour begin an hour later on spring-forward day", arguments: [
        ("America/New_York", "2026-03-01", "2026-03-08 07:30", "2026-03-08 06:59"),
        ("Europe/Berlin", "2026-03-22", "2026-03-29 01:30", "2026-03-29 00:59"),
    ])
    func startInSkippedHour(zone: String, last: String, fires: String, before: String) throws {
        // 02:30 does not exist that Sunday; it is read with the offset before the jump, so 03:30 local.
        let rules = Fixture.zone(zone)
        let config = team(rules, hours: "Mon-Sun 02:30-17:00")
        let history = History(meetings: Fixture.met(last))
        let plans = run(config, history, at: [utc(before), utc(fires)])
        // Before the (late) start of working hours nothing fires, not even
        // the nudge missed the day before: the due reminder replaces it.
        #expect(plans[0].fire.isEmpty)
        #expect(plans[0].nextWake == utc(fires))
        let r = try #require(plans[1].fire.first)
        #expect(r.kind == .due)
        #expect(rules.local(r.scheduled).time == LocalTime(hour: 3, minute: 30))
    }

    @Test("working hours that start in the repeated hour fire at the first 01:30 of fall-back day, once")
    func startInRepeatedHour() throws {
        let config = team(hours: "Mon-Sun 01:30-17:00")
        let history = History(meetings: Fixture.met("2026-10-25"))
        // 01:30 EDT is 05:30 UTC; 01:30 EST, an hour later, shows the same wall time again.
        let plans = run(config, history, at: [utc("2026-11-01 05:29"), utc("2026-11-01 05:30"), utc("2026-11-01 06:30")])
        #expect(plans[0].nextWake == utc("2026-11-01 05:30"))
        #expect(plans[1].fire.map(\.key) == ["due/alice/2026-11-01"])
        #expect(plans[2].fire.isEmpty)
    }

    @Test("a due day whose midnight is skipped (Santiago, 2026-09-06) starts at 01:00")
    func midnightSkipped() throws {
        let santiago = Fixture.zone("America/Santiago")
        let config = team(santiago, hours: "always")
        let history = History(meetings: Fixture.met("2026-08-30"))
        let ledger = Ledger(fired: ["due-soon/alice/2026-09-06": utc("2026-09-05 05:00")])
        // Sat 23:59 -04 is 03:59 UTC; the clocks then jump to Sun 01:00 -03 = 04:00 UTC.
        let before = plan(config, history, at: utc("2026-09-06 03:59"), ledger: ledger)
        #expect(before.fire.isEmpty)
        #expect(before.nextWake == utc("2026-09-06 04:00"))
        let r = try #require(plan(config, history, at: utc("2026-09-06 04:00"), ledger: ledger).fire.first)
        #expect(r.key == "due/alice/2026-09-06")
        let local = santiago.local(r.scheduled)
        #expect(local == LocalDateTime(date: Fixture.date("2026-09-06"), time: LocalTime(hour: 1, minute: 0)))
    }

    @Test("a Kyiv report sees the New York 09:00 nudge at 15:00 while only one side has changed clocks", arguments: [
        ("2026-02-24", 16), ("2026-03-10", 15), ("2026-03-24", 16), ("2026-10-20", 15), ("2026-10-27", 16),
    ])
    func reportLocalTimeOfNudge(last: String, kyivHour: Int) throws {
        let config = team(memberZone: Fixture.kyiv)
        let from = Fixture.at(last + " 12:00")
        let r = try #require(Planner.upcoming(config: config, history: History(meetings: Fixture.met(last)), ledger: Ledger(),
                                              from: from, until: from.adding(seconds: 7 * 86_400)).first)
        #expect(r.kind == .dueSoon)
        #expect(Fixture.newYork.local(r.scheduled).time == LocalTime(hour: 9, minute: 0))
        #expect(config.members[0].timeZone.local(r.scheduled).time == LocalTime(hour: kyivHour, minute: 0))
    }

    @Test("the working-hours overlap with a Berlin report runs to 12:00 New York time in the mismatched weeks, 11:00 otherwise",
          arguments: [("2026-03-03", 11), ("2026-03-17", 12), ("2026-04-07", 11), ("2026-10-27", 12), ("2026-11-03", 11)])
    func reportWorkingHoursOverlap(day: String, endHour: Int) {
        // Both work 09:00-17:00 in their own zone. Berlin is 6 hours ahead of
        // New York, 5 while New York is already (or still) on summer time.
        let config = team(memberZone: Self.berlin)
        let overlap = config.members[0].workingOverlap(with: config, on: Fixture.date(day))
        #expect(overlap == [WorkingHours.Range(start: 9 * 60, end: endHour * 60)])
    }

    @Test("working hours off the quarter hour keep their overlap, closed at the range's own end")
    func overlapOffTheQuarterHour() {
        // The report works 09:00-17:00 in the same zone.
        let config = team(hours: "Mon-Fri 09:10-16:50")
        let overlap = config.members[0].workingOverlap(with: config, on: Fixture.date("2026-11-24"))
        #expect(overlap == [WorkingHours.Range(start: 9 * 60 + 10, end: 16 * 60 + 50)])
    }

    // MARK: Year ends

    @Test("a weekly 1:1 held on 2026-12-29 (ISO week 53) is due 2027-01-05")
    func weeklyOverNewYear() {
        #expect(schedule(team(), Fixture.met("2026-12-29"), today: "2026-12-30").due == Fixture.date("2027-01-05"))
    }

    @Test("biweekly, 10-day and monthly cadences roll over the year end", arguments: [
        (Cadence.days(14), "2026-12-22", "2027-01-05"), (.days(10), "2026-12-27", "2027-01-06"),
        (.months(1), "2026-12-15", "2027-01-15"), (.months(1), "2026-12-31", "2027-01-31"),
        (.months(3), "2026-11-30", "2027-02-28"),
    ])
    func cadencesOverNewYear(cadence: Cadence, last: String, due: String) {
        #expect(schedule(team(cadence: cadence), Fixture.met(last), today: last).due == Fixture.date(due))
    }

    @Test("a monthly 1:1 held on January 31 is due on the last day of February", arguments: [
        ("2027-01-31", "2027-02-28"), ("2028-01-31", "2028-02-29"),
    ])
    func monthlyFromJanuary31(last: String, due: String) {
        #expect(schedule(team(cadence: .months(1)), Fixture.met(last), today: last).due == Fixture.date(due))
    }

    @Test("on New Year's Eve the status shows the next 1:1 due on the first Tuesday of January")
    func statusOnNewYearsEve() throws {
        let team = TeamStatus(config: team(), history: History(meetings: Fixture.met("2026-12-29")),
                              now: Fixture.at("2026-12-31 10:00"))
        let alice = try #require(team.members.first)
        #expect(alice.state == .onTrack)
        #expect(alice.schedule.due == Fixture.date("2027-01-05"))
        #expect(team.summary == "next: 1:1 with Alice due Tuesday")
    }

    @Test("a 1:1 missed over New Year is quiet on Jan 1 and overdue by 5 days on Monday Jan 4, keyed by its December due date")
    func overdueOverNewYear() throws {
        let config = team()
        let history = History(meetings: Fixture.met("2026-12-23"))
        // Due Wed 12-30, late through Fri 01-01; overdue daily from Sat 01-02, held for Mon 09:00.
        let ledger = ledger(config, history, from: Fixture.at("2026-12-23 12:00"), until: Fixture.at("2026-12-31 00:00"))
        #expect(ledger.contains("due/alice/2026-12-30"))
        let plans = run(config, history, at: [Fixture.at("2027-01-01 10:00"), Fixture.at("2027-01-04 09:00")], ledger: ledger)
        #expect(plans[0].fire.isEmpty)
        #expect(plans[0].nextWake == Fixture.at("2027-01-04 09:00"))
        let r = try #require(plans[1].fire.first)
        #expect(plans[1].fire.count == 1)
        #expect(r.key == "overdue/alice/2026-12-30#3")
        #expect(r.title == "1:1 with Alice overdue by 5 days")
        #expect(r.urgency == .normal)
    }

    @Test("weekly 1:1s through ISO week 53 each count once, all on time")
    func consistencyThroughWeek53() {
        // 2026 has 53 ISO weeks: its Tuesday Dec 29 is in week 53.
        #expect(tuesdays.contains { $0.date == Fixture.date("2026-12-29") })
        let s = schedule(team(), tuesdays, today: "2027-01-26")
        let c = Consistency(schedule: s, today: Fixture.date("2027-01-26"))
        // The 90-day window opens 2026-10-28: 1:1s from 11-03 to 01-26 end in it.
        #expect(c.expected == 13)
        #expect(c.onTime == 13)
        #expect(c.streak == 13)
        #expect(c.meanInterval == 7)
    }

    @Test("a 1:1 skipped in ISO week 53 counts as one missed 1:1")
    func skippedWeek53() {
        let skipped = tuesdays.filter { $0.date != Fixture.date("2026-12-29") }
        let c = Consistency(schedule: schedule(team(), skipped, today: "2027-01-26"), today: Fixture.date("2027-01-26"))
        // 12-22 → 01-05 was due 12-29 (+2d slack): late. The three after it were on time.
        #expect(c.expected == 12)
        #expect(c.onTime == 11)
        #expect(c.streak == 3)
    }

    // MARK: Leap days

    @Test("a 1:1 held on Feb 29 keeps its day of the month where it exists", arguments: [
        (Cadence.months(1), "2028-03-29"), (.months(3), "2028-05-29"), (.months(12), "2029-02-28"),
    ])
    func monthlyFromLeapDay(cadence: Cadence, due: String) {
        #expect(schedule(team(cadence: cadence), Fixture.met("2028-02-29"), today: "2028-02-29").due == Fixture.date(due))
    }

    @Test("a week after Feb 28 is March 6 in a leap year and March 7 otherwise", arguments: [
        ("2028-02-28", "2028-03-06"), ("2027-02-28", "2027-03-07"), ("2028-02-22", "2028-02-29"),
    ])
    func weekOverFebruary(last: String, due: String) {
        #expect(schedule(team(), Fixture.met(last), today: last).due == Fixture.date(due))
    }

    @Test("a 1:1 due on Feb 29 is nudged on the 28th, due on the 29th and overdue from March 3")
    func dueOnLeapDay() {
        let config = team()
        let history = History(meetings: Fixture.met("2028-02-22"))
        let fired = Planner.upcoming(config: config, history: history, ledger: Ledger(),
                                     from: Fixture.at("2028-02-22 12:00"), until: Fixture.at("2028-03-03 12:00"))
        #expect(fired.map(\.key) == ["due-soon/alice/2028-02-29", "due/alice/2028-02-29", "overdue/alice/2028-02-29#1"])
        #expect(fired.map(\.scheduled) == ["2028-02-28 09:00", "2028-02-29 09:00", "2028-03-03 09:00"].map { Fixture.at($0) })
    }

    @Test("auto learns a two-week cadence from biweekly 1:1s that span Feb 29")
    func autoAcrossLeapDay() {
        let s = schedule(team(cadence: .auto), Fixture.met("2028-02-01", "2028-02-15", "2028-02-29", "2028-03-14"),
                         today: "2028-03-14")
        #expect(s.learned)
        #expect(s.cadence == .days(14))
        #expect(s.due == Fixture.date("2028-03-28"))
    }

    @Test("auto learns 30 days from month-end 1:1s around Feb 29")
    func autoMonthEnds() {
        // Intervals 29, 31, 30 days: the median is 30.
        let s = schedule(team(cadence: .auto), Fixture.met("2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"),
                         today: "2028-04-30")
        #expect(s.cadence == .days(30))
        #expect(s.due == Fixture.date("2028-05-30"))
    }

    @Test("auto still falls back while the intervals across Feb 29 are only two")
    func autoNeedsThreeIntervals() {
        let s = schedule(team(cadence: .auto), Fixture.met("2028-02-15", "2028-02-29", "2028-03-14"), today: "2028-03-14")
        #expect(!s.learned)
        #expect(s.cadence == .days(14))
    }

    @Test("an item untouched since Feb 20 goes stale 14 days later, one day earlier in a leap year", arguments: [
        ("2028-02-20", "2028-03-05"), ("2027-02-20", "2027-03-06"),
    ])
    func staleAcrossLeapDay(created: String, stale: String) throws {
        let item = ActionItem(id: "1", member: "alice", text: "Write the review", owner: .me, due: nil,
                              created: Fixture.date(created))
        let s = try #require(item.staleness(settings: Fixture.settings(), away: [], meetingDates: []))
        #expect(s.since == Fixture.date(stale))
        #expect(s.reasons == [.untouched(days: 14)])
    }

    // MARK: Long away periods

    @Test("four months away push a weekly 1:1 to the second day back")
    func longAwayPushesDue() {
        // Held Tue 05-26: five days of the week passed before 06-01, two remain after 09-30.
        let s = schedule(awaySummer, Fixture.met("2026-05-26"), today: "2026-05-26")
        #expect(s.due == Fixture.date("2026-10-02"))
    }

    @Test("nothing fires during four months away; the first day back brings the nudge, then the due reminder")
    func quietWhileAway() {
        let config = awaySummer
        let fired = Planner.upcoming(config: config, history: History(meetings: Fixture.met("2026-05-26")), ledger: Ledger(),
                                     from: Fixture.at("2026-05-26 12:00"), until: Fixture.at("2026-10-03 00:00"))
        #expect(fired.map(\.key) == ["due-soon/alice/2026-10-02", "due/alice/2026-10-02"])
        #expect(fired.map(\.scheduled) == [Fixture.at("2026-10-01 09:00"), Fixture.at("2026-10-02 09:00")])
    }

    @Test("the status shows the member away through the absence and due soon, not late, on the first day back")
    func statusAroundAway() throws {
        let config = awaySummer
        let history = History(meetings: Fixture.met("2026-05-26"))
        let during = try #require(TeamStatus(config: config, history: history, now: Fixture.at("2026-08-15 10:00")).members.first)
        #expect(during.state == .away(until: Fixture.date("2026-09-30")))
        let back = try #require(TeamStatus(config: config, history: history, now: Fixture.at("2026-10-01 10:00")).members.first)
        #expect(back.state == .dueSoon)
    }

    @Test("an untouched item's stale clock stops while the member is away")
    func staleClockFrozen() throws {
        let s = try #require(offsiteNotes.staleness(settings: Fixture.settings(), away: [away("2026-06-01", "2026-09-30")],
                                            meetingDates: [Fixture.date("2026-05-26")]))
        // 5 untouched days before leaving, 9 more after 09-30.
        #expect(s.since == Fixture.date("2026-10-09"))
    }

    @Test("the frozen item's first stale alert fires on the ninth day back at 09:00")
    func staleAlertAfterAway() throws {
        let config = awaySummer
        let history = History(meetings: Fixture.met("2026-05-26"), actions: [offsiteNotes])
        let before = plan(config, history, at: Fixture.at("2026-10-08 17:00"))
        #expect(!before.fire.contains { $0.kind == .staleAction })
        let r = try #require(plan(config, history, at: Fixture.at("2026-10-09 09:00")).fire.first { $0.kind == .staleAction })
        #expect(r.key == "stale-action/a1/2026-10-09#1")
        #expect(r.urgency == .normal)
    }

    @Test("an item that passed its due date during the absence is reported once, on the first working morning back")
    func pastDueWhileAway() throws {
        let config = awaySummer
        let item = ActionItem(id: "b2", member: "alice", text: "Plan the Q3 goals", owner: .them,
                              due: Fixture.date("2026-07-15"), created: Fixture.date("2026-05-26"))
        let history = History(meetings: Fixture.met("2026-05-26"), actions: [item])
        let stale = { (p: Plan) in p.fire.filter { $0.kind == .staleAction } }
        let plans = run(config, history, at: ["2026-07-16 09:00", "2026-09-30 16:00", "2026-10-01 09:00", "2026-10-01 11:00"]
            .map { Fixture.at($0) })
        #expect(stale(plans[0]).isEmpty)
        #expect(stale(plans[1]).isEmpty)
        // Stale from 07-16: daily for a week, weekly until give_up (8 weeks);
        // the last, #14 (09-03), is the first to fire, once back.
        #expect(stale(plans[2]).map(\.key) == ["stale-action/b2/2026-07-16#14"])
        #expect(stale(plans[2]).first?.lateBy == nil)
        #expect(stale(plans[3]).isEmpty)
    }

    @Test("a 1:1 overdue before the absence resumes its overdue alert on the first working morning back")
    func overdueResumesAfterAway() throws {
        let config = awaySummer
        let history = History(meetings: Fixture.met("2026-05-05"))
        // Due 05-12, overdue daily from 05-15; the daemon ran through May.
        let ledger = ledger(config, history, from: Fixture.at("2026-05-05 12:00"), until: Fixture.at("2026-05-31 12:00"))
        let plans = run(config, history, at: [Fixture.at("2026-08-03 09:00"), Fixture.at("2026-10-01 09:00")], ledger: ledger)
        #expect(plans[0].fire.isEmpty)
        #expect(plans[0].nextWake == Fixture.at("2026-10-01 09:00"))
        // 05-15 is #1; daily for a week, weekly until give_up (8 weeks): the
        // last, #14 (07-03), missed while away, comes once on 10-01.
        #expect(plans[1].fire.map(\.key) == ["overdue/alice/2026-05-12#14"])
    }

    @Test("waking late in the middle of an absence does not nudge about the member who is away")
    func catchUpWhileAway() {
        let config = awaySummer
        let history = History(meetings: Fixture.met("2026-05-05"))
        // The daemon ran until Thu 05-28, then the laptop stayed closed until mid-July:
        // the overdue alert of Fri 05-29 was missed before Alice left.
        let ledger = ledger(config, history, from: Fixture.at("2026-05-05 12:00"), until: Fixture.at("2026-05-28 12:00"))
        let p = plan(config, history, at: Fixture.at("2026-07-15 10:00"), ledger: ledger)
        #expect(p.fire.isEmpty)
        #expect(p.nextWake == Fixture.at("2026-10-01 09:00"))
    }

    @Test("an absence across fall-back and New Year brings the weekly 1:1 back on a Tuesday in January")
    func awayAcrossYearEndAndDST() {
        // Held Tue 10-20, away Thu 10-22 to Wed 01-06: one day of the week before, six after.
        let config = team(away: [away("2026-10-22", "2027-01-06")])
        let s = schedule(config, Fixture.met("2026-10-20"), today: "2026-12-31")
        #expect(s.due == Fixture.date("2027-01-12"))
        let status = TeamStatus(config: config, history: History(meetings: Fixture.met("2026-10-20")),
                                now: Fixture.at("2026-12-31 10:00"))
        #expect(status.members.first?.state == .away(until: Fixture.date("2027-01-06")))
    }

    @Test("after an absence across fall-back and New Year, the only reminders are the January ones at 09:00 EST")
    func remindersAfterYearEndAway() {
        let config = team(away: [away("2026-10-22", "2027-01-06")])
        let fired = Planner.upcoming(config: config, history: History(meetings: Fixture.met("2026-10-20")), ledger: Ledger(),
                                     from: Fixture.at("2026-10-20 12:00"), until: Fixture.at("2027-01-13 00:00"))
        #expect(fired.map(\.key) == ["due-soon/alice/2027-01-12", "due/alice/2027-01-12"])
        #expect(fired.map(\.scheduled) == [utc("2027-01-11 14:00"), utc("2027-01-12 14:00")])
    }

    // MARK: The planner at the edges

    @Test("around the first nudge after spring-forward: quiet at 08:59:59, fires once at 09:00 EDT, quiet after")
    func edgeSpringForward() throws {
        let config = team()
        let history = History(meetings: Fixture.met("2026-03-03"))
        let at = ["2026-03-09 08:59:59", "2026-03-09 09:00", "2026-03-09 09:00:30", "2026-03-09 16:59"].map { Fixture.at($0) }
        let plans = run(config, history, at: at)
        #expect(plans[0].fire.isEmpty)
        #expect(plans[0].nextWake == utc("2026-03-09 13:00"))
        let r = try #require(plans[1].fire.first)
        #expect(plans[1].fire.count == 1)
        #expect(r.key == "due-soon/alice/2026-03-10")
        #expect(r.scheduled == utc("2026-03-09 13:00"))
        #expect(r.lateBy == nil)
        #expect(plans[2].fire.isEmpty)
        #expect(plans[3].fire.isEmpty)
        #expect(plans[3].nextWake == Fixture.at("2026-03-10 09:00"))
    }

    @Test("a wake five minutes after the spring-forward nudge fires the same key, marked late by 300 s")
    func edgeSpringForwardLate() throws {
        // The daemon ran before (a first run is never late).
        let ran = Ledger(fired: ["due/alice/2026-03-03": utc("2026-03-03 14:00")])
        let r = try #require(Planner.plan(config: team(), history: History(meetings: Fixture.met("2026-03-03")), ledger: ran,
                                          now: utc("2026-03-09 13:05")).fire.first)
        #expect(r.key == "due-soon/alice/2026-03-10")
        #expect(r.lateBy == 300)
    }

    @Test("on the Monday after fall-back the due reminder fires once at 09:00 EST and the planner then waits for Tuesday")
    func edgeFallBack() throws {
        let config = team()
        let history = History(meetings: Fixture.met("2026-10-26"))
        let plans = run(config, history, at: [utc("2026-11-02 13:59:59"), utc("2026-11-02 14:00"), utc("2026-11-02 20:00")])
        #expect(plans[0].fire.isEmpty)
        #expect(plans[0].nextWake == utc("2026-11-02 14:00"))
        #expect(plans[1].fire.map(\.key) == ["due/alice/2026-11-02"])
        #expect(plans[2].fire.isEmpty)
        // Late through Wed 11-04; the first overdue alert is Thu 11-05 09:00 EST.
        #expect(plans[2].nextWake == utc("2026-11-05 14:00"))
    }

    @Test("around the overdue alert after New Year: wakes exactly at Monday 09:00, fires once, then waits a day")
    func edgeNewYear() {
        let config = team()
        let history = History(meetings: Fixture.met("2026-12-23"))
        let ledger = ledger(config, history, from: Fixture.at("2026-12-23 12:00"), until: Fixture.at("2026-12-31 00:00"))
        let at = ["2027-01-04 08:59", "2027-01-04 09:00", "2027-01-04 09:00"].map { Fixture.at($0) }
        let plans = run(config, history, at: at, ledger: ledger)
        #expect(plans[0].fire.isEmpty)
        #expect(plans[0].nextWake == Fixture.at("2027-01-04 09:00"))
        #expect(plans[1].fire.map(\.key) == ["overdue/alice/2026-12-30#3"])
        #expect(plans[2].fire.isEmpty)
        #expect(plans[2].nextWake == Fixture.at("2027-01-05 09:00"))
    }

    @Test("at midnight of Feb 29 the due reminder waits for 09:00")
    func edgeLeapDayMidnight() {
        let config = team()
        let history = History(meetings: Fixture.met("2028-02-22"))
        let ledger = Ledger(fired: ["due-soon/alice/2028-02-29": Fixture.at("2028-02-28 09:00")])
        let plans = run(config, history, at: [Fixture.at("2028-02-29 00:00"), Fixture.at("2028-02-29 09:00")], ledger: ledger)
        #expect(plans[0].fire.isEmpty)
        #expect(plans[0].nextWake == Fixture.at("2028-02-29 09:00"))
        #expect(plans[1].fire.map(\.key) == ["due/alice/2028-02-29"])
    }

    @Test("on the last night of an absence the planner sleeps until the first working morning back")
    func edgeReturn() {
        let config = awaySummer
        let history = History(meetings: Fixture.met("2026-05-26"))
        let plans = run(config, history, at: [Fixture.at("2026-09-30 23:59"), Fixture.at("2026-10-01 09:00"),
                                              Fixture.at("2026-10-01 09:01")])
        #expect(plans[0].fire.isEmpty)
        #expect(plans[0].nextWake == Fixture.at("2026-10-01 09:00"))
        #expect(plans[1].fire.map(\.key) == ["due-soon/alice/2026-10-02"])
        #expect(plans[2].fire.isEmpty)
    }
}
