/// One time an event happens: a start the series gives (or an override
/// moved it to) and the event that describes it.
public struct Occurrence: Sendable, Equatable {
    /// When it starts, in the event's own terms (floating, UTC or TZID as
    /// written).
    public var start: ICalendarDateTime
    /// When it ends: the start plus the event's length on the wall clock
    /// (DTEND − DTSTART, or DURATION; a day for a DATE with neither).
    public var end: ICalendarDateTime
    /// The start the series gave it, which a RECURRENCE-ID names; the same
    /// as `start` unless an override moved it.
    public var recurrenceID: ICalendarDateTime
    /// The override that replaced this occurrence, or else the series'
    /// own event: its summary, status and attendees are this occurrence's.
    public var event: Event

    /// Creates an occurrence from its parts.
    public init(start: ICalendarDateTime, end: ICalendarDateTime, recurrenceID: ICalendarDateTime, event: Event) {
        self.start = start
        self.end = end
        self.recurrenceID = recurrenceID
        self.event = event
    }
}

extension Event {
    /// The most occurrences one call returns.
    public static let maximumOccurrences = 10_000

    /// The occurrences that start in `from..<to`, in order.
    ///
    /// The series is DTSTART, the starts its RRULE gives (DTSTART counted
    /// in COUNT, UNTIL inclusive) and its RDATEs, less its EXDATEs (a DATE
    /// removes every start on that day). An override — a VEVENT of the
    /// same UID whose RECURRENCE-ID is one of those starts — replaces that
    /// one: moved to its own DTSTART (into or out of the window), or gone
    /// when it is cancelled; of several for one start, the highest
    /// SEQUENCE wins. RANGE=THISANDFUTURE is treated as that one start
    /// only. A cancelled series has no occurrences.
    ///
    /// Readings are compared through `instant` when it is given (it turns
    /// a reading into seconds since 1970-01-01T00:00Z with the time zone
    /// database; nil when it cannot), so that UTC EXDATEs, UNTILs and
    /// RECURRENCE-IDs meet starts in a TZID, and a UTC window selects
    /// starts in any zone. Without it, wall clocks are compared as they
    /// are, right only when everything is in one zone.
    ///
    /// - Parameters:
    ///   - from: the start of the window, inclusive.
    ///   - to: the end of the window, exclusive.
    ///   - overrides: the VEVENTs with this UID and a RECURRENCE-ID.
    ///   - instant: the conversion to instants, if the caller has one.
    ///   - limit: at most this many (and never more than
    ///     `maximumOccurrences`); the earliest are kept.
    /// - Returns: the occurrences, ordered by start.
    public func occurrences(
        from: ICalendarDateTime, to: ICalendarDateTime, overrides: [Event] = [],
        instant: ((ICalendarDateTime) -> Int64?)? = nil, limit: Int = Event.maximumOccurrences
    ) -> [Occurrence] {
        let timeline = Timeline(instant: instant)
        let limit = min(max(0, limit), Event.maximumOccurrences)
        let (low, high) = (timeline.key(from), timeline.key(to))
        guard !isCancelled, limit > 0, low < high else { return [] }
        let window = low..<high

        // The latest revision of each override, by the start it replaces.
        var replacing: [Int64: Event] = [:]
        for override in overrides {
            guard let id = override.recurrenceID else { continue }
            let key = timeline.key(id)
            if let other = replacing[key], other.sequence > override.sequence { continue }
            replacing[key] = override
        }

        // The days to walk: the window's, with two days' margin for readings
        // in another zone.
        let firstDay = from.dayNumber - 2, lastDay = to.dayNumber + 2
        let excluded = Exclusions(exceptionDates, timeline: timeline)
        var starts: [(key: Int64, reading: ICalendarDateTime)] = []
        var seen: Set<Int64> = []
        var replaced: [(key: Int64, id: ICalendarDateTime)] = []
        func take(_ reading: ICalendarDateTime) -> Bool {
            let key = timeline.key(reading)
            guard !excluded.contains(reading, key: key), seen.insert(key).inserted else { return true }
            if replacing[key] != nil {
                replaced.append((key, reading))
            } else if window.contains(key) {
                starts.append((key, reading))
            }
            return starts.count < limit
        }
        walk(fromDay: firstDay, throughDay: lastDay, timeline: timeline, take)

        // Overrides moved into the window from a start outside it: that
        // start must be one of the series'.
        let movedIn = replacing.filter { key, override in
            !seen.contains(key) && window.contains(timeline.key(override.start)) && !override.isCancelled
        }
        if let earliest = movedIn.values.compactMap({ $0.recurrenceID?.dayNumber }).min(),
           let latest = movedIn.values.compactMap({ $0.recurrenceID?.dayNumber }).max() {
            var missing = movedIn.count
            walk(fromDay: earliest - 2, throughDay: latest + 2, timeline: timeline) { reading in
                let key = timeline.key(reading)
                guard movedIn[key] != nil, !excluded.contains(reading, key: key), seen.insert(key).inserted else { return true }
                replaced.append((key, reading))
                missing -= 1
                return missing > 0
            }
        }

        let length = self.length(timeline)
        var result = starts.map { Occurrence(start: $0.reading, end: Event.end($0.reading, length), recurrenceID: $0.reading, event: self) }
        for (key, id) in replaced {
            guard let override = replacing[key], !override.isCancelled, window.contains(timeline.key(override.start))
            else { continue }
            result.append(Occurrence(start: override.start, end: Event.end(override.start, override.length(timeline)),
                                     recurrenceID: id, event: override))
        }
        return Event.ordered(result, timeline: timeline, limit: limit)
    }

    /// Calls `visit` with the series' starts on the days `firstDay` through
    /// `lastDay`: the RRULE's (or DTSTART alone) in order, then the RDATEs.
    private func walk(fromDay firstDay: Int, throughDay lastDay: Int, timeline: Timeline,
                      _ visit: (ICalendarDateTime) -> Bool) {
        guard firstDay <= lastDay else { return }
        if let rule = recurrenceRule {
            Expansion(rule: rule, start: start, timeline: timeline).forEach(fromDay: firstDay, throughDay: lastDay, visit)
        } else if (firstDay...lastDay).contains(start.dayNumber) {
            guard visit(start) else { return }
        }
        for date in recurrenceDates where (firstDay...lastDay).contains(date.dayNumber) {
            guard visit(date) else { return }
        }
    }

    /// How long each occurrence lasts: calendar days and seconds added on
    /// the wall clock, never negative and never more than the calendar
    /// holds (so that adding them cannot overflow).
    func length(_ timeline: Timeline) -> (days: Int, seconds: Int) {
        let most = 3_660_000
        func clamped(_ days: Int, _ seconds: Int) -> (days: Int, seconds: Int) {
            (min(max(0, days), most), min(max(0, seconds), most * 86_400))
        }
        if let end {
            if start.isDate || end.isDate { return clamped(end.dayNumber - start.dayNumber, 0) }
            let (difference, overflow) = timeline.key(end).subtractingReportingOverflow(timeline.key(start))
            return overflow ? (0, 0) : clamped(0, Int(clamping: difference))
        }
        if let duration {
            if start.isDate { return clamped(duration.days + duration.seconds / 86_400, 0) }
            return duration.days < 0 || duration.seconds < 0 ? (0, 0) : clamped(duration.days, duration.seconds)
        }
        return start.isDate ? (1, 0) : (0, 0)
    }

    static func end(_ start: ICalendarDateTime, _ length: (days: Int, seconds: Int)) -> ICalendarDateTime {
        start.adding(days: length.days, seconds: length.seconds) ?? start
    }

    /// `occurrences` by start (then by the start they replace), the first
    /// `limit` of them. They mostly come in order already.
    static func ordered(_ occurrences: [Occurrence], timeline: Timeline, limit: Int) -> [Occurrence] {
        let keys = occurrences.map { (timeline.key($0.start), timeline.key($0.recurrenceID)) }
        if zip(keys, keys.dropFirst()).allSatisfy({ $0 <= $1 }) { return Array(occurrences.prefix(limit)) }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        return order.prefix(limit).map { occurrences[$0] }
    }
}

/// The starts EXDATEs remove: date-times by their key, DATEs by day.
private struct Exclusions {
    var keys: Set<Int64> = []
    var days: Set<Int> = []

    init(_ dates: [ICalendarDateTime], timeline: Timeline) {
        for date in dates {
            if date.isDate { days.insert(date.dayNumber) } else { keys.insert(timeline.key(date)) }
        }
    }

    func contains(_ reading: ICalendarDateTime, key: Int64) -> Bool {
        (!days.isEmpty && days.contains(reading.dayNumber)) || keys.contains(key)
    }
}
