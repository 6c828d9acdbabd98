/// How insistent a reminder is; hooks get it as `{urgency}` (the values
/// notify-send takes), the journal as PRIORITY.
public enum Urgency: String, Sendable, Hashable, Comparable {
    case low, normal, critical

    public static func < (a: Urgency, b: Urgency) -> Bool {
        let order: [Urgency] = [.low, .normal, .critical]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// One nudge for the manager, ready to journal and hand to hooks.
public struct Reminder: Sendable, Hashable {
    /// Stable identity: kind + subject + occurrence, e.g.
    /// `overdue/alice/2026-11-24#2`. Fired at most once.
    public var key: String
    public var kind: ReminderKind
    public var urgency: Urgency
    /// The member's key.
    public var member: String
    /// The member's name.
    public var memberName: String
    /// The action item, for stale-action reminders.
    public var actionID: String?
    /// The due date of the 1:1 or of the action item, if it has one.
    public var due: LocalDate?
    /// When the reminder was meant to fire (after working hours, away
    /// periods and snoozes).
    public var scheduled: Instant
    /// How much later than `scheduled` it fires, when it was missed (the
    /// machine slept or the daemon was down); nil when on time.
    public var lateBy: Int64?
    /// 1 for the first alert, 2 for the first repeat …
    public var occurrence: Int
    /// One line: "1:1 with Alice due tomorrow".
    public var title: String
    /// A few lines with the details, written when asked for: a long plan
    /// is read for its titles, and most bodies are never shown.
    /// Its last line says so when the reminder is late (`lateBy`).
    public var body: String { writeBody(lateBy) }
    private var writeBody: @Sendable (_ lateBy: Int64?) -> String

    init(key: String, kind: ReminderKind, urgency: Urgency, member: String, memberName: String, actionID: String?,
         due: LocalDate?, scheduled: Instant, lateBy: Int64?, occurrence: Int, title: String,
         body: @escaping @Sendable (_ lateBy: Int64?) -> String) {
        self.key = key
        self.kind = kind
        self.urgency = urgency
        self.member = member
        self.memberName = memberName
        self.actionID = actionID
        self.due = due
        self.scheduled = scheduled
        self.lateBy = lateBy
        self.occurrence = occurrence
        self.title = title
        writeBody = body
    }

    /// The same reminder with its body written now: what is kept for
    /// long (a hook waiting to be retried) then holds the text alone, not
    /// the plan it came from.
    public func withBodyWritten() -> Reminder {
        var copy = self
        let text = body
        copy.writeBody = { _ in text }
        return copy
    }

    /// Every field equal, the body's text included.
    public static func == (a: Reminder, b: Reminder) -> Bool {
        a.key == b.key && a.kind == b.kind && a.urgency == b.urgency && a.member == b.member
            && a.memberName == b.memberName && a.actionID == b.actionID && a.due == b.due && a.scheduled == b.scheduled
            && a.lateBy == b.lateBy && a.occurrence == b.occurrence && a.title == b.title && a.body == b.body
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(scheduled)
        hasher.combine(title)
    }

    /// The journal priority: due-soon and due 5 (notice), others 4
    /// (warning), critical 2.
    public var priority: Int {
        if urgency == .critical { return 2 }
        return kind == .dueSoon || kind == .due ? 5 : 4
    }
}

/// What the planner decided at one instant.
public struct Plan: Sendable {
    /// Reminders to fire now, in the order to fire them.
    public var fire: [Reminder]
    /// The earliest future instant at which the answer could change; nil
    /// when nothing is scheduled at all.
    public var nextWake: Instant?

    public init(fire: [Reminder], nextWake: Instant?) {
        self.fire = fire
        self.nextWake = nextWake
    }
}
