import ArgumentParser
import Glibc

/// The `oneonone` command: keeps 1:1s regular and their follow-ups moving.
@main
struct OneOnOneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oneonone",
        abstract: "Keep your 1:1s regular and the promises made in them kept.",
        version: "0.1.0",
        subcommands: [Status.self, Met.self, ActionCommand.self, Agenda.self, LogCommand.self, PlanCommand.self, Snooze.self, Check.self, Export.self, ImportCommand.self, DaemonCommand.self]
    )

    /// Runs the command with the project's exit codes: 0 ok, 1 a user error
    /// with a message, 2 a usage error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as Failure {
            Output.error(failure.message)
            Glibc.exit(1)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Glibc.exit(0)
            }
            Output.error(message.hasSuffix("\n") ? message : message + "\n")
            Glibc.exit(code == .validationFailure ? 2 : code.rawValue == 64 ? 2 : 1)
        }
    }
}

/// A user error: the message is printed, every line of it shown visibly
/// (it may quote what was typed or read), and the exit status is 1.
struct Failure: Error {
    var message: String
    init(_ message: String) {
        let shown = message.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).visible }
            .joined(separator: "\n")
        self.message = shown.hasSuffix("\n") ? shown : shown + "\n"
    }
}

/// Writing to standard output and standard error.
enum Output {
    static func error(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}
