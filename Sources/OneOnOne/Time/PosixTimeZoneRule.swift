/// A POSIX TZ rule, the kind of string the `TZ` variable and the footer of
/// a TZif file hold: "EST5EDT,M3.2.0,M11.1.0", "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0".
///
/// A TZif file lists transitions up to some year; its footer rule says what
/// happens after that, forever. It includes RFC 8536's extensions: quoted
/// numeric abbreviations and transition times from -167 to 167 hours.
package struct PosixTimeZoneRule: Hashable, Sendable, CustomStringConvertible {
    /// Standard time: its abbreviation and offset (never DST).
    package var standard: ZoneOffset
    /// Daylight saving time and when it starts and ends; nil for a zone that
    /// keeps standard time all year.
    package var daylight: DaylightSaving?

    /// Summer time under a POSIX rule.
    package struct DaylightSaving: Hashable, Sendable {
        /// Daylight time's abbreviation and offset (marked DST).
        package var offset: ZoneOffset
        /// When it starts each year, in local standard time.
        package var start: TransitionRule
        /// When it ends each year, in local daylight time.
        package var end: TransitionRule

        /// Creates the daylight part of a rule.
        package init(offset: ZoneOffset, start: TransitionRule, end: TransitionRule) {
            self.offset = offset
            self.start = start
            self.end = end
        }
    }

    /// Creates a rule from its parts.
    package init(standard: ZoneOffset, daylight: DaylightSaving? = nil) {
        self.standard = standard
        self.daylight = daylight
    }

    /// Which offset is in effect at `instant`.
    package func offset(at instant: Instant) -> ZoneOffset { offset(atSeconds: instant.secondsSinceEpoch) }

    /// The first instant after `instant` at which the rule switches between
    /// standard and daylight time; nil when it never does. A switch that
    /// changes nothing (DST all year) is skipped.
    package func nextTransition(after instant: Instant) -> Instant? {
        nextChange(afterSeconds: instant.secondsSinceEpoch).map { Instant(secondsSinceEpoch: $0) }
    }

    /// `offset(at:)` for seconds since the epoch.
    func offset(atSeconds seconds: Int64) -> ZoneOffset {
        guard let daylight else { return standard }
        // The latest change at or before `seconds`. Looking a year to either
        // side covers rules whose times run past the end of a year (/167).
        // On a tie the start wins (rank 1): a rule that ends DST on December
        // 31 at 24:00 and starts it again on January 1 at 00:00 is DST all year.
        var latest: (at: Int64, rank: Int)?
        let year = LocalDate(daysSinceEpoch: Int(seconds.floorDivided(by: 86_400))).year
        for y in (year - 2)...(year + 1) {
            let (start, end) = changes(in: y, daylight)
            for change in [(at: end, rank: 0), (at: start, rank: 1)] where change.at <= seconds {
                if latest.map({ change > $0 }) ?? true { latest = change }
            }
        }
        return latest?.rank == 1 ? daylight.offset : standard
    }

    /// `nextTransition(after:)` for seconds since the epoch.
    func nextChange(afterSeconds seconds: Int64) -> Int64? {
        guard let daylight else { return nil }
        var cursor = seconds
        // A rule that really switches does so within two years; one that
        // has found nothing after ten is DST all year.
        for _ in 0..<10 {
            let year = LocalDate(daysSinceEpoch: Int(cursor.floorDivided(by: 86_400))).year
            let candidates = ((year - 1)...(year + 2)).flatMap { y in
                let (start, end) = changes(in: y, daylight)
                return [start, end]
            }
            guard let at = candidates.filter({ $0 > cursor }).min() else { return nil }
            if offset(atSeconds: at) != offset(atSeconds: at - 1) { return at }
            cursor = at
        }
        return nil
    }

    /// The instants (seconds since the epoch) at which daylight time starts
    /// and ends in `year`.
    func changes(in year: Int, _ daylight: DaylightSaving) -> (start: Int64, end: Int64) {
        let start = daylight.start.localSeconds(in: year) - Int64(standard.utcOffsetSeconds)
        let end = daylight.end.localSeconds(in: year) - Int64(daylight.offset.utcOffsetSeconds)
        return (start, end)
    }
}

extension PosixTimeZoneRule {
    /// One yearly change of a POSIX rule: a day of the year and a local time on it.
    package struct TransitionRule: Hashable, Sendable {
        /// How the rule names the day.
        package enum Day: Hashable, Sendable {
            /// `Jn`: day 1…365, never counting February 29 (J60 is always March 1).
            case julianIgnoringLeapDay(Int)
            /// `n`: day 0…365, counting February 29 in leap years.
            case zeroBasedDayOfYear(Int)
            /// `Mm.w.d`: weekday `d` (0 is Sunday) of week `w` (1…5, 5 meaning
            /// the last) of month `m`.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }

        /// The day of the change.
        package var day: Day
        /// Seconds after local midnight of that day; from -167 to 167 hours
        /// (RFC 8536), so "/26" is 02:00 the next day and "/-1" 23:00 the day before.
        package var time: Int

        /// Creates a rule; `time` defaults to 02:00 as in POSIX.
        package init(day: Day, time: Int = 7200) {
            self.day = day
            self.time = time
        }

        /// The date the rule names in `year`.
        package func date(in year: Int) -> LocalDate {
            let january1 = LocalDate(uncheckedYear: year, month: 1, day: 1)
            switch day {
            case .julianIgnoringLeapDay(let n):
                return january1.adding(days: n - 1 + (LocalDate.isLeapYear(year) && n >= 60 ? 1 : 0))
            case .zeroBasedDayOfYear(let n):
                return january1.adding(days: n)
            case .monthWeekDay(let month, let week, let weekday):
                let first = LocalDate(uncheckedYear: year, month: month, day: 1)
                let firstWeekday = first.weekday.rawValue % 7  // POSIX counts from Sunday = 0
                var day = 1 + (weekday - firstWeekday).modulo(7) + 7 * (week - 1)
                while day > LocalDate.daysInMonth(year: year, month: month) { day -= 7 }
                return LocalDate(uncheckedYear: year, month: month, day: day)
            }
        }

        /// The wall-clock reading of the change in `year`, as seconds since
        /// 1970-01-01 00:00 local.
        func localSeconds(in year: Int) -> Int64 {
            Int64(date(in: year).daysSinceEpoch) * 86_400 + Int64(time)
        }
    }
}
