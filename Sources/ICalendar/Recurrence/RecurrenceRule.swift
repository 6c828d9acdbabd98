/// An RRULE (RFC 5545 §3.3.10), as far as this reader expands them:
/// DAILY, WEEKLY, MONTHLY and plain YEARLY rules with INTERVAL, COUNT or
/// UNTIL, BYDAY (with ordinals for MONTHLY: 2TU, -1FR), BYMONTHDAY and
/// WKST. A rule with any other part is rejected rather than expanded
/// wrongly.
public struct RecurrenceRule: Hashable, Sendable {
    /// How often the rule repeats.
    public enum Frequency: String, Sendable {
        case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY"
    }

    /// A day of the week, numbered as ISO 8601 does.
    public enum Weekday: Int, Sendable, CaseIterable {
        case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

        /// MO, TU, …, SU.
        static let codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    }

    /// One BYDAY entry: a weekday, with an ordinal in a MONTHLY rule
    /// ("2TU" is the second Tuesday, "-1FR" the last Friday).
    public struct WeekdayNumber: Hashable, Sendable {
        /// 1…5 from the start of the month, -1…-5 from its end, or nil for
        /// every such weekday.
        public var ordinal: Int?
        public var weekday: Weekday

        /// Creates an entry.
        public init(_ weekday: Weekday, ordinal: Int? = nil) {
            self.weekday = weekday
            self.ordinal = ordinal
        }
    }

    public var frequency: Frequency
    /// Every how many days, weeks, months or years; at least 1.
    public var interval: Int
    /// How many occurrences in all, DTSTART being the first.
    public var count: Int?
    /// The last moment an occurrence may start, inclusive; a DATE means
    /// the whole of that day.
    public var until: ICalendarDateTime?
    public var byDay: [WeekdayNumber]
    /// Days of the month, 1…31 or -1…-31 from the end.
    public var byMonthDay: [Int]
    /// The first day of the week, for WEEKLY rules with an INTERVAL.
    public var weekStart: Weekday

    /// Creates a rule from its parts.
    public init(frequency: Frequency, interval: Int = 1, count: Int? = nil, until: ICalendarDateTime? = nil,
                byDay: [WeekdayNumber] = [], byMonthDay: [Int] = [], weekStart: Weekday = .monday) {
        self.frequency = frequency
        self.interval = interval
        self.count = count
        self.until = until
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.weekStart = weekStart
    }

    /// The largest INTERVAL accepted: more would only ever give DTSTART,
    /// and the bound keeps the arithmetic far from overflow.
    static let maximumInterval = 100_000
}

extension Property {
    /// The value as an RRULE.
    ///
    /// - Throws: `ICalendarError` at the offending part when the rule is
    ///   malformed or uses a part this reader does not expand (BYSETPOS,
    ///   BYMONTH, BYHOUR, …, or a frequency finer than DAILY).
    public func recurrenceRule() throws(ICalendarError) -> RecurrenceRule {
        var rule = RecurrenceRule(frequency: .daily)
        var seen: Set<String> = []
        let bytes = Array(value.utf8)
        var start = 0
        for k in 0...bytes.count where k == bytes.count || bytes[k] == ASCII.semicolon {
            defer { start = k + 1 }
            if k == start, k == bytes.count, !seen.isEmpty { continue }  // a trailing ';'
            let part = bytes[start..<k]
            guard let equals = part.firstIndex(of: ASCII.equals) else {
                throw error("RRULE part '\(String(decoding: part, as: UTF8.self))' is not NAME=VALUE", at: start)
            }
            let name = ASCII.uppercased(String(decoding: bytes[start..<equals], as: UTF8.self))
            let text = String(decoding: bytes[(equals + 1)..<k], as: UTF8.self)
            let at = equals + 1
            guard seen.insert(name).inserted else { throw error("RRULE has \(name) twice", at: start) }
            switch name {
            case "FREQ":
                guard let frequency = RecurrenceRule.Frequency(rawValue: ASCII.uppercased(text)) else {
                    throw error("RRULE FREQ=\(text) is not supported (DAILY, WEEKLY, MONTHLY or YEARLY)", at: at)
                }
                rule.frequency = frequency
            case "INTERVAL":
                guard let n = Property.digits(bytes[at..<k]), (1...RecurrenceRule.maximumInterval).contains(n) else {
                    throw error("RRULE INTERVAL must be 1 to \(RecurrenceRule.maximumInterval), found '\(text)'", at: at)
                }
                rule.interval = n
            case "COUNT":
                guard let n = Property.digits(bytes[at..<k]), n >= 1 else {
                    throw error("RRULE COUNT must be a positive integer, found '\(text)'", at: at)
                }
                rule.count = n
            case "UNTIL":
                rule.until = try dateTime(bytes[at..<k], at: at, zone: .floating, label: "RRULE UNTIL")
            case "BYDAY":
                rule.byDay = try list(bytes, at..<k, "BYDAY", Property.weekdayNumber)
            case "BYMONTHDAY":
                rule.byMonthDay = try list(bytes, at..<k, "BYMONTHDAY") { item in
                    Property.signedNumber(item).flatMap { $0 != 0 && abs($0) <= 31 ? $0 : nil }
                }
            case "WKST":
                guard let day = Property.weekday(bytes[at..<k]) else {
                    throw error("RRULE WKST must be MO, TU, WE, TH, FR, SA or SU, found '\(text)'", at: at)
                }
                rule.weekStart = day
            case "BYSETPOS", "BYMONTH", "BYYEARDAY", "BYWEEKNO", "BYHOUR", "BYMINUTE", "BYSECOND":
                throw error("RRULE \(name) is not supported", at: start)
            default:
                guard name.hasPrefix("X-") else { throw error("RRULE has an unknown part \(name)", at: start) }
            }
        }
        guard seen.contains("FREQ") else { throw error("RRULE has no FREQ") }
        guard rule.count == nil || rule.until == nil else { throw error("RRULE has both COUNT and UNTIL") }
        try check(rule)
        return rule
    }

    /// Rejects the combinations the expansion does not define.
    private func check(_ rule: RecurrenceRule) throws(ICalendarError) {
        switch rule.frequency {
        case .daily, .weekly:
            if rule.byDay.contains(where: { $0.ordinal != nil }) {
                throw error("RRULE BYDAY with a number (such as 2TU) needs FREQ=MONTHLY")
            }
            if rule.frequency == .weekly, !rule.byMonthDay.isEmpty {
                throw error("RRULE BYMONTHDAY does not go with FREQ=WEEKLY")
            }
        case .monthly:
            if rule.byDay.contains(where: { ($0.ordinal ?? 1) == 0 || abs($0.ordinal ?? 1) > 5 }) {
                throw error("RRULE BYDAY numbers in a MONTHLY rule are 1 to 5 or -1 to -5")
            }
        case .yearly:
            if !rule.byDay.isEmpty || !rule.byMonthDay.isEmpty {
                throw error("RRULE FREQ=YEARLY with BYDAY or BYMONTHDAY is not supported")
            }
        }
    }

    /// The comma-separated items in `range` of `bytes`, each read by `item`.
    private func list<T>(_ bytes: [UInt8], _ range: Range<Int>, _ part: String,
                         _ item: (ArraySlice<UInt8>) -> T?) throws(ICalendarError) -> [T] {
        var result: [T] = []
        var start = range.lowerBound
        for k in range.lowerBound...range.upperBound where k == range.upperBound || bytes[k] == ASCII.comma {
            guard let value = item(bytes[start..<k]) else {
                throw error("RRULE \(part) has an invalid item '\(String(decoding: bytes[start..<k], as: UTF8.self))'", at: start)
            }
            result.append(value)
            start = k + 1
        }
        return result
    }

    /// "MO", "2TU", "-1FR", "+3WE".
    private static func weekdayNumber(_ item: ArraySlice<UInt8>) -> RecurrenceRule.WeekdayNumber? {
        guard item.count >= 2, let day = weekday(item.suffix(2)) else { return nil }
        let number = item.dropLast(2)
        guard !number.isEmpty else { return RecurrenceRule.WeekdayNumber(day) }
        guard let n = signedNumber(number), n != 0, abs(n) <= 53 else { return nil }
        return RecurrenceRule.WeekdayNumber(day, ordinal: n)
    }

    private static func weekday(_ code: ArraySlice<UInt8>) -> RecurrenceRule.Weekday? {
        let code = ASCII.uppercased(String(decoding: code, as: UTF8.self))
        return RecurrenceRule.Weekday.codes.firstIndex(of: code).flatMap { RecurrenceRule.Weekday(rawValue: $0 + 1) }
    }

    /// "+3", "-1", "15": at most two digits, with an optional sign.
    private static func signedNumber(_ item: ArraySlice<UInt8>) -> Int? {
        var digits = item
        var sign = 1
        if let first = digits.first, first == ASCII.plus || first == ASCII.minus {
            sign = first == ASCII.minus ? -1 : 1
            digits = digits.dropFirst()
        }
        guard digits.count <= 2, let n = Property.digits(digits) else { return nil }
        return sign * n
    }
}
