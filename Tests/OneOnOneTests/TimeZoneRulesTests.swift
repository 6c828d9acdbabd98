import Testing
@testable import OneOnOne

/// Conversions in real zones from the system tz database, at fixed instants.
@Suite("time zone conversions")
struct TimeZoneRulesTests {
    static let newYork = Fixture.zone("America/New_York")
    static let kyiv = Fixture.zone("Europe/Kyiv")
    static let lordHowe = Fixture.zone("Australia/Lord_Howe")
    static let chatham = Fixture.zone("Pacific/Chatham")

    /// The instant of a UTC wall-clock reading "2026-03-08 07:00".
    func utc(_ text: String) -> Instant { Fixture.at(text, .utc) }

    /// The local reading, as ISO text, that `text` in `zone` resolves to.
    func resolved(_ text: String, in zone: TimeZoneRules) -> String {
        zone.local(Fixture.at(text, zone)).description
    }

    // MARK: America/New_York

    @Test("New York: 2026-03-08 02:30 does not exist and becomes 03:30 EDT")
    func newYorkSpringForwardGap() {
        let instant = Fixture.at("2026-03-08 02:30", Self.newYork)
        #expect(instant == utc("2026-03-08 07:30"))
        #expect(Self.newYork.local(instant).description == "2026-03-08T03:30")
        #expect(Self.newYork.offset(at: instant).abbreviation == "EDT")
    }

    @Test("New York: 2026-11-01 01:30 happens twice and the earlier, EDT, is chosen")
    func newYorkFallBackOverlap() {
        let instant = Fixture.at("2026-11-01 01:30", Self.newYork)
        #expect(instant == utc("2026-11-01 05:30"))
        #expect(Self.newYork.offset(at: instant) == ZoneOffset(utcOffsetSeconds: -14_400, abbreviation: "EDT", isDST: true))
        // An hour later the same reading comes round again, in EST.
        #expect(Self.newYork.local(instant.adding(seconds: 3600)).description == "2026-11-01T01:30")
        #expect(Self.newYork.offset(at: instant.adding(seconds: 3600)).abbreviation == "EST")
    }

    @Test("New York changes offset exactly at 07:00 UTC on 2026-03-08")
    func newYorkChangesOnTheSecond() {
        let change = utc("2026-03-08 07:00")
        #expect(Self.newYork.offset(at: change.adding(seconds: -1)).utcOffsetSeconds == -18_000)
        #expect(Self.newYork.offset(at: change).utcOffsetSeconds == -14_400)
    }

    @Test("New York in 2090, past the file's last transition, follows the footer rule")
    func newYorkFooterRule() throws {
        let lastRecorded = try #require(Self.newYork.transitions.last?.secondsSinceEpoch)
        let july = utc("2090-07-01 12:00")
        #expect(july.secondsSinceEpoch > lastRecorded)
        #expect(Self.newYork.offset(at: july).abbreviation == "EDT")
        #expect(Self.newYork.offset(at: utc("2090-01-15 12:00")).abbreviation == "EST")
        #expect(Self.newYork.nextTransition(after: utc("2090-01-01 00:00")) == utc("2090-03-12 07:00"))
        #expect(resolved("2090-03-12 02:30", in: Self.newYork) == "2090-03-12T03:30")
    }

    @Test("the next transitions from New Year 2026 are the spring and autumn changes")
    func nextTransitions() throws {
        let spring = try #require(Self.newYork.nextTransition(after: utc("2026-01-01 00:00")))
        #expect(spring == utc("2026-03-08 07:00"))
        #expect(Self.newYork.nextTransition(after: spring) == utc("2026-11-01 06:00"))
        // From just before a change, the change itself is next.
        #expect(Self.newYork.nextTransition(after: spring.adding(seconds: -1)) == spring)
    }

    @Test("wall-clock readings that exist once convert both ways unchanged")
    func roundTrip() {
        for zone in [Self.newYork, Self.kyiv, Self.lordHowe, Self.chatham] {
            var t = utc("2026-01-01 00:00")
            while t < utc("2027-01-01 00:00") {
                let local = zone.local(t)
                let back = zone.instant(local)
                // In an overlap the earlier of the two instants comes back.
                #expect(back == t || (back < t && zone.local(back) == local), "\(zone) at \(t)")
                t = t.adding(seconds: 7 * 3600 + 17 * 60)
            }
        }
    }

    // MARK: Europe/Kyiv

    @Test("Kyiv: EET in winter, EEST from 2026-03-29 01:00 UTC, EET again from 2026-10-25 01:00 UTC")
    func kyivTransitions() {
        #expect(Self.kyiv.offset(at: utc("2026-01-15 12:00")) == ZoneOffset(utcOffsetSeconds: 7200, abbreviation: "EET", isDST: false))
        #expect(Self.kyiv.nextTransition(after: utc("2026-01-15 12:00")) == utc("2026-03-29 01:00"))
        #expect(Self.kyiv.offset(at: utc("2026-03-29 01:00")) == ZoneOffset(utcOffsetSeconds: 10_800, abbreviation: "EEST", isDST: true))
        #expect(Self.kyiv.nextTransition(after: utc("2026-03-29 01:00")) == utc("2026-10-25 01:00"))
    }

    @Test("Kyiv: 03:30 on the spring-forward day becomes 04:30; 03:30 on the fall-back day is the EEST one")
    func kyivGapAndOverlap() {
        #expect(resolved("2026-03-29 03:30", in: Self.kyiv) == "2026-03-29T04:30")
        #expect(Fixture.at("2026-10-25 03:30", Self.kyiv) == utc("2026-10-25 00:30"))
    }

    // MARK: Half-hour and 45-minute zones

    @Test("Lord Howe moves its clocks by only 30 minutes: +10:30 in winter, +11 in summer")
    func lordHoweHalfHourDST() {
        #expect(Self.lordHowe.offset(at: utc("2026-07-01 00:00")).utcOffsetSeconds == 37_800)
        #expect(Self.lordHowe.offset(at: utc("2026-12-01 00:00")).utcOffsetSeconds == 39_600)
        #expect(Self.lordHowe.nextTransition(after: utc("2026-07-01 00:00")) == utc("2026-10-03 15:30"))
    }

    @Test("Lord Howe: 02:15 on 2026-10-04 falls in a 30-minute gap and becomes 02:45")
    func lordHoweGap() {
        #expect(resolved("2026-10-04 02:15", in: Self.lordHowe) == "2026-10-04T02:45")
    }

    @Test("Lord Howe: 01:45 on 2026-04-05 happens twice and the earlier, +11, is chosen")
    func lordHoweOverlap() {
        let instant = Fixture.at("2026-04-05 01:45", Self.lordHowe)
        #expect(instant == utc("2026-04-04 14:45"))
        #expect(Self.lordHowe.offset(at: instant).abbreviation == "+11")
    }

    @Test("Chatham is +12:45 in winter and +13:45 in summer, changing at 02:45 local")
    func chatham() {
        #expect(Self.chatham.offset(at: utc("2026-07-01 00:00")) == ZoneOffset(utcOffsetSeconds: 45_900, abbreviation: "+1245", isDST: false))
        #expect(Self.chatham.offset(at: utc("2026-01-15 00:00")) == ZoneOffset(utcOffsetSeconds: 49_500, abbreviation: "+1345", isDST: true))
        #expect(Self.chatham.nextTransition(after: utc("2026-07-01 00:00")) == utc("2026-09-26 14:00"))
        #expect(resolved("2026-09-27 03:00", in: Self.chatham) == "2026-09-27T04:00")
    }

    // MARK: Zones whose rules changed

    @Test("Moscow: summer time until 2010, +4 all year 2011–2014, +3 since October 2014")
    func moscowRuleChanges() {
        let moscow = Fixture.zone("Europe/Moscow")
        #expect(moscow.offset(at: utc("2010-07-01 00:00")) == ZoneOffset(utcOffsetSeconds: 14_400, abbreviation: "MSD", isDST: true))
        #expect(moscow.offset(at: utc("2012-01-01 00:00")) == ZoneOffset(utcOffsetSeconds: 14_400, abbreviation: "MSK", isDST: false))
        #expect(moscow.offset(at: utc("2013-07-01 00:00")).utcOffsetSeconds == 14_400)
        #expect(moscow.offset(at: utc("2015-01-01 00:00")) == ZoneOffset(utcOffsetSeconds: 10_800, abbreviation: "MSK", isDST: false))
        #expect(moscow.nextTransition(after: utc("2014-01-01 00:00")) == utc("2014-10-25 22:00"))
        #expect(moscow.nextTransition(after: utc("2015-01-01 00:00")) == nil)
    }

    @Test("São Paulo kept summer time until February 2019 and has had none since")
    func saoPauloAbolishedDST() {
        let saoPaulo = Fixture.zone("America/Sao_Paulo")
        #expect(saoPaulo.offset(at: utc("2018-12-01 12:00")) == ZoneOffset(utcOffsetSeconds: -7200, abbreviation: "-02", isDST: true))
        #expect(saoPaulo.offset(at: utc("2019-12-01 12:00")) == ZoneOffset(utcOffsetSeconds: -10_800, abbreviation: "-03", isDST: false))
        #expect(saoPaulo.nextTransition(after: utc("2019-03-01 00:00")) == nil)
    }

    @Test("Dublin marks its winter time as the DST one (a negative saving), as the tz database does")
    func dublinNegativeDST() {
        let dublin = Fixture.zone("Europe/Dublin")
        #expect(dublin.offset(at: utc("2026-01-15 12:00")) == ZoneOffset(utcOffsetSeconds: 0, abbreviation: "GMT", isDST: true))
        #expect(dublin.offset(at: utc("2026-07-15 12:00")) == ZoneOffset(utcOffsetSeconds: 3600, abbreviation: "IST", isDST: false))
    }

    // MARK: UTC, fixed offsets and bare rules

    @Test("UTC has no offset and no transitions")
    func utcZone() {
        #expect(TimeZoneRules.utc.offset(at: utc("2026-07-01 00:00")) == ZoneOffset(utcOffsetSeconds: 0, abbreviation: "UTC", isDST: false))
        #expect(TimeZoneRules.utc.nextTransition(after: .epoch) == nil)
        #expect(TimeZoneRules.utc.local(Instant(secondsSinceEpoch: 1_795_183_200)).description == "2026-11-20T14:00")
    }

    @Test("a fixed offset of +05:30 is named UTC+05:30 and abbreviated +0530")
    func fixedOffset() {
        let india = TimeZoneRules.fixed(offsetSeconds: 19_800)
        #expect(india.identifier == "UTC+05:30")
        #expect(india.offset(at: .epoch).abbreviation == "+0530")
        #expect(india.local(.epoch).description == "1970-01-01T05:30")
        #expect(TimeZoneRules.fixed(offsetSeconds: -18_000).offset(at: .epoch).abbreviation == "-05")
        #expect(TimeZoneRules.fixed(offsetSeconds: 3600, name: "CET").identifier == "CET")
    }

    @Test("a zone made from a POSIX rule alone follows it at every instant")
    func ruleOnlyZone() throws {
        let zone = TimeZoneRules(rule: try PosixTimeZoneRule(parsing: "EST5EDT,M3.2.0,M11.1.0"))
        #expect(zone.identifier == "EST5EDT,M3.2.0,M11.1.0")
        #expect(zone.offset(at: utc("1990-07-01 00:00")).abbreviation == "EDT")
        #expect(zone.nextTransition(after: utc("2026-01-01 00:00")) == utc("2026-03-08 07:00"))
        #expect(Fixture.at("2026-03-08 02:30", zone) == utc("2026-03-08 07:30"))
    }
}
