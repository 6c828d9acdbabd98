import Glibc
import Systemd
import Posix
import Testing

@Suite("Journal")
struct JournalTests {
    @Test("an entry arrives with every field, a sanitized name and its multi-line message intact")
    func sendsEntry() throws {
        try JournalReader.start()
        let id = JournalReader.uniqueID()
        let message = "1:1 with Alice overdue\n\tlast held Nov 10\nsecond = third\n"
        try Journal.send([
            ("MESSAGE", message),
            ("PRIORITY", "4"),
            ("ONEONONE_TEST_ID", id),
            ("oneonone.kind-x", "overdue"),
            ("ONEONONE_MEMBER", "Аліса Коваленко ✓"),
        ])

        let entry = try JournalReader.entry(matching: "ONEONONE_TEST_ID=\(id)")
        #expect(entry["MESSAGE"] == message)
        #expect(entry["PRIORITY"] == "4")
        #expect(entry["ONEONONE_KIND_X"] == "overdue")
        #expect(entry["ONEONONE_MEMBER"] == "Аліса Коваленко ✓")
        #expect(entry["_TRANSPORT"] == "journal")
        #expect(entry["_PID"] == String(getpid()))
    }

    @Test("an empty entry is refused with EINVAL")
    func emptyEntry() throws {
        try JournalReader.start()
        #expect(throws: SystemError("sd_journal_sendv", errno: EINVAL)) { try Journal.send([]) }
    }

    @Test("the journal is available once journald listens, and not at a path without a socket")
    func availability() throws {
        try JournalReader.start()
        #expect(Journal.isAvailable)
        #expect(!Journal.isAvailable(socketPath: "/nonexistent/journal/socket"))
        #expect(!Journal.isAvailable(socketPath: "/etc/hostname"))
    }

    @Test(
        "field names become uppercase [A-Z0-9_] that journald keeps",
        arguments: [
            ("oneonone.kind-x", "ONEONONE_KIND_X"),
            ("MESSAGE", "MESSAGE"),
            ("member", "MEMBER"),
            ("café ✓", "CAF___"),
            ("9lives", "FIELD_9LIVES"),
            ("_PID", "FIELD_PID"),
            ("", "FIELD"),
            (String(repeating: "a", count: 100), String(repeating: "A", count: 64)),
        ])
    func sanitizes(name: String, expected: String) {
        #expect(Journal.sanitizedFieldName(name) == expected)
    }
}
