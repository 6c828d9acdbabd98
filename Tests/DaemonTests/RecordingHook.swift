import TestSupport

/// A world for tests about many hook runs: one hook that records each call,
/// and a backlog of past-due action items for Bob.
extension DaemonIntegrationTests.Setup {
    /// The recording hook: it appends its first argument to `calls.log`.
    var recordingHook: String { dir.path + "/recording-hook.sh" }

    /// Writes the recording hook, which runs `command` after recording, and
    /// a config whose only hook it is, for stale-action reminders, called
    /// with `argument` (`{key}`, `{title}`).
    func writeRecordingHook(argument: String, then command: String, timeout: String,
                            summaryAfter: Int? = nil) throws {
        try dir.write("recording-hook.sh", "#!/bin/sh\nprintf '%s\\n' \"$1\" >> \"\(dir.path)/calls.log\"\n\(command)\n")
        _ = try run(["chmod", "+x", recordingHook])
        try dir.write("config.toml", """
            timezone = "UTC"
            working_hours = "always"
            # Each test is about the reminders it makes, not the morning digest.
            digest = false
            \(summaryAfter.map { "[notify]\nsummary_after = \($0)" } ?? "")
            [team.bob]
            name = '\(name)'
            [[hook]]
            command = ["\(recordingHook)", "\(argument)"]
            on = ["stale-action"]
            timeout = "\(timeout)"

            """)
    }

    /// A history of `count` action items for Bob, all long past due: one
    /// stale-action reminder each.
    static func pastDueItems(_ count: Int) -> String {
        var history = ""
        for id in 1...count {
            history += "[[action]]\nid = \"\(id)\"\nmember = \"bob\"\ntext = \"Item \(id)\"\nowner = \"me\"\n"
                + "due = 2026-01-01\ncreated = 2026-01-01\n\n"
        }
        return history
    }

    /// What the recording hook was called with, in order.
    func recordedCalls() -> [String] {
        ((try? readBytes(dir.path + "/calls.log")).map { String(decoding: $0, as: UTF8.self) } ?? "")
            .split(separator: "\n").map(String.init)
    }
}

extension DaemonIntegrationTests.Setup {
    /// What the daemon with `pid` wrote to the journal, one message a line.
    func daemonLines(_ pid: Int32) throws -> String {
        try run(["journalctl", "-o", "cat", "--no-pager", "_PID=\(pid)"]).stdout
    }

    /// The history file as it is now ("" before there is one).
    var history: String {
        (try? readBytes(dir.path + "/data/history.toml")).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
