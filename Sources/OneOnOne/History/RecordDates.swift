/// The one rule for the day a record may be given (`met --on`, `action
/// done --on`, `action add --on`): what has happened cannot be later than
/// today, nor earlier than what it is about, and a day more than a year
/// back is far more often a typo (`1999` for `2026`) than a memory — it is
/// taken only when the user insists (`--force`).
package enum RecordDates {
    /// How far back a day is taken without `--force`.
    package static let yearBack = 366

    /// Why `date` cannot be recorded, or nil when it can.
    ///
    /// - Parameters:
    ///   - today: the manager's today.
    ///   - earliest: the first day the record can be about, and what that
    ///     day is ("Alice joined", "the item was written down").
    ///   - force: whether the user insisted on a day long ago.
    package static func problem(_ date: LocalDate, today: LocalDate, earliest: (day: LocalDate, what: String)? = nil,
                                force: Bool = false) -> String? {
        if date > today { return "\(date) is in the future; record it once it has happened" }
        if let earliest, date < earliest.day, !force {
            return "\(date) is before \(earliest.what) (\(earliest.day)); add --force if that is right"
        }
        if date.days(to: today) > yearBack, !force {
            return "\(date) is more than a year ago; add --force if that is right"
        }
        return nil
    }
}
