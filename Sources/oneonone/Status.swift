import ArgumentParser
import OneOnOne

/// `oneonone status`: who is drifting, at a glance.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every member: cadence, last and next 1:1, state, consistency, open and stale items.")

    @OptionGroup var store: StoreOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let workspace = try Workspace(store)
        let history = try workspace.loadHistory()
        let team = TeamStatus(config: workspace.config, history: history, now: workspace.now)
        if json {
            print(JSON.object([
                ("now", .string(workspace.now.description)),
                ("today", .string(team.today.description)),
                ("members", .array(team.members.map { Status.json($0, today: team.today) })),
            ]).rendered())
            return
        }
        let term = Terminal()
        var rows: [[String]] = [["MEMBER", "CADENCE", "LAST", "NEXT DUE", "STATE", "ON TIME", "RECENT", "MOOD", "TOPICS", "ITEMS"]]
        for s in team.members {
            let c = s.consistency
            // Below the floor is amber; far below it (15 points), red.
            let floor = s.member.settings.consistencyFloor
            let share = c.onTimeShare.map { share in
                let text = "\(Int((share * 100).rounded()))%"
                return share < floor - 0.15 ? term.red(text) : share < floor ? term.yellow(text) : text
            } ?? "-"
            // The last mood given, and an arrow when the recent ones dropped.
            let lastMood = s.schedule.meetings.last { $0.mood != nil }?.mood
            let mood = lastMood.map { "\($0)" + (s.mood?.dropSince != nil ? term.red(" ↓") : "") } ?? "-"
            let topics = s.topicsDue.isEmpty ? "-" : "\(s.topicsDue.count) due"
            let items = s.openItems.isEmpty ? "-"
                : "\(s.openItems.count) open" + (s.staleItems.isEmpty ? "" : ", " + term.red("\(s.staleItems.count) stale"))
            rows.append([
                s.member.name.visible,
                s.schedule.learned ? "\(s.schedule.cadence)*" : "\(s.schedule.cadence)",
                s.schedule.last.map { DateText.short($0.date, today: team.today) } ?? "never",
                DateText.relative(s.schedule.due, today: team.today),
                Status.label(s, today: team.today, zone: workspace.config.timeZone, term: term),
                share,
                c.sparkline.isEmpty ? "-" : c.sparkline,
                mood,
                topics,
                items,
            ])
        }
        print(Terminal.table(rows, rightAligned: [5]), terminator: "")
        var notes: [String] = []
        if team.members.contains(where: \.schedule.learned) { notes.append("* cadence learned from recent 1:1s") }
        notes.append("RECENT: one bar per interval between 1:1s; half height = on cadence")
        print(term.dim(notes.joined(separator: "; ")))
    }

    /// "overdue 8d", "due today, snoozed until Mon 09:00": the state as
    /// the alerts say it, with a snooze shown beside it, never instead.
    static func label(_ s: MemberStatus, today: LocalDate, zone: TimeZoneRules, term: Terminal) -> String {
        var text: String
        if case .overdue = s.state { text = term.red("overdue \(s.schedule.due.days(to: today))d") } else { text = term.state(s.state) }
        if let until = s.snoozedUntil {
            let local = zone.local(until)
            text += term.dim(", snoozed until \(DateText.withWeekday(local.date, today: today)) "
                + WorkingHours.clock(local.time.hour * 60 + local.time.minute))
        }
        return text
    }

    static func json(_ s: MemberStatus, today: LocalDate) -> JSON {
        let c = s.consistency
        var state: [(String, JSON)] = [("state", .string(s.state.code))]
        switch s.state {
        case .overdue(let n): state.append(("repeats", .int(n)))
        case .away(let until): state.append(("away_until", .string(until.description)))
        default: break
        }
        if let until = s.snoozedUntil { state.append(("snoozed_until", .string(until.description))) }
        if case .overdue = s.state { state.append(("overdue_days", .int(s.schedule.due.days(to: today)))) }
        return .object([
            ("key", .string(s.member.key)),
            ("name", .string(s.member.name)),
            ("cadence", .string(s.schedule.cadence.configText)),
            ("cadence_learned", .bool(s.schedule.learned)),
            ("last", s.schedule.last.map { .string($0.date.description) } ?? .null),
            ("due", .string(s.schedule.due.description)),
        ] + state + [
            ("consistency", .object([
                ("on_time_share", c.onTimeShare.map { .double($0) } ?? .null),
                ("expected", .int(c.expected)),
                ("on_time", .int(c.onTime)),
                ("streak", .int(c.streak)),
                ("mean_interval_days", c.meanInterval.map { .double($0) } ?? .null),
                ("cadence_days", .double(c.cadenceDays)),
                ("trend", .string(c.trend.rawValue)),
            ])),
            ("open_items", .int(s.openItems.count)),
            ("stale_items", .array(s.staleItems.map { .string($0.item.id) })),
            ("topics_due", .array(s.topicsDue.map { .string($0.topic.name) })),
        ])
    }
}
