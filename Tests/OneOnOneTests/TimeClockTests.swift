import Testing
@testable import OneOnOne

@Suite("weekdays, times of day and instants")
struct TimeClockTests {
    @Test("weekday names read short or full, in any case")
    func weekdayNames() {
        #expect(Weekday.parse("mon") == .monday)
        #expect(Weekday.parse("Monday") == .monday)
        #expect(Weekday.parse("SUN") == .sunday)
        #expect(Weekday.parse("thursday"[...]) == .thursday)
        #expect(Weekday.parse("mo") == nil)
        #expect(Weekday.parse("mond") == nil)
    }

    @Test("weekdays print their English short names and count from Monday = 1")
    func weekdayShortNames() {
        #expect(Weekday.allCases.map(\.shortName) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        #expect(Weekday.allCases.map(\.rawValue) == Array(1...7))
        #expect(Weekday.sunday.adding(days: 1) == .monday)
        #expect(Weekday.monday.adding(days: -8) == .sunday)
    }

    @Test("times of day parse with and without seconds", arguments: [
        ("09:00", 9, 0, 0), ("17:30", 17, 30, 0), ("09:00:15", 9, 0, 15), ("9:05", 9, 5, 0), ("23:59:59", 23, 59, 59),
    ])
    func timeParses(text: String, hour: Int, minute: Int, second: Int) {
        #expect(LocalTime.parse(text) == LocalTime(hour: hour, minute: minute, second: second))
    }

    @Test("times out of range or malformed are refused", arguments: [
        "24:00", "09:60", "09:00:60", "0900", "09:0", "09:00:", "09:00:15.", "-1:00", "", "09:00 ", "123:00",
    ])
    func timeRejects(text: String) {
        #expect(LocalTime.parse(text) == nil)
    }

    @Test("a time prints as 09:00, or 09:00:15 when it has seconds")
    func timePrints() {
        #expect(LocalTime(hour: 9, minute: 0).description == "09:00")
        #expect(LocalTime(hour: 9, minute: 0, second: 15).description == "09:00:15")
        #expect(LocalTime.parse("09:00:15.25")?.description == "09:00:15.25")
        #expect(LocalTime(hour: 17, minute: 30).secondsOfDay == 63_000)
    }

    @Test("local date-times order by date, then time, and print as ISO 8601")
    func localDateTime() {
        let morning = LocalDateTime(date: Fixture.date("2026-11-20"), time: LocalTime(hour: 9, minute: 0))
        let evening = LocalDateTime(date: Fixture.date("2026-11-19"), time: LocalTime(hour: 23, minute: 0))
        #expect(evening < morning)
        #expect(morning.description == "2026-11-20T09:00")
    }

    @Test("an instant prints as ISO 8601 UTC")
    func instantPrints() {
        #expect(Instant(secondsSinceEpoch: 1_795_183_200).description == "2026-11-20T14:00:00Z")
        #expect(Instant(secondsSinceEpoch: -1).description == "1969-12-31T23:59:59Z")
        #expect(Instant(secondsSinceEpoch: 0, nanoseconds: 500_000_000).description == "1970-01-01T00:00:00.5Z")
    }

    @Test("nanoseconds carry into seconds, also below zero")
    func nanosecondsCarry() {
        let t = Instant(secondsSinceEpoch: 10, nanoseconds: -1_500_000_000)
        #expect(t.secondsSinceEpoch == 8 && t.nanoseconds == 500_000_000)
        #expect(Instant(secondsSinceEpoch: 0, nanoseconds: 2_000_000_001) == Instant(secondsSinceEpoch: 2, nanoseconds: 1))
    }

    @Test("the difference of two instants is whole seconds, rounded down")
    func instantDifference() {
        let a = Instant(secondsSinceEpoch: 100, nanoseconds: 200)
        let b = Instant(secondsSinceEpoch: 90, nanoseconds: 300)
        #expect(a - b == 9)
        #expect(b - a == -10)
        #expect(a.duration(since: b) == .seconds(10) - .nanoseconds(100))
        #expect(b.adding(.seconds(10) - .nanoseconds(100)) == a)
        #expect(a.adding(seconds: -100) == Instant(secondsSinceEpoch: 0, nanoseconds: 200))
    }

    @Test("instants order by seconds, then nanoseconds")
    func instantOrder() {
        #expect(Instant(secondsSinceEpoch: 1, nanoseconds: 999_999_999) < Instant(secondsSinceEpoch: 2))
        #expect(Instant(secondsSinceEpoch: -1) < Instant.epoch)
    }
}
