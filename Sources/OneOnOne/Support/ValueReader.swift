package import TOML

/// Reads values out of a parsed TOML document, recording a diagnostic at the
/// offending key or value for every problem instead of stopping at the
/// first, so one `oneonone check` shows them all. The config decoder and the
/// store's record decoders share it, and so word their messages alike:
/// `'mood' in [[met]] must be a whole number from 1 to 5, found string "x"`.
///
/// Each reading method returns the value, or nil after reporting why not.
package struct ValueReader {
    /// The path shown in diagnostics.
    package let file: String
    /// The document's lines, for showing the offending one.
    package var lines: SourceLines
    /// Every problem reported, in the order found.
    package private(set) var diagnostics: [Diagnostic] = []

    /// A reader for the document `bytes` read from `file`.
    package init(file: String, bytes: [UInt8]) {
        self.file = file
        lines = SourceLines(bytes)
    }

    /// Whether any problem reported is an error (not only warnings).
    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Records a problem at `position`, with the line it stands on.
    package mutating func report(_ severity: Diagnostic.Severity = .error, at position: TOMLPosition, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: position.line, column: position.column, severity: severity,
                                      message: message, sourceLine: lines.text(ofLine: position.line)))
    }

    /// Reports a key that `context` does not have, with the closest one.
    package mutating func unknownKey(_ entry: TOMLTable.Entry, allowed: [String], in context: String) {
        let hint = Suggestion.closest(to: entry.key, in: allowed).map { "; did you mean '\($0)'?" }
            ?? " (known keys: \(allowed.joined(separator: ", ")))"
        report(at: entry.keyPosition, "unknown key '\(entry.key)' in \(context)\(hint)")
    }

    /// How a value reads in a message: its type and its text.
    package func describe(_ value: TOMLValue) -> String {
        switch value {
        case .table: return "a table"
        case .array(let a) where a.elements.count > 8: return "an array of \(a.elements.count) values"
        default:
            let text = TOMLWriter.inline(value)
            return "\(value.typeName) \(text.count > 60 ? String(text.prefix(57)) + "..." : text)"
        }
    }

    /// Reports a value of the wrong kind: "'key' in CONTEXT must be EXPECTED, found …".
    package mutating func mismatch(_ entry: TOMLTable.Entry, in context: String, expected: String) {
        report(at: entry.valuePosition, "'\(entry.key)' in \(context) must be \(expected), found \(describe(entry.value))")
    }

    package mutating func string(_ entry: TOMLTable.Entry, in context: String) -> String? {
        guard case .string(let s) = entry.value else { mismatch(entry, in: context, expected: "a string"); return nil }
        return s
    }

    /// An array of strings; `expected` says what one looks like.
    package mutating func strings(_ entry: TOMLTable.Entry, in context: String,
                                 expected: String = "an array of strings") -> [String]? {
        guard case .array(let array) = entry.value else {
            mismatch(entry, in: context, expected: expected)
            return nil
        }
        var result: [String] = []
        for (value, position) in zip(array.elements, array.positions) {
            guard case .string(let s) = value else {
                report(at: position, "'\(entry.key)' in \(context) must hold only strings, found \(describe(value))")
                return nil
            }
            result.append(s)
        }
        return result
    }
}
