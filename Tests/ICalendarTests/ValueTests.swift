import ICalendar
import Testing

/// TEXT, DATE, DATE-TIME, DURATION, INTEGER and CAL-ADDRESS values, read
/// from a property on demand.
@Suite("iCalendar values")
struct ValueTests {
    /// The one property of a content line `line`, parsed as line 7.
    func property(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Property {
        let text = "BEGIN:VCALENDAR\nX-1:1\nX-2:2\nX-3:3\nX-4:4\nX-5:5\n\(line)\nEND:VCALENDAR\n"
        return try #require(try ICalendarParser.parse(text).first?.properties.last, sourceLocation: sourceLocation)
    }

    func dateTime(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0,
                  _ zone: ICalendarDateTime.Zone = .floating) -> ICalendarDateTime {
        ICalendarDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, zone: zone)!
    }

    // MARK: TEXT

    @Test("TEXT unescapes \\n and \\N to a line break and \\, \\; \\\\ to themselves")
    func textEscapes() throws {
        let p = try property(#"DESCRIPTION:Agenda:\n- goals\, plans\; risks\Nend \\ done"#)
        #expect(p.text == "Agenda:\n- goals, plans; risks\nend \\ done")
    }

    @Test("TEXT drops a backslash before any other character and keeps one at the end")
    func textLenientEscapes() throws {
        #expect(try property(#"SUMMARY:a\:b\"#).text == "a:b\\")
    }

    @Test("a TEXT list splits at unescaped commas only")
    func textList() throws {
        #expect(try property(#"CATEGORIES:1:1,Work\, team,a\\,b"#).texts == ["1:1", "Work, team", "a\\", "b"])
    }

    @Test("a CAL-ADDRESS loses its mailto: in any case, other URIs are kept whole")
    func calendarAddress() throws {
        #expect(try property("ORGANIZER;CN=Me:MAILTO:me@example.com").calendarAddress == "me@example.com")
        #expect(try property("ORGANIZER:mailto:me@example.com").calendarAddress == "me@example.com")
        #expect(try property("ORGANIZER:urn:uuid:1234").calendarAddress == "urn:uuid:1234")
    }

    @Test("an INTEGER is decimal with an optional sign; anything else is an error at the value")
    func integers() throws {
        #expect(try property("SEQUENCE:3").integer() == 3)
        #expect(try property("X-N:-12").integer() == -12)
        #expect(throws: ICalendarError(line: 7, column: 10, message: "SEQUENCE must be an integer, found 'two'")) {
            try property("SEQUENCE:two").integer()
        }
    }

    // MARK: DATE and DATE-TIME

    @Test("a DATE is a whole day with no zone")
    func date() throws {
        let value = try property("DTSTART;VALUE=DATE:20261124").dateTime()
        #expect(value == ICalendarDateTime(year: 2026, month: 11, day: 24))
        #expect(value.isDate)
        #expect(value.zone == .floating)
        #expect(value.description == "2026-11-24")
    }

    @Test("a DATE-TIME without Z or TZID is floating")
    func floatingDateTime() throws {
        let value = try property("DTSTART:20261124T140000").dateTime()
        #expect(value == dateTime(2026, 11, 24, 14, 0))
        #expect(!value.isDate)
        #expect(value.description == "2026-11-24T14:00:00")
    }

    @Test("a DATE-TIME ending in Z is UTC, even with a TZID")
    func utcDateTime() throws {
        #expect(try property("DTSTART:20261124T140005Z").dateTime() == dateTime(2026, 11, 24, 14, 0, 5, .utc))
        #expect(try property("DTSTART;TZID=Europe/Kyiv:20261124T140000Z").dateTime().zone == .utc)
    }

    @Test("a DATE-TIME with TZID is in that zone, the name as written")
    func zonedDateTime() throws {
        let value = try property("DTSTART;TZID=\"America/New_York\":20260308T023000").dateTime()
        #expect(value == dateTime(2026, 3, 8, 2, 30, 0, .tzid("America/New_York")))
        #expect(value.description == "2026-03-08T02:30:00[America/New_York]")
    }

    @Test("a date without VALUE=DATE is still read as a DATE")
    func dateWithoutValueParameter() throws {
        #expect(try property("DTSTART:20261124").dateTime().isDate)
    }

    @Test("a comma list of dates is read with the line's TZID, over several items")
    func dateList() throws {
        let values = try property("EXDATE;TZID=Europe/Kyiv:20261124T140000,20261201T140000").dateTimes()
        #expect(values == [dateTime(2026, 11, 24, 14, 0, 0, .tzid("Europe/Kyiv")),
                           dateTime(2026, 12, 1, 14, 0, 0, .tzid("Europe/Kyiv"))])
    }

    @Test("a malformed item of a date list is reported at its own column")
    func badDateInList() throws {
        let error = ICalendarError(line: 7, column: 24, message: "EXDATE has a day that does not exist: '20260230T140000'")
        #expect(throws: error) { try property("EXDATE:20261124T140000,20260230T140000").dateTimes() }
    }

    @Test("dates and times that do not exist, or are not dates at all, are errors")
    func badDates() throws {
        #expect(throws: ICalendarError(line: 7, column: 18, message: "DTSTART has a time that does not exist: '20261124T240000'")) {
            try property("DTSTART:20261124T240000").dateTime()
        }
        #expect(throws: ICalendarError.self) { try property("DTSTART:2026-11-24").dateTime() }
        #expect(throws: ICalendarError.self) { try property("DTSTART:20261324").dateTime() }
        #expect(throws: ICalendarError.self) { try property("DTSTART:20261124T1400").dateTime() }
        #expect(throws: ICalendarError.self) { try property("DTSTART:20261124T140000+0200").dateTime() }
        #expect(throws: ICalendarError.self) { try property("DTSTART:").dateTime() }
    }

    @Test("VALUE=DATE with a time, and VALUE=PERIOD, are errors")
    func valueTypeMismatch() throws {
        #expect(throws: ICalendarError(line: 7, column: 20, message: "DTSTART has VALUE=DATE but '20261124T140000' has a time")) {
            try property("DTSTART;VALUE=DATE:20261124T140000").dateTime()
        }
        #expect(throws: ICalendarError.self) { try property("RDATE;VALUE=PERIOD:20261124T140000Z/PT1H").dateTimes() }
    }

    @Test("a single date-time value refuses a list")
    func singleDateTime() throws {
        #expect(throws: ICalendarError.self) { try property("DTSTART:20261124T140000,20261125T140000").dateTime() }
    }

    @Test("readings that do not exist cannot be made")
    func invalidReadings() {
        #expect(ICalendarDateTime(year: 2026, month: 2, day: 29) == nil)
        #expect(ICalendarDateTime(year: 2028, month: 2, day: 29) != nil)
        #expect(ICalendarDateTime(year: 2026, month: 1, day: 1, hour: 12, minute: 60, zone: .utc) == nil)
    }

    // MARK: DURATION

    @Test("DURATION reads weeks, days and times, with a sign")
    func durations() throws {
        #expect(try property("DURATION:PT30M").duration() == ICalendarDuration(seconds: 1800))
        #expect(try property("DURATION:PT1H30M15S").duration() == ICalendarDuration(seconds: 5415))
        #expect(try property("DURATION:P1DT2H").duration() == ICalendarDuration(days: 1, seconds: 7200))
        #expect(try property("DURATION:P2W").duration() == ICalendarDuration(days: 14))
        #expect(try property("DURATION:+PT1S").duration() == ICalendarDuration(seconds: 1))
        #expect(try property("TRIGGER:-PT15M").duration() == ICalendarDuration(seconds: -900))
    }

    @Test("a DURATION out of order or empty is an error")
    func badDurations() throws {
        for bad in ["P", "PT", "P1DT", "PT1M1H", "P1W2D", "1H", "P1H", "PT1.5H", "P1D1D"] {
            #expect(throws: ICalendarError.self, "\(bad)") { try property("DURATION:\(bad)").duration() }
        }
    }
}
