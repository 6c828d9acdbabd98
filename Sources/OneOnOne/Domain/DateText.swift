/// Dates written for people: "Tue Nov 24", "Nov 10", "tomorrow".
package enum DateText {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let fullWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "Nov 24".
    package static func short(_ date: LocalDate) -> String { "\(months[date.month - 1]) \(date.day)" }

    /// "Tue Nov 24".
    package static func withWeekday(_ date: LocalDate) -> String {
        "\(weekdays[date.weekday.rawValue - 1]) \(short(date))"
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
        default: return withWeekday(date)
        }
    }

    /// A count of days as people say it: "1 day", "4 days", "3 weeks".
    package static func days(_ n: Int) -> String {
        if n >= 14 && n % 7 == 0 { return "\(n / 7) weeks" }
        return n == 1 ? "1 day" : "\(n) days"
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
