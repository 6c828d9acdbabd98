import ICalendar
import Testing

/// A VEVENT read as an `Event`, and its RRULE read as a `RecurrenceRule`.
@Suite("iCalendar events")
struct EventTests {
    /// The events of a calendar holding one VEVENT of `lines`.
    static func event(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Event {
        let text = (["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT"] + lines + ["END:VEVENT", "END:VCALENDAR"])
            .joined(separator: "\r\n") + "\r\n"
        let component = try #require(Component.events(in: try ICalendarParser.parse(text)).first, sourceLocation: sourceLocation)
        return try Event(component)
    }

    /// The RRULE `value` as read for a VEVENT.
    static func rule(_ value: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RecurrenceRule {
        try #require(try event(["DTSTART:20261124T140000", "RRULE:\(value)"]).recurrenceRule, sourceLocation: sourceLocation)
    }

    @Test("an invitation reads as uid, summary, start, end, status, organizer and attendees")
    func invitation() throws {
        let event = try Self.event([
            "UID:abc-123@example.com",
            "SUMMARY:1:1 Alice \\/ Me",
            "DTSTART;TZID=Europe/Kyiv:20261124T140000",
            "DTEND;TZID=Europe/Kyiv:20261124T143000",
            "STATUS:confirmed",
            "ORGANIZER;CN=Me:mailto:me@example.com",
            "ATTENDEE;CN=\"Kovalenko, Alice\";PARTSTAT=declined:mailto:Alice@Example.com",
            "ATTENDEE:mailto:me@example.com",
            "SEQUENCE:2",
        ])
        #expect(event.uid == "abc-123@example.com")
        #expect(event.summary == "1:1 Alice / Me")
        #expect(event.start == ICalendarDateTime(year: 2026, month: 11, day: 24, hour: 14, minute: 0, zone: .tzid("Europe/Kyiv")))
        #expect(event.end?.minute == 30)
        #expect(event.duration == nil)
        #expect(event.status == "CONFIRMED")
        #expect(!event.isCancelled)
        #expect(!event.isAllDay)
        #expect(event.organizer == "me@example.com")
        #expect(event.attendees == [
            Event.Attendee(email: "Alice@Example.com", name: "Kovalenko, Alice", participation: "DECLINED"),
            Event.Attendee(email: "me@example.com", name: nil, participation: "NEEDS-ACTION"),
        ])
        #expect(event.attendee("alice@example.com")?.hasDeclined == true)
        #expect(event.sequence == 2)
        #expect(event.recurrenceRule == nil)
    }

    @Test("an event on VALUE=DATE is all-day, one on a date-time is not")
    func allDay() throws {
        #expect(try Self.event(["UID:1", "DTSTART;VALUE=DATE:20261124", "DTEND;VALUE=DATE:20261125"]).isAllDay)
        #expect(try Self.event(["UID:1", "DTSTART:20261124"]).isAllDay)
        #expect(try !Self.event(["UID:1", "DTSTART:20261124T000000"]).isAllDay)
    }

    @Test("DURATION is read when there is no DTEND")
    func duration() throws {
        #expect(try Self.event(["DTSTART:20261124T140000Z", "DURATION:PT45M"]).duration == ICalendarDuration(seconds: 2700))
    }

    @Test("STATUS:CANCELLED marks the event cancelled")
    func cancelled() throws {
        #expect(try Self.event(["DTSTART:20261124T140000Z", "STATUS:CANCELLED"]).isCancelled)
    }

    @Test("EXDATEs from several lines and comma lists are collected in order")
    func exceptionDates() throws {
        let event = try Self.event([
            "DTSTART;TZID=Europe/Kyiv:20261102T100000", "RRULE:FREQ=WEEKLY",
            "EXDATE;TZID=Europe/Kyiv:20261109T100000,20261116T100000",
            "EXDATE:20261123T080000Z",
        ])
        #expect(event.exceptionDates.map(\.description)
            == ["2026-11-09T10:00:00[Europe/Kyiv]", "2026-11-16T10:00:00[Europe/Kyiv]", "2026-11-23T08:00:00Z"])
    }

    @Test("RECURRENCE-ID marks an override of one occurrence")
    func recurrenceID() throws {
        let event = try Self.event(["UID:s", "RECURRENCE-ID;TZID=Europe/Kyiv:20261109T100000", "DTSTART;TZID=Europe/Kyiv:20261110T120000"])
        #expect(event.recurrenceID?.description == "2026-11-09T10:00:00[Europe/Kyiv]")
    }

    @Test("a VEVENT without DTSTART is an error at its BEGIN line")
    func missingStart() {
        #expect(throws: ICalendarError(line: 3, message: "VEVENT without DTSTART")) { try Self.event(["UID:1"]) }
    }

    @Test("a bad value in an event is reported at its line")
    func badValue() {
        #expect(throws: ICalendarError(line: 5, column: 10, message: "SEQUENCE must be an integer, found 'x'")) {
            try Self.event(["DTSTART:20261124T140000Z", "SEQUENCE:x"])
        }
    }

    @Test("events(in:) keeps the readable events and an error for each one left out")
    func eventsCollectErrors() throws {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20261124T140000Z\nEND:VEVENT\nBEGIN:VEVENT\nUID:b\nEND:VEVENT\nBEGIN:VTODO\nEND:VTODO\nEND:VCALENDAR\n"
        let (events, errors) = Event.events(in: try ICalendarParser.parse(text))
        #expect(events.map(\.uid) == ["a"])
        #expect(errors == [ICalendarError(line: 6, message: "VEVENT without DTSTART")])
    }

    // MARK: RRULE

    @Test("an RRULE reads FREQ, INTERVAL, BYDAY, COUNT and WKST, in any order and case")
    func weeklyRule() throws {
        let rule = try Self.rule("interval=2;BYDAY=MO,we;FREQ=WEEKLY;COUNT=10;WKST=SU")
        #expect(rule == RecurrenceRule(frequency: .weekly, interval: 2, count: 10,
                                       byDay: [.init(.monday), .init(.wednesday)], weekStart: .sunday))
    }

    @Test("BYDAY in a MONTHLY rule takes ordinals from the start and the end")
    func monthlyOrdinals() throws {
        let rule = try Self.rule("FREQ=MONTHLY;BYDAY=2TU,-1FR,+1MO")
        #expect(rule.byDay == [.init(.tuesday, ordinal: 2), .init(.friday, ordinal: -1), .init(.monday, ordinal: 1)])
    }

    @Test("UNTIL is a date or a date-time, local or UTC")
    func until() throws {
        #expect(try Self.rule("FREQ=DAILY;UNTIL=20261130").until == ICalendarDateTime(year: 2026, month: 11, day: 30))
        #expect(try Self.rule("FREQ=DAILY;UNTIL=20261130T235959Z").until?.zone == .utc)
        #expect(try Self.rule("FREQ=DAILY;UNTIL=20261130T120000").until?.zone == .floating)
    }

    @Test("BYMONTHDAY reads days from the start and the end of the month")
    func monthDays() throws {
        #expect(try Self.rule("FREQ=MONTHLY;BYMONTHDAY=1,15,-1").byMonthDay == [1, 15, -1])
    }

    /// Expects `value` to be refused with a message containing `fragment`.
    func expectRefused(_ value: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let rule = try Self.rule(value)
            Issue.record("accepted: \(rule)", sourceLocation: sourceLocation)
        } catch let error as ICalendarError {
            #expect(error.line == 5, sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("RRULE parts this reader does not expand are refused, not ignored")
    func unsupportedParts() {
        expectRefused("FREQ=HOURLY", "FREQ=HOURLY is not supported")
        expectRefused("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "BYSETPOS is not supported")
        expectRefused("FREQ=YEARLY;BYMONTH=3", "BYMONTH is not supported")
        expectRefused("FREQ=YEARLY;BYDAY=1MO", "YEARLY with BYDAY")
        expectRefused("FREQ=WEEKLY;BYDAY=2TU", "needs FREQ=MONTHLY")
    }

    @Test("malformed RRULEs are errors at the part")
    func malformedRules() throws {
        expectRefused("INTERVAL=2", "no FREQ")
        expectRefused("FREQ=DAILY;COUNT=0", "COUNT must be a positive integer")
        expectRefused("FREQ=DAILY;INTERVAL=0", "INTERVAL must be")
        expectRefused("FREQ=DAILY;COUNT=3;UNTIL=20261130", "both COUNT and UNTIL")
        expectRefused("FREQ=DAILY;FREQ=WEEKLY", "FREQ twice")
        expectRefused("FREQ=WEEKLY;BYDAY=MO,XX", "invalid item 'XX'")
        expectRefused("FREQ=MONTHLY;BYDAY=6MO", "1 to 5")
        expectRefused("FREQ=MONTHLY;BYMONTHDAY=32", "invalid item '32'")
        expectRefused("FREQ=DAILY;UNTIL=2026-11-30", "RRULE UNTIL must be a date")
        expectRefused("FREQ=DAILY;COLOR=red", "unknown part COLOR")
        expectRefused("FREQ", "not NAME=VALUE")
        #expect(throws: ICalendarError(line: 5, column: 27, message: "RRULE BYDAY has an invalid item 'XX'")) {
            try Self.event(["DTSTART:20261124T140000", "RRULE:FREQ=DAILY;BYDAY=MO,XX"])
        }
    }

    @Test("X- parts of an RRULE and a trailing ';' are ignored")
    func extensionParts() throws {
        #expect(try Self.rule("FREQ=DAILY;X-NAME=1;") == RecurrenceRule(frequency: .daily))
    }

    @Test("a second RRULE is refused")
    func twoRules() {
        #expect(throws: ICalendarError(line: 6, message: "more than one RRULE in a VEVENT is not supported")) {
            try Self.event(["DTSTART:20261124T140000", "RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY"])
        }
    }
}
