import Civil
/// A DATE or DATE-TIME value as written in the file: a wall-clock reading
/// and the zone it is read in (RFC 5545 §3.3.4, §3.3.5).
///
/// Nothing here knows what a zone's offset is: turning a reading with a
/// TZID into an instant is the caller's business, with the system's time
/// zone database (a VTIMEZONE in the file is not trusted over it).
public struct ICalendarDateTime: Hashable, Sendable, CustomStringConvertible {
    /// How a reading is tied to the time line.
    public enum Zone: Hashable, Sendable {
        /// No zone: the same wall-clock time wherever the reader is
        /// (`DTSTART:20261124T140000`), and every DATE.
        case floating
        /// Coordinated Universal Time (`DTSTART:20261124T140000Z`).
        case utc
        /// A named zone (`DTSTART;TZID=Europe/Kyiv:20261124T140000`), the
        /// name as written.
        case tzid(String)
    }

    // Stored narrow, so that the several readings in an Event and an
    // Occurrence keep them small to copy.
    private let storedYear: Int16
    private let storedMonth, storedDay, storedHour, storedMinute, storedSecond: UInt8

    /// The year, 0…9999.
    public var year: Int { Int(storedYear) }
    /// The month, 1…12.
    public var month: Int { Int(storedMonth) }
    /// The day of the month, 1…31.
    public var day: Int { Int(storedDay) }
    /// The hour, 0…23; 0 for a DATE.
    public var hour: Int { Int(storedHour) }
    /// The minute, 0…59; 0 for a DATE.
    public var minute: Int { Int(storedMinute) }
    /// The second, 0…59; 0 for a DATE.
    public var second: Int { Int(storedSecond) }
    /// The zone the reading is in; `.floating` for a DATE.
    public let zone: Zone
    /// Whether this is a DATE (a whole day, as all-day events have) rather
    /// than a DATE-TIME.
    public let isDate: Bool

    /// A DATE-TIME, or nil when no such reading exists (February 30,
    /// 24:00, a year past 9999).
    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int = 0, zone: Zone) {
        guard ICalendarDateTime.isValidDate(year: year, month: month, day: day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        self.init(unchecked: year, month, day, hour, minute, second, zone: zone, isDate: false)
    }

    /// A DATE, or nil when no such day exists.
    public init?(year: Int, month: Int, day: Int) {
        guard ICalendarDateTime.isValidDate(year: year, month: month, day: day) else { return nil }
        self.init(unchecked: year, month, day, 0, 0, 0, zone: .floating, isDate: true)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
                 zone: Zone, isDate: Bool) {
        storedYear = Int16(year)
        storedMonth = UInt8(month)
        storedDay = UInt8(day)
        storedHour = UInt8(hour)
        storedMinute = UInt8(minute)
        storedSecond = UInt8(second)
        self.zone = zone
        self.isDate = isDate
    }

    /// "2026-11-24", "2026-11-24T14:00:00", "2026-11-24T14:00:00Z" or
    /// "2026-11-24T14:00:00[Europe/Kyiv]".
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let y = String(year)
        let date = String(repeating: "0", count: max(0, 4 - y.count)) + y + "-\(two(month))-\(two(day))"
        guard !isDate else { return date }
        let time = "\(date)T\(two(hour)):\(two(minute)):\(two(second))"
        switch zone {
        case .floating: return time
        case .utc: return time + "Z"
        case .tzid(let name): return time + "[\(name)]"
        }
    }

    // MARK: Day arithmetic

    /// Days from 1970-01-01 to this reading's day (negative before it).
    var dayNumber: Int { CivilDays.dayNumber(year: year, month: month, day: day) }

    /// Seconds since midnight on the wall clock.
    var secondsOfDay: Int { hour * 3600 + minute * 60 + second }

    /// Seconds from 1970-01-01 00:00 to this wall-clock reading, counting
    /// every day as 86 400 s: the order of readings in one zone.
    var wallSeconds: Int { dayNumber * 86_400 + secondsOfDay }

    /// The day of the week, 1 (Monday) through 7 (Sunday).
    var weekday: Int { CivilDays.weekday(dayNumber) }

    /// The reading on day `dayNumber` at `secondsOfDay` in `zone`, or nil
    /// outside the years 0…9999.
    init?(dayNumber: Int, secondsOfDay: Int, zone: Zone, isDate: Bool) {
        let (y, m, d) = CivilDays.date(dayNumber)
        guard (0...9999).contains(y) else { return nil }
        self.init(unchecked: y, m, d, secondsOfDay / 3600, secondsOfDay / 60 % 60, secondsOfDay % 60,
                  zone: isDate ? .floating : zone, isDate: isDate)
    }

    /// This reading moved on the wall clock: `days` calendar days, then
    /// `seconds`; nil when that leaves the years 0…9999.
    func adding(days: Int, seconds: Int) -> ICalendarDateTime? {
        let total = wallSeconds + days * 86_400 + seconds
        let day = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        return ICalendarDateTime(dayNumber: day, secondsOfDay: total - day * 86_400, zone: zone, isDate: isDate)
    }

    /// The same time of day and zone on another day (a DATE stays a DATE).
    func on(dayNumber: Int) -> ICalendarDateTime? {
        ICalendarDateTime(dayNumber: dayNumber, secondsOfDay: secondsOfDay, zone: zone, isDate: isDate)
    }

    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        (0...9999).contains(year) && (1...12).contains(month) && day >= 1
            && day <= CivilDays.daysInMonth(year: year, month: month)
    }
}

extension CivilDays {
    /// 9999-12-31, the last day a reading can have.
    static let lastDay = dayNumber(year: 9999, month: 12, day: 31)
}
