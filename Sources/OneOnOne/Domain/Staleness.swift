/// Why, and since when, an open action item is stale.
package struct Staleness: Sendable, Hashable {
    /// What made it stale.
    package enum Reason: Sendable, Hashable {
        /// Its due date passed.
        case pastDue(LocalDate)
        /// Nobody updated it for the given number of days.
        case untouched(days: Int)
        /// Brought to this many 1:1s without progress.
        case carried(times: Int)

        /// The reason as a person says it.
        package var text: String {
            switch self {
            case .pastDue(let date): "past due (\(DateText.short(date)))"
            case .untouched(let days): "untouched for \(DateText.days(days))"
            case .carried(let n): n == 1 ? "carried through 1 1:1" : "carried through \(n) 1:1s"
            }
        }
    }

    /// The first day it counts as stale.
    package var since: LocalDate
    /// Every reason that applies by then, the earliest first.
    package var reasons: [Reason]
}

extension ActionItem {
    /// When this item becomes (or became) stale, judged on `today`: the
    /// earliest of the day after its due date, `stale_after` past its last
    /// update (away days frozen), and the day after the `carry_limit`th 1:1
    /// held since its last update. Nil for items that are done or dropped.
    ///
    /// - Parameters:
    ///   - settings: the member's settings.
    ///   - away: the member's away periods (they freeze the untouched clock).
    ///   - meetingDates: the member's 1:1 dates up to today, oldest first.
    ///   - today: when given, `reasons` are every reason that holds by
    ///     then, with the real figures ("untouched for 23 days", "carried
    ///     through 3 1:1s"), as a person reading about the item today
    ///     needs them; without, the reasons of the day it first went stale.
    package func staleness(settings: MemberSettings, away: [AwayPeriod], meetingDates: [LocalDate],
                           today: LocalDate? = nil) -> Staleness? {
        guard status == .open else { return nil }
        var candidates: [(LocalDate, Staleness.Reason)] = []
        if let due { candidates.append((due.adding(days: 1), .pastDue(due))) }
        let touched = lastTouched
        let untouchedDays = max(1, settings.staleAfter.days + (settings.staleAfter.seconds > 0 ? 1 : 0))
        let untouchedStart = touched.pushed(by: untouchedDays, over: away)
        candidates.append((untouchedStart, .untouched(days: untouchedDays)))
        // 1:1s held after the last update (not on its day: an item written
        // down in a 1:1 was not carried by it).
        let lastProgress = touches.filter { $0.kind == .updated || $0.kind == .reopened }.map(\.date).reduce(created, max)
        let after = meetingDates.firstIndex(after: lastProgress) { $0 }
        if meetingDates.count - after >= settings.carryLimit {
            let carriedOn = meetingDates[after + settings.carryLimit - 1]
            candidates.append((carriedOn.adding(days: 1), .carried(times: settings.carryLimit)))
        }
        guard let first = candidates.min(by: { $0.0 < $1.0 }) else { return nil }
        guard let today, first.0 <= today else {
            return Staleness(since: first.0, reasons: candidates.filter { $0.0 == first.0 }.map(\.1))
        }
        let held = candidates.filter { $0.0 <= today }.sorted { $0.0 < $1.0 }.map { start, reason in
            switch reason {
            case .pastDue: reason
            case .untouched: Staleness.Reason.untouched(days: touched.days(to: today))
            case .carried: Staleness.Reason.carried(times: meetingDates.count - after)
            }
        }
        return Staleness(since: first.0, reasons: held)
    }
}

extension Array {
    /// The index of the first element dated strictly after `date` in this
    /// array sorted by `dateOf` (`count` when none), by bisection. Dates
    /// are `LocalDate`s or day numbers.
    func firstIndex<Day: Comparable>(after date: Day, dateOf: (Element) -> Day) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if dateOf(self[mid]) <= date { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
