extension LocalDate {
    /// Reads an ISO 8601 calendar date, `YYYY-MM-DD` with exactly four,
    /// two and two digits.
    ///
    /// - Returns: the date, or nil for any other text and for days that do
    ///   not exist (2026-02-30, 2026-13-01).
    package static func parse(_ text: Substring) -> LocalDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Int(asciiDigits: bytes[0..<4]), let month = Int(asciiDigits: bytes[5..<7]),
              let day = Int(asciiDigits: bytes[8..<10])
        else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// Reads an ISO 8601 calendar date, `YYYY-MM-DD`; see `parse(_:)` for
    /// substrings.
    package static func parse(_ text: String) -> LocalDate? { parse(text[...]) }
}
