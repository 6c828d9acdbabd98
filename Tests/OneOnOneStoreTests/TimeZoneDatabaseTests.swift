import Glibc
import OneOnOne
import OneOnOneStore
import TestSupport
import Testing

@Suite("the tz database")
struct TimeZoneDatabaseTests {
    static let system = TimeZoneDatabase(directory: "/usr/share/zoneinfo", environment: [:])

    @Test("an unknown zone is an error that names the zone and the file looked for")
    func unknownZone() {
        let error = #expect(throws: TimeZoneError.self) { try Self.system.zone(named: "Europe/Kiev2") }
        #expect(error?.code == .unknownZone)
        #expect(error?.description == "unknown time zone 'Europe/Kiev2' (no file /usr/share/zoneinfo/Europe/Kiev2)")
    }

    @Test("names that would leave the database are refused", arguments: [
        "", "/etc/localtime", "../../../etc/passwd", "Europe/../UTC", "Europe/", "Europe//Berlin", "./UTC",
    ])
    func invalidNames(name: String) {
        let error = #expect(throws: TimeZoneError.self) { try Self.system.zone(named: name) }
        #expect(error?.code == .invalidName)
        #expect(error?.message.contains("'\(name)'") == true)
    }

    @Test("a directory or a table in the database is not a zone", arguments: [
        ("Europe", "is a directory"), ("zone.tab", "is not a TZif file"),
    ])
    func notZones(name: String, reason: String) {
        let error = #expect(throws: TimeZoneError.self) { try Self.system.zone(named: name) }
        #expect(error?.code == .unknownZone)
        #expect(error?.message.contains(reason) == true)
    }

    @Test("zones, links and Etc names load under the name asked for", arguments: [
        ("Europe/Kyiv", 7200), ("Europe/Kiev", 7200), ("US/Eastern", -18_000), ("UTC", 0), ("Etc/GMT+5", -18_000),
        ("Asia/Kolkata", 19_800),
    ])
    func loadsZones(name: String, januaryOffset: Int) throws {
        let zone = try Self.system.zone(named: name)
        #expect(zone.identifier == name)
        #expect(zone.offset(at: Instant(secondsSinceEpoch: 1_768_478_400)).utcOffsetSeconds == januaryOffset)
    }

    @Test("TZDIR points the database at another directory")
    func tzdirOverride() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try run(["mkdir", "-p", dir.path + "/Europe"])
        try dir.writeBytes("Europe/Berlin", try readBytes("/usr/share/zoneinfo/Europe/Berlin"))
        let database = TimeZoneDatabase(environment: ["TZDIR": dir.path])
        #expect(database.directory == dir.path)
        #expect(try database.zone(named: "Europe/Berlin").offset(at: .epoch).abbreviation == "CET")
        let error = #expect(throws: TimeZoneError.self) { try database.zone(named: "Europe/Paris") }
        #expect(error?.message == "unknown time zone 'Europe/Paris' (no file \(dir.path)/Europe/Paris)")
        // UTC needs no file.
        #expect(try database.zone(named: "UTC") == .utc)
    }

    @Test("a corrupt zone file is reported with the zone, the file and what is wrong")
    func corruptFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.writeBytes("Broken", Array(try readBytes("/usr/share/zoneinfo/Europe/Berlin").prefix(100)))
        let error = #expect(throws: TimeZoneError.self) {
            try TimeZoneDatabase(directory: dir.path).zone(named: "Broken")
        }
        #expect(error?.code == .malformedData)
        #expect(error?.message == "time zone 'Broken' (\(dir.path)/Broken): malformed TZif data: version 1 data block cut short")
    }

    // MARK: The system zone

    func systemZone(tz: String?, localtime: String = "/nonexistent/localtime") -> TimeZoneRules {
        TimeZoneDatabase(directory: "/usr/share/zoneinfo", environment: tz.map { ["TZ": $0] } ?? [:],
                         localtime: localtime).systemZone()
    }

    @Test("TZ=:Europe/Berlin and TZ=Europe/Berlin name a zone in the database")
    func tzNames() {
        #expect(systemZone(tz: ":Europe/Berlin").identifier == "Europe/Berlin")
        #expect(systemZone(tz: "Europe/Berlin").identifier == "Europe/Berlin")
    }

    @Test("TZ holding an absolute path reads that file and names it after its place in the database")
    func tzPath() {
        let zone = systemZone(tz: "/usr/share/zoneinfo/Asia/Tokyo")
        #expect(zone.identifier == "Asia/Tokyo")
        #expect(zone.offset(at: .epoch).abbreviation == "JST")
    }

    @Test("TZ holding a POSIX rule follows the rule")
    func tzRule() {
        let zone = systemZone(tz: "EST5EDT,M3.2.0,M11.1.0")
        #expect(zone.identifier == "EST5EDT,M3.2.0,M11.1.0")
        #expect(zone.footer != nil && zone.transitions.isEmpty)
        #expect(zone.offset(at: Instant(secondsSinceEpoch: 1_782_907_200)).abbreviation == "EDT")
        #expect(systemZone(tz: "<+0330>-3:30").offset(at: .epoch).utcOffsetSeconds == 12_600)
    }

    @Test("an empty TZ, or one that names nothing, means UTC, as in glibc")
    func tzFallsBackToUTC() {
        #expect(systemZone(tz: "") == .utc)
        #expect(systemZone(tz: "Nowhere/Nothing1") == .utc)
        #expect(systemZone(tz: ":EST5EDT,M3.2.0,M11.1.0") == .utc)
    }

    @Test("without TZ, /etc/localtime is read and named after its link target")
    func localtimeLink() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try #require(symlink("/usr/share/zoneinfo/Asia/Kolkata", dir.path + "/localtime") == 0)
        let zone = systemZone(tz: nil, localtime: dir.path + "/localtime")
        #expect(zone.identifier == "Asia/Kolkata")
        #expect(zone.offset(at: .epoch).utcOffsetSeconds == 19_800)
    }

    @Test("a copied /etc/localtime is named by /etc/timezone when that zone has the same bytes")
    func localtimeCopy() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.writeBytes("localtime", try readBytes("/usr/share/zoneinfo/Europe/Kyiv"))
        #expect(systemZone(tz: nil, localtime: dir.path + "/localtime").identifier == "localtime")
        try dir.write("timezone", "Europe/Kyiv\n")
        #expect(systemZone(tz: nil, localtime: dir.path + "/localtime").identifier == "Europe/Kyiv")
        try dir.write("timezone", "Europe/Berlin\n")  // stale: the bytes differ
        #expect(systemZone(tz: nil, localtime: dir.path + "/localtime").identifier == "localtime")
    }

    @Test("with neither TZ nor /etc/localtime the system zone is UTC")
    func noSystemZone() {
        #expect(systemZone(tz: nil) == .utc)
    }

    // MARK: Listing

    @Test("all zone names: real zones and links, sorted, without posix/, right/, tables or posixrules")
    func allZoneNames() {
        let names = Self.system.allZoneNames()
        for name in ["America/New_York", "Europe/Kyiv", "Europe/Kiev", "UTC", "US/Eastern", "Etc/GMT+5",
                     "America/Argentina/Buenos_Aires"] {
            #expect(names.contains(name), "\(name)")
        }
        for name in ["posixrules", "localtime", "zone.tab", "zone1970.tab", "tzdata.zi", "leap-seconds.list",
                     "leapseconds", "iso3166.tab"] {
            #expect(!names.contains(name), "\(name)")
        }
        #expect(!names.contains { $0.hasPrefix("posix/") || $0.hasPrefix("right/") })
        #expect(names == names.sorted())
    }

    @Test("listing checks the TZif magic and does not follow links to directories")
    func listingChecksMagic() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let berlin = try readBytes("/usr/share/zoneinfo/Europe/Berlin")
        _ = try run(["mkdir", "-p", dir.path + "/Europe", dir.path + "/right"])
        try dir.writeBytes("Europe/Berlin", berlin)
        try dir.writeBytes("right/Berlin", berlin)
        try dir.write("Europe/notes.txt", "not a zone")
        try #require(symlink("Europe/Berlin", dir.path + "/CET") == 0)
        try #require(symlink("Europe", dir.path + "/Loop") == 0)
        #expect(TimeZoneDatabase(directory: dir.path).allZoneNames() == ["CET", "Europe/Berlin"])
    }

    @Test("the wall clock reads the real time, which goes forward")
    func wallClock() {
        let first = WallClock.now()
        let second = WallClock.now()
        #expect(first > Instant(secondsSinceEpoch: 1_735_689_600))  // 2025-01-01
        #expect(first <= second)
    }
}
