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
                ("members", .array(team.members.map { Status.json($0) })),
            ]).rendered())
            return
        }
        let term = Terminal()
        var rows: [[String]] = [["MEMBER", "CADENCE", "LAST", "NEXT DUE", "STATE", "ON TIME", "RECENT", "ITEMS"]]
        for s in team.members {
            let c = s.consistency
            let share = c.onTimeShare.map { "\(Int(($0 * 100).rounded()))%" } ?? "-"
            let items = s.openItems.isEmpty ? "-"
                : "\(s.openItems.count) open" + (s.staleItems.isEmpty ? "" : ", " + term.red("\(s.staleItems.count) stale"))
            rows.append([
                s.member.name.visible,
                s.schedule.learned ? "\(s.schedule.cadence)*" : "\(s.schedule.cadence)",
                s.schedule.last.map { DateText.short($0.date, today: team.today) } ?? "never",
                DateText.relative(s.schedule.due, today: team.today),
                term.state(s.state),
                share,
                c.sparkline.isEmpty ? "-" : c.sparkline,
                items,
            ])
        }
        print(Terminal.table(rows, rightAligned: [5]), terminator: "")
        var notes: [String] = []
        if team.members.contains(where: \.schedule.learned) { notes.append("* cadence learned from recent 1:1s") }
        notes.append("RECENT: one bar per interval between 1:1s; half height = on cadence")
        print(term.dim(notes.joined(separator: "; ")))
    }

    static func json(_ s: MemberStatus) -> JSON {
        let c = s.consistency
        var state: [(String, JSON)] = [("state", .string(s.state.code))]
        switch s.state {
        case .overdue(let n): state.append(("repeats", .int(n)))
        case .away(let until): state.append(("away_until", .string(until.description)))
        case .snoozed(let until): state.append(("snoozed_until", .string(until.description)))
        default: break
        }
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
