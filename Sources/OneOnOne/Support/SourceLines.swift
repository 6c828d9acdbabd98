/// The text of a file split into lines, for showing the offending line
/// under a diagnostic.
///
/// The split happens on first need: a clean file is never split.
package struct SourceLines: Sendable {
    package let bytes: [UInt8]
    private var starts: [Int]?

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The text of 1-based `line` without its line ending, or nil when the
    /// file has no such line.
    package mutating func text(ofLine line: Int) -> String? {
        let starts = self.starts ?? lineStarts()
        self.starts = starts
        guard line >= 1, line <= starts.count else { return nil }
        var end = line < starts.count ? starts[line] - 1 : bytes.count
        if end > starts[line - 1], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[starts[line - 1]..<end], as: UTF8.self)
    }

    /// The 1-based line on which the byte at `offset` stands.
    package func line(at offset: Int) -> Int {
        var line = 1
        for byte in bytes[..<offset] where byte == UInt8(ascii: "\n") { line += 1 }
        return line
    }

    private func lineStarts() -> [Int] {
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(i + 1) }
        return starts
    }
}
