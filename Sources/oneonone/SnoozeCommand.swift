import ArgumentParser
import OneOnOne

/// `oneonone snooze`: put off a member's reminders or an item's alerts.
struct Snooze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snooze",
        abstract: "Put off reminders about a member (or an action item) for a while.",
        discussion: "Example: oneonone snooze alice 3d   ·   oneonone snooze 12 1w   ·   oneonone snooze --clear alice")

    @OptionGroup var store: StoreOptions

    @Argument(help: "A member, or an action item's id.")
    var subject: String

    @Argument(help: "For how long: 2h, 1d, 3d, 1w … (a new snooze replaces the one before).")
    var duration: String?

    @Flag(name: .long, help: "End the snooze now.")
    var clear = false

    func validate() throws {
        if clear && duration != nil { throw ValidationError("give a duration or --clear, not both") }
        if !clear && duration == nil { throw ValidationError("missing a duration, e.g. 3d (or --clear)") }
    }

    func run() throws {
        let workspace = try Workspace(store)
        let span: TimeSpan
        let duration = self.duration ?? "0s"
        switch clear ? .success(TimeSpan()) : TimeSpan.parse(duration) {
        case .success(let s) where clear: span = s
        case .success(let s) where s.isZero: throw Failure("error: a snooze must be longer than zero")
        case .success(let s) where s.nominalSeconds > RecordDates.yearBack * 86_400:
            throw Failure("error: a snooze is at most a year (366d), found \(duration)")
        case .success(let s): span = s
        case .failure(let e): throw Failure("error: \(e.message)")
        }
        let history = try workspace.loadHistory()
        let key: String, label: String
        if let item = history.action(subject) {
            key = item.id
            label = "item [\(item.id)] \(item.text)"
        } else {
            let who = try workspace.member(subject, orItem: true)
            key = who.key
            label = who.name
        }
        let until = workspace.calendar.adding(span, to: workspace.now)
        do { try workspace.state.addSnooze(OneOnOne.Snooze(subject: key, until: until)) } catch {
            throw Failure(error.description)
        }
        if clear {
            print("Cleared the snooze of \(label.visible): its reminders come when due.")
            return
        }
        let local = workspace.config.timeZone.local(until)
        print("Snoozed \(label.visible) until \(DateText.withWeekday(local.date, today: workspace.today)) "
            + "\(WorkingHours.clock(local.time.hour * 60 + local.time.minute)).")
    }
}
