// libFuzzer entry point for the iCalendar reader, built together with
// Sources/ICalendar (see the Makefile's fuzz-ical). Beyond "never crash or
// hang": a file read with CRLF line ends reads the same with bare LF ends,
// and every series expands, in a two-year window and over all the years,
// into at most the cap of occurrences, in order and inside the window.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let components: [Component]
    do {
        components = try ICalendarParser.parse(bytes)
    } catch {
        _ = error.rendered(file: "fuzz.ics")
        return 0
    }
    checkLineEnds(bytes, components)
    let (events, errors) = Event.events(in: components)
    for error in errors { _ = error.rendered(file: "fuzz.ics") }
    for event in events {
        _ = event.summary
        _ = event.component.properties.map { ($0.text, $0.texts, $0.calendarAddress) }
    }
    let from = ICalendarDateTime(year: 2026, month: 1, day: 1, hour: 0, minute: 0, zone: .utc)!
    let to = ICalendarDateTime(year: 2028, month: 1, day: 1, hour: 0, minute: 0, zone: .utc)!
    let first = ICalendarDateTime(year: 0, month: 1, day: 1)!
    let last = ICalendarDateTime(year: 9999, month: 12, day: 31)!
    for series in EventSeries.group(events) {
        check(series.occurrences(from: from, to: to), from: from, to: to, instant: nil)
        check(series.occurrences(from: from, to: to, instant: plusTwo), from: from, to: to, instant: plusTwo)
        check(series.occurrences(from: first, to: last, limit: 500), from: first, to: last, instant: nil)
    }
    return 0
}

/// The file with every CRLF turned into LF parses to the same components.
private func checkLineEnds(_ bytes: [UInt8], _ components: [Component]) {
    guard bytes.contains(0x0D) else { return }
    var lf: [UInt8] = []
    lf.reserveCapacity(bytes.count)
    for (k, b) in bytes.enumerated() where !(b == 0x0D && k + 1 < bytes.count && bytes[k + 1] == 0x0A) { lf.append(b) }
    guard let again = try? ICalendarParser.parse(lf), again == components else {
        fatalError("CRLF and LF line ends read differently")
    }
}

/// UTC for UTC and floating readings, two hours ahead for any TZID.
private func plusTwo(_ reading: ICalendarDateTime) -> Int64? {
    let offset: Int
    switch reading.zone {
    case .utc, .floating: offset = 0
    case .tzid: offset = 7200
    }
    return Int64(reading.wallSeconds - offset)
}

private func check(_ occurrences: [Occurrence], from: ICalendarDateTime, to: ICalendarDateTime,
                   instant: ((ICalendarDateTime) -> Int64?)?) {
    let timeline = Timeline(instant: instant)
    guard occurrences.count <= Event.maximumOccurrences else { fatalError("more than the cap of occurrences") }
    let window = timeline.key(from)..<timeline.key(to)
    var previous = Int64.min
    for occurrence in occurrences {
        let key = timeline.key(occurrence.start)
        guard window.contains(key) else { fatalError("\(occurrence.start) is outside \(from)..<\(to)") }
        guard key >= previous else { fatalError("\(occurrence.start) is out of order") }
        guard !occurrence.event.isCancelled else { fatalError("a cancelled occurrence at \(occurrence.start)") }
        previous = key
    }
}
