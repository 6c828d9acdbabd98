import OneOnOne
import OneOnOneStore
import TestSupport
import Testing

/// Local time back to instants, for every zone in the system database:
/// the direction glibc's `localtime_r` cannot check.
@Suite("local times back to instants in every zone")
struct TimeZoneRoundTripTests {
    static let zones: [TimeZoneRules] = {
        let database = TimeZoneDatabase(directory: TimeZoneOracleTests.directory)
        return database.allZoneNames().compactMap { try? database.zone(named: $0) }
    }()

    /// The wall-clock reading `seconds` after 1970-01-01 00:00 local.
    static func reading(_ seconds: Int64) -> LocalDateTime {
        let days = Int((seconds - ((seconds % 86_400) + 86_400) % 86_400) / 86_400)
        return LocalDateTime(date: LocalDate(daysSinceEpoch: days), time: LocalTime(secondsOfDay: Int(seconds - Int64(days) * 86_400)))
    }

    @Test("in a gap a reading moves forward by the gap; in an overlap it takes the earlier instant — at every change 1970–2100")
    func gapsAndOverlaps() throws {
        try #require(Self.zones.count > 300)
        var gaps = 0, overlaps = 0
        for zone in Self.zones {
            var cursor = Instant(secondsSinceEpoch: TimeZoneOracleTests.range.lowerBound)
            while let change = zone.nextTransition(after: cursor), change.secondsSinceEpoch < TimeZoneOracleTests.range.upperBound {
                cursor = change
                let before = Int64(zone.offset(at: change.adding(seconds: -1)).utcOffsetSeconds)
                let after = Int64(zone.offset(at: change).utcOffsetSeconds)
                guard before != after else { continue }
                // A reading halfway into the skipped or repeated stretch.
                let local = change.secondsSinceEpoch + min(before, after) + abs(after - before) / 2
                let expected = Instant(secondsSinceEpoch: local - before)
                #expect(zone.instant(Self.reading(local)) == expected, "\(zone) at \(change)")
                if after > before { gaps += 1 } else { overlaps += 1 }
            }
        }
        print("round trip: \(Self.zones.count) zones, \(gaps) gaps and \(overlaps) overlaps checked")
    }

    @Test("an instant read as local time converts back to itself, or to the earlier instant with the same reading")
    func instantsRoundTrip() {
        var generator = SplitMix64(seed: 2026)
        for zone in Self.zones {
            for _ in 0..<100 {
                let t = Instant(secondsSinceEpoch: Int64.random(in: TimeZoneOracleTests.range, using: &generator))
                let local = zone.local(t)
                let back = zone.instant(local)
                #expect(back == t || (back < t && zone.local(back) == local), "\(zone) at \(t)")
            }
        }
    }
}
