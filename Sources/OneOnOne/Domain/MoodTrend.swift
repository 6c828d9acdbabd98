/// A member's recent mood against their usual.
package struct MoodTrend: Sendable, Hashable {
    /// The mean of the last three recorded moods.
    package var recent: Double
    /// The mean of the moods before those.
    package var baseline: Double
    /// The 1:1 from which the recent mood has stayed clearly below baseline.
    package var dropSince: LocalDate?

    /// Judges the moods of `meetings` (oldest first); nil with fewer than
    /// six moods recorded. A drop is a recent mean at least one point below
    /// the baseline.
    package init?(meetings: [Meeting]) {
        // The days moods were recorded, and running totals of the moods
        // (whole numbers, so the sums are exact): each mean is then one
        // subtraction, however long the history.
        var days: [LocalDate] = []
        var totals: [Double] = [0]
        for m in meetings {
            guard let mood = m.mood else { continue }
            days.append(m.date)
            totals.append(totals[totals.count - 1] + Double(mood))
        }
        guard days.count >= 6 else { return nil }
        func judge(_ upTo: Int) -> (Double, Double, Bool) {
            let recent = (totals[upTo] - totals[upTo - 3]) / 3
            let baseline = totals[upTo - 3] / Double(upTo - 3)
            return (recent, baseline, recent <= baseline - 1.0)
        }
        let (recent, baseline, dropped) = judge(days.count)
        self.recent = recent
        self.baseline = baseline
        guard dropped else { dropSince = nil; return }
        var upTo = days.count
        while upTo - 1 >= 6, judge(upTo - 1).2 { upTo -= 1 }
        dropSince = days[upTo - 1]
    }
}
