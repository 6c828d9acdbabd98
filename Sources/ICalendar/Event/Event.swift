/// A VEVENT read for what an importer needs: who, when, how it repeats,
/// and whether it still stands.
public struct Event: Sendable, Equatable {
    /// Someone invited (an ATTENDEE line).
    public struct Attendee: Sendable, Equatable {
        /// The address without `mailto:`, as written.
        public var email: String
        /// The CN parameter, if any.
        public var name: String?
        /// The PARTSTAT parameter upper-cased: "ACCEPTED", "DECLINED",
        /// "TENTATIVE", "NEEDS-ACTION" (the default), …
        public var participation: String

        /// Creates an attendee from its parts.
        public init(email: String, name: String? = nil, participation: String = "NEEDS-ACTION") {
            self.email = email
            self.name = name
            self.participation = participation
        }

        /// Whether this attendee said no.
        public var hasDeclined: Bool { participation == "DECLINED" }
    }

    /// The UID, if the event has one (RFC 5545 requires it; some
    /// exporters forget).
    public var uid: String?
    /// The SUMMARY as text, if any.
    public var summary: String?
    /// DTSTART: the first occurrence, and the time of day of every one.
    public var start: ICalendarDateTime
    /// DTEND, if given.
    public var end: ICalendarDateTime?
    /// DURATION, if given instead of DTEND.
    public var duration: ICalendarDuration?
    /// The STATUS upper-cased ("CONFIRMED", "TENTATIVE", "CANCELLED"), if
    /// any.
    public var status: String?
    /// The ORGANIZER's address without `mailto:`, if any.
    public var organizer: String?
    public var attendees: [Attendee]
    /// The RRULE, if the event repeats.
    public var recurrenceRule: RecurrenceRule?
    /// Every RDATE, all lines and lists flattened: extra occurrences.
    public var recurrenceDates: [ICalendarDateTime]
    /// Every EXDATE, all lines and lists flattened: occurrences removed.
    public var exceptionDates: [ICalendarDateTime]
    /// RECURRENCE-ID: set when this VEVENT replaces one occurrence of the
    /// series with the same UID (the occurrence that started then).
    public var recurrenceID: ICalendarDateTime?
    /// SEQUENCE, 0 when absent: the higher, the newer the revision.
    public var sequence: Int
    /// The component the event was read from, for anything else in it.
    public var component: Component

    /// Whether the event is a whole-day one (`DTSTART;VALUE=DATE`).
    public var isAllDay: Bool { start.isDate }

    /// Whether the event was called off (STATUS:CANCELLED).
    public var isCancelled: Bool { status == "CANCELLED" }

    /// The attendee with address `email` (compared ignoring ASCII case).
    public func attendee(_ email: String) -> Attendee? {
        let wanted = ASCII.uppercased(email)
        return attendees.first { ASCII.uppercased($0.email) == wanted }
    }

    /// Reads a VEVENT.
    ///
    /// - Parameter component: a component named VEVENT.
    /// - Throws: `ICalendarError` at the offending property when DTSTART is
    ///   missing, when a date, duration, SEQUENCE or RRULE is malformed or
    ///   unsupported, or when there is more than one RRULE.
    public init(_ component: Component) throws(ICalendarError) {
        guard component.name == "VEVENT" else {
            throw ICalendarError(line: component.line, message: "expected a VEVENT, found \(component.name)")
        }
        guard let start = component.property("DTSTART") else {
            throw ICalendarError(line: component.line, message: "VEVENT without DTSTART")
        }
        self.start = try start.dateTime()
        self.component = component
        uid = component.property("UID")?.text
        summary = component.property("SUMMARY")?.text
        end = try component.property("DTEND")?.dateTime()
        duration = end == nil ? try component.property("DURATION")?.duration() : nil
        status = component.property("STATUS").map { ASCII.uppercased($0.text) }
        organizer = component.property("ORGANIZER")?.calendarAddress
        attendees = component.properties("ATTENDEE").map { attendee in
            Attendee(email: attendee.calendarAddress, name: attendee.parameter("CN"),
                     participation: attendee.parameter("PARTSTAT").map(ASCII.uppercased) ?? "NEEDS-ACTION")
        }
        let rules = component.properties("RRULE")
        if rules.count > 1 {
            throw ICalendarError(line: rules[1].line, message: "more than one RRULE in a VEVENT is not supported")
        }
        recurrenceRule = try rules.first?.recurrenceRule()
        recurrenceDates = try Event.dates(component, "RDATE")
        exceptionDates = try Event.dates(component, "EXDATE")
        recurrenceID = try component.property("RECURRENCE-ID")?.dateTime()
        sequence = try component.property("SEQUENCE")?.integer() ?? 0
    }

    /// Reads every VEVENT of a parsed file, collecting the ones that cannot
    /// be read apart rather than giving up on the file.
    ///
    /// - Parameter components: what `ICalendarParser.parse` returned.
    /// - Returns: the events in file order, and an error for each VEVENT
    ///   left out.
    public static func events(in components: [Component]) -> (events: [Event], errors: [ICalendarError]) {
        var events: [Event] = [], errors: [ICalendarError] = []
        for component in Component.events(in: components) {
            do { events.append(try Event(component)) } catch { errors.append(error) }
        }
        return (events, errors)
    }

    private static func dates(_ component: Component, _ name: String) throws(ICalendarError) -> [ICalendarDateTime] {
        var all: [ICalendarDateTime] = []
        for property in component.properties(name) { all += try property.dateTimes() }
        return all
    }
}
