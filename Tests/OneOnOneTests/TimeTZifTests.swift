import Testing
@testable import OneOnOne

/// The TZif parser on files built byte by byte, so that each part of
/// RFC 8536 can be broken on its own.
@Suite("TZif data")
struct TimeTZifTests {
    /// A small zone: LMT until 1906, then EST, EDT and EST again on 2026's
    /// US dates, and the footer rule after that.
    static let sample = TZifBuilder(
        transitions: [(-2_000_000_000, 1), (1_772_953_200, 2), (1_793_512_800, 1)],
        types: [(-17_762, false, 0), (-18_000, false, 4), (-14_400, true, 8)],
        characters: "LMT\0EST\0EDT\0",
        footer: "EST5EDT,M3.2.0,M11.1.0")

    @Test("a version 2 file gives its transitions, types and footer")
    func readsVersion2() throws {
        let zone = try TimeZoneRules(identifier: "Test/Sample", tzif: Self.sample.bytes())
        #expect(zone.identifier == "Test/Sample")
        #expect(zone.transitions.map(\.secondsSinceEpoch) == [-2_000_000_000, 1_772_953_200, 1_793_512_800])
        #expect(zone.localTimeTypes.map(\.abbreviation) == ["LMT", "EST", "EDT"])
        #expect(zone.footer?.description == "EST5EDT,M3.2.0,M11.1.0")
    }

    @Test("before the first transition, local time type 0 applies")
    func typeZeroFirst() throws {
        let zone = try TimeZoneRules(identifier: "Test/Sample", tzif: Self.sample.bytes())
        #expect(zone.offset(at: Instant(secondsSinceEpoch: -3_000_000_000)).abbreviation == "LMT")
        #expect(zone.offset(at: Instant(secondsSinceEpoch: -3_000_000_000)).utcOffsetSeconds == -17_762)
    }

    @Test("version 2 and later read the 64-bit block, not the 32-bit one before it")
    func prefers64BitData() throws {
        var builder = Self.sample
        builder.version = UInt8(ascii: "3")
        builder.transitions.append((8_589_934_592, 2))  // 2242, beyond 32 bits
        builder.footer = ""
        let zone = try TimeZoneRules(identifier: "x", tzif: builder.bytes(version1Transitions: []))
        #expect(zone.transitions.count == 4)
        #expect(zone.offset(at: Instant(secondsSinceEpoch: 8_589_934_592)).abbreviation == "EDT")
    }

    @Test("a version 1 file is read from its 32-bit data and has no footer")
    func readsVersion1() throws {
        var builder = Self.sample
        builder.version = 0
        let zone = try TimeZoneRules(identifier: "old", tzif: builder.bytes())
        #expect(zone.footer == nil)
        #expect(zone.transitions.count == 3)
        // Without a footer the last type goes on for ever.
        #expect(zone.offset(at: Instant(secondsSinceEpoch: 4_000_000_000)).abbreviation == "EST")
    }

    @Test("an empty footer leaves the last recorded type in effect")
    func emptyFooter() throws {
        var builder = Self.sample
        builder.footer = ""
        let zone = try TimeZoneRules(identifier: "x", tzif: builder.bytes())
        #expect(zone.footer == nil)
        #expect(zone.nextTransition(after: Instant(secondsSinceEpoch: 1_793_512_800)) == nil)
    }

    @Test("every truncation of a file is refused as malformed, none crashes")
    func truncations() {
        let bytes = Self.sample.bytes()
        for length in 0..<bytes.count {
            let error = #expect(throws: TimeZoneError.self) {
                try TimeZoneRules(identifier: "x", tzif: Array(bytes[0..<length]))
            }
            #expect(error?.code == .malformedData)
        }
    }

    @Test("broken parts are named", arguments: [
        ("magic", "no 'TZif' magic"), ("version", "unknown version byte"), ("type index", "transition to local time type 7"),
        ("order", "not in increasing order"), ("leap", "leap-second records are not supported"),
        ("footer", "footer: invalid POSIX TZ rule 'EST5EDT,M3'"), ("no newline", "footer does not start with a newline"),
        ("abbreviation", "abbreviation not terminated"), ("no types", "no local time types"),
    ])
    func brokenParts(part: String, message: String) {
        var builder = Self.sample
        var bytes: [UInt8]
        switch part {
        case "magic": bytes = builder.bytes(); bytes[0] = UInt8(ascii: "X")
        case "version": builder.version = UInt8(ascii: "9"); bytes = builder.bytes()
        case "type index": builder.transitions[1].type = 7; bytes = builder.bytes()
        case "order": builder.transitions[2].at = 0; bytes = builder.bytes()
        case "leap": builder.leapCount = 1; bytes = builder.bytes()
        case "footer": builder.footer = "EST5EDT,M3"; bytes = builder.bytes()
        case "no newline": bytes = builder.bytes(); bytes[bytes.count - builder.footer.utf8.count - 2] = UInt8(ascii: "x")
        case "abbreviation": builder.characters = "LMT\0EST\0EDTX"; bytes = builder.bytes()
        default: builder.types = []; builder.transitions = []; bytes = builder.bytes()
        }
        let error = #expect(throws: TimeZoneError.self) { try TimeZoneRules(identifier: "x", tzif: bytes) }
        #expect(error?.message.hasPrefix("malformed TZif data: ") == true)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }
}

/// Writes TZif bytes (RFC 8536) from parts.
struct TZifBuilder {
    var version: UInt8 = UInt8(ascii: "2")
    var transitions: [(at: Int64, type: UInt8)]
    var types: [(offset: Int32, isDST: Bool, abbreviationIndex: UInt8)]
    var characters: String
    var footer: String
    var leapCount = 0

    /// The file; `version1Transitions` replaces the transitions in the
    /// 32-bit block of a version 2+ file.
    func bytes(version1Transitions: [(at: Int64, type: UInt8)]? = nil) -> [UInt8] {
        var out = header(transitionCount: version == 0 ? transitions.count : (version1Transitions ?? transitions).count)
        out += block(version == 0 ? transitions : version1Transitions ?? transitions, timeSize: 4)
        guard version != 0 else { return out }
        out += header(transitionCount: transitions.count)
        out += block(transitions, timeSize: 8)
        out += Array("\n\(footer)\n".utf8)
        return out
    }

    func header(transitionCount: Int) -> [UInt8] {
        var out = Array("TZif".utf8) + [version] + [UInt8](repeating: 0, count: 15)
        for count in [types.count, types.count, leapCount, transitionCount, types.count, characters.utf8.count] {
            out += Self.bigEndian(Int64(count), size: 4)
        }
        return out
    }

    func block(_ transitions: [(at: Int64, type: UInt8)], timeSize: Int) -> [UInt8] {
        var out: [UInt8] = []
        for t in transitions { out += Self.bigEndian(t.at, size: timeSize) }
        out += transitions.map(\.type)
        for t in types { out += Self.bigEndian(Int64(t.offset), size: 4) + [t.isDST ? 1 : 0, t.abbreviationIndex] }
        out += Array(characters.utf8)
        out += [UInt8](repeating: 0, count: leapCount * (timeSize + 4))
        out += [UInt8](repeating: 0, count: types.count * 2)  // standard/wall and UT/local indicators
        return out
    }

    static func bigEndian(_ value: Int64, size: Int) -> [UInt8] {
        (0..<size).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
