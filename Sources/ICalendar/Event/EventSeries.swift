/// The VEVENTs that share a UID: the series itself and the overrides
/// that replace some of its occurrences.
public struct EventSeries: Sendable, Equatable {
    /// The shared UID; nil for an event without one, which is a series of
    /// its own.
    public var uid: String?
    /// The VEVENT without RECURRENCE-ID (the latest SEQUENCE of them, if
    /// the files hold several revisions); nil when only overrides were
    /// found, as in an invitation to one occurrence.
    public var master: Event?
    /// The VEVENTs with a RECURRENCE-ID, in file order.
    public var overrides: [Event]

    /// Creates a series from its parts.
    public init(uid: String?, master: Event?, overrides: [Event] = []) {
        self.uid = uid
        self.master = master
        self.overrides = overrides
    }

    /// Groups events by UID, in the order each UID first appears.
    public static func group(_ events: [Event]) -> [EventSeries] {
        var series: [EventSeries] = []
        var index: [String: Int] = [:]
        for event in events {
            let position: Int
            if let uid = event.uid, let known = index[uid] {
                position = known
            } else {
                position = series.count
                series.append(EventSeries(uid: event.uid, master: nil))
                if let uid = event.uid { index[uid] = position }
            }
            if event.recurrenceID != nil {
                series[position].overrides.append(event)
            } else if series[position].master.map({ $0.sequence <= event.sequence }) ?? true {
                series[position].master = event
            }
        }
        return series
    }

    /// The occurrences that start in `from..<to`, in order: the master's
    /// with the overrides applied (see `Event.occurrences`), or, without a
    /// master, each override that is not cancelled on its own.
    ///
    /// - Parameters:
    ///   - from: the start of the window, inclusive.
    ///   - to: the end of the window, exclusive.
    ///   - instant: the conversion to instants, if the caller has one.
    ///   - limit: at most this many.
    /// - Returns: the occurrences, ordered by start.
    public func occurrences(
        from: ICalendarDateTime, to: ICalendarDateTime,
        instant: ((ICalendarDateTime) -> Int64?)? = nil, limit: Int = Event.maximumOccurrences
    ) -> [Occurrence] {
        if let master {
            return master.occurrences(from: from, to: to, overrides: overrides, instant: instant, limit: limit)
        }
        let timeline = Timeline(instant: instant)
        let (low, high) = (timeline.key(from), timeline.key(to))
        guard low < high else { return [] }
        let window = low..<high
        let standing = overrides.filter { !$0.isCancelled && window.contains(timeline.key($0.start)) }
        let occurrences = standing.map { event in
            Occurrence(start: event.start, end: Event.end(event.start, event.length(timeline)),
                       recurrenceID: event.recurrenceID ?? event.start, event: event)
        }
        return Event.ordered(occurrences, timeline: timeline, limit: min(max(0, limit), Event.maximumOccurrences))
    }
}
