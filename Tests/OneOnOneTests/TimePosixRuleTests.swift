import Testing
@testable import OneOnOne

@Suite("POSIX TZ rules")
struct TimePosixRuleTests {
    func rule(_ text: String) throws -> PosixTimeZoneRule { try PosixTimeZoneRule(parsing: text) }
    func utc(_ text: String) -> Instant { Fixture.at(text, .utc) }

    @Test("EST5EDT,M3.2.0,M11.1.0 reads as EST at -5 h, EDT at -4 h, second Sunday of March to first of November")
    func readsParts() throws {
        let r = try rule("EST5EDT,M3.2.0,M11.1.0")
        #expect(r.standard == ZoneOffset(utcOffsetSeconds: -18_000, abbreviation: "EST", isDST: false))
        let daylight = try #require(r.daylight)
        #expect(daylight.offset == ZoneOffset(utcOffsetSeconds: -14_400, abbreviation: "EDT", isDST: true))
        #expect(daylight.start == .init(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200))
        #expect(daylight.end == .init(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200))
    }

    @Test("quoted numeric abbreviations and offsets with minutes")
    func quotedAbbreviations() throws {
        let r = try rule("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0")
        #expect(r.standard.abbreviation == "+1030" && r.standard.utcOffsetSeconds == 37_800)
        #expect(r.daylight?.offset.abbreviation == "+11")
        #expect(r.daylight?.offset.utcOffsetSeconds == 39_600)
    }

    @Test("RFC 8536 times: -1 is 23:00 the day before, 26 is 02:00 the day after, up to 167 hours")
    func extendedTimes() throws {
        #expect(try rule("<-02>2<-01>,M3.5.0/-1,M10.5.0/0").daylight?.start.time == -3600)
        #expect(try rule("IST-2IDT,M3.4.4/26,M10.5.0").daylight?.start.time == 93_600)
        #expect(try rule("AAA3BBB,J1/167,J300/-167:59:59").daylight?.end.time == -(167 * 3600 + 59 * 60 + 59))
        // Israel: the Friday before the last Sunday of March, 02:00.
        let israel = try rule("IST-2IDT,M3.4.4/26,M10.5.0")
        #expect(israel.offset(at: utc("2026-03-26 23:59")).abbreviation == "IST")
        #expect(israel.offset(at: utc("2026-03-27 00:00")).abbreviation == "IDT")
    }

    @Test("Jn never counts February 29; a plain n does")
    func julianDays() {
        typealias Change = PosixTimeZoneRule.TransitionRule
        #expect(Change(day: .julianIgnoringLeapDay(60)).date(in: 2024) == Fixture.date("2024-03-01"))
        #expect(Change(day: .julianIgnoringLeapDay(60)).date(in: 2026) == Fixture.date("2026-03-01"))
        #expect(Change(day: .julianIgnoringLeapDay(365)).date(in: 2024) == Fixture.date("2024-12-31"))
        #expect(Change(day: .zeroBasedDayOfYear(59)).date(in: 2024) == Fixture.date("2024-02-29"))
        #expect(Change(day: .zeroBasedDayOfYear(59)).date(in: 2026) == Fixture.date("2026-03-01"))
    }

    @Test("week 5 is the last such weekday of the month", arguments: [
        (3, 0, "2026-03-29"), (10, 0, "2026-10-25"), (2, 0, "2026-02-22"), (5, 0, "2026-05-31"), (2, 6, "2026-02-28"),
    ])
    func lastWeekday(month: Int, weekday: Int, date: String) {
        let change = PosixTimeZoneRule.TransitionRule(day: .monthWeekDay(month: month, week: 5, weekday: weekday))
        #expect(change.date(in: 2026) == Fixture.date(date))
    }

    @Test("a southern rule is in daylight time across New Year")
    func southernHemisphere() throws {
        let nz = try rule("NZST-12NZDT,M9.5.0,M4.1.0/3")
        #expect(nz.offset(at: utc("2026-01-01 00:00")).abbreviation == "NZDT")
        #expect(nz.offset(at: utc("2026-06-01 00:00")).abbreviation == "NZST")
        #expect(nz.nextTransition(after: utc("2026-01-01 00:00")) == utc("2026-04-04 14:00"))
    }

    @Test("a daylight name alone means one hour ahead, the US dates, at 02:00")
    func defaults() throws {
        let r = try rule("EST5EDT")
        #expect(r.daylight?.offset.utcOffsetSeconds == -14_400)
        #expect(r.description == "EST5EDT,M3.2.0,M11.1.0")
    }

    @Test("rules print back in POSIX form", arguments: [
        "EST5EDT,M3.2.0,M11.1.0", "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", "<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
        "IST-1GMT0,M10.5.0,M3.5.0/1", "XXX3YYY,J60,300/1:30", "<+0545>-5:45", "AAA-3BBB-4:30:15,J10/0:30,J355/23",
    ])
    func printsBack(text: String) throws {
        #expect(try rule(text).description == text)
    }

    @Test("malformed rules are refused, naming the text", arguments: [
        "", "EST", "ES5", "5EST", "EST5EDT,M3.2.0", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.6.0,M11.1.0",
        "EST5EDT,M3.2.7,M11.1.0", "<AB>5", "<+05", "EST25", "EST5EDT,J0,J365", "EST5EDT,366,J365",
        "EST5EDT,M3.2.0,M11.1.0x", "EST5EDT,M3.2.0/168,M11.1.0", "EST5:60",
    ])
    func refuses(text: String) {
        let error = #expect(throws: TimeZoneError.self) { try PosixTimeZoneRule(parsing: text) }
        #expect(error?.code == .invalidRule)
        #expect(error?.message.hasPrefix("invalid POSIX TZ rule '\(text)': ") == true)
    }

    @Test("a rule that ends DST on December 31 at 25:00 and starts it on January 1 at 00:00 is DST all year")
    func daylightAllYear() throws {
        let r = try rule("EST5EDT,0/0,J365/25")
        #expect(r.offset(at: utc("2026-01-01 05:00")).abbreviation == "EDT")
        #expect(r.offset(at: utc("2026-07-01 00:00")).abbreviation == "EDT")
        #expect(r.offset(at: utc("2026-12-31 23:59")).abbreviation == "EDT")
        #expect(r.nextTransition(after: utc("2026-01-01 00:00")) == nil)
    }

    /// glibc evaluates a rule for the *UTC* year of an instant, so in a zone
    /// east of UTC a change set for early January 1 local time (still
    /// December 31 in UTC) only shows in glibc once UTC reaches January 1.
    /// No zone in the tz database has such a rule; we take the rule at its
    /// word.
    @Test("a change on January 1 at 00:30 local takes effect then, even while it is still December 31 in UTC")
    func newYearChange() throws {
        let r = try rule("AAA-3BBB-4:30:15,J1/0:30,J355/23")
        #expect(r.offset(at: utc("2029-12-31 21:29:59")).abbreviation == "AAA")
        #expect(r.offset(at: utc("2029-12-31 21:30")).abbreviation == "BBB")
    }
}
