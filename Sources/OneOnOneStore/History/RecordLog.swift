import OneOnOne
import TOML
import Posix

/// A TOML file of records (`[[met]]`, `[[fired]]` …) that grows by whole
/// records appended at its end: the history, the fired ledger, the snoozes.
///
/// Every change happens under the directory's exclusive lock, after reading
/// the file again: a file that does not parse or validate is never written
/// (the user must fix it, and the error says where).
///
/// A record cut short by a crash — the file does not end with the newline
/// every record ends with, the problems all lie in its last record, and
/// that record is the start of one the writer writes — is ignored with a
/// warning rather than making every earlier record unreadable, and the next
/// append cuts it off first. Anything else broken is reported.
struct RecordLog: Sendable {
    let directory: String
    let name: String
    /// The records appended to the file, whose last may have been torn by
    /// a crash (see `RecordSchema.couldBeTorn`); none for files that are
    /// only ever replaced whole, where a broken record is a hand edit.
    var appended: [RecordSchema]

    var path: String { directory + "/" + name }

    /// The largest file read. The history is the one a person writes to and
    /// grows for years (ten years of a 50-member team is a few MB); the
    /// state files are the daemon's own and stay small.
    var limit: FileSystem.ReadLimit {
        name == "history.toml" ? FileSystem.ReadLimit(bytes: 256 << 20, of: "history")
            : FileSystem.ReadLimit(bytes: 64 << 20, of: "a state file")
    }

    /// Turns the parsed file into a value, reporting problems to the reader.
    typealias Decode<Output> = (TOMLTable, inout ValueReader) -> Output

    /// What reading the file found.
    struct Reading<Output> {
        var output: Output
        /// Problems that did not stop the read, in file order.
        var warnings: [Diagnostic]
        /// The bytes holding complete records; what follows is a torn tail.
        var validLength: Int
        /// The file's length as read.
        var length: Int
        /// True when the records end without a newline (a hand edit): the
        /// next record must start on a line of its own.
        var needsNewline: Bool
    }

    /// Reads the file under the shared lock; a missing file has no records.
    func read<Output>(_ decode: Decode<Output>) throws(StoreError) -> Reading<Output> {
        let bytes = try FileLock.withSharedLock(directory: directory) { () throws(StoreError) in try contents() }
        switch self.decode(bytes, decode) {
        case .success(let reading): return reading
        case .failure(let diagnostics): throw StoreError(.invalid(diagnostics))
        }
    }

    /// Re-reads the file under the exclusive lock and appends the record
    /// `record` renders from what it read, as one write followed by fsync.
    ///
    /// - Parameters:
    ///   - decode: reads the file's records.
    ///   - record: the bytes of the new record(s), made from the current
    ///     records, and what to return; it may throw to refuse (an unknown
    ///     action id).
    /// - Returns: the result `record` returned, once the bytes are on disk.
    func append<Output, Value>(
        _ decode: Decode<Output>, _ record: (Output) throws(StoreError) -> (bytes: [UInt8], result: Value)
    ) throws(StoreError) -> Value {
        try FileLock.withExclusiveLock(directory: directory) { () throws(StoreError) in
            let reading = try checkedForWrite(try contents(), decode)
            var (bytes, result) = try record(reading.output)
            if bytes.isEmpty { return result }
            if reading.needsNewline { bytes.insert(UInt8(ascii: "\n"), at: 0) }
            let torn = reading.validLength < reading.length
            do throws(SystemError) {
                try FileSystem.appendRecord(path: path, bytes: bytes, truncatingTo: torn ? reading.validLength : nil)
            } catch { throw StoreError(.system(error)) }
            return result
        }
    }

    /// Re-reads the file under the exclusive lock and replaces it atomically
    /// with what `rewrite` renders; nil leaves the file alone.
    func rewrite<Output>(_ decode: Decode<Output>, _ rewrite: (Output) -> [UInt8]?) throws(StoreError) {
        try FileLock.withExclusiveLock(directory: directory) { () throws(StoreError) in
            let reading = try checkedForWrite(try contents(), decode)
            guard let bytes = rewrite(reading.output) else { return }
            do throws(SystemError) { try FileSystem.atomicWrite(path: path, bytes: bytes) } catch { throw StoreError(.system(error)) }
        }
    }

    // MARK: - Reading

    private func contents() throws(StoreError) -> [UInt8] {
        do throws(FileSystem.ReadError) { return try FileSystem.read(path, limit: limit, followLinks: false) } catch {
            guard case .system(let system) = error else { throw StoreError(.refused(error)) }
            if system.isMissing { return [] }
            throw StoreError(.system(system))
        }
    }

    private func checkedForWrite<Output>(_ text: [UInt8], _ decode: Decode<Output>) throws(StoreError) -> Reading<Output> {
        switch self.decode(text, decode) {
        case .success(let reading): return reading
        case .failure(let diagnostics): throw StoreError(.writeRefused(path: path, diagnostics))
        }
    }

    /// Decodes the file's bytes, setting a torn last record aside.
    func decode<Output>(_ bytes: [UInt8], _ decode: Decode<Output>) -> Result<Reading<Output>, Diagnostics> {
        // A crash can also leave the file longer than what reached the disk,
        // padded with zero bytes.
        var end = bytes.count
        if !appended.isEmpty { while end > 0, bytes[end - 1] == 0 { end -= 1 } }
        let text = end == bytes.count ? bytes : Array(bytes[..<end])
        let endsWithNewline = end == 0 || text[end - 1] == UInt8(ascii: "\n")

        let problems: Diagnostics
        switch attempt(text, decode) {
        case .success(let (output, warnings)):
            var warnings = warnings
            if end < bytes.count {
                warnings.append(Diagnostic(file: path, line: SourceLines(text).line(at: end), column: 0, severity: .warning,
                    message: "the file ends in \(bytes.count - end) zero bytes left by a crash; they are ignored, "
                        + "and the next change removes them"))
            }
            return .success(Reading(output: output, warnings: warnings, validLength: end, length: bytes.count,
                                    needsNewline: !endsWithNewline))
        case .failure(let found):
            problems = found
        }
        guard !appended.isEmpty, !endsWithNewline, let start = Self.lastRecordStart(text),
              RecordSchema.couldBeTorn(String(decoding: text[start...], as: UTF8.self), schemas: appended)
        else { return .failure(problems) }
        var lines = SourceLines(text)
        let tornLine = lines.line(at: start)
        guard problems.items.allSatisfy({ $0.severity == .warning || $0.line >= tornLine }),
              case .success(let (output, warnings)) = attempt(Array(text[..<start]), decode)
        else { return .failure(problems) }
        let torn = Diagnostic(file: path, line: tornLine, column: 1, severity: .warning,
                              message: "the last record is incomplete (cut short by a crash?); it is ignored, "
                                  + "and the next change removes it",
                              sourceLine: lines.text(ofLine: tornLine))
        return .success(Reading(output: output, warnings: warnings + [torn], validLength: start, length: bytes.count,
                                needsNewline: false))
    }

    /// Parses and decodes `bytes`: the output and its warnings, or every
    /// problem found.
    private func attempt<Output>(_ bytes: [UInt8], _ decode: Decode<Output>) -> Result<(Output, [Diagnostic]), Diagnostics> {
        let table: TOMLTable
        do throws(TOMLError) { table = try TOMLParser.parse(bytes) } catch {
            return .failure(Diagnostics([Diagnostic(file: path, line: error.position.line, column: error.position.column,
                                                    message: error.message, sourceLine: error.sourceLine)]))
        }
        var reader = ValueReader(file: path, bytes: bytes)
        let output = decode(table, &reader)
        let found = reader.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        if reader.hasErrors { return .failure(Diagnostics(found)) }
        return .success((output, found))
    }

    /// Where the last record starts: the last line that begins with `[`.
    ///
    /// Only the writer's own appends can be torn, and it starts every record
    /// with a `[[kind]]` header at the start of a line and writes every value
    /// on one line, so whatever part of the header survived begins it.
    static func lastRecordStart(_ bytes: [UInt8]) -> Int? {
        var i = bytes.count - 1
        while i >= 0 {
            if bytes[i] == UInt8(ascii: "["), i == 0 || bytes[i - 1] == UInt8(ascii: "\n") { return i }
            i -= 1
        }
        return nil
    }
}
