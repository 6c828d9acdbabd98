package import OneOnOne
import Glibc

extension TimeZoneDatabase {
    /// The zone the system runs in, found the way the C library finds it.
    ///
    /// 1. `TZ`, when set: empty means UTC; `:Name` or `Name` is a zone in the
    ///    database; an absolute path is a TZif file; anything else is read as
    ///    a POSIX rule ("EST5EDT,M3.2.0,M11.1.0"). A `TZ` that is none of
    ///    these means UTC, as in glibc.
    /// 2. Else `/etc/localtime`, named after its link target
    ///    (".../zoneinfo/Europe/Berlin"), or after `/etc/timezone` when it is
    ///    a copy of that zone.
    /// 3. Else UTC.
    package func systemZone() -> TimeZoneRules {
        if let tz = environment["TZ"] { return zone(fromTZ: tz) ?? .utc }
        return localtimeZone() ?? .utc
    }

    /// The zone a `TZ` value names, or nil when it names none.
    func zone(fromTZ value: String) -> TimeZoneRules? {
        if value.isEmpty { return .utc }
        let colon = value.hasPrefix(":")
        let spec = colon ? String(value.dropFirst()) : value
        if spec.hasPrefix("/") { return try? zone(atPath: spec, identifier: zoneName(forPath: spec) ?? spec) }
        if let zone = try? zone(named: spec) { return zone }
        // POSIX reserves the leading colon for implementation-defined names.
        guard !colon, let rule = try? PosixTimeZoneRule(parsing: spec) else { return nil }
        return TimeZoneRules(identifier: spec, rule: rule)
    }

    /// The zone `/etc/localtime` holds, or nil when it is missing or not TZif.
    func localtimeZone() -> TimeZoneRules? {
        guard let bytes = try? FileSystem.read(localtimePath) else { return nil }
        let name = linkTarget(localtimePath).flatMap(zoneName(forPath:))
            ?? timezoneFileName(matching: bytes)
            ?? "localtime"
        return try? TimeZoneRules(identifier: name, tzif: bytes)
    }

    /// The zone name in a path into a tz database: the part after this
    /// database's directory or after any `zoneinfo/` (less a `posix/`).
    func zoneName(forPath path: String) -> String? {
        var name: Substring
        if path.hasPrefix(directory + "/") {
            name = path.dropFirst(directory.count + 1)
        } else if let range = path.ranges(of: "zoneinfo/").last {
            name = path[range.upperBound...]
        } else {
            return nil
        }
        if name.hasPrefix("posix/") { name = name.dropFirst("posix/".count) }
        return name.isEmpty ? nil : String(name)
    }

    /// The name in the `timezone` file beside `/etc/localtime`, if that
    /// zone's file holds exactly `bytes` (a copy, not a stale leftover).
    func timezoneFileName(matching bytes: [UInt8]) -> String? {
        let path = String(localtimePath.reversed().drop { $0 != "/" }.reversed()) + "timezone"
        guard let text = try? FileSystem.read(path) else { return nil }
        let name = String(decoding: text, as: UTF8.self).split(whereSeparator: \.isWhitespace).first.map(String.init)
        guard let name, (try? FileSystem.read(directory + "/" + name)) == bytes else { return nil }
        return name
    }

    /// Where the symbolic link at `path` points; nil when it is not one.
    ///
    /// The corresponding C function is `readlink`.
    func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
