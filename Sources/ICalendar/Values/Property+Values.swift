/// The value types a property holds, read from its text on demand.
extension Property {
    /// The value as TEXT (RFC 5545 §3.3.11): `\n` and `\N` are line breaks,
    /// `\,` `\;` `\\` the characters themselves. A backslash before anything
    /// else is dropped, as lenient readers do; one at the very end is kept.
    public var text: String { Property.unescape(Array(value.utf8)[...]) }

    /// The value as a comma-separated list of TEXT (CATEGORIES, RESOURCES):
    /// split at the commas that are not escaped, each part unescaped.
    public var texts: [String] {
        let bytes = Array(value.utf8)
        var parts: [String] = []
        var start = 0, k = 0
        while k < bytes.count {
            if bytes[k] == ASCII.backslash {
                k += 2
                continue
            }
            if bytes[k] == ASCII.comma {
                parts.append(Property.unescape(bytes[start..<k]))
                start = k + 1
            }
            k += 1
        }
        parts.append(Property.unescape(bytes[start..<bytes.count]))
        return parts
    }

    /// The value as a CAL-ADDRESS without its `mailto:` scheme (in any
    /// case): "alice@example.com" for `mailto:alice@example.com`. Any other
    /// URI is returned whole.
    public var calendarAddress: String {
        let bytes = Array(value.utf8)
        guard bytes.count >= 7, ASCII.uppercased(String(decoding: bytes[0..<7], as: UTF8.self)) == "MAILTO:"
        else { return value }
        return String(decoding: bytes[7...], as: UTF8.self)
    }

    /// The value as an INTEGER (SEQUENCE, PRIORITY).
    ///
    /// - Throws: `ICalendarError` at the value when it is not a decimal
    ///   integer of at most nine digits, with an optional sign.
    public func integer() throws(ICalendarError) -> Int {
        var bytes = Array(value.utf8)[...]
        var sign = 1
        if let first = bytes.first, first == ASCII.plus || first == ASCII.minus {
            sign = first == ASCII.minus ? -1 : 1
            bytes = bytes.dropFirst()
        }
        guard let n = Property.digits(bytes) else {
            throw error("\(name) must be an integer, found '\(value)'")
        }
        return sign * n
    }

    /// The value as one DATE or DATE-TIME, in the zone its TZID parameter
    /// names (a trailing Z means UTC whatever the TZID says).
    ///
    /// - Throws: `ICalendarError` at the value when it is neither, or when
    ///   `VALUE=DATE` is given for a date-time.
    public func dateTime() throws(ICalendarError) -> ICalendarDateTime {
        let all = try dateTimes()
        guard all.count == 1 else { throw error("\(name) must be one date or date-time, found \(all.count)") }
        return all[0]
    }

    /// The value as a comma-separated list of DATE or DATE-TIME (EXDATE,
    /// RDATE), each in the zone of the TZID parameter.
    ///
    /// - Throws: `ICalendarError` at the first item that is neither, or
    ///   at `VALUE=PERIOD`, which is not supported.
    public func dateTimes() throws(ICalendarError) -> [ICalendarDateTime] {
        let kind = parameter("VALUE").map(ASCII.uppercased)
        if let kind, kind != "DATE", kind != "DATE-TIME" {
            throw ICalendarError(line: line, message: "\(name) with VALUE=\(kind) is not supported (only DATE and DATE-TIME)")
        }
        let zone: ICalendarDateTime.Zone = parameter("TZID").map { .tzid($0) } ?? .floating
        let bytes = Array(value.utf8)
        var result: [ICalendarDateTime] = []
        var start = 0
        for k in 0...bytes.count where k == bytes.count || bytes[k] == ASCII.comma {
            let item = try dateTime(bytes[start..<k], at: start, zone: zone, label: name)
            if kind == "DATE", !item.isDate {
                throw error("\(name) has VALUE=DATE but '\(String(decoding: bytes[start..<k], as: UTF8.self))' has a time", at: start)
            }
            result.append(item)
            start = k + 1
        }
        return result
    }

    /// The value as a DURATION (RFC 5545 §3.3.6): `PT30M`, `P1D`, `-P1W`.
    ///
    /// - Throws: `ICalendarError` at the value when it is not one.
    public func duration() throws(ICalendarError) -> ICalendarDuration {
        guard let duration = ICalendarDuration(Array(value.utf8)) else {
            throw error("\(name) must be a duration such as PT30M, P1D or P1W, found '\(value)'")
        }
        return duration
    }

    // MARK: Helpers

    /// `YYYYMMDD`, `YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMMSSZ`, starting at
    /// `offset` bytes into the value; `label` names it in errors.
    func dateTime(_ item: ArraySlice<UInt8>, at offset: Int, zone: ICalendarDateTime.Zone, label: String)
        throws(ICalendarError) -> ICalendarDateTime {
        let s = item.startIndex
        let shown = String(decoding: item, as: UTF8.self)
        let isUTC = item.count == 16 && item.last == UInt8(ascii: "Z")
        guard item.count == 8 || ((item.count == 15 || isUTC) && item[s + 8] == UInt8(ascii: "T")),
              let year = Property.digits(item[s..<(s + 4)]), let month = Property.digits(item[(s + 4)..<(s + 6)]),
              let day = Property.digits(item[(s + 6)..<(s + 8)])
        else {
            throw error("\(label) must be a date (YYYYMMDD) or a date-time (YYYYMMDDTHHMMSS, optionally with Z), found '\(shown)'", at: offset)
        }
        guard ICalendarDateTime.isValidDate(year: year, month: month, day: day) else {
            throw error("\(label) has a day that does not exist: '\(shown)'", at: offset)
        }
        if item.count == 8 { return ICalendarDateTime(year: year, month: month, day: day)! }
        guard let hour = Property.digits(item[(s + 9)..<(s + 11)]), let minute = Property.digits(item[(s + 11)..<(s + 13)]),
              let second = Property.digits(item[(s + 13)..<(s + 15)])
        else {
            throw error("\(label) must be a date-time such as 20261124T140000, found '\(shown)'", at: offset)
        }
        guard let reading = ICalendarDateTime(year: year, month: month, day: day, hour: hour, minute: minute,
                                              second: second, zone: isUTC ? .utc : zone)
        else {
            throw error("\(label) has a time that does not exist: '\(shown)'", at: offset + 9)
        }
        return reading
    }

    /// The value of one to nine ASCII digits, nil for anything else.
    static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var n = 0
        for b in bytes {
            guard ASCII.isDigit(b) else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }

    /// TEXT escapes removed from `bytes`.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        ASCII.unescaped(bytes, marker: ASCII.backslash) { byte, out in
            out.append(byte == UInt8(ascii: "n") || byte == UInt8(ascii: "N") ? ASCII.lineFeed : byte)
        }
    }
}
