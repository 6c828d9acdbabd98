import ArgumentParser
import OneOnOne

/// `oneonone agenda MEMBER`: what to bring to the next 1:1.
struct Agenda: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Prepare a 1:1: carried-over items, topics due, last notes, open questions.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The member.")
    var member: String

    func run() throws {
        let workspace = try Workspace(store)
        let who = try workspace.member(member)
        let history = try workspace.loadHistory()
        let team = TeamStatus(config: workspace.config, history: history, now: workspace.now)
        guard let s = team.members.first(where: { $0.member.key == who.key }) else { return }
        let term = Terminal()
        let today = team.today
        var out: [String] = []
        out.append(term.bold("1:1 with \(who.name.visible)") + " — \(s.schedule.cadence), "
            + "due \(DateText.relative(s.schedule.due, today: today)) "
            + "(\(Status.label(s, today: today, zone: workspace.config.timeZone, term: term)))")
        if let last = s.schedule.last {
            out.append("Last held \(DateText.withWeekday(last.date, today: today)), \(DateText.days(last.date.days(to: today))) ago.")
        } else {
            out.append("No 1:1 recorded yet.")
        }
        if let booking = history.booked[who.key]?.first(where: { $0.end > workspace.now }) {
            out.append("Booked: \(DateText.relative(workspace.config.timeZone.local(booking.start), today: today)).")
        }
        // Their local time and the overlap of both working days.
        let theirs = who.timeZone.local(workspace.now)
        let mine = workspace.config.timeZone.local(workspace.now)
        if who.timeZone.identifier != workspace.config.timeZone.identifier {
            out.append("Their time: \(theirs.date.weekday.shortName) "
                + "\(clock(theirs.time)) (\(who.timeZone.identifier)); yours: \(clock(mine.time)).")
            let overlap = who.workingOverlap(with: workspace.config, on: today)
                .map { "\(WorkingHours.clock($0.start))-\(WorkingHours.clock($0.end))" }
            out.append(overlap.isEmpty ? "Working hours: no overlap today."
                : "Working hours overlap (your time): \(overlap.joined(separator: ", ")).")
        }

        out.append("")
        out.append(term.bold("Carried-over items"))
        if s.openItems.isEmpty { out.append("  none") }
        let staleIDs = Set(s.staleItems.map(\.item.id))
        for item in s.openItems {
            let age = item.created.days(to: today)
            var details = ["\(item.owner == .me ? "you" : "them")", "\(DateText.days(age)) old"]
            if let due = item.due { details.append("due \(DateText.short(due, today: today))") }
            let line = "  [\(item.id.visible)] \(item.text.visible) (\(details.joined(separator: ", ")))"
            if staleIDs.contains(item.id), let st = s.staleItems.first(where: { $0.item.id == item.id }) {
                out.append(term.red(line + " STALE: \(st.staleness.reasons.map(\.text).joined(separator: "; "))"))
            } else {
                out.append(line)
            }
        }

        out.append("")
        out.append(term.bold("Topics due"))
        if s.topicsDue.isEmpty { out.append("  none") }
        for (topic, last) in s.topicsDue {
            out.append("  \(topic.name.visible) — " + (last.map { "last \(DateText.short($0, today: today)), \(DateText.days($0.days(to: today))) ago" }
                ?? "not raised yet") + " (every \(topic.interval))")
        }

        // Every record's note, two 1:1s on one day included.
        let notes = history.meetings(with: who.key).filter { $0.date <= today && $0.note != nil }.suffix(3)
        out.append("")
        out.append(term.bold("Last notes"))
        if notes.isEmpty { out.append("  none") }
        for m in notes.reversed() {
            out.append("  \(DateText.short(m.date, today: today)): \(m.note!.visible)"
                + (m.topics.isEmpty ? "" : " [\(m.topics.joined(separator: ", ").visible)]"))
        }
        if let mood = s.mood, mood.dropSince != nil {
            out.append("")
            out.append(term.yellow("Mood lately \(String((mood.recent * 10).rounded() / 10)), usually \(String((mood.baseline * 10).rounded() / 10)) — ask how things are."))
        }

        out.append("")
        out.append(term.bold("Questions"))
        for q in workspace.config.questions { out.append("  • \(q.visible)") }
        print(out.joined(separator: "\n"))
    }

    func clock(_ t: LocalTime) -> String { WorkingHours.clock(t.hour * 60 + t.minute) }
}
