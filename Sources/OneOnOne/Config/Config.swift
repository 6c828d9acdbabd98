/// The whole configuration: the manager's settings, the team, topics, hooks.
///
/// Built by `ConfigDecoder` from a TOML document; every value here is valid
/// and resolved (time zones loaded, per-member settings merged with the
/// defaults), so the rest of the program never re-checks it.
package struct Config: Sendable {
    /// The manager's time zone: reminders and working hours are in it.
    package var timeZone: TimeZoneRules
    /// The manager's working hours; reminders wait for them.
    package var workingHours: WorkingHours
    /// Settings every member starts from.
    package var defaults: MemberSettings
    /// The team, in the order of the file.
    package var members: [Member]
    /// Topics that should come up every so often with each member.
    package var topics: [Topic]
    /// Commands run for reminders.
    package var hooks: [Hook]
    /// Open questions suggested by `oneonone agenda`.
    package var questions: [String]
    /// How reminders are delivered.
    package var notify: NotifySettings
    /// A vdir (a directory of .ics files) the daemon reads held and booked
    /// 1:1s from, as written in the config (`~/` and relative paths are
    /// resolved by the store).
    package var calendarDirectory: String?

    package init(timeZone: TimeZoneRules, workingHours: WorkingHours, defaults: MemberSettings,
                members: [Member], topics: [Topic], hooks: [Hook], questions: [String],
                notify: NotifySettings = NotifySettings()) {
        self.timeZone = timeZone
        self.workingHours = workingHours
        self.defaults = defaults
        self.members = members
        self.topics = topics
        self.hooks = hooks
        self.questions = questions
        self.notify = notify
    }

    /// The member whose key is `key`, if any.
    package func member(_ key: String) -> Member? { members.first { $0.key == key } }

    /// The working hours a config has when it names none.
    package static let defaultWorkingHours = try! WorkingHours.parse("Mon-Fri 09:00-17:00").get()

    /// The questions `oneonone agenda` suggests when the config names none.
    package static let defaultQuestions = [
        "What's on your mind this week?",
        "What is getting in your way?",
        "What could I do differently to help you?",
        "What would you like more (or less) of in your work?",
    ]
}

/// The cadence and reminder settings of a member (or the defaults).
package struct MemberSettings: Hashable, Sendable {
    /// How often to meet.
    package var cadence: Cadence
    /// The cadence used by `auto` until three intervals are known.
    package var autoFallback: Cadence
    /// due … due + slack is "late but fine"; after it, overdue.
    package var slack: TimeSpan
    /// Nudge this long before due (zero: no nudge).
    package var lead: TimeSpan
    /// How often an unresolved overdue or stale alert repeats in its first
    /// week (weekly after it).
    package var repeatEvery: TimeSpan
    /// How long after its first alert an unresolved alert stops repeating.
    package var giveUp: TimeSpan
    /// An open action item untouched this long is stale.
    package var staleAfter: TimeSpan
    /// An action item carried through this many 1:1s still open is stale.
    package var carryLimit: Int
    /// The on-time share below which a drift alert fires (0 … 1).
    package var consistencyFloor: Double
    /// The span consistency is measured over.
    package var consistencyWindow: TimeSpan
    /// How long a 1:1 takes: the length of an exported event.
    package var duration: TimeSpan = TimeSpan(seconds: 30 * 60)

    /// The built-in defaults.
    package static let standard = MemberSettings(
        cadence: .days(14), autoFallback: .days(14), slack: TimeSpan(days: 2), lead: TimeSpan(days: 1),
        repeatEvery: TimeSpan(days: 1), giveUp: TimeSpan(days: 56), staleAfter: TimeSpan(days: 14), carryLimit: 2,
        consistencyFloor: 0.75, consistencyWindow: TimeSpan(days: 90))
}

/// One person the manager holds 1:1s with.
package struct Member: Sendable {
    /// The key in `[team.KEY]`, used on the command line (`oneonone met alice`).
    package var key: String
    /// The name shown to people.
    package var name: String
    package var settings: MemberSettings
    /// The member's own time zone (the manager's when not given).
    package var timeZone: TimeZoneRules
    /// The member's working hours in their own zone.
    package var workingHours: WorkingHours
    /// Periods the member is away; the cadence pauses over them.
    package var away: [AwayPeriod]
    /// When the member joined; a member never met is due from then.
    package var since: LocalDate?
    /// How calendar events with the member are told apart (`calendar =
    /// [...]`): an organizer's or attendee's email, or text the event's
    /// title holds (any case).
    package var calendar: [String] = []

    package init(key: String, name: String, settings: MemberSettings, timeZone: TimeZoneRules,
                workingHours: WorkingHours, away: [AwayPeriod], since: LocalDate?) {
        self.key = key
        self.name = name
        self.settings = settings
        self.timeZone = timeZone
        self.workingHours = workingHours
        self.away = away
        self.since = since
    }
}

/// A period, inclusive of both dates, in which a member is away.
package struct AwayPeriod: Hashable, Sendable {
    package var from: LocalDate
    package var to: LocalDate
    package var why: String?

    package init(from: LocalDate, to: LocalDate, why: String? = nil) {
        self.from = from
        self.to = to
        self.why = why
    }

    /// Whether `date` falls in the period.
    package func contains(_ date: LocalDate) -> Bool { from <= date && date <= to }
}

/// A subject that should come up with each member at least every `interval`.
package struct Topic: Hashable, Sendable {
    package var name: String
    package var interval: TimeSpan

    package init(name: String, interval: TimeSpan) {
        self.name = name
        self.interval = interval
    }
}

/// When the day's digest goes out.
package enum DigestTime: Hashable, Sendable {
    /// At the start of each working day.
    case start
    /// At this many minutes after midnight on each working day (moved into
    /// working hours when outside them).
    case at(minutes: Int)
}

/// How reminders reach the manager (`digest`, `[notify]`).
package struct NotifySettings: Hashable, Sendable {
    /// When the digest goes out; nil: no digest, every reminder one by one.
    package var digest: DigestTime? = .start
    /// The kinds that still go out one by one with a digest; the others
    /// reach the desktop only in it (the journal gets each all the same).
    package var immediate: Set<ReminderKind> = [.dueSoon, .overdue]

    /// The kinds delivered one by one: all when there is no digest.
    package var deliveredAlone: Set<ReminderKind> {
        digest == nil ? Set(ReminderKind.allCases).subtracting([.digest]) : immediate
    }

    /// Whether a reminder of `kind` goes to `hook` when it fires. A hook
    /// with its own `on` list gets exactly those kinds; one without gets
    /// what is delivered alone, and the digest.
    package func delivers(_ kind: ReminderKind, to hook: Hook) -> Bool {
        guard hook.subscribesToAll else { return hook.kinds.contains(kind) }
        return kind == .digest || deliveredAlone.contains(kind)
    }

    /// Of `fired`, the reminders of one wake, those that reach `hook`: as
    /// `delivers` says, except that for what you are shown a due or overdue
    /// 1:1 that goes out with the digest is left to it (the digest lists
    /// each 1:1 due today or overdue): one notification, not the same news twice.
    package func deliveries(of fired: [Reminder], to hook: Hook) -> [Reminder] {
        let mine = fired.filter { delivers($0.kind, to: hook) }
        guard hook.subscribesToAll, mine.contains(where: { $0.kind == .digest }) else { return mine }
        return mine.filter { $0.kind != .due && $0.kind != .overdue }
    }

    /// When more reminders than this come due for one hook at once (a first
    /// start on a long history, a return from a long trip), the hook gets
    /// one summary of them instead; the journal still gets each.
    package var summaryAfter: Int
    /// Whether the daemon shows reminders on the desktop itself, over
    /// D-Bus, when the session has a notification server (in place of a
    /// `notify-send` hook, which stays for sessions without one).
    package var desktop = true

    package init(summaryAfter: Int = 8, digest: DigestTime? = .start, immediate: Set<ReminderKind> = [.dueSoon, .overdue]) {
        self.summaryAfter = summaryAfter
        self.digest = digest
        self.immediate = immediate
    }
}

/// A command run for reminders of some kinds.
package struct Hook: Hashable, Sendable {
    /// The program and its arguments, with `{placeholders}` substituted in each.
    package var command: [String]
    /// The kinds of reminder the hook runs for.
    package var kinds: Set<ReminderKind>
    /// How long the hook may run before its process group is killed.
    package var timeout: TimeSpan
    /// True when the hook names no `on` list: it gets what the manager is
    /// shown (see `NotifySettings.delivers`).
    package var subscribesToAll: Bool

    package init(command: [String], kinds: Set<ReminderKind>, timeout: TimeSpan) {
        self.command = command
        self.kinds = kinds
        self.timeout = timeout
        subscribesToAll = kinds == Set(ReminderKind.allCases)
    }

    /// The placeholders a hook's arguments may use.
    package static let placeholders = ["title", "body", "urgency", "member", "name", "kind", "due", "key", "action", "late"]
}
