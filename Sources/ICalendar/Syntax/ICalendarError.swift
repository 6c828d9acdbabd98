/// Why an iCalendar file, or a value in it, was rejected, and where.
///
/// `line` is the physical line on which the content line began: a property
/// folded over several lines is reported at its first one, where a person
/// finds its name. `column`, when there is one, counts Unicode scalars in
/// the unfolded content line, so it can run past the width of that
/// physical line.
public struct ICalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line where the offending content line starts.
    public var line: Int
    /// The 1-based column in the unfolded content line, when the error is
    /// about one spot in it; nil when it is about the line as a whole.
    public var column: Int?
    /// What is wrong, as a lower-case sentence fragment, e.g.
    /// "END:VTODO does not match BEGIN:VEVENT on line 3".
    public var message: String

    /// Creates an error from its parts.
    public init(line: Int, column: Int? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// The error as a compiler-style diagnostic, without a line ending:
    /// `work.ics:12: error: …`, or `work.ics:12:9: error: …` with a column.
    ///
    /// - Parameter file: the name to show for the file, e.g. its path.
    public func rendered(file: String) -> String {
        let place = column.map { "\(line):\($0)" } ?? "\(line)"
        return "\(file):\(place): error: \(message)"
    }

    /// The diagnostic as `rendered(file: "<input>")` prints it.
    public var description: String { rendered(file: "<input>") }
}
