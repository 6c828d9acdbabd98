import OneOnOne
import OneOnOneStore
import TestSupport
import Testing

/// Our TZif reading and rule evaluation against glibc's `localtime_r`.
///
/// glibc runs in a child process (Python's `time.localtime` is a thin call
/// of `localtime_r`) because `TZ` and `tzset` are process-global, and the
/// tests of this process run in parallel.
@Suite("time zones agree with glibc")
struct TimeZoneOracleTests {
    static let directory = "/usr/share/zoneinfo"
    /// 1970-01-01 up to 2100-01-01.
    static let range: Range<Int64> = 0..<4_102_444_800

    @Test("every zone in the database gives glibc's offset, abbreviation and DST flag, 1970–2100")
    func everyZoneMatchesGlibc() throws {
        let database = TimeZoneDatabase(directory: Self.directory)
        let names = database.allZoneNames()
        try #require(names.count > 300, "expected the full tz database under \(Self.directory)")
        let zones = try names.map { (tz: ":" + $0, rules: try database.zone(named: $0)) }

        let report = try GlibcOracle.compare(zones, randomPerZone: 1000, in: Self.range)
        print("glibc oracle, tz database: \(names.count) zones, \(report.summary)")
        #expect(report.mismatches.isEmpty, "\(report.mismatches.count) disagreements:\n\(report.firstMismatches)")
    }

    /// Rules that no zone file uses today but the footer syntax allows:
    /// `Jn` and `n` days, times past midnight and before it, seconds in
    /// offsets. None changes within a day of New Year, where glibc is wrong
    /// (see `TimePosixRuleTests`).
    static let rules = [
        "EST5EDT,M3.2.0,M11.1.0", "CET-1CEST,M3.5.0,M10.5.0/3", "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
        "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", "IST-2IDT,M3.4.4/26,M10.5.0",
        "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "EET-2EEST,M3.4.4/50,M10.4.4/50", "IST-1GMT0,M10.5.0,M3.5.0/1",
        "XXX3YYY,J60/2,J300/2", "XXX3YYY,59,300/1:30", "AAA-3BBB-4:30:15,J10/0:30,J355/23",
        "<-0330>3:30<-0230>,M3.2.0/-2:15,M11.1.0/30", "NZST-12NZDT,M9.5.0,M4.1.0/3", "ABC5",
        "<+14>-14", "WWW11:59:59VVV,M2.5.6/167,M12.1.1/-167",
    ]

    @Test("POSIX TZ rules give glibc's answers when TZ holds the rule itself")
    func posixRulesMatchGlibc() throws {
        let zones = try Self.rules.map { (tz: $0, rules: TimeZoneRules(rule: try PosixTimeZoneRule(parsing: $0))) }
        let report = try GlibcOracle.compare(zones, randomPerZone: 2000, in: Self.range)
        print("glibc oracle, POSIX rules: \(zones.count) rules, \(report.summary)")
        #expect(report.mismatches.isEmpty, "\(report.mismatches.count) disagreements:\n\(report.firstMismatches)")
    }
}

/// Runs glibc's `localtime_r` over instants under a series of `TZ` values
/// and compares its answers with ours.
enum GlibcOracle {
    /// Reads "Z value" lines (set TZ) and instants, one per line; prints
    /// "offset abbreviation isdst" for each instant.
    static let script = """
        import os, sys, time
        out = []
        for line in sys.stdin.read().split("\\n"):
            if not line:
                continue
            if line.startswith("Z "):
                os.environ["TZ"] = line[2:]
                time.tzset()
                continue
            t = time.localtime(int(line))
            out.append("%d %s %d" % (t.tm_gmtoff, t.tm_zone, 1 if t.tm_isdst > 0 else 0))
        sys.stdout.write("\\n".join(out) + "\\n")
        """

    struct Report {
        var instants = 0
        var transitions = 0
        var randomPerZone = 0
        var mismatches: [String] = []

        var summary: String {
            "\(instants) instants compared (\(randomPerZone) random per zone + both sides of "
                + "\(transitions) transitions), \(mismatches.count) disagree"
        }
        var firstMismatches: String { mismatches.prefix(20).joined(separator: "\n") }
    }

    /// Compares `offset(at:)` of each zone with glibc under its `TZ` value at
    /// `randomPerZone` seeded random instants in `range` and on both sides of
    /// every transition in it.
    static func compare(_ zones: [(tz: String, rules: TimeZoneRules)], randomPerZone: Int,
                        in range: Range<Int64>) throws -> Report {
        var report = Report(randomPerZone: randomPerZone)
        var generator = SplitMix64(seed: 0x1_0001_2026)
        var input = ""
        var expected: [(tz: String, at: Int64, ours: ZoneOffset)] = []
        for (tz, rules) in zones {
            var instants = (0..<randomPerZone).map { _ in Int64.random(in: range, using: &generator) }
            // Both sides of every change: where an off-by-one would show.
            var cursor = Instant(secondsSinceEpoch: range.lowerBound)
            while let next = rules.nextTransition(after: cursor), next.secondsSinceEpoch < range.upperBound {
                instants += [next.secondsSinceEpoch - 1, next.secondsSinceEpoch]
                report.transitions += 1
                cursor = next
            }
            input += "Z \(tz)\n"
            for t in instants {
                input += "\(t)\n"
                expected.append((tz, t, rules.offset(at: Instant(secondsSinceEpoch: t))))
            }
        }
        report.instants = expected.count

        let python = FileSystem.exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"
        let result = try run([python, "-c", script], stdin: Array(input.utf8),
                             environment: ["TZDIR": TimeZoneOracleTests.directory])
        try #require(result.status == 0, "the glibc oracle failed: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == expected.count)
        for (line, entry) in zip(lines, expected) {
            let fields = line.split(separator: " ")
            let glibc = ZoneOffset(utcOffsetSeconds: Int(fields[0])!, abbreviation: String(fields[1]), isDST: fields[2] == "1")
            if glibc != entry.ours {
                report.mismatches.append("TZ=\(entry.tz) at \(Instant(secondsSinceEpoch: entry.at)) (\(entry.at)): "
                    + "ours \(entry.ours), glibc \(glibc)")
            }
        }
        return report
    }
}

