/// Writes reminders' titles and bodies for a person reading a notification
/// or the journal.
///
/// One per member and evaluation, shared by reference by all of that
/// member's reminder sequences and by the reminders, whose bodies it
/// writes when they are read.
final class ReminderText: Sendable {
    let context: PlanContext
    let schedule: Schedule
    /// The member, kept apart from the schedule: every reminder reads their
    /// key and name.
    let member: Member
    /// "Alice" from "Alice Kovalenko": titles stay short.
    let firstName: String

    init(context: PlanContext, schedule: Schedule) {
        self.context = context
        self.schedule = schedule
        member = schedule.member
        let name = schedule.member.name
        firstName = String(name.split(separator: " ").first ?? Substring(name))
    }

    var today: LocalDate { context.today }

    /// "every 2 weeks, last held Nov 10" / "every 2 weeks, never held".
    var cadenceLine: String {
        let cadence = schedule.learned ? "\(schedule.cadence) (learned)" : "\(schedule.cadence)"
        if let last = schedule.last {
            return "\(cadence.prefix(1).uppercased() + cadence.dropFirst()), last held \(DateText.withWeekday(last.date))"
        }
        return "\(cadence.prefix(1).uppercased() + cadence.dropFirst()), not held yet"
    }

    /// One line per open item of the member, stale ones marked.
    var itemLines: [String] {
        let dates = schedule.meetings.map(\.date)
        let open = context.openActionsByMember[member.key] ?? []
        guard !open.isEmpty else { return [] }
        var lines = ["\(open.count) open item\(open.count == 1 ? "" : "s"):"]
        for item in open.prefix(8) {
            var details = [item.owner == .me ? "you" : firstName]
            if let due = item.due { details.append("due \(DateText.short(due))") }
            if let s = item.staleness(settings: member.settings, away: member.away, meetingDates: dates), s.since <= today {
                details.append("stale")
            }
            lines.append("• [\(item.id)] \(item.text) (\(details.joined(separator: ", ")))")
        }
        if open.count > 8 { lines.append("• … and \(open.count - 8) more") }
        return lines
    }

    func lateLine(_ lateBy: Int64?) -> [String] {
        guard let late = lateBy else { return [] }
        return ["(Late by \(DateText.duration(seconds: late)): it came due while oneonone was not running.)"]
    }

    /// due-soon (step 0), due (1) or overdue #n (step n + 1).
    func meetingReminder(step: Int, scheduled: Instant) -> Reminder {
        let due = schedule.due
        let kind: ReminderKind, key: String, title: String, urgency: Urgency
        let occurrence = max(1, step - 1)
        switch step {
        case 0:
            kind = .dueSoon
            key = "due-soon/\(member.key)/\(due)"
            title = "1:1 with \(firstName) due \(DateText.relative(due, today: context.calendar.date(of: scheduled)))"
            urgency = .low
        case 1:
            kind = .due
            key = "due/\(member.key)/\(due)"
            title = "1:1 with \(firstName) due today"
            urgency = .normal
        default:
            kind = .overdue
            key = "overdue/\(member.key)/\(due)#\(occurrence)"
            let days = due.days(to: context.calendar.date(of: max(scheduled, context.now)))
            title = "1:1 with \(firstName) overdue by \(DateText.days(days))"
            urgency = occurrence > 3 ? .critical : .normal
        }
        return Reminder(key: key, kind: kind, urgency: urgency, member: member.key, memberName: member.name,
                        actionID: nil, due: due, scheduled: scheduled, lateBy: nil, occurrence: occurrence,
                        title: title) { [self] lateBy in
            var body = ["\(member.name): 1:1 due \(DateText.withWeekday(due)). \(cadenceLine)."]
            if let away = member.away.first(where: { $0.from > today && $0.from <= due.adding(days: 7) }) {
                body.append("Away from \(DateText.short(away.from)) to \(DateText.short(away.to))\(away.why.map { " (\($0))" } ?? "").")
            }
            body += itemLines
            body += lateLine(lateBy)
            return body.joined(separator: "\n")
        }
    }

    /// Alert #`occurrence` about `subject`.
    func staleReminder(_ subject: StaleItem, occurrence: Int, scheduled: Instant) -> Reminder {
        let item = subject.item
        return Reminder(
            key: "stale-action/\(item.id)/\(subject.staleness.since)#\(occurrence)", kind: .staleAction,
            urgency: occurrence > 3 ? .critical : .normal, member: member.key, memberName: member.name,
            actionID: item.id, due: item.due, scheduled: scheduled, lateBy: nil, occurrence: occurrence,
            title: "Stale item for \(firstName): \(ReminderText.shortened(item.text))") { [self, subject] lateBy in
            staleBody(subject.item, subject.staleness, lateBy: lateBy)
        }
    }

    func staleBody(_ item: ActionItem, _ staleness: Staleness, lateBy: Int64?) -> String {
        let who = item.owner == .me ? "your item" : "\(firstName)'s item"
        var body = ["\(member.name), \(who) [\(item.id)]: \(item.text)",
                    "Stale: \(staleness.reasons.map(\.text).joined(separator: "; ")). Written down \(DateText.short(item.created)).",
                    "Mark it with: oneonone action done|touch|drop \(item.id)"]
        body += lateLine(lateBy)
        return body.joined(separator: "\n")
    }

    /// `text` cut to 60 characters (57 and an ellipsis).
    static func shortened(_ text: String) -> String {
        // Counting characters walks the whole text; 60 bytes are at most 60.
        if text.utf8.count <= 60 || text.count <= 60 { return text }
        return String(text.prefix(57)) + "…"
    }

    func driftReminder(since: LocalDate, scheduled: Instant) -> Reminder {
        let c = Consistency(schedule: schedule, today: today)
        let floor = Int((member.settings.consistencyFloor * 100).rounded())
        return Reminder(
            key: "drift/\(member.key)/\(since)", kind: .drift, urgency: .normal, member: member.key,
            memberName: member.name, actionID: nil, due: schedule.due, scheduled: scheduled, lateBy: nil, occurrence: 1,
            title: "1:1s with \(firstName) are drifting: \(c.onTime) of \(c.expected) on time") { [self] _ in
            "\(member.name): \(c.onTime) of the last \(c.expected) 1:1s were on time, below your \(floor)% floor. "
                + "\(cadenceLine)."
        }
    }

    func moodReminder(_ mood: MoodTrend, since: LocalDate, scheduled: Instant) -> Reminder {
        Reminder(
            key: "mood-drop/\(member.key)/\(since)", kind: .moodDrop, urgency: .normal, member: member.key,
            memberName: member.name, actionID: nil, due: nil, scheduled: scheduled, lateBy: nil, occurrence: 1,
            title: "\(firstName) seems down lately") { [member] _ in
            func one(_ x: Double) -> String { String((x * 10).rounded() / 10) }
            return "\(member.name): mood \(one(mood.recent)) over the last three 1:1s, usually \(one(mood.baseline)). "
                + "Worth asking how things are."
        }
    }
}
