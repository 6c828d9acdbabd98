package import OneOnOne
package import Posix

/// Why reading or writing the history or a state file failed.
///
/// It prints like the rest of oneonone's errors: file problems as compiler
/// diagnostics (`history.toml:12:5: error: …`, the line, a caret), the
/// others as one `error:` line.
package struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    package enum Reason: Sendable {
        /// The file does not parse or does not hold valid records; every
        /// problem found, in file order.
        case invalid(Diagnostics)
        /// A change was refused because the file it would change is broken;
        /// the file was left exactly as it was.
        case writeRefused(path: String, Diagnostics)
        /// The operating system refused: the path, the call and errno.
        case system(SystemError)
        /// The file was not read: it is not a regular file, or larger than
        /// oneonone reads.
        case refused(FileSystem.ReadError)
        /// A touch named an action item that does not exist.
        case unknownAction(id: String, path: String, suggestion: String?)
        /// A record that would not read back, so it is not written
        /// (a mood of 7, an empty member key).
        case badRecord(String)
    }

    /// What went wrong.
    package var reason: Reason

    /// Wraps `reason`.
    package init(_ reason: Reason) { self.reason = reason }

    /// The file diagnostics, when the error is about a file's contents.
    package var diagnostics: Diagnostics? {
        switch reason {
        case .invalid(let diagnostics), .writeRefused(_, let diagnostics): diagnostics
        default: nil
        }
    }

    /// The error as the CLI prints it, ending with a newline.
    package var description: String {
        switch reason {
        case .invalid(let diagnostics):
            return diagnostics.description
        case .writeRefused(let path, let diagnostics):
            return diagnostics.description + "error: nothing was written; fix \(path) first (`oneonone check` lists every problem)\n"
        case .system(let error):
            return "error: \(error)\n"
        case .refused(let error):
            return "error: \(error)\n"
        case .unknownAction(let id, let path, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "error: no action item '\(id)' in \(path)\(hint) (see: oneonone action list)\n"
        case .badRecord(let message):
            return "error: \(message)\n"
        }
    }
}
