import Testing
@testable import OneOnOne

@Suite("durations")
struct TimeSpanTests {
    @Test("reads days, weeks, hours and minutes, largest first", arguments: [
        ("30m", TimeSpan(seconds: 1800)), ("2h", TimeSpan(seconds: 7200)), ("1d", TimeSpan(days: 1)),
        ("2w", TimeSpan(days: 14)), ("1w2d", TimeSpan(days: 9)), ("1w 2d", TimeSpan(days: 9)),
        ("1d12h", TimeSpan(days: 1, seconds: 43200)), ("0d", TimeSpan()), ("10s", TimeSpan(seconds: 10)),
    ])
    func parses(text: String, expected: TimeSpan) throws {
        #expect(try TimeSpan.parse(text).get() == expected)
    }

    @Test("prints in the notation it reads")
    func printsBack() {
        for text in ["30m", "2h", "1d", "2w", "1w2d", "1d12h", "0d", "1h30m", "10s"] {
            #expect((try? TimeSpan.parse(text).get())?.description == text)
        }
    }

    @Test("a unit that is not w, d, h, m or s is named, with where it stands")
    func unknownUnit() {
        let error = TimeSpan.parse("2x").failure
        #expect(error?.message.contains("unknown unit 'x'") == true)
        #expect(error?.offset == 1)
    }

    @Test("a number without a unit is refused")
    func missingUnit() {
        #expect(TimeSpan.parse("14").failure?.message.contains("missing a unit") == true)
    }

    @Test("units out of order or repeated are refused", arguments: ["2d1w", "1d1d", "30m2h"])
    func order(text: String) {
        #expect(TimeSpan.parse(text).failure?.message.contains("largest to smallest") == true)
    }

    @Test("empty text and negative spans are refused", arguments: ["", "  ", "-1d", "d"])
    func empty(text: String) {
        #expect(TimeSpan.parse(text).failure != nil)
    }
}

@Suite("cadences")
struct CadenceTests {
    @Test("reads every documented form", arguments: [
        ("weekly", Cadence.days(7)), ("biweekly", .days(14)), ("fortnightly", .days(14)), ("monthly", .months(1)),
        ("quarterly", .months(3)), ("every 3 weeks", .days(21)), ("every 10 days", .days(10)),
        ("every 2 months", .months(2)), ("every week", .days(7)), ("1w", .days(7)), ("2w", .days(14)),
        ("10d", .days(10)), ("1w2d", .days(9)), ("auto", .auto), ("Monthly", .months(1)),
    ])
    func parses(text: String, expected: Cadence) throws {
        #expect(try Cadence.parse(text).get() == expected)
    }

    @Test("hours, zero and nonsense are refused with a hint", arguments: ["12h", "0d", "sometimes", "every 0 weeks", "every 3 fortnights"])
    func refuses(text: String) {
        let error = Cadence.parse(text).failure
        #expect(error != nil)
    }

    @Test("an unknown cadence says which forms exist")
    func hint() {
        #expect(Cadence.parse("sometimes").failure?.message.contains("\"monthly\"") == true)
    }
}

@Suite("working hours")
struct WorkingHoursTests {
    @Test("a weekday span with one range")
    func simple() throws {
        let hours = try WorkingHours.parse("Mon-Fri 09:00-17:30").get()
        #expect(hours.ranges(on: .monday) == [.init(start: 540, end: 1050)])
        #expect(hours.ranges(on: .friday) == [.init(start: 540, end: 1050)])
        #expect(hours.ranges(on: .saturday).isEmpty)
        #expect(hours.contains(.wednesday, minute: 540))
        #expect(!hours.contains(.wednesday, minute: 1050))
    }

    @Test("several ranges per day and per-day groups")
    func groups() throws {
        let hours = try WorkingHours.parse("Mon-Thu 09:00-12:00,13:00-17:30; Fri 9:00-13:00").get()
        #expect(hours.ranges(on: .tuesday).count == 2)
        #expect(hours.ranges(on: .friday) == [.init(start: 540, end: 780)])
        #expect(hours.description == "Mon-Thu 09:00-12:00,13:00-17:30; Fri 09:00-13:00")
    }

    @Test("day lists, full names, a span across the weekend, and 24:00")
    func forms() throws {
        let hours = try WorkingHours.parse("monday,Wednesday 10:00-24:00; Sat-Mon 08:00-09:00").get()
        #expect(hours.ranges(on: .monday) == [.init(start: 480, end: 540), .init(start: 600, end: 1440)])
        #expect(hours.ranges(on: .sunday) == [.init(start: 480, end: 540)])
        #expect(hours.ranges(on: .tuesday).isEmpty)
    }

    @Test("'always' is every minute of the week")
    func always() throws {
        #expect(try WorkingHours.parse("always").get() == .always)
    }

    @Test("mistakes point at the offending character", arguments: [
        ("Mon-Fry 09:00-17:00", 4, "expected a day"),
        ("Mon-Fri 9-17", 8, "HH:MM"),
        ("Mon-Fri 17:00-09:00", 8, "ends before it starts"),
        ("Mon-Fri 09:00-25:00", 14, "HH:MM"),
        ("Mon-Fri", 7, "expected a space"),
        ("Mon-Fri 09:00-17:00 Sat 10:00-12:00", 20, "expected ';'"),
        ("", 0, "empty working hours"),
    ])
    func errors(text: String, offset: Int, fragment: String) {
        let error = WorkingHours.parse(text).failure
        #expect(error?.offset == offset)
        #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
    }
}

@Suite("suggestions")
struct SuggestionTests {
    @Test("a typo finds the key it meant")
    func typo() {
        #expect(Suggestion.closest(to: "cadense", in: ["cadence", "slack", "lead"]) == "cadence")
        #expect(Suggestion.closest(to: "stale-after", in: ["stale_after", "slack"]) == "stale_after")
        #expect(Suggestion.closest(to: "timzone", in: ["timezone", "team"]) == "timezone")
    }

    @Test("something unrelated suggests nothing")
    func unrelated() {
        #expect(Suggestion.closest(to: "colour", in: ["cadence", "slack", "lead"]) == nil)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
