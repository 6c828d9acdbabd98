extension TimeZoneRules {
    /// Builds a zone from the bytes of a TZif file (RFC 8536, versions 1 to
    /// 4), using the 64-bit data and the footer's POSIX rule when the file
    /// has them (version 2 and later), the 32-bit data otherwise.
    ///
    /// Leap-second records are refused: zones from `right/` count seconds
    /// differently from `Instant`, and nothing here should use them.
    ///
    /// - Parameters:
    ///   - identifier: the zone's name, kept as `identifier`.
    ///   - bytes: the whole file.
    /// - Throws: `TimeZoneError` (`.malformedData`) saying which part of the
    ///   file is wrong.
    package init(identifier: String, tzif bytes: [UInt8]) throws(TimeZoneError) {
        var reader = TZifReader(bytes: bytes)
        let first = try reader.header()
        var header = first
        if first.version >= 2 {
            // Skip the 32-bit block: the 64-bit one repeats it without the
            // 2038 limit.
            try reader.skip(first.dataLength(timeSize: 4), "version 1 data block")
            header = try reader.header()
        }
        let timeSize = first.version >= 2 ? 8 : 4
        let data = try reader.dataBlock(header, timeSize: timeSize)
        var footer: PosixTimeZoneRule?
        if first.version >= 2 {
            let text = try reader.footer()
            if !text.isEmpty {
                do { footer = try PosixTimeZoneRule(parsing: text) } catch {
                    throw .malformed("footer: \(error.message)")
                }
            }
        }
        self.init(identifier: identifier, transitions: data.transitions, localTimeTypes: data.types, footer: footer)
    }
}

/// A cursor over TZif bytes that checks each part as it reads it.
struct TZifReader {
    /// The counts from one TZif header.
    struct Header {
        var version: Int
        var isUTCCount: Int, isStandardCount: Int, leapCount: Int
        var timeCount: Int, typeCount: Int, charCount: Int

        /// The size of the data block that follows this header.
        func dataLength(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + charCount
                + leapCount * (timeSize + 4) + isStandardCount + isUTCCount
        }
    }

    let bytes: [UInt8]
    var index = 0

    mutating func skip(_ count: Int, _ what: String) throws(TimeZoneError) {
        guard count <= bytes.count - index else { throw .malformed("\(what) cut short") }
        index += count
    }

    /// A big-endian signed integer of `size` bytes (4 or 8).
    mutating func integer(_ size: Int) -> Int64 {
        var value: UInt64 = 0
        for byte in bytes[index..<(index + size)] { value = value << 8 | UInt64(byte) }
        index += size
        // Sign-extend a 32-bit value.
        return size == 4 ? Int64(Int32(truncatingIfNeeded: value)) : Int64(bitPattern: value)
    }

    mutating func header() throws(TimeZoneError) -> Header {
        guard bytes.count - index >= 44 else { throw .malformed("header cut short (\(bytes.count - index) bytes)") }
        guard bytes[index..<(index + 4)].elementsEqual("TZif".utf8) else { throw .malformed("no 'TZif' magic") }
        let version: Int
        switch bytes[index + 4] {
        case 0: version = 1
        case UInt8(ascii: "2"): version = 2
        case UInt8(ascii: "3"): version = 3
        case UInt8(ascii: "4"): version = 4
        case let v: throw .malformed("unknown version byte \(v)")
        }
        index += 20
        let counts = (0..<6).map { _ in Int(integer(4)) }
        let header = Header(version: version, isUTCCount: counts[0], isStandardCount: counts[1],
                            leapCount: counts[2], timeCount: counts[3], typeCount: counts[4], charCount: counts[5])
        guard counts.allSatisfy({ $0 >= 0 }) else { throw .malformed("negative count in header") }
        guard header.typeCount > 0 else { throw .malformed("no local time types") }
        guard header.charCount > 0 else { throw .malformed("no abbreviation characters") }
        guard header.isUTCCount == 0 || header.isUTCCount == header.typeCount,
              header.isStandardCount == 0 || header.isStandardCount == header.typeCount
        else { throw .malformed("UT/local and standard/wall indicator counts must be 0 or the type count") }
        guard header.leapCount == 0 else { throw .malformed("leap-second records are not supported (a right/ zone?)") }
        return header
    }

    mutating func dataBlock(_ h: Header, timeSize: Int) throws(TimeZoneError)
        -> (transitions: [TimeZoneRules.Transition], types: [ZoneOffset])
    {
        guard h.dataLength(timeSize: timeSize) <= bytes.count - index else { throw .malformed("data block cut short") }
        let times = (0..<h.timeCount).map { _ in integer(timeSize) }
        for i in times.indices.dropFirst() where times[i] <= times[i - 1] {
            throw .malformed("transition times not in increasing order at \(i)")
        }
        let typeIndices = bytes[index..<(index + h.timeCount)].map(Int.init)
        index += h.timeCount
        if let bad = typeIndices.first(where: { $0 >= h.typeCount }) {
            throw .malformed("transition to local time type \(bad) of \(h.typeCount)")
        }
        var raw: [(offset: Int, isDST: Bool, abbreviationIndex: Int)] = []
        for _ in 0..<h.typeCount {
            let offset = integer(4)
            let isDST = bytes[index], abbreviationIndex = Int(bytes[index + 1])
            index += 2
            guard offset != Int64(Int32.min) else { throw .malformed("UT offset -2^31") }
            guard isDST <= 1 else { throw .malformed("DST indicator \(isDST)") }
            guard abbreviationIndex < h.charCount else { throw .malformed("abbreviation index out of range") }
            raw.append((Int(offset), isDST == 1, abbreviationIndex))
        }
        let characters = bytes[index..<(index + h.charCount)]
        index += h.charCount
        let types = try raw.map { t throws(TimeZoneError) in
            let start = characters.startIndex + t.abbreviationIndex
            guard let end = characters[start...].firstIndex(of: 0) else {
                throw .malformed("abbreviation not terminated by NUL")
            }
            return ZoneOffset(utcOffsetSeconds: t.offset,
                              abbreviation: String(decoding: characters[start..<end], as: UTF8.self), isDST: t.isDST)
        }
        // The standard/wall and UT/local indicators only matter for
        // interpreting a POSIX rule without transitions; skip them.
        index += h.isStandardCount + h.isUTCCount
        let transitions = zip(times, typeIndices).map { TimeZoneRules.Transition(secondsSinceEpoch: $0, localTimeType: $1) }
        return (transitions, types)
    }

    /// The text between the two newlines that end a version 2+ file.
    mutating func footer() throws(TimeZoneError) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\n") else { throw .malformed("footer does not start with a newline") }
        guard let end = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "\n")) else {
            throw .malformed("footer does not end with a newline")
        }
        let text = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        index = end + 1
        return text
    }
}
