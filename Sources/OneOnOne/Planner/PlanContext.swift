/// One evaluation: the config and the history at an instant, with the
/// calendar of the manager's zone.
struct PlanContext: Sendable {
    let config: Config
    let history: History
    let now: Instant
    let calendar: ZonedCalendar
    let today: LocalDate
    /// Open action items by member, in creation order: done and dropped
    /// ones neither go stale nor show in a reminder.
    let openItems: [String: [ActionItem]]
    /// When each subject's snooze ends (a member key or an item id): the
    /// last one recorded wins, so a shorter snooze or a cleared one
    /// (ending when it was recorded) replaces a longer one.
    let snoozes: [String: Instant]

    init(config: Config, history: History, now: Instant) {
        self.config = config
        self.history = history
        self.now = now
        calendar = ZonedCalendar(zone: config.timeZone)
        today = calendar.date(of: now)
        var open: [String: [ActionItem]] = [:]
        for item in history.actions where item.status == .open { open[item.member, default: []].append(item) }
        openItems = open
        var snoozes: [String: Instant] = [:]
        for s in history.snoozes { snoozes[s.subject] = s.until }
        self.snoozes = snoozes
    }

    func schedule(for member: Member) -> Schedule {
        Schedule(member: member, meetings: history.meetings(with: member.key),
                 firstSeen: history.firstSeen[member.key], today: today)
    }

    /// Whether `member` is away today. Nothing fires about someone who is
    /// away, not even the late catch-up of a reminder missed before they
    /// left: their first reminder back replaces it.
    func isAway(_ member: Member) -> Bool {
        member.away.contains { $0.contains(today) }
    }

    /// Every reminder series of the team, members in the config's order.
    var series: [ReminderSeries] { config.members.flatMap(series(for:)) + digestSeries }

    /// The team's digest, from yesterday on (yesterday's may still be due
    /// today, moved into working hours), when the config has one.
    var digestSeries: [ReminderSeries] {
        guard config.notify.digest != nil, let anyone = config.members.first else { return [] }
        let text = ReminderText(schedule: schedule(for: anyone), openItems: [], calendar: calendar, today: today, now: now)
        return [ReminderSeries(subject: .digest(Digest(context: self), from: today.adding(days: -1)),
                               deferral: Deferral(calendar: calendar, hours: config.workingHours, away: [], snoozedUntil: nil),
                               text: text, quiet: false)]
    }

    /// Every reminder series about `member`: their 1:1, each open action
    /// item that is or will become stale, drift and mood.
    func series(for member: Member) -> [ReminderSeries] {
        let schedule = schedule(for: member)
        // The next 1:1 on the calendar that has not ended by now.
        let booking = history.booked[member.key]?.first { $0.end > now }
        let text = ReminderText(schedule: schedule, openItems: openItems[member.key] ?? [], calendar: calendar,
                                today: today, now: now, booking: booking)
        let quiet = isAway(member)
        func deferral(snoozedUntil: Instant?) -> Deferral {
            Deferral(calendar: calendar, hours: config.workingHours, away: member.away, snoozedUntil: snoozedUntil)
        }
        let memberSnooze = snoozes[member.key]
        let meetingDeferral = deferral(snoozedUntil: memberSnooze)
        let timeline = Timeline(schedule: schedule, calendar: calendar)
        // A 1:1 booked no later than `slack` after it would be overdue
        // holds the overdue alerts until it has ended (and so was held, once
        // the calendar is read again).
        var meetingAlerts = meetingDeferral
        if let booking, booking.start <= timeline.overdueStart.adding(seconds: Int64(member.settings.slack.nominalSeconds)) {
            meetingAlerts.held = (from: timeline.overdueStart, until: booking.end)
        }
        var result = [ReminderSeries(subject: .meeting(timeline), deferral: meetingAlerts, text: text, quiet: quiet)]
        let meetingDates = schedule.meetings.map(\.date)
        for item in text.openItems {
            guard let staleness = item.staleness(settings: member.settings, away: member.away,
                                                 meetingDates: meetingDates, today: today) else { continue }
            // Alerts count from when the item was written down: an item
            // recorded already past due has missed none, and starts at #1.
            let start = calendar.startOfDay(max(staleness.since, item.created))
            let snooze = [memberSnooze, snoozes[item.id]].compactMap { $0 }.max()
            let alerts = Repeats(calendar: calendar, from: start, every: member.settings.repeatEvery,
                                 giveUp: member.settings.giveUp)
            result.append(ReminderSeries(
                subject: .staleItem(item, staleness, alerts: alerts),
                deferral: deferral(snoozedUntil: snooze), text: text, quiet: quiet))
        }
        if let since = Consistency.driftStart(schedule: schedule, today: today) {
            result.append(ReminderSeries(subject: .drift(since: since), deferral: meetingDeferral, text: text, quiet: quiet))
        }
        if let mood = MoodTrend(meetings: schedule.meetings), let since = mood.dropSince {
            result.append(ReminderSeries(subject: .mood(mood, since: since), deferral: meetingDeferral, text: text,
                                         quiet: quiet))
        }
        return result
    }
}
