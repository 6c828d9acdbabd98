/// One-line TOML strings read by the parser's own code, for readers that
/// scan a known subset of TOML themselves (the history's fast reader): the
/// same escapes, the same UTF-8 and control-character rules, one definition.
public struct TOMLStringReader {
    private var parser: Parser

    /// A reader over `buffer`, which must outlive it.
    public init(_ buffer: UnsafeBufferPointer<UInt8>) {
        parser = Parser(buffer)
    }

    /// The basic (`"…"`) or literal (`'…'`) string whose opening quote is at
    /// `index`, and the index just past its closing quote; nil for anything
    /// else: no quote there, a multi-line string, a string that is not valid.
    ///
    /// - Parameter keep: false to only check the string; its text is then empty.
    public mutating func string(at index: Int, keep: Bool = true) -> (text: String, end: Int)? {
        let p = parser.p
        guard index < p.count, p[index] == ASCII.quote || p[index] == ASCII.apostrophe else { return nil }
        let quote = p[index]
        if index + 2 < p.count, p[index + 1] == quote, p[index + 2] == quote { return nil }
        parser.i = index
        do {
            let text = quote == ASCII.quote ? try parser.parseBasicString(keep: keep)
                : try parser.parseLiteralString(keep: keep)
            return (text, parser.i)
        } catch {
            return nil
        }
    }
}
