import ICalendar
import Testing

/// Content lines, folding and nesting: what RFC 5545 §3.1 and §3.4 say a
/// file looks like, and the files exporters really write (bare LF ends,
/// blank lines, lower-case names).
@Suite("iCalendar parser")
struct ParserTests {
    /// `lines` joined with CRLF, wrapped in a VCALENDAR and a VEVENT.
    static func event(_ lines: [String]) -> String {
        (["BEGIN:VCALENDAR", "BEGIN:VEVENT"] + lines + ["END:VEVENT", "END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
    }

    /// The VEVENT of `text`.
    func onlyEvent(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Component {
        let parsed = try ICalendarParser.parse(text)
        return try #require(Component.events(in: parsed).first, sourceLocation: sourceLocation)
    }

    @Test("components nest: VCALENDAR holds VEVENT and VTIMEZONE, a VEVENT holds its VALARM")
    func nesting() throws {
        let text = """
            BEGIN:VCALENDAR
            VERSION:2.0
            BEGIN:VTIMEZONE
            TZID:Europe/Kyiv
            BEGIN:STANDARD
            TZOFFSETTO:+0200
            END:STANDARD
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:1
            BEGIN:VALARM
            ACTION:DISPLAY
            END:VALARM
            END:VEVENT
            END:VCALENDAR

            """
        let parsed = try ICalendarParser.parse(text)
        try #require(parsed.count == 1)
        let calendar = parsed[0]
        #expect(calendar.name == "VCALENDAR")
        #expect(calendar.properties.map(\.name) == ["VERSION"])
        #expect(calendar.components.map(\.name) == ["VTIMEZONE", "VEVENT"])
        #expect(calendar.components[0].components.map(\.name) == ["STANDARD"])
        #expect(calendar.components[1].properties.map(\.name) == ["UID"])
        #expect(calendar.components[1].components.first?.property("ACTION")?.value == "DISPLAY")
        #expect(calendar.components[1].line == 9)
    }

    @Test("CRLF and bare LF line ends read alike, and blank lines are skipped")
    func lineEnds() throws {
        let crlf = try ICalendarParser.parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
        let lf = try ICalendarParser.parse("BEGIN:VCALENDAR\n\nVERSION:2.0\nEND:VCALENDAR")
        #expect(crlf[0].properties.map(\.value) == ["2.0"])
        #expect(lf[0].properties.map(\.value) == ["2.0"])
    }

    @Test("a leading byte order mark is not part of the first name")
    func byteOrderMark() throws {
        let parsed = try ICalendarParser.parse([0xEF, 0xBB, 0xBF] + Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8))
        #expect(parsed.map(\.name) == ["VCALENDAR"])
    }

    @Test("a line starting with a space or a tab continues the previous one, the fold removed")
    func folding() throws {
        let event = try onlyEvent(Self.event(["SUMMARY:Weekly 1:1 wi", " th Alice", "DESCRIPTION:one", "\t two"]))
        #expect(event.property("SUMMARY")?.value == "Weekly 1:1 with Alice")
        #expect(event.property("DESCRIPTION")?.value == "one two")
    }

    @Test("a fold inside a UTF-8 sequence is joined byte for byte")
    func foldInsideMultibyteCharacter() throws {
        // "café ✓": the fold falls after the first byte of é and inside ✓.
        var bytes = Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:caf".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xA9]
        bytes += Array(" ".utf8) + [0xE2, 0x9C, 0x0A, 0x09, 0x93]
        bytes += Array("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        let event = try #require(Component.events(in: try ICalendarParser.parse(bytes)).first)
        #expect(event.property("SUMMARY")?.value == "café ✓")
    }

    @Test("names of properties, parameters and components are case-insensitive and stored upper-cased")
    func caseInsensitiveNames() throws {
        let parsed = try ICalendarParser.parse("begin:vcalendar\nBegin:VEvent\ndtStart;tzid=Europe/Kyiv:20261124T140000\nend:VEVENT\nEND:vcalendar\n")
        let event = try #require(Component.events(in: parsed).first)
        #expect(event.name == "VEVENT")
        let start = try #require(event.property("dtstart"))
        #expect(start.name == "DTSTART")
        #expect(start.parameters == [Parameter(name: "TZID", values: ["Europe/Kyiv"])])
        #expect(start.parameter("TzId") == "Europe/Kyiv")
    }

    @Test("a quoted parameter value keeps its commas, semicolons and colons")
    func quotedParameters() throws {
        let event = try onlyEvent(Self.event([
            #"ATTENDEE;CN="Doe, Jane; PhD";DIR="ldap://x:389/cn=J";PARTSTAT=ACCEPTED:mailto:jane@example.com"#,
        ]))
        let attendee = try #require(event.property("ATTENDEE"))
        #expect(attendee.parameter("CN") == "Doe, Jane; PhD")
        #expect(attendee.parameter("DIR") == "ldap://x:389/cn=J")
        #expect(attendee.parameter("PARTSTAT") == "ACCEPTED")
        #expect(attendee.value == "mailto:jane@example.com")
    }

    @Test("a parameter can have a list of values, quoted or not")
    func parameterLists() throws {
        let event = try onlyEvent(Self.event([
            #"ATTENDEE;MEMBER="mailto:a@x.org","mailto:b@x.org";DELEGATED-TO=c,d;X-EMPTY=:mailto:e@x.org"#,
        ]))
        let attendee = try #require(event.property("ATTENDEE"))
        #expect(attendee.parameterValues("MEMBER") == ["mailto:a@x.org", "mailto:b@x.org"])
        #expect(attendee.parameterValues("DELEGATED-TO") == ["c", "d"])
        #expect(attendee.parameterValues("X-EMPTY") == [""])
        #expect(attendee.parameterValues("ROLE") == nil)
    }

    @Test("RFC 6868 caret escapes in parameter values are decoded")
    func caretEscapes() throws {
        let event = try onlyEvent(Self.event([#"ATTENDEE;CN="The ^'Boss^' ^^ co^nHQ":mailto:b@x.org"#]))
        #expect(event.property("ATTENDEE")?.parameter("CN") == "The \"Boss\" ^ co\nHQ")
    }

    @Test("the value is everything after the first unquoted colon")
    func valueWithColons() throws {
        let event = try onlyEvent(Self.event(["URL;VALUE=URI:https://example.com:8443/a;b", "X-EMPTY:"]))
        #expect(event.property("URL")?.value == "https://example.com:8443/a;b")
        #expect(event.property("X-EMPTY")?.value == "")
    }

    @Test("properties keep the line they start on and their value's column")
    func positions() throws {
        let event = try onlyEvent(Self.event(["SUMMARY:a", " b", "DTSTART;VALUE=DATE:20261124"]))
        #expect(event.property("SUMMARY")?.line == 3)
        #expect(event.property("DTSTART")?.line == 5)
        #expect(event.property("DTSTART")?.valueColumn == 20)
    }

    // MARK: Errors

    /// The error `text` fails with, or a recorded issue when it parses.
    func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ICalendarError? {
        failure(bytes: Array(text.utf8), sourceLocation: sourceLocation)
    }

    func failure(bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> ICalendarError? {
        do {
            let parsed = try ICalendarParser.parse(bytes)
            Issue.record("accepted: \(parsed)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test("an END that does not match its BEGIN names both, at the END's line")
    func mismatchedEnd() {
        let error = failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nEND:VTODO\nEND:VCALENDAR\n")
        #expect(error == ICalendarError(line: 4, message: "END:VTODO does not match BEGIN:VEVENT on line 2"))
    }

    @Test("an END without a BEGIN is an error at its line")
    func endWithoutBegin() {
        let error = failure("BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VEVENT\n")
        #expect(error?.line == 3)
        #expect(error?.message == "END:VEVENT without a BEGIN:VEVENT")
    }

    @Test("a BEGIN never ended is reported at that BEGIN")
    func unterminatedComponent() {
        let error = failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nEND:VCALENDAR\n")
        #expect(error?.line == 4, "END:VCALENDAR meets the open VEVENT first")
        let cut = failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\n")
        #expect(cut == ICalendarError(line: 2, message: "BEGIN:VEVENT is never ended (no END:VEVENT follows)"))
    }

    @Test("a property outside any component is an error")
    func propertyOutside() {
        let error = failure("VERSION:2.0\nBEGIN:VCALENDAR\nEND:VCALENDAR\n")
        #expect(error?.line == 1)
        #expect(error?.message.contains("outside any component") == true)
    }

    @Test("line numbers count physical lines: an error after folded lines is at its own line")
    func lineNumbersAfterFolds() {
        let error = failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDESCRIPTION:a\n b\n c\nEND:VTODO\n")
        #expect(error?.line == 6)
    }

    @Test("an error in a folded content line is at its first line, the column counted in the unfolded line")
    func errorInFoldedLine() {
        // The stray quote is on the second physical line of the property.
        let error = failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nATTENDEE;CN=Jo\n e\"s:mailto:j@x\nEND:VEVENT\nEND:VCALENDAR\n")
        #expect(error?.line == 3)
        #expect(error?.column == 16)
        #expect(error?.message.contains("unquoted value of parameter CN") == true)
    }

    @Test("bytes that are not UTF-8 are an error at their line and column")
    func badUTF8() {
        var bytes = Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:caf".utf8) + [0xC3, 0x28]
        bytes += Array("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        let error = failure(bytes: bytes)
        #expect(error == ICalendarError(line: 3, column: 12, message: "invalid UTF-8 (byte 0xC3 does not start a valid sequence)"))
    }

    @Test("a UTF-8 sequence cut short by a line end is an error, overlong forms too")
    func truncatedAndOverlongUTF8() {
        let cut = failure(bytes: Array("BEGIN:VCALENDAR\nX-A:".utf8) + [0xE2, 0x9C] + Array("\nEND:VCALENDAR\n".utf8))
        #expect(cut?.line == 2)
        #expect(cut?.column == 5)
        let overlong = failure(bytes: Array("BEGIN:VCALENDAR\nX-A:".utf8) + [0xC0, 0xAF] + Array("\nEND:VCALENDAR\n".utf8))
        #expect(overlong?.line == 2)
    }

    @Test("control characters are refused, a lone carriage return by name")
    func controlCharacters() {
        let bell = failure("BEGIN:VCALENDAR\nX-A:a\u{07}b\nEND:VCALENDAR\n")
        #expect(bell == ICalendarError(line: 2, column: 6, message: "control character U+0007"))
        let cr = failure("BEGIN:VCALENDAR\nX-A:a\rb\nEND:VCALENDAR\n")
        #expect(cr?.message == "carriage return without a line feed")
    }

    @Test("a content line without a colon is an error naming the property")
    func missingColon() {
        let error = failure("BEGIN:VCALENDAR\nVERSION 2.0\nEND:VCALENDAR\n")
        #expect(error == ICalendarError(line: 2, column: 8, message: "expected ':' or ';' after VERSION, found ' '"))
        let bare = failure("BEGIN:VCALENDAR\nVERSION\nEND:VCALENDAR\n")
        #expect(bare?.message == "content line VERSION has no ':' before its value")
    }

    @Test("an unterminated quoted parameter value points at its opening quote")
    func unterminatedQuote() {
        let error = failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nATTENDEE;CN=\"Doe, Jane:mailto:j@x\nEND:VEVENT\nEND:VCALENDAR\n")
        #expect(error == ICalendarError(line: 3, column: 13, message: "the quoted value of parameter CN has no closing '\"'"))
    }

    @Test("a parameter without '=' is an error at what follows its name")
    func parameterWithoutEquals() {
        let error = failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE:20261124\nEND:VEVENT\nEND:VCALENDAR\n")
        #expect(error == ICalendarError(line: 3, column: 14, message: "expected '=' after parameter VALUE, found ':'"))
    }

    @Test("a folded line with nothing before it is an error")
    func foldAtStart() {
        let error = failure(" BEGIN:VCALENDAR\nEND:VCALENDAR\n")
        #expect(error?.line == 1)
        #expect(error?.column == 1)
    }

    @Test("BEGIN needs a component name")
    func beginWithoutName() {
        let error = failure("BEGIN:VCALENDAR\nBEGIN:\nEND:VCALENDAR\n")
        #expect(error?.line == 2)
        #expect(error?.message.contains("needs a component name") == true)
    }

    @Test("components nested deeper than the limit are refused")
    func nestingLimit() {
        let depth = ICalendarParser.maximumNesting + 1
        let text = (0..<depth).map { "BEGIN:X\($0)\n" }.joined() + (0..<depth).reversed().map { "END:X\($0)\n" }.joined()
        let error = failure(text)
        #expect(error?.line == depth)
        #expect(error?.message == "components nested more than \(ICalendarParser.maximumNesting) deep")
    }

    @Test("errors print like compiler diagnostics, with the file the caller names")
    func rendering() {
        #expect(ICalendarError(line: 12, message: "BEGIN:VEVENT is never ended").rendered(file: "work.ics")
            == "work.ics:12: error: BEGIN:VEVENT is never ended")
        #expect(ICalendarError(line: 3, column: 9, message: "x").rendered(file: "a.ics") == "a.ics:3:9: error: x")
        #expect(ICalendarError(line: 3, message: "x").description == "<input>:3: error: x")
    }
}
