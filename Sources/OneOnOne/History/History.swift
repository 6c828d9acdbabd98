/// Everything that has happened: 1:1s held, action items and what was done
/// to them, snoozes, and when each member was first seen.
///
/// A plain value built by the store from the history file; the domain reads
/// it and never changes it.
public struct History: Sendable, Hashable {
    /// Each member's 1:1s (by member key), oldest first: how the domain
    /// reads them, so a long history is grouped once, as it is read.
    public private(set) var meetingsByMember: [String: [Meeting]]
    /// Action items in the order they were created.
    public var actions: [ActionItem]
    /// Reminders the user put off.
    public var snoozes: [Snooze]
    /// When each member (by key) was first seen by oneonone; a member never
    /// met and with no `since` is due from then.
    public var firstSeen: [String: LocalDate]

    public init(meetings: [Meeting] = [], actions: [ActionItem] = [], snoozes: [Snooze] = [],
                firstSeen: [String: LocalDate] = [:]) {
        self.init(meetingsByMember: History.groupByMember(meetings), actions: actions, snoozes: snoozes,
                  firstSeen: firstSeen)
    }

    /// A history from 1:1s already grouped by member; a group not in date
    /// order is sorted (stably: of two records on one day the later in the
    /// group counts).
    public init(meetingsByMember: [String: [Meeting]], actions: [ActionItem] = [], snoozes: [Snooze] = [],
                firstSeen: [String: LocalDate] = [:]) {
        self.meetingsByMember = meetingsByMember.filter { !$0.value.isEmpty }.mapValues(History.inDateOrder)
        self.actions = actions
        self.snoozes = snoozes
        self.firstSeen = firstSeen
    }

    /// The empty history.
    public static let empty = History()

    /// Every 1:1 held, oldest first (on one day, by member key). Setting it
    /// groups the new list again.
    public var meetings: [Meeting] {
        get { History.inDateOrder(meetingsByMember.keys.sorted().flatMap { meetingsByMember[$0]! }) }
        set { meetingsByMember = History.groupByMember(newValue).mapValues(History.inDateOrder) }
    }

    /// Adds a 1:1 after those already recorded (the later of two on one
    /// day counts), keeping its member's 1:1s oldest first.
    public mutating func add(_ meeting: Meeting) {
        meetingsByMember[meeting.member, default: []].append(meeting)
        meetingsByMember[meeting.member] = History.inDateOrder(meetingsByMember[meeting.member]!)
    }

    /// How many 1:1 records there are.
    public var meetingCount: Int { meetingsByMember.values.reduce(0) { $0 + $1.count } }

    /// The 1:1s held with `member`, oldest first.
    public func meetings(with member: String) -> [Meeting] { meetingsByMember[member] ?? [] }

    /// The action items of `member`, in creation order.
    public func actions(of member: String) -> [ActionItem] { actions.filter { $0.member == member } }

    /// The action item with `id`, if any.
    public func action(_ id: String) -> ActionItem? { actions.first { $0.id == id } }

    /// `meetings` sorted by date, stably (of two records on one day the
    /// later stays later); the same array when it is already in order.
    static func inDateOrder(_ meetings: [Meeting]) -> [Meeting] {
        let sorted = meetings.withUnsafeBufferPointer { m in (1..<max(1, m.count)).allSatisfy { m[$0 - 1].date <= m[$0].date } }
        if sorted { return meetings }
        return meetings.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
    }

    /// Groups 1:1s by member, in the list's order: one hash lookup per 1:1
    /// and every group allocated once at its final size.
    static func groupByMember(_ meetings: [Meeting]) -> [String: [Meeting]] {
        var slots: [String: Int] = [:]
        var counts: [Int] = []
        var slotOf = [Int32](repeating: 0, count: meetings.count)
        for (i, m) in meetings.enumerated() {
            let slot: Int
            if let known = slots[m.member] {
                slot = known
            } else {
                slot = counts.count
                slots[m.member] = slot
                counts.append(0)
            }
            counts[slot] += 1
            slotOf[i] = Int32(slot)
        }
        var groups: [[Meeting]] = counts.map { count in
            var group: [Meeting] = []
            group.reserveCapacity(count)
            return group
        }
        for (i, m) in meetings.enumerated() { groups[Int(slotOf[i])].append(m) }
        var result: [String: [Meeting]] = [:]
        result.reserveCapacity(slots.count)
        for (member, slot) in slots {
            var group: [Meeting] = []
            swap(&group, &groups[slot])
            result[member] = group
        }
        return result
    }
}

/// A 1:1 that was held.
public struct Meeting: Sendable, Hashable {
    /// The member's key.
    public var member: String
    /// The day it was held (in the manager's zone).
    public var date: LocalDate
    /// Notes taken, if any.
    public var note: String?
    /// Topics that came up (career, feedback …).
    public var topics: [String]
    /// How the member seemed, 1 (low) to 5 (high), if recorded.
    public var mood: Int?

    public init(member: String, date: LocalDate, note: String? = nil, topics: [String] = [], mood: Int? = nil) {
        self.member = member
        self.date = date
        self.note = note
        self.topics = topics
        self.mood = mood
    }
}

/// Who promised to do an action item.
public enum Owner: String, Sendable, Hashable, CaseIterable {
    case me, them
}

/// Something agreed in a 1:1 that someone has to do.
public struct ActionItem: Sendable, Hashable {
    /// A short id a person can type (`k3f`).
    public var id: String
    /// The member's key.
    public var member: String
    public var text: String
    public var owner: Owner
    /// When it should be done, if a date was agreed.
    public var due: LocalDate?
    /// The day it was written down.
    public var created: LocalDate
    /// What happened to it since, oldest first.
    public var touches: [Touch]

    public init(id: String, member: String, text: String, owner: Owner, due: LocalDate?, created: LocalDate,
                touches: [Touch] = []) {
        self.id = id
        self.member = member
        self.text = text
        self.owner = owner
        self.due = due
        self.created = created
        self.touches = touches
    }

    /// Where the item stands after its touches.
    public var status: Status {
        for touch in touches.reversed() {
            switch touch.kind {
            case .done: return .done
            case .dropped: return .dropped
            case .reopened: return .open
            case .updated: continue
            }
        }
        return .open
    }

    /// The last day it was created, updated or reopened.
    public var lastTouched: LocalDate {
        touches.map(\.date).reduce(created, max)
    }

    /// Open, done or dropped.
    public enum Status: String, Sendable, Hashable {
        case open, done, dropped
    }
}

/// One thing that happened to an action item.
public struct Touch: Sendable, Hashable {
    public var kind: Kind
    public var date: LocalDate
    public var note: String?

    public init(kind: Kind, date: LocalDate, note: String? = nil) {
        self.kind = kind
        self.date = date
        self.note = note
    }

    /// What was done.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Progress was made or the item was revisited.
        case updated
        case done
        case dropped
        /// A done or dropped item was opened again.
        case reopened
    }
}

/// A reminder subject put off for a while: a member's 1:1 reminders or an
/// action item's stale alerts.
public struct Snooze: Sendable, Hashable {
    /// A member key or an action id.
    public var subject: String
    /// Nothing about the subject fires before this instant.
    public var until: Instant

    public init(subject: String, until: Instant) {
        self.subject = subject
        self.until = until
    }
}
