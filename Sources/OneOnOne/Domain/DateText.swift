/// Dates written for people: "Tue Nov 24", "Nov 10", "tomorrow".
package enum DateText {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let fullWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "Nov 24"; "Nov 24 2025" when `today` is given and in another year,
    /// so that a date far off never passes for this year's.
    package static func short(_ date: LocalDate, today: LocalDate? = nil) -> String {
        let day = "\(months[date.month - 1]) \(date.day)"
        guard let today, today.year != date.year else { return day }
        return day + " \(date.year)"
    }

    /// "Tue Nov 24"; "Tue Nov 24 2025" when `today` is given and in another year.
    package static func withWeekday(_ date: LocalDate, today: LocalDate? = nil) -> String {
        "\(weekdays[date.weekday.rawValue - 1]) \(short(date, today: today))"
    }

    /// Relative to `today`: "today", "tomorrow", "yesterday", "Thursday"
    /// (within the coming week), else "Tue Nov 24".
    package static func relative(_ date: LocalDate, today: LocalDate) -> String {
        let d = today.days(to: date)
        switch d {
        case 0: return "today"
        case 1: return "tomorrow"
        case -1: return "yesterday"
        case 2...6: return fullWeekdays[date.weekday.rawValue - 1]
        default: return withWeekday(date, today: today)
        }
    }

    /// A day and a time relative to `today`: "tomorrow 14:00", "Thursday
    /// 09:30", "Tue Dec 15 14:00".
    package static func relative(_ local: LocalDateTime, today: LocalDate) -> String {
        relative(local.date, today: today) + " " + WorkingHours.clock(local.time.hour * 60 + local.time.minute)
    }

    /// A gap of days as people say it, on one ladder whatever the number:
    /// days up to 8 weeks ("1 day", "45 days"), then whole weeks up to half
    /// a year ("9 weeks"), then months ("7 months"), then years.
    package static func days(_ n: Int) -> String {
        func unit(_ count: Int, _ name: String) -> String { count == 1 ? "1 \(name)" : "\(count) \(name)s" }
        switch n {
        case ...56: return unit(n, "day")
        case ...182: return unit(n / 7, "week")
        case ...730: return unit(Int((Double(n) / 30.44).rounded()), "month")
        default: return unit(Int((Double(n) / 365.25).rounded()), "year")
        }
    }

    /// A number of seconds as a short duration: "45s", "12m", "3h 20m", "2d 4h".
    package static func duration(seconds: Int64) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return s % 3600 / 60 == 0 ? "\(s / 3600)h" : "\(s / 3600)h \(s % 3600 / 60)m" }
        return s % 86_400 / 3600 == 0 ? "\(s / 86_400)d" : "\(s / 86_400)d \(s % 86_400 / 3600)h"
    }
}
