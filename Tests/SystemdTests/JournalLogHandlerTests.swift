import Glibc
import Logging
import Systemd
import Testing

@Suite("JournalLogHandler")
struct JournalLogHandlerTests {
    @Test("an error with metadata arrives with PRIORITY=3, the metadata as fields and its source location")
    func logsToJournal() throws {
        try JournalReader.start()
        let id = JournalReader.uniqueID()
        let logger = Logger(label: "oneonone.test") { label in
            JournalLogHandler(label: label, identifier: "oneonone-test", destination: .journal)
        }
        logger.error("hook failed", metadata: ["test-id": "\(id)", "member": "alice"])
        let line = #line - 1

        let entry = try JournalReader.entry(matching: "TEST_ID=\(id)")
        #expect(entry["MESSAGE"] == "hook failed")
        #expect(entry["PRIORITY"] == "3")
        #expect(entry["MEMBER"] == "alice")
        #expect(entry["SYSLOG_IDENTIFIER"] == "oneonone-test")
        #expect(entry["LOGGER_LABEL"] == "oneonone.test")
        #expect(entry["CODE_FILE"]?.hasSuffix("JournalLogHandlerTests.swift") == true)
        #expect(entry["CODE_LINE"] == String(line))
        #expect(entry["CODE_FUNC"] == "logsToJournal()")
    }

    @Test("without a journal each message is one `level: message key=value` line")
    func writesLines() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        var logger = Logger(label: "oneonone") { label in
            JournalLogHandler(label: label, destination: .lines(fileDescriptor: fds[1]))
        }
        logger[metadataKey: "member"] = "bob"
        logger.warning("hook failed", metadata: ["status": "3"])
        logger.debug("not written: below the default level")
        close(fds[1])

        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = read(fds[0], &buffer, buffer.count)
        #expect(String(decoding: buffer[0..<max(0, n)], as: UTF8.self) == "warning: hook failed member=bob status=3\n")
    }

    @Test("the call's metadata wins over the provider's, which wins over the handler's")
    func mergesMetadata() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let provider = Logger.MetadataProvider { ["member": "provider", "kind": "overdue"] }
        var logger = Logger(label: "oneonone") { label in
            JournalLogHandler(label: label, destination: .lines(fileDescriptor: fds[1]), metadataProvider: provider)
        }
        logger[metadataKey: "member"] = "handler"
        logger[metadataKey: "attempt"] = "2"
        logger.info("retrying", metadata: ["kind": "call"])
        close(fds[1])

        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = read(fds[0], &buffer, buffer.count)
        #expect(
            String(decoding: buffer[0..<max(0, n)], as: UTF8.self)
                == "info: retrying attempt=2 kind=call member=provider\n")
    }

    @Test("the automatic destination is standard error when the journal socket is missing")
    func fallsBackToStandardError() throws {
        try JournalReader.start()
        #expect(JournalLogHandler.Destination.automatic(socketPath: "/nonexistent/socket") == .standardError)
        #expect(JournalLogHandler.Destination.automatic() == .journal)
    }

    @Test("bootstrap(identifier:) sends every logger's entries under that identifier")
    func bootstrap() async throws {
        try JournalReader.start()
        let identifier = "oneonone-test-" + JournalReader.uniqueID()
        // LoggingSystem.bootstrap may run once per process: a child's.
        await #expect(processExitsWith: .success) { [identifier = identifier as String] in
            JournalLogHandler.bootstrap(identifier: identifier, logLevel: .debug)
            Logger(label: "oneonone.hooks").debug("hook started", metadata: ["member": "carol"])
            exit(0)
        }
        let entry = try JournalReader.entry(matching: "SYSLOG_IDENTIFIER=\(identifier)")
        #expect(entry["MESSAGE"] == "hook started")
        #expect(entry["PRIORITY"] == "7")
        #expect(entry["LOGGER_LABEL"] == "oneonone.hooks")
        #expect(entry["MEMBER"] == "carol")
    }

    @Test(
        "swift-log levels map to syslog priorities",
        arguments: [
            (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3),
            (.critical, 2),
        ])
    func priorities(level: Logger.Level, priority: Int) {
        #expect(JournalLogHandler.priority(level) == priority)
    }
}
