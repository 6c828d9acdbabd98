package import OneOnOne
import Glibc
import Posix

/// The system's tz database: zone files under `/usr/share/zoneinfo` (or
/// `TZDIR`), and the choice of the system zone through `TZ` and
/// `/etc/localtime`.
///
/// Each lookup reads its file afresh and nothing is cached, so a value is
/// freely shared between threads and a tzdata upgrade is seen at the next
/// config load.
package struct TimeZoneDatabase: Sendable {
    /// The directory the zone files are read from.
    package let directory: String
    /// The environment consulted for `TZ`.
    let environment: [String: String]
    /// The file that names the system zone when `TZ` is unset.
    let localtimePath: String

    /// Opens the database.
    ///
    /// - Parameters:
    ///   - directory: where the zone files are; by default `TZDIR` from
    ///     `environment`, else `/usr/share/zoneinfo`.
    ///   - environment: the variables to read `TZDIR` and `TZ` from; by
    ///     default the process's (tests pass their own rather than change it).
    ///   - localtime: the system zone link, `/etc/localtime`; a file
    ///     `timezone` beside it, as Debian keeps, may name a copied zone.
    package init(directory: String? = nil, environment: [String: String] = Environment.values(["TZDIR", "TZ"]),
                localtime: String = "/etc/localtime") {
        let fromEnvironment = environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 }
        self.directory = directory ?? fromEnvironment ?? "/usr/share/zoneinfo"
        self.environment = environment
        self.localtimePath = localtime
    }

    /// The zone called `name`: "Europe/Kyiv", "UTC", "Etc/GMT+5", or a
    /// backward-compatible link such as "US/Eastern".
    ///
    /// - Throws: `TimeZoneError` naming the zone: `.invalidName` for an empty
    ///   or absolute name or one with `.` or `..` parts (it must stay inside
    ///   the database); `.unknownZone` when there is no such TZif file;
    ///   `.unreadable` or `.malformedData` for a file that cannot be used.
    package func zone(named name: String) throws(TimeZoneError) -> TimeZoneRules {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.utf8.contains(0),
              parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
        else {
            throw TimeZoneError(.invalidName, "invalid time zone name '\(name)' (expected a name like Europe/Berlin)")
        }
        let path = directory + "/" + name
        return try zone(atPath: path, identifier: name)
    }

    /// The zone in the TZif file at `path`, named `identifier`.
    func zone(atPath path: String, identifier: String) throws(TimeZoneError) -> TimeZoneRules {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch {
            switch error.errno.code {
            case ENOENT, ENOTDIR:
                // A database without the file still knows UTC.
                if identifier == "UTC" { return .utc }
                throw TimeZoneError(.unknownZone, "unknown time zone '\(identifier)' (no file \(path))")
            case EISDIR:
                throw TimeZoneError(.unknownZone, "unknown time zone '\(identifier)' (\(path) is a directory)")
            default:
                throw TimeZoneError(.unreadable, "cannot read time zone '\(identifier)': \(error)")
            }
        }
        guard bytes.starts(with: "TZif".utf8) else {
            throw TimeZoneError(.unknownZone, "unknown time zone '\(identifier)' (\(path) is not a TZif file)")
        }
        do { return try TimeZoneRules(identifier: identifier, tzif: bytes) } catch {
            throw TimeZoneError(.malformedData, "time zone '\(identifier)' (\(path)): \(error.message)")
        }
    }
}
