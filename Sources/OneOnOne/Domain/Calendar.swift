/// Day-level arithmetic in a time zone: the bridge between the calendar the
/// manager lives in (dates, working hours) and instants the planner orders.
package struct ZonedCalendar: Sendable {
    package let zone: TimeZoneRules

    package init(zone: TimeZoneRules) {
        self.zone = zone
    }

    /// The local date of `instant`.
    package func date(of instant: Instant) -> LocalDate { zone.local(instant).date }

    /// The first instant of `date` (local midnight, or the first moment after
    /// a DST gap that swallows midnight).
    package func startOfDay(_ date: LocalDate) -> Instant {
        zone.instant(LocalDateTime(date: date, time: LocalTime.midnight))
    }

    /// `instant` moved by `span`: its days on the calendar (same wall-clock
    /// time), its hours and minutes in exact seconds.
    package func adding(_ span: TimeSpan, times count: Int = 1, to instant: Instant) -> Instant {
        step(count, of: span, from: instant)
    }

    /// `instant` moved by `span` `n` times; `local`, the local time of
    /// `instant`, can be given when known (a repeating reminder asks for
    /// many occurrences of one start).
    func step(_ n: Int, of span: TimeSpan, from instant: Instant, local: LocalDateTime? = nil) -> Instant {
        guard span.days != 0 else { return instant.adding(seconds: Int64(span.seconds * n)) }
        let local = local ?? zone.local(instant)
        return zone.instant(LocalDateTime(date: local.date.adding(days: span.days * n), time: local.time))
            .adding(seconds: Int64(span.seconds * n))
    }

    /// The largest `n` whose `step(n, of: span, from: start)` is at or
    /// before `t`, or −1 when `t` is before `start`: estimated from the
    /// span's nominal length (a calendar day can be 23 or 25 hours), then
    /// checked.
    func lastStep(of span: TimeSpan, from start: Instant, local: LocalDateTime? = nil, atOrBefore t: Instant) -> Int {
        guard t >= start else { return -1 }
        let local = local ?? zone.local(start)
        var n = Int((t - start) / max(1, Int64(span.nominalSeconds)))
        while n > 0 && step(n, of: span, from: start, local: local) > t { n -= 1 }
        while step(n + 1, of: span, from: start, local: local) <= t { n += 1 }
        return n
    }

    /// `instant` moved back by `span` (days on the calendar, then seconds).
    package func subtracting(_ span: TimeSpan, from instant: Instant) -> Instant {
        var result = instant.adding(seconds: -Int64(span.seconds))
        if span.days != 0 {
            let local = zone.local(result)
            result = zone.instant(LocalDateTime(date: local.date.adding(days: -span.days), time: local.time))
        }
        return result
    }

    /// The first instant at or after `instant` that lies inside `hours`;
    /// `instant` itself when the hours are empty (nothing would ever fire).
    package func nextWorkingInstant(atOrAfter instant: Instant, hours: WorkingHours) -> Instant {
        if hours.isEmpty || hours.isAlways { return instant }
        let local = zone.local(instant)
        let second = local.time.hour * 3600 + local.time.minute * 60 + local.time.second
        for offset in 0...7 {
            let date = local.date.adding(days: offset)
            for range in hours.ranges(on: date.weekday) {
                if offset == 0 {
                    if second >= range.end * 60 { continue }
                    if second >= range.start * 60 { return instant }
                }
                let start = zone.instant(LocalDateTime(
                    date: date, time: LocalTime(hour: range.start / 60, minute: range.start % 60, second: 0)))
                // A DST gap can move a start before `instant`; never go back in time.
                if start >= instant { return start }
            }
        }
        return instant
    }
}

extension LocalTime {
    /// 00:00:00.
    package static var midnight: LocalTime { LocalTime(hour: 0, minute: 0, second: 0) }
}

extension LocalDate {
    /// The number of days from `self` to `other` that fall in any of
    /// `periods`, counting days after `self` up to and including `other`.
    func awayDays(until other: LocalDate, in periods: [AwayPeriod]) -> Int {
        var total = 0
        for p in periods {
            let start = max(p.from, self.adding(days: 1))
            let end = min(p.to, other)
            if start <= end { total += start.days(to: end) + 1 }
        }
        return total
    }

    /// `self` + `days`, pushed out by every away day the span overlaps
    /// (repeatedly, since the pushed-out span may reach another period).
    func pushed(by days: Int, months: Int = 0, over periods: [AwayPeriod]) -> LocalDate {
        let base = months != 0 ? adding(months: months).adding(days: days) : adding(days: days)
        guard !periods.isEmpty else { return base }
        var result = base
        for _ in 0..<64 {
            let next = base.adding(days: awayDays(until: result, in: periods))
            if next == result { break }
            result = next
        }
        // A date that still lands in a period moves to the day after it.
        while let p = periods.first(where: { $0.contains(result) }) { result = p.to.adding(days: 1) }
        return result
    }
}
