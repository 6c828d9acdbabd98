/// What the clocks of a zone say relative to UTC at some instant: the
/// offset, its abbreviation, and whether it is daylight saving time.
///
/// Offsets are plain `Int` seconds east of Greenwich (New York in winter is
/// -18 000), because that is what the tz database stores and what arithmetic
/// with `Instant` needs; `isoOffset` formats one for people.
package struct ZoneOffset: Hashable, Sendable, CustomStringConvertible {
    /// Seconds to add to UTC to get local wall-clock time; positive east of
    /// Greenwich.
    package var utcOffsetSeconds: Int
    /// The abbreviation the tz database gives this time, "EST", "CEST" or a
    /// numeric "+0530".
    package var abbreviation: String
    /// Whether this is daylight saving (summer) time. Note Europe/Dublin:
    /// its winter time is the one marked as DST, with a negative saving.
    package var isDST: Bool

    /// Creates an offset.
    package init(utcOffsetSeconds: Int, abbreviation: String, isDST: Bool) {
        self.utcOffsetSeconds = utcOffsetSeconds
        self.abbreviation = abbreviation
        self.isDST = isDST
    }

    /// The offset as ISO 8601 writes it: "-05:00", "+05:30", "+00:00", and
    /// "-00:25:21" when there are seconds (old local mean times).
    package var isoOffset: String { ZoneOffset.iso(utcOffsetSeconds, separator: ":") }

    /// "EDT (-04:00, DST)".
    package var description: String { "\(abbreviation) (\(isoOffset)\(isDST ? ", DST" : ""))" }

    /// `seconds` as ±HH MM [SS] joined by `separator`, minutes always shown.
    static func iso(_ seconds: Int, separator: String) -> String {
        let magnitude = abs(seconds)
        var text = (seconds < 0 ? "-" : "+") + (magnitude / 3600).zeroPadded(2) + separator
            + (magnitude / 60 % 60).zeroPadded(2)
        if magnitude % 60 != 0 { text += separator + (magnitude % 60).zeroPadded(2) }
        return text
    }
}
