import OneOnOne

/// Dates as people type them: `2026-11-20`, `today`, `yesterday`,
/// `mon` … `sun` (the most recent such day, today included).
enum DateArgument {
    /// Reads a date relative to `today`; nil when it is not one of the forms.
    static func date(_ text: String, today: LocalDate) -> LocalDate? {
        let word = text.lowercased()
        switch word {
        case "today": return today
        case "yesterday": return today.adding(days: -1)
        case "tomorrow": return today.adding(days: 1)
        default: break
        }
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        if let i = names.firstIndex(of: word) ?? full.firstIndex(of: word) {
            let back = (today.weekday.rawValue - 1 - i + 7) % 7
            return today.adding(days: -back)
        }
        return LocalDate.parse(text)
    }

    /// Reads a due date: like `date`, but a weekday name looks forward (the
    /// next such day, a week ahead for today's).
    static func due(_ text: String, today: LocalDate, option: String = "--due") throws(Failure) -> LocalDate {
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        if let i = names.firstIndex(of: String(text.lowercased().prefix(3))), text.count <= 9,
           LocalDate.parse(text) == nil, !["today", "tomorrow", "yesterday"].contains(text.lowercased()) {
            let ahead = (i - (today.weekday.rawValue - 1) + 7) % 7
            return today.adding(days: ahead == 0 ? 7 : ahead)
        }
        guard let d = date(text, today: today) else { throw error(text, option: option) }
        return d
    }

    /// The error for a date that did not read.
    static func error(_ text: String, option: String) -> Failure {
        Failure("error: \(option) takes a date like 2026-11-20, today, yesterday or mon…sun; found '\(text)'")
    }

    /// Reads an RFC 3339 date-time (`2026-11-23T10:00:00Z`, `…-05:00`).
    static func instant(_ text: String) -> Instant? {
        let s = Array(text.utf8)
        func number(_ from: Int, _ length: Int) -> Int? {
            guard from + length <= s.count else { return nil }
            var n = 0
            for b in s[from..<(from + length)] {
                guard b >= 48 && b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard s.count >= 20, let y = number(0, 4), s[4] == 45, let mo = number(5, 2), s[7] == 45,
              let d = number(8, 2), s[10] == 84 || s[10] == 116 || s[10] == 32,
              let h = number(11, 2), s[13] == 58, let mi = number(14, 2), s[16] == 58, let se = number(17, 2),
              let date = LocalDate(year: y, month: mo, day: d), h < 24, mi < 60, se < 61
        else { return nil }
        var i = 19
        if i < s.count && s[i] == 46 { i += 1; while i < s.count && s[i] >= 48 && s[i] <= 57 { i += 1 } }
        guard i < s.count else { return nil }
        var offset = 0
        if s[i] == 90 || s[i] == 122 {
            guard i + 1 == s.count else { return nil }
        } else if s[i] == 43 || s[i] == 45, let oh = number(i + 1, 2), s.count == i + 6, s[i + 3] == 58,
                  let om = number(i + 4, 2) {
            offset = (oh * 60 + om) * 60 * (s[i] == 45 ? -1 : 1)
        } else {
            return nil
        }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(h * 3600 + mi * 60 + se) - Int64(offset)
        return Instant(secondsSinceEpoch: seconds)
    }
}
