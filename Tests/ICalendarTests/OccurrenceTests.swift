import ICalendar
import Testing

/// Recurring series expanded into occurrences: every RRULE form the
/// importer meets, EXDATEs, and overrides that move or cancel one
/// occurrence. Expected lists were checked against python-dateutil.
@Suite("iCalendar occurrences")
struct OccurrenceTests {
    /// A reading written as in a file: "20261124", "20261124T140000",
    /// "20261124T140000Z" or "TZID=Europe/Kyiv:20261124T140000".
    static func at(_ text: String) throws -> ICalendarDateTime {
        let line = text.contains(":") ? "D;\(text)" : "D:\(text)"
        return try ICalendarParser.parse("BEGIN:X\n\(line)\nEND:X\n")[0].properties[0].dateTime()
    }

    /// The series with UID "s" made of a master of `lines` and overrides of
    /// `overrides`, in one file.
    static func series(_ lines: [String], overrides: [[String]] = []) throws -> EventSeries {
        let events = ([lines] + overrides).map { ["BEGIN:VEVENT", "UID:s"] + $0 + ["END:VEVENT"] }
        let text = (["BEGIN:VCALENDAR"] + events.flatMap { $0 } + ["END:VCALENDAR"]).joined(separator: "\r\n")
        let (read, errors) = Event.events(in: try ICalendarParser.parse(text))
        try #require(errors.isEmpty, "\(errors)")
        let grouped = EventSeries.group(read)
        try #require(grouped.count == 1)
        return grouped[0]
    }

    /// The occurrences of that series in `from..<to`.
    static func occurrences(
        _ lines: [String], overrides: [[String]] = [], from: String = "19000101T000000", to: String = "21000101T000000",
        instant: ((ICalendarDateTime) -> Int64?)? = nil
    ) throws -> [Occurrence] {
        try series(lines, overrides: overrides).occurrences(from: at(from), to: at(to), instant: instant)
    }

    /// Their starts, as `ICalendarDateTime.description` writes them.
    static func starts(
        _ lines: [String], overrides: [[String]] = [], from: String = "19000101T000000", to: String = "21000101T000000",
        instant: ((ICalendarDateTime) -> Int64?)? = nil
    ) throws -> [String] {
        try occurrences(lines, overrides: overrides, from: from, to: to, instant: instant).map(\.start.description)
    }

    // MARK: Rules

    @Test("a non-recurring event is its one occurrence, its end from DTEND")
    func single() throws {
        let all = try Self.occurrences(["DTSTART:20261124T140000", "DTEND:20261124T143000"])
        #expect(all.map(\.start.description) == ["2026-11-24T14:00:00"])
        #expect(all.map(\.end.description) == ["2026-11-24T14:30:00"])
        #expect(all.map(\.recurrenceID) == all.map(\.start))
    }

    @Test("WEEKLY repeats on DTSTART's weekday; COUNT counts DTSTART")
    func weekly() throws {
        #expect(try Self.starts(["DTSTART:20261102T100000", "RRULE:FREQ=WEEKLY;COUNT=4"])
            == ["2026-11-02T10:00:00", "2026-11-09T10:00:00", "2026-11-16T10:00:00", "2026-11-23T10:00:00"])
    }

    @Test("biweekly with BYDAY gives each listed weekday in every second week")
    func biweeklyByDay() throws {
        #expect(try Self.starts(["DTSTART:20261103T100000", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6"])
            == ["2026-11-03T10:00:00", "2026-11-05T10:00:00", "2026-11-17T10:00:00",
                "2026-11-19T10:00:00", "2026-12-01T10:00:00", "2026-12-03T10:00:00"])
    }

    @Test("WKST decides which days share a week in a biweekly rule (RFC 5545's example)")
    func weekStart() throws {
        #expect(try Self.starts(["DTSTART:19970805T090000", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"])
            == ["1997-08-05T09:00:00", "1997-08-10T09:00:00", "1997-08-19T09:00:00", "1997-08-24T09:00:00"])
        #expect(try Self.starts(["DTSTART:19970805T090000", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"])
            == ["1997-08-05T09:00:00", "1997-08-17T09:00:00", "1997-08-19T09:00:00", "1997-08-31T09:00:00"])
    }

    @Test("DAILY with INTERVAL stops at UNTIL, which is inclusive")
    func dailyUntil() throws {
        #expect(try Self.starts(["DTSTART:20261124T140000", "RRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20261206T140000"])
            == ["2026-11-24T14:00:00", "2026-11-27T14:00:00", "2026-11-30T14:00:00",
                "2026-12-03T14:00:00", "2026-12-06T14:00:00"])
    }

    @Test("an UNTIL that is a DATE takes in the whole of its day")
    func untilDate() throws {
        #expect(try Self.starts(["DTSTART:20261124T140000", "RRULE:FREQ=DAILY;UNTIL=20261126"])
            == ["2026-11-24T14:00:00", "2026-11-25T14:00:00", "2026-11-26T14:00:00"])
    }

    @Test("DAILY with BYDAY keeps only those weekdays")
    func weekdays() throws {
        #expect(try Self.starts(["DTSTART:20261126T090000", "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=7"])
            == ["2026-11-26T09:00:00", "2026-11-27T09:00:00", "2026-11-30T09:00:00", "2026-12-01T09:00:00",
                "2026-12-02T09:00:00", "2026-12-03T09:00:00", "2026-12-04T09:00:00"])
    }

    @Test("MONTHLY repeats DTSTART's day of the month, skipping months without it")
    func monthlyByDate() throws {
        #expect(try Self.starts(["DTSTART:20260131T090000", "RRULE:FREQ=MONTHLY;COUNT=5"])
            == ["2026-01-31T09:00:00", "2026-03-31T09:00:00", "2026-05-31T09:00:00",
                "2026-07-31T09:00:00", "2026-08-31T09:00:00"])
    }

    @Test("MONTHLY;BYDAY=2TU is the second Tuesday of each month")
    func secondTuesday() throws {
        #expect(try Self.starts(["DTSTART:20261110T090000", "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=4"])
            == ["2026-11-10T09:00:00", "2026-12-08T09:00:00", "2027-01-12T09:00:00", "2027-02-09T09:00:00"])
    }

    @Test("MONTHLY;BYDAY=-1FR is the last Friday of each month")
    func lastFriday() throws {
        #expect(try Self.starts(["DTSTART:20261127T090000", "RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=4"])
            == ["2026-11-27T09:00:00", "2026-12-25T09:00:00", "2027-01-29T09:00:00", "2027-02-26T09:00:00"])
    }

    @Test("MONTHLY with INTERVAL and two ordinals gives both days in every other month")
    func firstAndLastMonday() throws {
        #expect(try Self.starts(["DTSTART:20261102T090000", "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO,-1MO;COUNT=6"])
            == ["2026-11-02T09:00:00", "2026-11-30T09:00:00", "2027-01-04T09:00:00",
                "2027-01-25T09:00:00", "2027-03-01T09:00:00", "2027-03-29T09:00:00"])
    }

    @Test("MONTHLY;BYMONTHDAY=-1 is the last day of each month; with BYDAY it only keeps those weekdays")
    func monthDays() throws {
        #expect(try Self.starts(["DTSTART:20261130T090000", "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4"])
            == ["2026-11-30T09:00:00", "2026-12-31T09:00:00", "2027-01-31T09:00:00", "2027-02-28T09:00:00"])
        #expect(try Self.starts(["DTSTART:20260213T090000", "RRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=3"])
            == ["2026-02-13T09:00:00", "2026-03-13T09:00:00", "2026-11-13T09:00:00"])
    }

    @Test("YEARLY on February 29 happens in leap years only")
    func leapDay() throws {
        #expect(try Self.starts(["DTSTART:20240229T090000", "RRULE:FREQ=YEARLY;COUNT=3"])
            == ["2024-02-29T09:00:00", "2028-02-29T09:00:00", "2032-02-29T09:00:00"])
    }

    @Test("DTSTART is the first occurrence even when the rule would not give it")
    func unsynchronizedStart() throws {
        // A Monday start for a Tuesday/Thursday rule.
        #expect(try Self.starts(["DTSTART:20261102T100000", "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3"])
            == ["2026-11-02T10:00:00", "2026-11-03T10:00:00", "2026-11-05T10:00:00"])
    }

    @Test("an all-day series repeats as dates")
    func allDaySeries() throws {
        let all = try Self.occurrences(["DTSTART;VALUE=DATE:20261124", "RRULE:FREQ=WEEKLY;COUNT=2"])
        #expect(all.map(\.start.description) == ["2026-11-24", "2026-12-01"])
        #expect(all.map(\.end.description) == ["2026-11-25", "2026-12-02"])
        #expect(all.allSatisfy { $0.event.isAllDay })
    }

    @Test("occurrences keep the event's zone and its length, from DTEND or DURATION")
    func zoneAndLength() throws {
        let zoned = try Self.occurrences(["DTSTART;TZID=Europe/Kyiv:20261124T233000", "DURATION:PT45M", "RRULE:FREQ=DAILY;COUNT=2"])
        #expect(zoned.map(\.end.description) == ["2026-11-25T00:15:00[Europe/Kyiv]", "2026-11-26T00:15:00[Europe/Kyiv]"])
    }

    // MARK: The window

    @Test("only starts in from..<to are returned, however long ago the series began")
    func window() throws {
        let lines = ["DTSTART:20000103T100000", "RRULE:FREQ=WEEKLY"]
        #expect(try Self.starts(lines, from: "20261102T100000", to: "20261116T100000")
            == ["2026-11-02T10:00:00", "2026-11-09T10:00:00"])
    }

    @Test("a COUNT series is counted from its start even when the window is later")
    func countBeforeWindow() throws {
        #expect(try Self.starts(["DTSTART:20261102T100000", "RRULE:FREQ=DAILY;COUNT=10"], from: "20261110T000000")
            == ["2026-11-10T10:00:00", "2026-11-11T10:00:00"])
    }

    @Test("any window gives the whole series' starts that fall in it, COUNT counted from DTSTART")
    func windowsAgreeWithTheWhole() throws {
        let rules = [
            "FREQ=DAILY;INTERVAL=3;COUNT=3000", "FREQ=DAILY;BYDAY=MO,FR;COUNT=3000",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU;COUNT=3000", "FREQ=MONTHLY;BYDAY=1MO,-1FR;COUNT=3000",
            "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31,-2;COUNT=3000", "FREQ=YEARLY;COUNT=300", "FREQ=DAILY;BYMONTHDAY=13;COUNT=3000",
        ]
        for rule in rules {
            let series = try Self.series(["DTSTART:19000131T090000", "RRULE:\(rule)"])
            let whole = series.occurrences(from: try Self.at("19000101T000000"), to: try Self.at("99990101T000000"))
            #expect(whole.count == (rule.hasSuffix("300") ? 300 : 3000), "\(rule)")
            for (from, to) in [("19500101T000000", "19510101T000000"), ("20260301T090000", "20270301T090000"),
                               ("21500101T000000", "22000101T000000")] {
                let (a, b) = try (Self.at(from), Self.at(to))
                let expected = whole.filter { $0.start.description >= a.description && $0.start.description < b.description }
                #expect(series.occurrences(from: a, to: b) == expected, "\(rule) in \(from)..<\(to)")
            }
        }
    }

    @Test("an endless daily series over millennia stops at the cap, quickly")
    func cap() throws {
        let all = try Self.starts(["DTSTART:00010101T100000", "RRULE:FREQ=DAILY"], from: "00010101T000000", to: "99991231T000000")
        #expect(all.count == Event.maximumOccurrences)
        #expect(all.first == "0001-01-01T10:00:00")
    }

    @Test("a rule that never matches again ends instead of looping")
    func neverMatches() throws {
        // Every 12 months from February: never a 31st.
        #expect(try Self.starts(["DTSTART:20260228T100000", "RRULE:FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31"])
            == ["2026-02-28T10:00:00"])
        #expect(try Self.starts(["DTSTART:20260228T100000", "RRULE:FREQ=MONTHLY;BYDAY=5MO;COUNT=2"], to: "20270101T000000")
            == ["2026-02-28T10:00:00", "2026-03-30T10:00:00"])
    }

    // MARK: EXDATE and RDATE

    @Test("EXDATE removes those starts, which still count toward COUNT")
    func exceptionDates() throws {
        #expect(try Self.starts([
            "DTSTART:20261102T100000", "RRULE:FREQ=WEEKLY;COUNT=5",
            "EXDATE:20261109T100000,20261123T100000", "EXDATE:20261102T100000",
        ]) == ["2026-11-16T10:00:00", "2026-11-30T10:00:00"])
    }

    @Test("an EXDATE that is a DATE removes that day's start")
    func exceptionDay() throws {
        #expect(try Self.starts(["DTSTART:20261102T100000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;VALUE=DATE:20261103"])
            == ["2026-11-02T10:00:00", "2026-11-04T10:00:00"])
    }

    @Test("RDATE adds starts, in order, once each")
    func recurrenceDates() throws {
        #expect(try Self.starts(["DTSTART:20261102T100000", "RRULE:FREQ=WEEKLY;COUNT=2", "RDATE:20261104T150000,20261109T100000"])
            == ["2026-11-02T10:00:00", "2026-11-04T15:00:00", "2026-11-09T10:00:00"])
    }

    // MARK: Overrides

    static let weekly = ["DTSTART;TZID=Europe/Kyiv:20261102T100000", "DTEND;TZID=Europe/Kyiv:20261102T103000",
                         "SUMMARY:1:1", "RRULE:FREQ=WEEKLY;COUNT=4"]

    @Test("an override moves its occurrence, with its own length and summary")
    func movedOverride() throws {
        let all = try Self.occurrences(Self.weekly, overrides: [[
            "RECURRENCE-ID;TZID=Europe/Kyiv:20261109T100000", "DTSTART;TZID=Europe/Kyiv:20261110T150000",
            "DTEND;TZID=Europe/Kyiv:20261110T160000", "SUMMARY:1:1 (moved)", "SEQUENCE:1",
        ]])
        #expect(all.map(\.start.description) == ["2026-11-02T10:00:00[Europe/Kyiv]", "2026-11-10T15:00:00[Europe/Kyiv]",
                                                 "2026-11-16T10:00:00[Europe/Kyiv]", "2026-11-23T10:00:00[Europe/Kyiv]"])
        #expect(all[1].recurrenceID.description == "2026-11-09T10:00:00[Europe/Kyiv]")
        #expect(all[1].end.description == "2026-11-10T16:00:00[Europe/Kyiv]")
        #expect(all[1].event.summary == "1:1 (moved)")
        #expect(all[0].event.summary == "1:1")
    }

    @Test("a cancelled override removes its occurrence")
    func cancelledOverride() throws {
        #expect(try Self.starts(Self.weekly, overrides: [[
            "RECURRENCE-ID;TZID=Europe/Kyiv:20261116T100000", "DTSTART;TZID=Europe/Kyiv:20261116T100000", "STATUS:CANCELLED",
        ]]) == ["2026-11-02T10:00:00[Europe/Kyiv]", "2026-11-09T10:00:00[Europe/Kyiv]", "2026-11-23T10:00:00[Europe/Kyiv]"])
    }

    @Test("an override moved into the window from outside it is there, one moved out is not")
    func overridesAcrossTheWindow() throws {
        let overrides = [
            ["RECURRENCE-ID;TZID=Europe/Kyiv:20261102T100000", "DTSTART;TZID=Europe/Kyiv:20261112T100000"],
            ["RECURRENCE-ID;TZID=Europe/Kyiv:20261116T100000", "DTSTART;TZID=Europe/Kyiv:20261201T100000"],
        ]
        #expect(try Self.starts(Self.weekly, overrides: overrides, from: "TZID=Europe/Kyiv:20261109T000000",
                                to: "TZID=Europe/Kyiv:20261130T000000")
            == ["2026-11-09T10:00:00[Europe/Kyiv]", "2026-11-12T10:00:00[Europe/Kyiv]", "2026-11-23T10:00:00[Europe/Kyiv]"])
    }

    @Test("of two overrides for one occurrence, the higher SEQUENCE wins")
    func latestOverride() throws {
        let overrides = [
            ["RECURRENCE-ID;TZID=Europe/Kyiv:20261109T100000", "DTSTART;TZID=Europe/Kyiv:20261109T120000", "SEQUENCE:2"],
            ["RECURRENCE-ID;TZID=Europe/Kyiv:20261109T100000", "DTSTART;TZID=Europe/Kyiv:20261109T110000", "SEQUENCE:1"],
        ]
        #expect(try Self.starts(Self.weekly, overrides: overrides)[1] == "2026-11-09T12:00:00[Europe/Kyiv]")
    }

    @Test("an override whose RECURRENCE-ID is not a start of the series, or is an EXDATE, is ignored")
    func strayOverride() throws {
        let overrides = [
            ["RECURRENCE-ID;TZID=Europe/Kyiv:20261110T100000", "DTSTART;TZID=Europe/Kyiv:20261110T100000"],
            ["RECURRENCE-ID;TZID=Europe/Kyiv:20261116T100000", "DTSTART;TZID=Europe/Kyiv:20261117T100000"],
        ]
        #expect(try Self.starts(Self.weekly + ["EXDATE;TZID=Europe/Kyiv:20261116T100000"], overrides: overrides)
            == ["2026-11-02T10:00:00[Europe/Kyiv]", "2026-11-09T10:00:00[Europe/Kyiv]", "2026-11-23T10:00:00[Europe/Kyiv]"])
    }

    @Test("a cancelled series has no occurrences")
    func cancelledSeries() throws {
        #expect(try Self.starts(Self.weekly + ["STATUS:CANCELLED"]).isEmpty)
    }

    @Test("without the series, an invitation to one occurrence stands on its own")
    func orphanOverride() throws {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nRECURRENCE-ID:20261109T100000Z\nDTSTART:20261109T110000Z\nEND:VEVENT\nEND:VCALENDAR\n"
        let series = EventSeries.group(Event.events(in: try ICalendarParser.parse(text)).events)
        try #require(series.count == 1)
        #expect(series[0].master == nil)
        let all = series[0].occurrences(from: try Self.at("20261101T000000Z"), to: try Self.at("20261201T000000Z"))
        #expect(all.map(\.start.description) == ["2026-11-09T11:00:00Z"])
        #expect(all.map(\.recurrenceID.description) == ["2026-11-09T10:00:00Z"])
    }

    @Test("grouping keeps each UID's latest master and its overrides; events without UID stand alone")
    func grouping() throws {
        let text = """
            BEGIN:VCALENDAR
            BEGIN:VEVENT\nUID:a\nSEQUENCE:1\nSUMMARY:new\nDTSTART:20261102T100000Z\nEND:VEVENT
            BEGIN:VEVENT\nDTSTART:20261102T100000Z\nEND:VEVENT
            BEGIN:VEVENT\nUID:a\nRECURRENCE-ID:20261109T100000Z\nDTSTART:20261109T100000Z\nEND:VEVENT
            BEGIN:VEVENT\nUID:a\nSUMMARY:old\nDTSTART:20261102T100000Z\nEND:VEVENT
            BEGIN:VEVENT\nDTSTART:20261103T100000Z\nEND:VEVENT
            END:VCALENDAR
            """
        let series = EventSeries.group(Event.events(in: try ICalendarParser.parse(text)).events)
        #expect(series.map(\.uid) == ["a", nil, nil])
        #expect(series[0].master?.summary == "new")
        #expect(series[0].overrides.count == 1)
    }

    // MARK: Zones

    /// A conversion to instants that knows UTC and a zone two hours ahead
    /// of it, "Test/Plus2"; floating readings count as UTC.
    static func instant(_ reading: ICalendarDateTime) -> Int64? {
        let offset: Int
        switch reading.zone {
        case .utc, .floating: offset = 0
        case .tzid("Test/Plus2"): offset = 7200
        case .tzid: return nil
        }
        let y = reading.month <= 2 ? reading.year - 1 : reading.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (reading.month > 2 ? reading.month - 3 : reading.month + 9) + 2) / 5 + reading.day - 1
        let days = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
        return Int64(days * 86_400 + reading.hour * 3600 + reading.minute * 60 + reading.second - offset)
    }

    @Test("with a conversion to instants, a UTC EXDATE and UNTIL meet starts in a TZID")
    func utcExceptionsAndUntil() throws {
        let lines = ["DTSTART;TZID=Test/Plus2:20261102T100000", "RRULE:FREQ=WEEKLY;UNTIL=20261123T080000Z",
                     "EXDATE:20261109T080000Z"]
        #expect(try Self.starts(lines, instant: Self.instant)
            == ["2026-11-02T10:00:00[Test/Plus2]", "2026-11-16T10:00:00[Test/Plus2]", "2026-11-23T10:00:00[Test/Plus2]"])
    }

    @Test("with a conversion to instants, a UTC window selects starts in a TZID by instant")
    func utcWindow() throws {
        let lines = ["DTSTART;TZID=Test/Plus2:20261102T010000", "RRULE:FREQ=DAILY;COUNT=5"]
        // 2026-11-03T01:00+02 is 2026-11-02T23:00Z, inside the window.
        #expect(try Self.starts(lines, from: "20261102T230000Z", to: "20261104T230000Z", instant: Self.instant)
            == ["2026-11-03T01:00:00[Test/Plus2]", "2026-11-04T01:00:00[Test/Plus2]"])
    }

    @Test("a local UNTIL is read in DTSTART's zone")
    func localUntil() throws {
        let lines = ["DTSTART;TZID=Test/Plus2:20261102T100000", "RRULE:FREQ=DAILY;UNTIL=20261103T100000"]
        #expect(try Self.starts(lines, instant: Self.instant) == ["2026-11-02T10:00:00[Test/Plus2]", "2026-11-03T10:00:00[Test/Plus2]"])
    }
}
