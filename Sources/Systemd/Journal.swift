import CSystemd
package import Posix
import Glibc

/// Structured entries in the systemd journal, sent over its native protocol.
package enum Journal {
    /// Where journald listens for native-protocol datagrams. libsystemd
    /// always sends here; the path is only used to tell whether it exists.
    package static let socketPath = "/run/systemd/journal/socket"

    /// The longest field name journald accepts; longer names are dropped.
    package static let maximumFieldNameLength = 64

    /// Whether journald's socket exists, that is, whether `send` can work.
    ///
    /// Under a systemd service this is true; in a plain terminal session on
    /// a machine without journald it is false.
    package static var isAvailable: Bool { isAvailable(socketPath: socketPath) }

    /// Whether a socket exists at `socketPath`.
    ///
    /// - Parameter socketPath: the path to look at (tests point it elsewhere).
    /// - Returns: true when the path names a Unix socket.
    ///
    /// The corresponding C function is `stat`.
    package static func isAvailable(socketPath: String) -> Bool {
        var info = stat()
        return stat(socketPath, &info) == 0 && (info.st_mode & S_IFMT) == S_IFSOCK
    }

    /// Sends one journal entry made of `fields`.
    ///
    /// Each name is passed through ``sanitizedFieldName(_:)``. Values are sent
    /// byte for byte: newlines and any other bytes survive (libsystemd picks
    /// the length-prefixed encoding for them). A name may appear more than
    /// once; journald keeps every value.
    ///
    /// - Parameter fields: the entry's fields in order, e.g.
    ///   `[("MESSAGE", "1:1 with Alice overdue"), ("PRIORITY", "4")]`.
    /// - Throws: `SystemError` when journald cannot be reached or refuses
    ///   the entry (an empty entry is `EINVAL`).
    ///
    /// The corresponding C function is `sd_journal_sendv`.
    package static func send(_ fields: [(name: String, value: String)]) throws(SystemError) {
        // One contiguous buffer of "NAME=value" records, so that the iovecs
        // only point into memory that lives for the duration of the call.
        var buffer: [UInt8] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(fields.count)
        for field in fields {
            let start = buffer.count
            buffer += sanitizedFieldName(field.name).utf8
            buffer.append(UInt8(ascii: "="))
            buffer += field.value.utf8
            ranges.append(start..<buffer.count)
        }
        let result = buffer.withUnsafeMutableBytes { bytes -> Int32 in
            let vectors = ranges.map { range in
                iovec(iov_base: bytes.baseAddress.map { $0 + range.lowerBound }, iov_len: range.count)
            }
            return vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
        try check("sd_journal_sendv", result)
    }

    /// A journal field name made from `name`: journald only keeps names of
    /// `[A-Z0-9_]` that start with a letter and are at most 64 characters.
    ///
    /// Lowercase ASCII letters are uppercased and every other character
    /// becomes `_`, so `oneonone.kind-x` is `ONEONONE_KIND_X`. A name that
    /// would start with a digit gets a `FIELD_` prefix and one that would start
    /// with `_` (reserved for journald's trusted fields) a `FIELD` prefix; an
    /// empty name is `FIELD`.
    ///
    /// - Parameter name: any string, e.g. a swift-log metadata key.
    /// - Returns: a name journald accepts.
    package static func sanitizedFieldName(_ name: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "A"..."Z", "0"..."9", "_": result.append(scalar)
            case "a"..."z": result.append(Unicode.Scalar(UInt8(scalar.value) - 0x20))
            default: result.append("_")
            }
        }
        var sanitized = String(result)
        switch sanitized.utf8.first {
        case nil: return "FIELD"
        case UInt8(ascii: "_"): sanitized = "FIELD" + sanitized
        case let first? where (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first): sanitized = "FIELD_" + sanitized
        default: break
        }
        // Every character is ASCII by now, so characters and bytes agree.
        return String(sanitized.prefix(maximumFieldNameLength))
    }
}
