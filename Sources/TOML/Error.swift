/// Why a TOML document was rejected, and where.
///
/// The parser stops at the first error. Its position is the character a
/// person has to look at: the offending character for a stray or missing
/// piece of syntax, the start of the token for a value that is well formed
/// but out of range (an integer too large, February 30), the opening quote or
/// bracket for something left unterminated, and the second occurrence of a
/// key or table that is defined twice.
public struct TOMLError: Error, Sendable, CustomStringConvertible {
    /// Where the error is: 1-based line and column, in Unicode scalars.
    public var position: TOMLPosition
    /// What is wrong, as a lower-case sentence fragment, e.g.
    /// "duplicate key 'name' (first defined at 3:1)".
    public var message: String
    /// The text of the offending line without its line ending; bytes that are
    /// not valid UTF-8 appear as U+FFFD.
    public var sourceLine: String

    /// Creates an error from its parts.
    public init(position: TOMLPosition, message: String, sourceLine: String) {
        self.position = position
        self.message = message
        self.sourceLine = sourceLine
    }

    /// The error as a compiler-style diagnostic: a `FILE:LINE:COL: error:`
    /// line, the source line with its number, and a caret under the column.
    ///
    /// - Parameter file: the name to show for the document, e.g. a path.
    /// - Returns: three lines, each ending in a newline.
    public func rendered(file: String) -> String {
        let number = String(position.line)
        let width = max(4, number.count)
        let gutter = String(repeating: " ", count: width - number.count) + number
        let blank = String(repeating: " ", count: width)
        var caret = ""
        // Tabs are copied so that the caret lines up however wide the
        // terminal draws them; every other scalar takes one column.
        var column = 1
        for scalar in sourceLine.unicodeScalars {
            if column >= position.column { break }
            caret.append(scalar == "\t" ? "\t" : " ")
            column += 1
        }
        if column < position.column {
            caret += String(repeating: " ", count: position.column - column)
        }
        // Control characters in the line are drawn as their Control Pictures
        // (U+2400…), one column each, rather than sent to the terminal.
        var shown = String.UnicodeScalarView()
        for scalar in sourceLine.unicodeScalars {
            switch scalar.value {
            case 0x09: shown.append(scalar)
            case 0x00..<0x20: shown.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: shown.append("\u{2421}")
            default: shown.append(scalar)
            }
        }
        return "\(file):\(position.line):\(position.column): error: \(message)\n"
            + "\(gutter) | \(String(shown))\n"
            + "\(blank) | \(caret)^\n"
    }

    /// The diagnostic as `rendered(file: "<stdin>")` prints it.
    public var description: String { rendered(file: "<stdin>") }
}

/// An error found while scanning, located by byte offset.
///
/// The scanner only knows offsets; line, column and the source line are
/// worked out once, when the error leaves the parser, so that the hot paths
/// never pay for them.
struct ParseFailure: Error {
    /// The byte offset of the offending character in the input.
    var offset: Int
    var message: String

    init(_ message: String, at offset: Int) {
        self.offset = offset
        self.message = message
    }
}

extension TOMLError {
    /// Locates `failure` in `bytes`: its line, its column in Unicode scalars
    /// and the text of its line.
    init(_ failure: ParseFailure, in bytes: UnsafeBufferPointer<UInt8>) {
        // A byte order mark is an encoding signature, not text: columns on
        // the first line start after it.
        var lineStart = TOMLParser.hasByteOrderMark(bytes) ? 3 : 0
        let offset = min(max(failure.offset, lineStart), bytes.count)
        var line = 1
        var i = lineStart
        while i < offset {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var column = 1
        for j in lineStart..<offset where bytes[j] & 0xC0 != 0x80 { column += 1 }
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self)
        self.init(position: TOMLPosition(line: line, column: column), message: failure.message, sourceLine: text)
    }
}
