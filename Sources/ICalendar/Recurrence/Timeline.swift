/// How readings are put in order: by the caller's conversion to instants
/// when there is one (so that a UTC EXDATE or UNTIL meets a TZID start),
/// else by their wall clocks.
struct Timeline {
    let instant: ((ICalendarDateTime) -> Int64?)?

    /// A number that orders readings: seconds since 1970-01-01T00:00Z as
    /// the caller converts them, or wall-clock seconds.
    func key(_ reading: ICalendarDateTime) -> Int64 {
        instant?(reading) ?? Int64(reading.wallSeconds)
    }

    /// Whether `reading` is no later than `bound`, where a DATE bound
    /// (an UNTIL or a window end given as a day) takes in all of its day.
    func isAtOrBefore(_ reading: ICalendarDateTime, _ bound: ICalendarDateTime) -> Bool {
        if bound.isDate, !reading.isDate { return reading.dayNumber <= bound.dayNumber }
        return key(reading) <= key(bound)
    }
}
