/// How insistent a reminder is; hooks get it as `{urgency}` (the values
/// notify-send takes), the journal as PRIORITY.
package enum Urgency: String, Sendable, Hashable, Comparable {
    case low, normal, critical

    package static func < (a: Urgency, b: Urgency) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .critical: 2
        }
    }
}

/// One nudge for the manager, ready to journal and hand to hooks.
package struct Reminder: Sendable, Hashable {
    /// Stable identity: kind + subject + occurrence, e.g.
    /// `overdue/alice/2026-11-24#2` (see `Reminder.key`). Fired at most once.
    package var key: String
    package var kind: ReminderKind
    package var urgency: Urgency
    /// The member's key.
    package var member: String
    /// The member's name.
    package var memberName: String
    /// The action item, for stale-action reminders.
    package var actionID: String?
    /// The due date of the 1:1 or of the action item, if it has one.
    package var due: LocalDate?
    /// When the reminder was meant to fire (after working hours, away
    /// periods and snoozes).
    package var scheduled: Instant
    /// How much later than `scheduled` it fires, when it was missed (the
    /// machine slept or the daemon was down); nil when on time.
    package var lateBy: Int64?
    /// 1 for the first alert, 2 for the first repeat …
    package var occurrence: Int
    /// One line: "1:1 with Alice due tomorrow".
    package var title: String
    /// A few lines with the details; its last line says so when the
    /// reminder is late (`lateBy`).
    package var body: String

    /// The journal priority: due-soon and due 5 (notice), others 4
    /// (warning), critical 2.
    package var priority: Int {
        if urgency == .critical { return 2 }
        return kind == .dueSoon || kind == .due ? 5 : 4
    }
}

extension Reminder {
    /// The one rule for a reminder's identity: kind, subject (a member key
    /// or an action id) and the day its run began (the 1:1's due day, the
    /// day an item went stale, a drift or mood drop began), plus the
    /// occurrence for the kinds that repeat:
    /// `due-soon/alice/2026-11-24`, `overdue/alice/2026-11-24#2`,
    /// `stale-action/7/2026-11-30#1`.
    /// A digest is the team's, one a day: `digest/2026-11-23`.
    package static func key(_ kind: ReminderKind, subject: String, since day: LocalDate, occurrence: Int) -> String {
        if kind == .digest { return "digest/\(day)" }
        let base = "\(kind.rawValue)/\(subject)/\(day)"
        return kind.repeats ? base + "#\(occurrence)" : base
    }

    /// The one rule for how insistent a reminder is: a due-soon nudge is
    /// low; everything else normal, until a repeating alert has come more
    /// than three times, when it turns critical.
    package static func urgency(_ kind: ReminderKind, occurrence: Int) -> Urgency {
        if kind == .dueSoon || kind == .digest { return .low }
        return kind.repeats && occurrence > 3 ? .critical : .normal
    }

    /// The reminder as one JSON object: what `plan --json` prints and what
    /// a hook reads on its stdin.
    package var json: JSON {
        .object([
            ("key", .string(key)),
            ("kind", .string(kind.rawValue)),
            ("urgency", .string(urgency.rawValue)),
            ("priority", .int(priority)),
            ("member", .string(member)),
            ("name", .string(memberName)),
            ("action", actionID.map { .string($0) } ?? .null),
            ("due", due.map { .string($0.description) } ?? .null),
            ("scheduled", .string(scheduled.description)),
            ("late_seconds", lateBy.map { .int(Int($0)) } ?? .null),
            ("occurrence", .int(occurrence)),
            ("title", .string(title)),
            ("body", .string(body)),
        ])
    }
}

/// What the planner decided at one instant.
package struct Plan: Sendable {
    /// Reminders to fire now, in the order to fire them.
    package var fire: [Reminder]
    /// The earliest future instant at which the answer could change; nil
    /// when nothing is scheduled at all.
    package var nextWake: Instant?
    /// True when reminders are due but wait for the start of the working
    /// hours (`fire` is then empty and `nextWake` that start).
    package var waitsForWorkingHours: Bool

    package init(fire: [Reminder], nextWake: Instant?, waitsForWorkingHours: Bool = false) {
        self.fire = fire
        self.nextWake = nextWake
        self.waitsForWorkingHours = waitsForWorkingHours
    }
}

extension Reminder {
    /// One reminder that stands for `reminders` (many at once, for one
    /// hook): titled with how many of each kind, listing their titles, as
    /// urgent as the most urgent of them. It is for delivery only; each of
    /// `reminders` keeps its own key, ledger record and journal entry.
    ///
    /// - Parameter at: when they fire; the summary's key names it.
    package static func summary(of reminders: [Reminder], at instant: Instant) -> Reminder {
        let kinds = ReminderKind.allCases.compactMap { kind -> String? in
            let n = reminders.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(n) \(kind.counted(n))"
        }
        var lines = reminders.prefix(20).map { "• " + $0.title }
        if reminders.count > 20 { lines.append("• … and \(reminders.count - 20) more (journalctl --user -u oneonone)") }
        let kind = reminders.map(\.kind).min() ?? .dueSoon
        return Reminder(
            key: "summary/\(instant)", kind: kind, urgency: reminders.map(\.urgency).max() ?? .normal, member: "",
            memberName: "", actionID: nil, due: nil, scheduled: instant, lateBy: nil, occurrence: 1,
            title: "\(reminders.count) reminders: " + kinds.joined(separator: ", "), body: lines.joined(separator: "\n"))
    }
}

extension ReminderKind {
    /// The kind as counted in a summary: "3 overdue 1:1s", "1 stale item".
    func counted(_ n: Int) -> String {
        let plural = n == 1 ? "" : "s"
        switch self {
        case .dueSoon: return "1:1\(plural) due soon"
        case .due: return "1:1\(plural) due"
        case .overdue: return "overdue 1:1\(plural)"
        case .staleAction: return "stale item\(plural)"
        case .drift: return "drift alert\(plural)"
        case .moodDrop: return "mood drop\(plural)"
        case .digest: return "digest\(plural)"
        }
    }
}
