/// Writes reminders' titles and bodies for a person reading a notification
/// or the journal: one per member and evaluation. What a reminder is
/// (its key and urgency) is decided by `Reminder.key` and
/// `Reminder.urgency`; this only puts it in words.
struct ReminderText: Sendable {
    let schedule: Schedule
    /// The member's open items, oldest first.
    let openItems: [ActionItem]
    let calendar: ZonedCalendar
    let today: LocalDate
    let now: Instant
    /// The member's next 1:1 on the calendar, if one is booked.
    var booking: Booking? = nil

    var member: Member { schedule.member }

    /// When the booked 1:1 is, in the manager's zone: "Tuesday 14:00".
    var bookedText: String? { booking.map { DateText.relative(calendar.zone.local($0.start), today: today) } }

    /// "Alice" from "Alice Kovalenko": titles stay short.
    var firstName: String {
        String(member.name.split(separator: " ").first ?? Substring(member.name))
    }

    /// "Every 2 weeks, last held Tue Nov 10" / "…, not held yet".
    var cadenceLine: String {
        let cadence = (schedule.learned ? "\(schedule.cadence) (learned)" : "\(schedule.cadence)").capitalizedFirst
        if let last = schedule.last { return "\(cadence), last held \(DateText.withWeekday(last.date, today: today))" }
        return "\(cadence), not held yet"
    }

    /// One line per open item of the member, stale ones marked.
    var itemLines: [String] {
        guard !openItems.isEmpty else { return [] }
        let dates = schedule.meetings.map(\.date)
        var lines = ["\(openItems.count) open item\(openItems.count == 1 ? "" : "s"):"]
        for item in openItems.prefix(8) {
            var details = [item.owner == .me ? "you" : firstName]
            if let due = item.due { details.append("due \(DateText.short(due, today: today))") }
            if let s = item.staleness(settings: member.settings, away: member.away, meetingDates: dates, today: today), s.since <= today {
                details.append("stale")
            }
            lines.append("• [\(item.id)] \(item.text) (\(details.joined(separator: ", ")))")
        }
        if openItems.count > 8 { lines.append("• … and \(openItems.count - 8) more") }
        return lines
    }

    func lateLine(_ lateBy: Int64?) -> [String] {
        guard let late = lateBy else { return [] }
        return ["(Late by \(DateText.duration(seconds: late)): it came due while oneonone was not running.)"]
    }

    /// The reminder with everything but its words: key and urgency by
    /// their rules. Names and texts from the config and the history are
    /// shown visibly (`String.visible`): a title or body never carries a
    /// control character to a terminal, the journal or a notification.
    func reminder(_ kind: ReminderKind, subject: String, since: LocalDate, occurrence: Int, actionID: String? = nil,
                  due: LocalDate?, scheduled: Instant, lateBy: Int64?, title: String, body: [String]) -> Reminder {
        Reminder(key: Reminder.key(kind, subject: subject, since: since, occurrence: occurrence), kind: kind,
                 urgency: Reminder.urgency(kind, occurrence: occurrence), member: member.key, memberName: member.name,
                 actionID: actionID, due: due, scheduled: scheduled, lateBy: lateBy, occurrence: occurrence,
                 title: title.visible, body: (body + lateLine(lateBy)).map(\.visible).joined(separator: "\n"))
    }

    /// due-soon (step 0), due (1) or overdue #n (step n + 1).
    func meeting(step: Int, scheduled: Instant, lateBy: Int64?) -> Reminder {
        let due = schedule.due
        let kind: ReminderKind, title: String
        let occurrence = max(1, step - 1)
        switch step {
        // Titles say what is true when they are shown (today), whenever the
        // reminder was meant for: a due day moved off a weekend or missed
        // is "due since", never "due today".
        // A booked 1:1 needs no booking: the nudge says when it is.
        case 0 where bookedText != nil, 1 where bookedText != nil:
            kind = step == 0 ? .dueSoon : .due
            title = "1:1 with \(firstName) booked \(bookedText!)"
        case 0:
            kind = .dueSoon
            title = "1:1 with \(firstName) due \(DateText.relative(due, today: today))"
        case 1:
            kind = .due
            title = due >= today ? "1:1 with \(firstName) due \(DateText.relative(due, today: today))"
                : "1:1 with \(firstName) due since \(DateText.withWeekday(due, today: today))"
        default:
            kind = .overdue
            if schedule.last == nil {
                let since = schedule.anchor
                title = "1:1 with \(firstName): never held, in the team since \(DateText.short(since, today: today))"
            } else {
                title = "1:1 with \(firstName) overdue by \(DateText.days(due.days(to: today)))"
            }
        }
        var body = ["\(member.name): 1:1 due \(DateText.withWeekday(due, today: today)). \(cadenceLine)."]
        if let booking, let bookedText {
            let theirs = member.timeZone.local(booking.start)
            body.append("Booked in your calendar: \(bookedText)"
                + (member.timeZone.identifier == calendar.zone.identifier ? "" : " (\(WorkingHours.clock(theirs.time.hour * 60 + theirs.time.minute)) their time)")
                + (step >= 2 ? ", later than it should be: look for an earlier slot." : "."))
        }
        if let away = member.away.first(where: { $0.from > today && $0.from <= due.adding(days: 7) }) {
            body.append("Away from \(DateText.short(away.from, today: today)) to \(DateText.short(away.to, today: today))\(away.why.map { " (\($0))" } ?? "").")
        }
        body += itemLines
        return reminder(kind, subject: member.key, since: due, occurrence: occurrence, due: due, scheduled: scheduled,
                        lateBy: lateBy, title: title, body: body)
    }

    /// Alert #`occurrence` about a stale item.
    func staleItem(_ item: ActionItem, _ staleness: Staleness, occurrence: Int, scheduled: Instant,
                   lateBy: Int64?) -> Reminder {
        let who = item.owner == .me ? "your item" : "\(firstName)'s item"
        let body = ["\(member.name), \(who) [\(item.id)]: \(item.text)",
                    "Stale: \(staleness.reasons.map(\.text).joined(separator: "; ")). Written down \(DateText.short(item.created, today: today)).",
                    "Mark it with: oneonone action done|touch|drop \(item.id)"]
        return reminder(.staleAction, subject: item.id, since: staleness.since, occurrence: occurrence, actionID: item.id,
                        due: item.due, scheduled: scheduled, lateBy: lateBy,
                        title: "Stale item for \(firstName): \(Self.shortened(item.text))", body: body)
    }

    /// `text` cut to 60 characters (57 and an ellipsis).
    static func shortened(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "…"
    }

    func drift(since: LocalDate, scheduled: Instant) -> Reminder {
        let c = Consistency(schedule: schedule, today: today)
        let floor = Int((member.settings.consistencyFloor * 100).rounded())
        return reminder(
            .drift, subject: member.key, since: since, occurrence: 1, due: schedule.due, scheduled: scheduled, lateBy: nil,
            title: "1:1s with \(firstName) are drifting: \(c.onTime) of \(c.expected) on time",
            body: ["\(member.name): \(c.onTime) of the last \(c.expected) 1:1s were on time, below your \(floor)% floor. "
                + "\(cadenceLine)."])
    }

    func mood(_ mood: MoodTrend, since: LocalDate, scheduled: Instant) -> Reminder {
        func one(_ x: Double) -> String { String((x * 10).rounded() / 10) }
        return reminder(
            .moodDrop, subject: member.key, since: since, occurrence: 1, due: nil, scheduled: scheduled, lateBy: nil,
            title: "\(firstName) seems down lately",
            body: ["\(member.name): mood \(one(mood.recent)) over the last three 1:1s, usually \(one(mood.baseline)). "
                + "Worth asking how things are."])
    }
}
