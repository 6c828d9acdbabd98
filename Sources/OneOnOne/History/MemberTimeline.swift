/// One thing that happened with a member, for `oneonone log`.
package struct TimelineEvent: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// A 1:1 was held.
        case met(Meeting)
        /// An action item was written down.
        case added(ActionItem)
        /// An item was touched: progress, done, dropped, reopened, edited.
        case touched(ActionItem, Touch)
    }

    package var date: LocalDate
    package var kind: Kind

    /// The event's name in `--json`: met, added, or the touch's kind.
    package var name: String {
        switch kind {
        case .met: "met"
        case .added: "added"
        case .touched(_, let touch): touch.kind.rawValue
        }
    }
}

extension History {
    /// Everything that happened with `member`, the newest day first:
    /// 1:1s held, items written down and what was done to them. Within a
    /// day, in the order it happened: the 1:1, the items written down in
    /// it, then their touches, each in the history's order.
    package func timeline(of member: String) -> [TimelineEvent] {
        var events = meetings(with: member).map { TimelineEvent(date: $0.date, kind: .met($0)) }
        let items = actions.filter { $0.member == member }
        events += items.map { TimelineEvent(date: $0.created, kind: .added($0)) }
        for item in items {
            events += item.touches.map { TimelineEvent(date: $0.date, kind: .touched(item, $0)) }
        }
        return events.enumerated().sorted { a, b in
            a.element.date != b.element.date ? a.element.date > b.element.date : a.offset < b.offset
        }.map(\.element)
    }
}
