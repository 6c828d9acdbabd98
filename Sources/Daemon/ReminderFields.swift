package import OneOnOne

/// How a reminder is written to the journal and handed to hooks: one set of
/// names, so that `journalctl ONEONONE_KIND=overdue` and a hook's
/// environment agree (its stdin is `Reminder.json`, as `plan --json`).
package enum ReminderFields {
    /// One fixed 128-bit MESSAGE_ID per reminder kind; documented in
    /// systemd/oneonone.catalog, so `journalctl -x` explains each entry.
    package static func messageID(_ kind: ReminderKind) -> String {
        switch kind {
        case .dueSoon: "5d789d819f684d2896215c8ba24e4003"
        case .due: "6c8927c803df4c4d8ca32e740f629c34"
        case .overdue: "ee07ce79b2d34815a25019e189255ca0"
        case .staleAction: "85a8793ced8140c39ee65aed44862407"
        case .drift: "1e5b21541260467685f537faa462e2b2"
        case .moodDrop: "f53b715c65e444ca80e4e0e7c6a07f59"
        case .digest: "9a0f5d7e3c2b4e1f8d6a4b2c1e0f9a87"
        }
    }

    /// MESSAGE_ID of "a hook failed" entries.
    package static let hookFailedID = "c571ad521e0347dca4d1dca08a36e4fe"
    /// MESSAGE_ID of "a reloaded config was rejected" entries.
    package static let configRejectedID = "03ec64c773da42de9ad07b0966ac8365"

    /// The `ONEONONE_*` values of a reminder, without the prefix, in a
    /// fixed order: KIND, MEMBER, NAME, DUE, ACTION, KEY, LATE_SEC, URGENCY,
    /// OCCURRENCE, TITLE. Absent values are empty strings.
    package static func values(_ r: Reminder) -> [(String, String)] {
        [
            ("KIND", r.kind.rawValue),
            ("MEMBER", r.member),
            ("NAME", r.memberName),
            ("DUE", r.due?.description ?? ""),
            ("ACTION", r.actionID ?? ""),
            ("KEY", r.key),
            ("LATE_SEC", r.lateBy.map { String($0) } ?? "0"),
            ("URGENCY", r.urgency.rawValue),
            ("OCCURRENCE", String(r.occurrence)),
            ("TITLE", r.title),
        ]
    }

    /// The journal entry of a reminder: MESSAGE, MESSAGE_ID, PRIORITY and
    /// the `ONEONONE_*` fields.
    package static func journalFields(_ r: Reminder) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", r.title + (r.lateBy.map { " (late by \(DateText.duration(seconds: $0)))" } ?? "") + "\n" + r.body),
            ("MESSAGE_ID", messageID(r.kind)),
            ("PRIORITY", String(r.priority)),
        ]
        for (name, value) in values(r) where !value.isEmpty {
            fields.append(("ONEONONE_" + name, value))
        }
        return fields
    }

    /// The environment a hook gets: `ONEONONE_*` plus BODY.
    package static func environment(_ r: Reminder) -> [(String, String)] {
        values(r).map { ("ONEONONE_" + $0.0, $0.1) } + [("ONEONONE_BODY", r.body)]
    }

    /// A hook's argv with `{placeholders}` replaced inside each argument.
    /// Substitution never splits or joins arguments, so a member named
    /// `Bob; rm -rf ~` stays one literal argument. `{{` and `}}` are literal
    /// braces; unknown names stay as written.
    package static func argv(_ template: [String], for r: Reminder) -> [String] {
        let values: [String: String] = [
            "title": r.title, "body": r.body, "urgency": r.urgency.rawValue, "member": r.member,
            "name": r.memberName, "kind": r.kind.rawValue, "due": r.due?.description ?? "",
            "key": r.key, "action": r.actionID ?? "", "late": r.lateBy.map { String($0) } ?? "0",
        ]
        return template.map { substitute($0, values) }
    }

    static func substitute(_ text: String, _ values: [String: String]) -> String {
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if c == "{", next < text.endIndex, text[next] == "{" {
                out.append("{"); i = text.index(after: next); continue
            }
            if c == "}", next < text.endIndex, text[next] == "}" {
                out.append("}"); i = text.index(after: next); continue
            }
            if c == "{", let close = text[next...].firstIndex(of: "}"), let value = values[String(text[next..<close])] {
                out += value
                i = text.index(after: close)
                continue
            }
            out.append(c)
            i = next
        }
        return out
    }
}
