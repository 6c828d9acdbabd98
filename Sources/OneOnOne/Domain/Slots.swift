/// Where each member's next 1:1 goes in a calendar (`oneonone export`):
/// the first day on or after it is due on which both of you work (and they
/// are not away), at the first free slot of the overlap of both working
/// hours; an overdue 1:1 at the next free slot from now. Slots on one day
/// never overlap, each other or a 1:1 the calendar has booked.
package struct Slots: Sendable {
    /// One member's slot.
    package struct Slot: Sendable {
        package var member: MemberStatus
        package var start: Instant
        package var end: Instant
        /// False when the two of you share no working hours in the weeks
        /// searched: the slot is then in yours alone.
        package var shared: Bool
    }

    /// The slots, in the config's order of members; a member whose next
    /// 1:1 is booked in the calendar has none (it is there already).
    package let slots: [Slot]

    /// How many days ahead a free slot is looked for.
    static let searchDays = 62

    package init(team: TeamStatus, config: Config, history: History) {
        let zone = config.timeZone
        let calendar = ZonedCalendar(zone: zone)
        let now = team.now
        // The next quarter hour from now: no slot starts in the past.
        let earliest = LocalDateTime.quarterHour(atOrAfter: zone.local(now))
        var busy: [LocalDate: [(start: Int, end: Int)]] = [:]
        for bookings in history.booked.values {
            for b in bookings where b.end > now {
                let s = zone.local(b.start), e = zone.local(b.end)
                busy[s.date, default: []].append((s.time.minutes, e.date == s.date ? e.time.minutes : 24 * 60))
            }
        }
        // Earliest due first, so the most pressing gets the earliest slot.
        let order = team.members.enumerated().sorted { ($0.element.schedule.due, $0.offset) < ($1.element.schedule.due, $1.offset) }
        var placed: [Int: Slot] = [:]
        for (index, status) in order {
            let member = status.member
            if history.booked[member.key]?.contains(where: { $0.end > now }) == true { continue }
            let minutes = max(5, member.settings.duration.seconds / 60)
            func search(shared: Bool) -> Slot? {
                var day = max(status.schedule.due, earliest.date)
                for _ in 0..<Self.searchDays {
                    defer { day = day.adding(days: 1) }
                    if member.away.contains(where: { $0.contains(day) }) { continue }
                    let ranges = shared ? member.workingOverlap(with: config, on: day) : config.workingHours.ranges(on: day.weekday)
                    let from = day == earliest.date ? earliest.time.minutes : 0
                    for range in ranges {
                        var start = max(range.start, from)
                        while start + minutes <= range.end {
                            if let clash = busy[day, default: []].first(where: { $0.start < start + minutes && start < $0.end }) {
                                start = clash.end
                                continue
                            }
                            busy[day, default: []].append((start, start + minutes))
                            let at = zone.instant(LocalDateTime(date: day, time: LocalTime(hour: start / 60, minute: start % 60, second: 0)))
                            return Slot(member: status, start: at, end: at.adding(seconds: Int64(minutes * 60)), shared: shared)
                        }
                    }
                }
                return nil
            }
            if let slot = search(shared: true) ?? search(shared: false) {
                placed[index] = slot
            } else {
                // No working hours at all in the weeks searched: the due day at 09:00.
                let at = calendar.startOfDay(max(status.schedule.due, earliest.date)).adding(seconds: 9 * 3600)
                placed[index] = Slot(member: status, start: at, end: at.adding(seconds: Int64(minutes * 60)), shared: false)
            }
        }
        slots = placed.keys.sorted().map { placed[$0]! }
    }
}

extension LocalTime {
    /// Minutes since midnight.
    var minutes: Int { hour * 60 + minute }
}

extension LocalDateTime {
    /// The first quarter hour (:00, :15, :30, :45) at or after `local`.
    static func quarterHour(atOrAfter local: LocalDateTime) -> LocalDateTime {
        let seconds = local.time.minutes * 60 + local.time.second
        let quarter = (seconds + 899) / 900 * 15
        if quarter >= 24 * 60 { return LocalDateTime(date: local.date.adding(days: 1), time: .midnight) }
        return LocalDateTime(date: local.date, time: LocalTime(hour: quarter / 60, minute: quarter % 60, second: 0))
    }
}
