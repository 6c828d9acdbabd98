package import Logging

import Glibc

/// A swift-log handler that writes structured entries to the systemd journal,
/// or one line per message to standard error when there is no journal.
///
/// Each entry carries `MESSAGE`, `PRIORITY`, `SYSLOG_IDENTIFIER`,
/// `CODE_FILE`, `CODE_LINE`, `CODE_FUNC` and every metadata key as a field
/// of its own (the name sanitized with ``Journal/sanitizedFieldName(_:)``), so
/// `journalctl -t oneonone MEMBER=alice` finds them.
package struct JournalLogHandler: LogHandler {
    /// Where a handler writes.
    package enum Destination: Sendable, Equatable {
        /// The journal, through `sd_journal_sendv`.
        case journal
        /// Plain lines (`error: message key=value`) to a file descriptor.
        case lines(fileDescriptor: Int32)

        /// Plain lines to standard error.
        package static let standardError = Destination.lines(fileDescriptor: 2)

        /// The journal when its socket exists, else standard error.
        ///
        /// - Parameter socketPath: the journal socket to look for.
        /// - Returns: `.journal` or `.standardError`.
        package static func automatic(socketPath: String = Journal.socketPath) -> Destination {
            Journal.isAvailable(socketPath: socketPath) ? .journal : .standardError
        }
    }

    /// The logger's label.
    package let label: String
    /// The `SYSLOG_IDENTIFIER` of every entry (`journalctl -t`).
    package let identifier: String
    /// Where entries go; chosen once, when the handler is made.
    package let destination: Destination
    /// Messages below this level are not written.
    package var logLevel: Logger.Level = .info
    /// Metadata added to every entry from this handler.
    package var metadata: Logger.Metadata = [:]
    /// Supplies contextual metadata at each log call.
    package var metadataProvider: Logger.MetadataProvider?

    /// Creates a handler.
    ///
    /// - Parameters:
    ///   - label: the logger's label; also the identifier unless one is given.
    ///   - identifier: the `SYSLOG_IDENTIFIER`; when it differs from the label,
    ///     the label is sent as `LOGGER_LABEL`.
    ///   - destination: the journal if it is there, else standard error.
    ///   - metadataProvider: contextual metadata; the bootstrapped one by default.
    package init(
        label: String, identifier: String? = nil, destination: Destination = .automatic(),
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.label = label
        self.identifier = identifier ?? label
        self.destination = destination
        self.metadataProvider = metadataProvider
    }

    /// Makes every `Logger` in the process write through a `JournalLogHandler`
    /// with `identifier` as its `SYSLOG_IDENTIFIER`. Call it once, early.
    ///
    /// - Parameters:
    ///   - identifier: the program's name, e.g. `oneonone`.
    ///   - logLevel: the lowest level written.
    package static func bootstrap(identifier: String, logLevel: Logger.Level = .info) {
        // Checked once: every handler shares the answer.
        let destination = Destination.automatic()
        LoggingSystem.bootstrap { label in
            var handler = JournalLogHandler(label: label, identifier: identifier, destination: destination)
            handler.logLevel = logLevel
            return handler
        }
    }

    /// The metadata value for `metadataKey`.
    package subscript(metadataKey metadataKey: String) -> Logger.Metadata.Value? {
        get { metadata[metadataKey] }
        set { metadata[metadataKey] = newValue }
    }

    /// Writes one entry.
    ///
    /// A journal entry that cannot be sent (journald went away) is written as
    /// a line to standard error instead, so that it is not lost silently.
    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        if let error = event.error { merged["error"] = "\(error)" }

        switch destination {
        case .journal:
            // A journal that went away must not swallow the message.
            if (try? Journal.send(fields(event, merged))) == nil { writeLine(event, merged, to: 2) }
        case .lines(let fd):
            writeLine(event, merged, to: fd)
        }
    }

    /// The journal priority (syslog level) for a swift-log level.
    ///
    /// - Parameter level: a swift-log level.
    /// - Returns: 7 (debug) down to 2 (critical).
    package static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    func fields(_ event: LogEvent, _ metadata: Logger.Metadata) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", event.message.description),
            ("PRIORITY", String(Self.priority(event.level))),
            ("SYSLOG_IDENTIFIER", identifier),
            ("CODE_FILE", event.file),
            ("CODE_LINE", String(event.line)),
            ("CODE_FUNC", event.function),
        ]
        if label != identifier { fields.append(("LOGGER_LABEL", label)) }
        // Metadata must not masquerade as the entry's own fields.
        let reserved = Set(fields.map(\.name))
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            let name = Journal.sanitizedFieldName(key)
            fields.append((reserved.contains(name) ? "METADATA_" + name : name, "\(value)"))
        }
        return fields
    }

    func writeLine(_ event: LogEvent, _ metadata: Logger.Metadata, to fd: Int32) {
        var line = "\(event.level): \(event.message)"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += "\n"
        // One write per line, so that lines from several threads do not interleave.
        var bytes = Array(line.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n > 0 { bytes = bytes.dropFirst(n) } else if n < 0 && errno == EINTR { continue } else { break }
        }
    }
}
