/// A point on the time line, independent of any zone: seconds since
/// 1970-01-01 00:00:00 UTC (the Unix epoch, leap seconds not counted) plus
/// a fraction in nanoseconds.
package struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Whole seconds since the epoch; negative before 1970.
    package let secondsSinceEpoch: Int64
    /// The fraction of the second, 0 through 999 999 999, always forward in
    /// time: one and a half seconds before the epoch is -2 s + 500 000 000 ns.
    package let nanoseconds: Int32

    /// The instant `secondsSinceEpoch` seconds plus `nanoseconds` after the
    /// epoch; nanoseconds outside 0..<1e9 carry into the seconds.
    package init(secondsSinceEpoch: Int64, nanoseconds: Int64 = 0) {
        let carry = nanoseconds.floorDivided(by: 1_000_000_000)
        self.secondsSinceEpoch = secondsSinceEpoch + carry
        self.nanoseconds = Int32(nanoseconds - carry * 1_000_000_000)
    }

    /// 1970-01-01T00:00:00Z.
    package static let epoch = Instant(secondsSinceEpoch: 0)

    /// The instant `seconds` later (earlier when negative).
    package func adding(seconds: Int64) -> Instant {
        Instant(secondsSinceEpoch: secondsSinceEpoch + seconds, nanoseconds: Int64(nanoseconds))
    }

    /// The instant `duration` later (earlier when negative), to the
    /// nanosecond.
    package func adding(_ duration: Duration) -> Instant {
        let (seconds, attoseconds) = duration.components
        return Instant(secondsSinceEpoch: secondsSinceEpoch + seconds,
                       nanoseconds: Int64(nanoseconds) + attoseconds / 1_000_000_000)
    }

    /// The exact time from `other` to this instant, negative when `other` is
    /// later.
    package func duration(since other: Instant) -> Duration {
        .seconds(secondsSinceEpoch - other.secondsSinceEpoch)
            + .nanoseconds(Int64(nanoseconds) - Int64(other.nanoseconds))
    }

    /// Whole seconds from `b` to `a`, rounded down: what "late by" and
    /// "overdue by" count. Use `duration(since:)` for the fraction.
    package static func - (a: Instant, b: Instant) -> Int64 {
        a.secondsSinceEpoch - b.secondsSinceEpoch - (a.nanoseconds < b.nanoseconds ? 1 : 0)
    }

    /// Whether `a` is earlier than `b`.
    package static func < (a: Instant, b: Instant) -> Bool {
        (a.secondsSinceEpoch, a.nanoseconds) < (b.secondsSinceEpoch, b.nanoseconds)
    }

    /// ISO 8601 in UTC: "2026-11-20T14:00:00Z", with a fraction only when
    /// there is one ("2026-11-20T14:00:00.5Z").
    package var description: String {
        let utc = LocalDateTime(localSeconds: secondsSinceEpoch)
        let time = utc.time
        let fraction = nanoseconds == 0 ? "" : LocalTime.fraction(Int(nanoseconds))
        return "\(utc.date)T\(time.hour.zeroPadded(2)):\(time.minute.zeroPadded(2)):\(time.second.zeroPadded(2))\(fraction)Z"
    }
}
