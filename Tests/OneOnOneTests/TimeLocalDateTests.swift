import Testing
@testable import OneOnOne

@Suite("calendar dates")
struct TimeLocalDateTests {
    @Test("January 31 plus one month is February 28 in a common year")
    func monthEndClampsInCommonYear() {
        #expect(Fixture.date("2026-01-31").adding(months: 1) == Fixture.date("2026-02-28"))
    }

    @Test("January 31 plus one month is February 29 in a leap year")
    func monthEndClampsInLeapYear() {
        #expect(Fixture.date("2024-01-31").adding(months: 1) == Fixture.date("2024-02-29"))
    }

    @Test("clamping is not undone: one month twice differs from two months at once")
    func clampingIsKept() {
        let jan31 = Fixture.date("2026-01-31")
        #expect(jan31.adding(months: 1).adding(months: 1) == Fixture.date("2026-03-28"))
        #expect(jan31.adding(months: 2) == Fixture.date("2026-03-31"))
    }

    @Test("months go back across a year end, clamping too")
    func negativeMonths() {
        #expect(Fixture.date("2026-03-31").adding(months: -1) == Fixture.date("2026-02-28"))
        #expect(Fixture.date("2026-01-15").adding(months: -13) == Fixture.date("2024-12-15"))
    }

    @Test("February 29 plus twelve months is February 28; plus 48 it is February 29 again")
    func leapDayPlusYears() {
        #expect(Fixture.date("2024-02-29").adding(months: 12) == Fixture.date("2025-02-28"))
        #expect(Fixture.date("2024-02-29").adding(years: 4) == Fixture.date("2028-02-29"))
    }

    @Test("2000 is a leap year, 2100 is not, 2024 is, 2026 is not")
    func leapYears() {
        #expect(LocalDate.isLeapYear(2000))
        #expect(!LocalDate.isLeapYear(2100))
        #expect(LocalDate.isLeapYear(2024))
        #expect(!LocalDate.isLeapYear(2026))
        #expect(LocalDate(year: 2100, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
    }

    @Test("days between dates count across years and leap days")
    func daysBetween() {
        #expect(Fixture.date("2023-12-31").days(to: Fixture.date("2025-01-01")) == 367)
        #expect(Fixture.date("2025-01-01").days(to: Fixture.date("2023-12-31")) == -367)
        #expect(Fixture.date("2100-02-28").days(to: Fixture.date("2100-03-01")) == 1)
    }

    @Test("days since the epoch: 1970-01-01 is 0, the day before is -1, and they convert back")
    func daysSinceEpoch() {
        #expect(Fixture.date("1970-01-01").daysSinceEpoch == 0)
        #expect(Fixture.date("1969-12-31").daysSinceEpoch == -1)
        #expect(Fixture.date("2026-11-20").daysSinceEpoch == 20777)
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
    }

    @Test("adding days and weeks crosses month and year ends")
    func addingDays() {
        #expect(Fixture.date("2026-12-31").adding(days: 1) == Fixture.date("2027-01-01"))
        #expect(Fixture.date("2024-03-01").adding(days: -1) == Fixture.date("2024-02-29"))
        #expect(Fixture.date("2026-12-22").adding(weeks: 2) == Fixture.date("2027-01-05"))
    }

    @Test("weekdays of known dates", arguments: [
        ("1970-01-01", Weekday.thursday), ("1969-12-31", .wednesday), ("2000-01-01", .saturday),
        ("2026-11-20", .friday), ("2024-02-29", .thursday), ("1600-03-01", .wednesday),
    ])
    func weekdays(date: String, weekday: Weekday) {
        #expect(Fixture.date(date).weekday == weekday)
    }

    @Test("parsing rejects days that do not exist and text that is not YYYY-MM-DD", arguments: [
        "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2100-02-29", "26-01-01", "2026/01/01",
        "2026-1-01", "2026-01-01 ", "+2026-01-01", "", "２０２６-01-01",
    ])
    func parseRejects(text: String) {
        #expect(LocalDate.parse(text) == nil)
    }

    @Test("parsing reads YYYY-MM-DD from a substring and prints it back")
    func parseAndPrint() {
        let line = "due=2024-02-29;"
        let date = LocalDate.parse(line.dropFirst(4).dropLast())
        #expect(date == LocalDate(year: 2024, month: 2, day: 29))
        #expect(date?.description == "2024-02-29")
        #expect(LocalDate(year: 7, month: 3, day: 1)?.description == "0007-03-01")
    }

    @Test("dates order by year, then month, then day")
    func ordering() {
        #expect(Fixture.date("2026-01-31") < Fixture.date("2026-02-01"))
        #expect(Fixture.date("2025-12-31") < Fixture.date("2026-01-01"))
        #expect(Fixture.date("2026-02-01") > Fixture.date("2026-01-31"))
    }
}
