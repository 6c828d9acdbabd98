import Foundation
import Systemd
import TestSupport

/// Starts journald when needed and reads entries back with `journalctl`.
enum JournalReader {
    /// Runs scripts/journald.sh once per test process; it starts journald
    /// only when no journal socket exists (or its journald died).
    static let started: Result<Void, SupportError> = {
        do {
            let result = try run([packageRoot() + "/scripts/journald.sh"])
            if result.status == 0 { return .success(()) }
            return .failure(SupportError("journald.sh failed: \(result.stderr)"))
        } catch {
            return .failure(SupportError("\(error)"))
        }
    }()

    /// Makes sure journald is listening.
    static func start() throws { try started.get() }

    /// The fields of the first entry that matches `match` (`NAME=value`),
    /// waiting up to five seconds for journald to store it.
    ///
    /// Values that journalctl prints as byte arrays are decoded as UTF-8; a
    /// field with several values has them joined by "|".
    static func entry(matching match: String) throws -> [String: String] {
        for _ in 0..<100 {
            let result = try run(["journalctl", "-o", "json", "--no-pager", "--all", match])
            if let line = result.stdout.split(separator: "\n").first {
                return try fields(of: String(line))
            }
            usleep(50_000)
        }
        throw SupportError("no journal entry with \(match) after 5 seconds")
    }

    static func fields(of line: String) throws -> [String: String] {
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { throw SupportError("journalctl printed something other than an object: \(line)") }
        return object.compactMapValues(text)
    }

    static func text(_ value: Any) -> String? {
        switch value {
        case let string as String: return string
        case let bytes as [Int]: return String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
        case let many as [Any]: return many.compactMap(text).joined(separator: "|")
        default: return nil
        }
    }

    /// A value no other entry in the journal has.
    static func uniqueID() -> String {
        String(UInt64.random(in: 1...UInt64.max), radix: 16)
    }
}
