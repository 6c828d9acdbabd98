/// A day of the week, numbered as ISO 8601 does: Monday is 1, Sunday is 7.
package enum Weekday: Int, CaseIterable, Sendable, CustomStringConvertible {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The English three-letter name: "Mon" … "Sun".
    package var shortName: String { String(name.prefix(3)) }

    /// The English name: "Monday" … "Sunday".
    package var name: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }

    /// The short name, "Mon".
    package var description: String { shortName }

    /// The weekday `days` days later (earlier when negative).
    package func adding(days: Int) -> Weekday {
        Weekday(rawValue: (rawValue - 1 + days).modulo(7) + 1)!
    }

    /// Reads an English weekday name, short or full, in any case: "mon",
    /// "Monday", "SUN".
    ///
    /// - Returns: the weekday, or nil for anything else (including "mo").
    package static func parse(_ text: some StringProtocol) -> Weekday? {
        let word = text.lowercased()
        return allCases.first { word == $0.shortName.lowercased() || word == $0.name.lowercased() }
    }
}
