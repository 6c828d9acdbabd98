extension TimeZoneRules {
    /// The instant at which clocks in this zone show `local`.
    ///
    /// Twice a year that is not one instant, and both cases are decided:
    /// - in a gap (clocks jump from 02:00 to 03:00, so 02:30 never shows),
    ///   the time is read with the offset in effect before the jump, which
    ///   moves it forward by the gap: 02:30 becomes 03:30;
    /// - in an overlap (clocks fall back from 02:00 to 01:00, so 01:30
    ///   shows twice), the earlier instant is chosen.
    package func instant(_ local: LocalDateTime) -> Instant {
        Instant(secondsSinceEpoch: instantSeconds(local.localSeconds), nanoseconds: Int64(local.time.nanosecond))
    }

    /// The first instant after `instant` at which the offset, abbreviation
    /// or DST flag changes; nil when the zone never changes again. Recorded
    /// transitions that change nothing are skipped, and after the last one
    /// the footer rule supplies the changes.
    package func nextTransition(after instant: Instant) -> Instant? {
        nextChange(after: instant.secondsSinceEpoch).map { Instant(secondsSinceEpoch: $0) }
    }

    /// `nextTransition(after:)` in seconds since the epoch.
    func nextChange(after seconds: Int64) -> Int64? {
        var cursor = seconds
        while let at = nextRecordedOrRuleChange(after: cursor) {
            if offset(at: at) != offset(at: at - 1) { return at }
            cursor = at
        }
        return nil
    }

    /// The next recorded transition after `seconds`, or once they are
    /// exhausted the footer's next change.
    private func nextRecordedOrRuleChange(after seconds: Int64) -> Int64? {
        let index = firstTransition(after: seconds)
        if index < transitions.count { return transitions[index].secondsSinceEpoch }
        return footer?.nextChange(afterSeconds: seconds)
    }

    /// `instant(_:)` on wall-clock seconds since 1970-01-01 00:00 local.
    func instantSeconds(_ local: Int64) -> Int64 {
        // Walk the spans of constant offset around `local`, earliest first.
        // No offset exceeds a day, so every instant that could show `local`
        // lies within `window` of it.
        let window: Int64 = 2 * 86_400
        var spanStart = local - window
        var offset = Int64(self.offset(at: spanStart).utcOffsetSeconds)
        var previous: Int64?
        while true {
            let next = nextChange(after: spanStart)
            if let previous, spanStart + previous <= local, local < spanStart + offset {
                return local - previous  // in the gap that opened at `spanStart`
            }
            let candidate = local - offset
            if candidate >= spanStart, next.map({ candidate < $0 }) ?? true { return candidate }
            guard let next, next <= local + window else { break }
            previous = offset
            spanStart = next
            offset = Int64(self.offset(at: next).utcOffsetSeconds)
        }
        // Not reached for consistent data; read with the offset at `local` as UTC.
        return local - Int64(self.offset(at: local).utcOffsetSeconds)
    }
}
