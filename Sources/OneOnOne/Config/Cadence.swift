/// How often a member's 1:1 should happen.
package enum Cadence: Hashable, Sendable, CustomStringConvertible {
    /// Every so many calendar days (weekly is 7, biweekly 14).
    case days(Int)
    /// Every so many calendar months, on the same day of the month (clamped
    /// to the month's end).
    case months(Int)
    /// Learned from the median of recent intervals; needs three of them,
    /// else the fallback applies.
    case auto

    package var description: String {
        switch self {
        case .days(let n) where n % 7 == 0: n == 7 ? "weekly" : n == 14 ? "biweekly" : "every \(n / 7) weeks"
        case .days(let n): n == 1 ? "daily" : "every \(n) days"
        case .months(let n): n == 1 ? "monthly" : n == 3 ? "quarterly" : "every \(n) months"
        case .auto: "auto"
        }
    }

    /// The cadence in config notation (`1w`, `10d`, `monthly`, `auto`).
    package var configText: String {
        switch self {
        case .days(let n): TimeSpan(days: n).description
        case .months(1): "monthly"
        case .months(let n): "every \(n) months"
        case .auto: "auto"
        }
    }

    /// Reads a cadence: `weekly`, `biweekly`, `fortnightly`, `monthly`,
    /// `quarterly`, `every 3 weeks`, `every 10 days`, `every 2 months`, a
    /// whole-day span like `1w`, `2w`, `10d`, `1w2d`, or `auto`.
    package static func parse(_ text: String) -> Result<Cadence, TextError> {
        let lower = text.lowercased()
        let trimmed = lower.split(separator: " ", omittingEmptySubsequences: true)
        switch trimmed.joined(separator: " ") {
        case "auto": return .success(.auto)
        case "daily": return .success(.days(1))
        case "weekly": return .success(.days(7))
        case "biweekly", "fortnightly": return .success(.days(14))
        case "monthly": return .success(.months(1))
        case "quarterly": return .success(.months(3))
        default: break
        }
        if trimmed.first == "every" {
            let words = Array(trimmed.dropFirst())
            let count: Int?
            let unitWord: Substring?
            switch words.count {
            case 1: count = 1; unitWord = words[0]
            case 2: count = Int(words[0]); unitWord = words[1]
            default: count = nil; unitWord = nil
            }
            guard let n = count, n > 0, n <= 1000, let unit = unitWord else {
                return .failure(TextError("expected \"every N days|weeks|months\", found '\(text)'", at: 0))
            }
            switch unit {
            case "day", "days": return .success(.days(n))
            case "week", "weeks": return .success(.days(7 * n))
            case "month", "months": return .success(.months(n))
            default:
                return .failure(TextError("unknown unit '\(unit)' in '\(text)': use days, weeks or months", at: 0))
            }
        }
        switch TimeSpan.parse(text) {
        case .success(let span):
            guard span.seconds == 0 else {
                return .failure(TextError("a cadence is whole days or weeks; '\(text)' has hours or minutes", at: 0))
            }
            guard span.days > 0 else { return .failure(TextError("a cadence must be longer than zero days", at: 0)) }
            return .success(.days(span.days))
        case .failure(let error):
            return .failure(TextError(
                "unknown cadence '\(text)': use e.g. \"1w\", \"2w\", \"10d\", \"monthly\", \"every 3 weeks\" or \"auto\"",
                at: error.offset))
        }
    }
}
