/// Reads iCalendar (RFC 5545) files into components.
///
/// The parser works on bytes in one pass over the physical lines. It
/// accepts CRLF and bare LF line ends and a leading byte order mark, joins
/// folded lines (a line that starts with a space or a tab continues the
/// one before, the fold removed byte for byte, so a fold may fall inside a
/// UTF-8 sequence), skips blank lines, and checks each unfolded content
/// line for UTF-8 and control characters before splitting it into name,
/// parameters and value. It stops at the first error.
///
/// Values are kept as written; `Property` and `Event` read them as dates,
/// text and rules when asked, so a malformed value in a component nobody
/// looks at (a VTIMEZONE, an X- property) does not stop the file.
public enum ICalendarParser {
    /// The deepest nesting of components accepted. Real files nest three
    /// deep (VCALENDAR > VEVENT > VALARM); the bound keeps a hostile file
    /// from building a structure that recursion over it cannot handle.
    public static let maximumNesting = 32

    /// Parses a whole file.
    ///
    /// - Parameter bytes: the file's contents.
    /// - Returns: the top-level components (normally one VCALENDAR), each
    ///   with its properties and nested components in file order.
    /// - Throws: `ICalendarError` at the first content line that is not
    ///   well formed, or at the first BEGIN/END that does not nest.
    public static func parse(_ bytes: [UInt8]) throws(ICalendarError) -> [Component] {
        var nesting = Nesting()
        var logical: [UInt8] = []
        // The physical line the pending content line began on; 0 when none
        // is pending.
        var logicalLine = 0
        let count = bytes.count
        var i = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var line = 1
        while i < count {
            var next = i
            while next < count, bytes[next] != ASCII.lineFeed { next += 1 }
            var lineEnd = next
            if lineEnd > i, bytes[lineEnd - 1] == ASCII.carriageReturn { lineEnd -= 1 }
            if lineEnd > i, bytes[i] == ASCII.space || bytes[i] == ASCII.tab {
                guard logicalLine != 0 else {
                    throw ICalendarError(line: line, column: 1,
                                         message: "a folded line (one that starts with a space or tab) with no content line before it")
                }
                logical.append(contentsOf: bytes[(i + 1)..<lineEnd])
            } else {
                if logicalLine != 0 {
                    try nesting.take(ContentLine.parse(logical, line: logicalLine))
                }
                logical.removeAll(keepingCapacity: true)
                logical.append(contentsOf: bytes[i..<lineEnd])
                logicalLine = lineEnd > i ? line : 0
            }
            line += 1
            i = next + 1
        }
        if logicalLine != 0 {
            try nesting.take(ContentLine.parse(logical, line: logicalLine))
        }
        return try nesting.finish()
    }

    /// Parses a whole file held in a string.
    ///
    /// - Parameter text: the file's contents.
    /// - Returns: the top-level components.
    /// - Throws: `ICalendarError` as `parse(_:)` with bytes does.
    public static func parse(_ text: String) throws(ICalendarError) -> [Component] {
        try parse(Array(text.utf8))
    }
}

/// The components opened by BEGIN and not yet closed by END, innermost
/// last, and the top-level ones already closed.
private struct Nesting {
    var open: [Component] = []
    var closed: [Component] = []

    mutating func take(_ property: Property) throws(ICalendarError) {
        switch property.name {
        case "BEGIN":
            let name = try componentName(property)
            guard open.count < ICalendarParser.maximumNesting else {
                throw ICalendarError(line: property.line,
                                     message: "components nested more than \(ICalendarParser.maximumNesting) deep")
            }
            open.append(Component(name: name, line: property.line))
        case "END":
            let name = try componentName(property)
            guard let innermost = open.last else {
                throw ICalendarError(line: property.line, message: "END:\(name) without a BEGIN:\(name)")
            }
            guard innermost.name == name else {
                throw ICalendarError(line: property.line,
                                     message: "END:\(name) does not match BEGIN:\(innermost.name) on line \(innermost.line)")
            }
            let done = open.removeLast()
            if open.isEmpty {
                closed.append(done)
            } else {
                open[open.count - 1].components.append(done)
            }
        default:
            guard !open.isEmpty else {
                throw ICalendarError(line: property.line, column: 1,
                                     message: "property \(property.name) outside any component (a file starts with BEGIN:VCALENDAR)")
            }
            open[open.count - 1].properties.append(property)
        }
    }

    func finish() throws(ICalendarError) -> [Component] {
        if let innermost = open.last {
            throw ICalendarError(line: innermost.line,
                                 message: "BEGIN:\(innermost.name) is never ended (no END:\(innermost.name) follows)")
        }
        return closed
    }

    /// The upper-cased name after BEGIN: or END:, trailing blanks ignored.
    private func componentName(_ property: Property) throws(ICalendarError) -> String {
        var bytes = Array(property.value.utf8)
        while let last = bytes.last, last == ASCII.space || last == ASCII.tab { bytes.removeLast() }
        guard !bytes.isEmpty, bytes.allSatisfy(ASCII.isNameByte) else {
            throw property.error("\(property.name) needs a component name (letters, digits and '-'), found '\(property.value)'")
        }
        return ASCII.uppercased(String(decoding: bytes, as: UTF8.self))
    }
}
