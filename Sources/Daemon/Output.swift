import Logging
import Systemd
import Glibc

/// Where the daemon's entries go: the journal when its socket is there,
/// else standard error (a terminal, `make run`), one readable block each.
enum Output {
    static func journal(_ fields: [(name: String, value: String)], logger: Logger) {
        if Journal.isAvailable {
            do {
                try Journal.send(fields)
                if isatty(2) == 1 { stderrBlock(fields) }
                return
            } catch {
                logger.error("cannot write to the journal: \(error)")
            }
        }
        stderrBlock(fields)
    }

    /// "oneonone[overdue]: 1:1 with Alice overdue by 3 days" and the body,
    /// indented.
    static func stderrBlock(_ fields: [(name: String, value: String)]) {
        let message = fields.first { $0.name == "MESSAGE" }?.value ?? ""
        let kind = fields.first { $0.name == "ONEONONE_KIND" }?.value ?? "oneonone"
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        var text = "[\(kind)] \(lines.first ?? "")\n"
        for line in lines.dropFirst() { text += "    \(line)\n" }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}
