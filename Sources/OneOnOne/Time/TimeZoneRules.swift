/// Everything needed to turn instants into wall-clock times for one zone
/// and back: the zone's recorded transitions, its local time types, and the
/// POSIX rule for times after the last transition.
///
/// This is a value. It is built from the bytes of a TZif file (RFC 8536) by
/// `init(identifier:tzif:)`; reading the file is the store's job
/// (`TimeZoneDatabase`), so the domain never touches the file system.
package struct TimeZoneRules: Sendable, Hashable, CustomStringConvertible {
    /// The zone's name, "America/New_York", or "UTC", or for a fixed or
    /// POSIX zone a description of it.
    package var identifier: String { storage.identifier }
    /// The recorded changes of local time, in increasing order of instant.
    package var transitions: [Transition] { storage.transitions }
    /// The local time types the transitions refer to; type 0 is the one in
    /// effect before the first transition.
    package var localTimeTypes: [ZoneOffset] { storage.localTimeTypes }
    /// The rule for instants at and after the last transition (and for all
    /// instants when there is none); nil when the data stops there.
    package var footer: PosixTimeZoneRule? { storage.footer }

    /// The parts, shared by every copy: a zone goes wherever a calendar
    /// goes, and a copy is then one reference, not one per part.
    private final class Storage: Sendable {
        let identifier: String
        let transitions: [Transition]
        let localTimeTypes: [ZoneOffset]
        let footer: PosixTimeZoneRule?

        init(identifier: String, transitions: [Transition], localTimeTypes: [ZoneOffset], footer: PosixTimeZoneRule?) {
            self.identifier = identifier
            self.transitions = transitions
            self.localTimeTypes = localTimeTypes
            self.footer = footer
        }
    }

    private let storage: Storage

    /// Equal when every part is.
    package static func == (a: TimeZoneRules, b: TimeZoneRules) -> Bool {
        a.storage === b.storage || (a.identifier == b.identifier && a.transitions == b.transitions
            && a.localTimeTypes == b.localTimeTypes && a.footer == b.footer)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(identifier)
        hasher.combine(transitions)
        hasher.combine(localTimeTypes)
        hasher.combine(footer)
    }

    /// A change of local time: from `secondsSinceEpoch` on, the type at
    /// `localTimeType` (an index into `localTimeTypes`) is in effect.
    package struct Transition: Hashable, Sendable {
        /// When the change happens, in seconds since the epoch.
        package let secondsSinceEpoch: Int64
        /// The index of the local time type that starts then.
        package let localTimeType: Int

        /// Creates a transition.
        package init(secondsSinceEpoch: Int64, localTimeType: Int) {
            self.secondsSinceEpoch = secondsSinceEpoch
            self.localTimeType = localTimeType
        }
    }

    /// Creates rules from parts that must be consistent: at least one local
    /// time type, transitions in increasing order, every type index valid.
    package init(identifier: String, transitions: [Transition], localTimeTypes: [ZoneOffset],
                footer: PosixTimeZoneRule?) {
        precondition(!localTimeTypes.isEmpty, "a zone needs at least one local time type")
        precondition(transitions.allSatisfy { localTimeTypes.indices.contains($0.localTimeType) },
                     "transition to a local time type that does not exist")
        storage = Storage(identifier: identifier, transitions: transitions, localTimeTypes: localTimeTypes, footer: footer)
    }

    /// A zone that follows a POSIX TZ rule for all time, as `TZ=EST5EDT,M3.2.0,M11.1.0` asks.
    ///
    /// - Parameters:
    ///   - identifier: the name to show; by default the rule's text.
    ///   - rule: the rule.
    package init(identifier: String? = nil, rule: PosixTimeZoneRule) {
        self.init(identifier: identifier ?? rule.description, transitions: [],
                  localTimeTypes: [rule.standard], footer: rule)
    }

    /// Coordinated Universal Time.
    package static let utc = TimeZoneRules(
        identifier: "UTC", transitions: [],
        localTimeTypes: [ZoneOffset(utcOffsetSeconds: 0, abbreviation: "UTC", isDST: false)], footer: nil)

    /// A zone that is always `offsetSeconds` east of UTC, with no DST.
    ///
    /// - Parameters:
    ///   - offsetSeconds: seconds east of Greenwich (-05:00 is -18 000).
    ///   - name: the identifier and abbreviation; by default "UTC+05:30" and
    ///     "+0530", the tz database's style for numeric abbreviations.
    package static func fixed(offsetSeconds: Int, name: String? = nil) -> TimeZoneRules {
        let numeric = ZoneOffset.iso(offsetSeconds, separator: "")
        let abbreviation = name ?? (numeric.hasSuffix("00") && numeric.count == 5 ? String(numeric.prefix(3)) : numeric)
        return TimeZoneRules(
            identifier: name ?? (offsetSeconds == 0 ? "UTC" : "UTC" + ZoneOffset.iso(offsetSeconds, separator: ":")),
            transitions: [],
            localTimeTypes: [ZoneOffset(utcOffsetSeconds: offsetSeconds, abbreviation: abbreviation, isDST: false)],
            footer: nil)
    }

    /// The identifier.
    package var description: String { identifier }

    /// The offset, abbreviation and DST flag in effect at `instant`.
    package func offset(at instant: Instant) -> ZoneOffset { offset(at: instant.secondsSinceEpoch) }

    /// The wall-clock date and time in this zone at `instant`.
    package func local(_ instant: Instant) -> LocalDateTime {
        let offset = offset(at: instant.secondsSinceEpoch).utcOffsetSeconds
        return LocalDateTime(localSeconds: instant.secondsSinceEpoch + Int64(offset),
                             nanosecond: Int(instant.nanoseconds))
    }

    /// The offset at `seconds` since the epoch: type 0 before the first
    /// transition, the footer from the last one on, the data in between.
    func offset(at seconds: Int64) -> ZoneOffset {
        let after = firstTransition(after: seconds)
        let storage = self.storage
        if after == storage.transitions.count, let footer = storage.footer { return footer.offset(atSeconds: seconds) }
        return after == 0 ? storage.localTimeTypes[0] : storage.localTimeTypes[storage.transitions[after - 1].localTimeType]
    }

    /// The index of the first transition strictly after `seconds`
    /// (`transitions.count` when there is none), by binary search.
    func firstTransition(after seconds: Int64) -> Int {
        let transitions = storage.transitions
        var low = 0, high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid].secondsSinceEpoch <= seconds { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
