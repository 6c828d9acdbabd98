import ICalendar
package import OneOnOne

/// The 1:1s a calendar says were held: VEVENTs from .ics files, matched to
/// members by `calendar = [...]`, each occurrence that ended before now a
/// `[[met]]` with `source = "calendar"`, its UID and its start.
///
/// Recurring series are expanded in their own zone, from the system's tz
/// database (a VTIMEZONE in the file is not trusted over it); all-day
/// events, cancelled occurrences and ones the member declined are left out.
package struct CalendarImport: Sendable {
    /// One 1:1 the calendar holds.
    package struct Found: Sendable {
        package var meeting: Meeting
        /// The event's title, for the user.
        package var summary: String
        package var start: Instant
    }

    /// The 1:1s held (ended by now), oldest first.
    package var found: [Found] = []
    /// The 1:1s booked (not ended by now, starting within `lookAhead`), by
    /// member key, earliest first.
    package var booked: [String: [Booking]] = [:]
    /// When the next booked 1:1 ends: then it is held, and the calendar is
    /// read again.
    package var nextEnd: Instant? { booked.values.compactMap { $0.first?.end }.min() }
    /// Problems that did not stop the import: a file that does not parse
    /// (file:line), an event matching two members, an unknown zone.
    package var warnings: [String] = []

    /// How far back a calendar is read.
    static let lookBack: Int64 = 400 * 86_400
    /// How far ahead booked 1:1s are read.
    static let lookAhead: Int64 = 92 * 86_400

    /// The .ics files at `path`: the file itself, or those of a directory
    /// (a vdir), by name.
    package static func files(at path: String) -> [String] {
        guard FileSystem.isDirectory(path) else { return [path] }
        return FileSystem.names(in: path).filter { $0.lowercased().hasSuffix(".ics") }.sorted().map { path + "/" + $0 }
    }

    /// Reads the calendar `files`.
    ///
    /// - Parameters:
    ///   - zones: the tz database for the events' TZIDs.
    ///   - now: occurrences that ended by now are 1:1s held.
    package init(files: [String], config: Config, zones: TimeZoneDatabase, now: Instant) {
        var resolved: [String: TimeZoneRules] = [:]
        var unknown: Set<String> = []
        func zone(_ name: String) -> TimeZoneRules {
            let name = name.hasPrefix("/") ? String(name.dropFirst()) : name
            if let known = resolved[name] { return known }
            let rules: TimeZoneRules
            do throws(TimeZoneError) { rules = try zones.zone(named: name) } catch {
                unknown.insert(name)
                rules = config.timeZone
            }
            resolved[name] = rules
            return rules
        }
        func instant(_ t: ICalendarDateTime) -> Instant? {
            guard let date = LocalDate(year: t.year, month: t.month, day: t.day) else { return nil }
            let local = LocalDateTime(date: date, time: t.isDate ? .midnight : LocalTime(hour: t.hour, minute: t.minute, second: t.second))
            switch t.zone {
            case .utc: return TimeZoneRules.utc.instant(local)
            case .floating: return config.timeZone.instant(local)
            case .tzid(let name): return zone(name).instant(local)
            }
        }
        func reading(_ i: Instant) -> ICalendarDateTime {
            let t = TimeZoneRules.utc.local(i)
            return ICalendarDateTime(year: t.date.year, month: t.date.month, day: t.date.day, hour: t.time.hour,
                                     minute: t.time.minute, second: t.time.second, zone: .utc)!
        }
        let from = reading(now.adding(seconds: -Self.lookBack)), to = reading(now.adding(seconds: Self.lookAhead))
        for file in files {
            let bytes: [UInt8]
            do throws(FileSystem.ReadError) {
                bytes = try FileSystem.read(file, limit: FileSystem.ReadLimit(bytes: 16 << 20, of: "a calendar file"))
            } catch {
                warnings.append("\(error)")
                continue
            }
            let components: [Component]
            do throws(ICalendarError) { components = try ICalendarParser.parse(bytes) } catch {
                warnings.append(error.rendered(file: file))
                continue
            }
            let (events, errors) = Event.events(in: components)
            warnings += errors.map { $0.rendered(file: file) }
            for series in EventSeries.group(events) {
                for occurrence in series.occurrences(from: from, to: to, instant: { instant($0)?.secondsSinceEpoch }) {
                    let event = occurrence.event
                    guard !event.isAllDay, let start = instant(occurrence.start), let end = instant(occurrence.end)
                    else { continue }
                    let members = config.members.filter { Self.matches($0, event) }
                    guard let member = members.first else { continue }
                    if members.count > 1 {
                        warnings.append("\(file): event \"\(event.summary ?? "")\" matches \(members.map(\.key).joined(separator: ", ")); "
                            + "it is left out (make their calendar = [...] entries tell them apart)")
                        continue
                    }
                    if Self.declined(member, event) { continue }
                    if end > now {
                        booked[member.key, default: []].append(Booking(start: start, end: end))
                        continue
                    }
                    let meeting = Meeting(member: member.key, date: config.timeZone.local(start).date, source: "calendar",
                                          uid: event.uid ?? "\(file)#\(occurrence.recurrenceID)", start: start)
                    found.append(Found(meeting: meeting, summary: event.summary ?? "", start: start))
                }
            }
        }
        warnings += unknown.sorted().map { "unknown time zone '\($0)' in the calendar: read as \(config.timeZone.identifier)" }
        found.sort { $0.start < $1.start }
        booked = booked.mapValues { $0.sorted { $0.start < $1.start } }
    }

    /// `history` with what the calendar adds: the 1:1s it holds that the
    /// history does not (in memory: `import` and the daemon write them) and
    /// the 1:1s booked.
    package func adding(to history: History) -> History {
        var result = history
        for found in found where !result.holds(found.meeting) { result.add(found.meeting) }
        result.booked = booked
        return result
    }

    /// Whether `event` is a 1:1 with `member`: an entry of their
    /// `calendar` with an `@` is an email the organizer or an attendee has
    /// (any case); any other entry is text the title holds (any case).
    static func matches(_ member: Member, _ event: Event) -> Bool {
        let emails = ([event.organizer] + event.attendees.map(\.email)).compactMap { $0?.lowercased() }
        let title = (event.summary ?? "").lowercased()
        return member.calendar.contains { entry in
            let entry = entry.lowercased()
            return entry.contains("@") ? emails.contains(entry) : title.contains(entry)
        }
    }

    /// Whether the member declined the occurrence (their email among the
    /// attendees, with PARTSTAT=DECLINED).
    static func declined(_ member: Member, _ event: Event) -> Bool {
        member.calendar.contains { event.attendee($0)?.hasDeclined == true }
    }
}
