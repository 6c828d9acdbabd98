extension Member {
    /// When both the manager and this member are at work on `date` (the
    /// manager's day), as ranges of the manager's wall-clock minutes, to the
    /// quarter hour: the manager's working hours walked in 15-minute steps,
    /// each kept when the member, in their own zone and on their own
    /// weekday, is working too. Zones whose offsets change on different
    /// dates are handled by converting every step.
    package func workingOverlap(with config: Config, on date: LocalDate) -> [WorkingHours.Range] {
        let zone = config.timeZone
        var result: [WorkingHours.Range] = []
        for range in config.workingHours.ranges(on: date.weekday) {
            var start: Int?
            var minute = range.start
            while true {
                var inside = false
                if minute < range.end {
                    let mine = LocalDateTime(date: date, time: LocalTime(hour: minute / 60, minute: minute % 60, second: 0))
                    let theirs = timeZone.local(zone.instant(mine))
                    inside = workingHours.contains(theirs.date.weekday, minute: theirs.time.hour * 60 + theirs.time.minute)
                }
                if inside && start == nil { start = minute }
                if !inside, let s = start {
                    result.append(WorkingHours.Range(start: s, end: minute))
                    start = nil
                }
                // The last step lands on the range's end, on the quarter
                // hour or not, and closes what is open.
                if minute >= range.end { break }
                minute = min(minute + 15, range.end)
            }
        }
        return result
    }
}
