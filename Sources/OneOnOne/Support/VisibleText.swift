/// Text from a config or a history — names, keys, notes, item texts — as
/// it may be shown to a person: every character that a terminal or a
/// notification would act on instead of showing (escape sequences that
/// clear the screen or set the clipboard, a bell, a NUL, a right-to-left
/// override that reorders what follows) is written out visibly, `\e`,
/// `\u{202E}`, so that text can only ever be read, never run.
extension String {
    /// The text with its control and bidirectional-control characters
    /// written out: `\e`, `\t`, `\n`, `\r`, `\0`, else `\u{7}`, `\u{202E}`.
    /// Text without any is returned as it is.
    package var visible: String {
        guard mayHide, unicodeScalars.contains(where: \.isHidden) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            guard scalar.isHidden else { out.append(scalar); continue }
            let shown: String = switch scalar {
            case "\u{1B}": "\\e"
            case "\t": "\\t"
            case "\n": "\\n"
            case "\r": "\\r"
            case "\0": "\\0"
            default: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
            out.append(contentsOf: shown.unicodeScalars)
        }
        return String(out)
    }

    /// What is wrong with the text as a name or key (`lineBreaks` false)
    /// or as free text such as a note (`lineBreaks` true, which allows tab
    /// and newline): the first control character in it, if any. The rule
    /// the config and the history are checked by.
    package func controlProblem(lineBreaks: Bool) -> String? {
        guard mayHide else { return nil }
        for scalar in unicodeScalars where scalar.isControl {
            if lineBreaks && (scalar == "\t" || scalar == "\n") { continue }
            return "it holds the control character \(String(scalar).visible)"
        }
        return nil
    }
}

extension String {
    /// Whether the text may hold a control or bidi character: a byte below
    /// 0x20, DEL, or the lead byte of U+0080–00BF (C1), U+0600–063F (ALM)
    /// or U+2000–2FFF (the bidi marks). Most text has none, and is passed
    /// by one look at its bytes.
    var mayHide: Bool {
        utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }
    }
}

extension Unicode.Scalar {
    /// C0 controls, DEL and the C1 controls.
    var isControl: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }

    /// A control, or a character that changes the direction of the text
    /// around it without showing (U+202A–202E, U+2066–2069, U+200E/F,
    /// U+061C).
    var isHidden: Bool {
        isControl || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            || value == 0x200E || value == 0x200F || value == 0x061C
    }
}
