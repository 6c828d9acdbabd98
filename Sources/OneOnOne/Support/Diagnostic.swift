/// A problem found in a file, printed like a compiler diagnostic:
///
/// ```
/// config.toml:12:11: error: unknown key 'cadense' in [team.alice]; did you mean 'cadence'?
///    12 | cadense = "1w"
///       | ^
/// ```
package struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How bad it is; errors make `oneonone check` fail, warnings do not.
    package enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    package var file: String
    /// 1-based line; 0 when the problem is about the file as a whole.
    package var line: Int
    /// 1-based column in Unicode scalars; 0 when unknown.
    package var column: Int
    package var severity: Severity
    package var message: String
    /// The text of the offending line, when known, for the caret display.
    package var sourceLine: String?

    package init(file: String, line: Int, column: Int, severity: Severity = .error,
                message: String, sourceLine: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.sourceLine = sourceLine
    }

    /// The diagnostic with its source line and a caret under the column.
    package var description: String {
        var text = file.visible
        if line > 0 { text += ":\(line)" + (column > 0 ? ":\(column)" : "") }
        text += ": \(severity.rawValue): \(message.visible)\n"
        if line > 0, let source = sourceLine {
            let number = String(line)
            let gutter = String(repeating: " ", count: number.count)
            // The line as it may be shown (a tab stays a tab, so that the
            // caret lines up in a terminal), and the caret's padding.
            var shown = "", pad = ""
            for (i, scalar) in source.unicodeScalars.enumerated() {
                let written = scalar == "\t" ? "\t" : String(scalar).visible
                shown += written
                if i < column - 1 { pad += scalar == "\t" ? "\t" : String(repeating: " ", count: written.unicodeScalars.count) }
            }
            text += " \(number) | \(shown)\n"
            if column > 0 {
                if source.unicodeScalars.count < column - 1 {
                    pad += String(repeating: " ", count: column - 1 - source.unicodeScalars.count)
                }
                text += " \(gutter) | \(pad)^\n"
            }
        }
        return text
    }
}

/// One or more diagnostics from reading one file, in the order of the file.
package struct Diagnostics: Error, Sendable, CustomStringConvertible {
    package var items: [Diagnostic]

    package init(_ items: [Diagnostic]) { self.items = items }

    package var description: String { items.map(\.description).joined() }
}
