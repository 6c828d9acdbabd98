/// Why a time zone could not be had: an unknown name, a file that is not
/// TZif data, or a POSIX TZ rule that does not read.
///
/// The message names the zone and, where there is one, the file, so that it
/// can be shown to the user as it is.
package struct TimeZoneError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is, for code that reacts differently to each.
    package enum Code: Sendable, Hashable {
        /// No zone by that name in the database.
        case unknownZone
        /// The name is not a zone name at all (empty, absolute, or with `..`).
        case invalidName
        /// The zone file exists but could not be read.
        case unreadable
        /// The bytes are not valid TZif data.
        case malformedData
        /// A POSIX TZ rule string that does not parse.
        case invalidRule
    }

    /// What kind of failure this is.
    package var code: Code
    /// The whole message, ready to show: "unknown time zone 'Europe/Kiev2'
    /// (no file /usr/share/zoneinfo/Europe/Kiev2)".
    package var message: String

    /// Creates an error with a complete message.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    package var description: String { message }

    /// Bytes that do not follow RFC 8536; `detail` says which rule they break.
    static func malformed(_ detail: String) -> TimeZoneError {
        TimeZoneError(.malformedData, "malformed TZif data: \(detail)")
    }
}
