/// Everything that has happened: 1:1s held, action items and what was done
/// to them, snoozes, and when each member was first seen.
///
/// A plain value built by the store from the history file; the domain reads
/// it and never changes it.
package struct History: Sendable, Hashable {
    /// Each member's 1:1s (by member key), oldest first: how the domain
    /// reads them.
    package private(set) var meetingsByMember: [String: [Meeting]]
    /// Action items in the order they were created.
    package var actions: [ActionItem]
    /// Reminders the user put off.
    package var snoozes: [Snooze]
    /// When each member (by key) was first seen by oneonone; a member never
    /// met and with no `since` is due from then.
    package var firstSeen: [String: LocalDate]
    /// How many 1:1 records were taken back (`met --undo`): not counted,
    /// but shown by `check`.
    package var takenBack = 0
    /// 1:1s the calendar has booked and that have not ended yet, by member
    /// key, earliest first (see `calendar_dir`).
    package var booked: [String: [Booking]] = [:]

    package init(meetings: [Meeting] = [], actions: [ActionItem] = [], snoozes: [Snooze] = [],
                firstSeen: [String: LocalDate] = [:]) {
        self.init(meetingsByMember: History.groupByMember(meetings), actions: actions, snoozes: snoozes,
                  firstSeen: firstSeen)
    }

    /// A history from 1:1s already grouped by member; a group not in date
    /// order is sorted (stably: of two records on one day the later in the
    /// group counts).
    package init(meetingsByMember: [String: [Meeting]], actions: [ActionItem] = [], snoozes: [Snooze] = [],
                firstSeen: [String: LocalDate] = [:]) {
        self.meetingsByMember = meetingsByMember.filter { !$0.value.isEmpty }.mapValues(History.inDateOrder)
        self.actions = actions
        self.snoozes = snoozes
        self.firstSeen = firstSeen
    }

    /// The empty history.
    package static let empty = History()

    /// Whether a 1:1 like `meeting` is recorded already: the same calendar
    /// occurrence (UID and start), or any 1:1 with that member that day.
    package func holds(_ meeting: Meeting) -> Bool {
        meetings(with: meeting.member).contains { held in
            held.date == meeting.date || (meeting.uid != nil && held.uid == meeting.uid && held.start == meeting.start)
        }
    }

    /// The history as it stood on `day`: 1:1s held, items written down and
    /// touches made after it are left out, so that asking "what if it were
    /// then" (`ONEONONE_NOW`) counts nothing that had not happened yet.
    package func asOf(_ day: LocalDate) -> History {
        // Nearly always nothing is later: then nothing is copied.
        let later = meetingsByMember.values.contains { ($0.last?.date ?? day) > day }
            || actions.contains { $0.created > day || $0.touches.contains { $0.date > day } }
        guard later else { return self }
        var past = self
        past.meetingsByMember = meetingsByMember.mapValues { $0.filter { $0.date <= day } }.filter { !$0.value.isEmpty }
        past.actions = actions.filter { $0.created <= day }.map { item in
            var item = item
            item.touches.removeAll { $0.date > day }
            return item
        }
        return past
    }

    /// Every 1:1 held, oldest first (on one day, by member key). Setting it
    /// groups the new list again.
    package var meetings: [Meeting] {
        get { History.inDateOrder(meetingsByMember.keys.sorted().flatMap { meetingsByMember[$0]! }) }
        set { meetingsByMember = History.groupByMember(newValue).mapValues(History.inDateOrder) }
    }

    /// Adds a 1:1 after those already recorded (the later of two on one
    /// day counts), keeping its member's 1:1s oldest first.
    package mutating func add(_ meeting: Meeting) {
        meetingsByMember[meeting.member, default: []].append(meeting)
        meetingsByMember[meeting.member] = History.inDateOrder(meetingsByMember[meeting.member]!)
    }

    /// How many 1:1 records there are.
    package var meetingCount: Int { meetingsByMember.values.reduce(0) { $0 + $1.count } }

    /// The 1:1s held with `member`, oldest first.
    package func meetings(with member: String) -> [Meeting] { meetingsByMember[member] ?? [] }

    /// The action items of `member`, in creation order.
    package func actions(of member: String) -> [ActionItem] { actions.filter { $0.member == member } }

    /// The action item with `id`, if any.
    package func action(_ id: String) -> ActionItem? { actions.first { $0.id == id } }

    /// `meetings` sorted by date, stably (of two records on one day the
    /// later stays later); the same array when it is already in order.
    static func inDateOrder(_ meetings: [Meeting]) -> [Meeting] {
        if zip(meetings, meetings.dropFirst()).allSatisfy({ $0.date <= $1.date }) { return meetings }
        return meetings.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
    }

    /// Groups 1:1s by member, in the list's order.
    static func groupByMember(_ meetings: [Meeting]) -> [String: [Meeting]] {
        Dictionary(grouping: meetings, by: \.member)
    }
}

/// A 1:1 that was held.
package struct Meeting: Sendable, Hashable {
    /// The member's key.
    package var member: String
    /// The day it was held (in the manager's zone).
    package var date: LocalDate
    /// Notes taken, if any.
    package var note: String?
    /// Topics that came up (career, feedback …).
    package var topics: [String]
    /// How the member seemed, 1 (low) to 5 (high), if recorded.
    package var mood: Int?
    /// Where the record came from, when not typed: "calendar" for one
    /// `oneonone import` read from a calendar event.
    package var source: String?
    /// The calendar event's UID and the start of the occurrence, for a
    /// 1:1 imported from a calendar: what makes importing twice add nothing.
    package var uid: String?
    package var start: Instant?

    /// The moods a 1:1 can record: 1 (low) to 5 (high).
    package static let moods = 1...5

    package init(member: String, date: LocalDate, note: String? = nil, topics: [String] = [], mood: Int? = nil,
                 source: String? = nil, uid: String? = nil, start: Instant? = nil) {
        self.member = member
        self.date = date
        self.note = note
        self.topics = topics
        self.mood = mood
        self.source = source
        self.uid = uid
        self.start = start
    }
}

/// A 1:1 on the calendar that has not ended yet.
package struct Booking: Sendable, Hashable {
    package var start: Instant
    package var end: Instant

    package init(start: Instant, end: Instant) {
        self.start = start
        self.end = end
    }
}

/// Who promised to do an action item.
package enum Owner: String, Sendable, Hashable, CaseIterable {
    case me, them
}

/// Something agreed in a 1:1 that someone has to do.
package struct ActionItem: Sendable, Hashable {
    /// A short id a person can type: `oneonone action add` numbers items
    /// 1, 2, 3 …; a hand-written record may use any name.
    package var id: String
    /// The member's key.
    package var member: String
    package var text: String
    package var owner: Owner
    /// When it should be done, if a date was agreed.
    package var due: LocalDate?
    /// The day it was written down.
    package var created: LocalDate
    /// What happened to it since, oldest first.
    package var touches: [Touch]

    package init(id: String, member: String, text: String, owner: Owner, due: LocalDate?, created: LocalDate,
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
    package var status: Status {
        for touch in touches.reversed() {
            switch touch.kind {
            case .done: return .done
            case .dropped: return .dropped
            case .reopened: return .open
            case .updated, .edited: continue
            }
        }
        return .open
    }

    /// The day it was done or dropped; nil while it is open.
    package var closed: LocalDate? {
        status == .open ? nil : touches.last { $0.kind == .done || $0.kind == .dropped }?.date
    }

    /// The last day it was created or touched. An edit is not a touch: a
    /// new due date or a reworded text is no progress on the item.
    package var lastTouched: LocalDate {
        touches.lazy.filter { $0.kind != .edited }.map(\.date).reduce(created, max)
    }

    /// Open, done or dropped.
    package enum Status: String, Sendable, Hashable {
        case open, done, dropped
    }
}

/// One thing that happened to an action item.
package struct Touch: Sendable, Hashable {
    package var kind: Kind
    package var date: LocalDate
    package var note: String?
    /// An edit's new text, due date and owner (nil: unchanged).
    package var text: String?
    package var due: LocalDate?
    package var owner: Owner?
    /// An edit that takes the due date away (the item has none from then).
    package var clearsDue: Bool

    package init(kind: Kind, date: LocalDate, note: String? = nil, text: String? = nil, due: LocalDate? = nil,
                 owner: Owner? = nil, clearsDue: Bool = false) {
        self.kind = kind
        self.date = date
        self.note = note
        self.text = text
        self.due = due
        self.owner = owner
        self.clearsDue = clearsDue
    }

    /// `item` with this touch's edits made (the item itself for other kinds).
    package func applied(to item: ActionItem) -> ActionItem {
        var item = item
        if kind == .edited {
            if let text { item.text = text }
            if let due { item.due = due }
            if clearsDue { item.due = nil }
            if let owner { item.owner = owner }
        }
        item.touches.append(self)
        return item
    }

    /// What was done.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Progress was made or the item was revisited.
        case updated
        case done
        case dropped
        /// A done or dropped item was opened again.
        case reopened
        /// Its text, due date or owner was changed (`action edit`).
        case edited
    }
}

/// A reminder subject put off for a while: a member's 1:1 reminders or an
/// action item's stale alerts.
package struct Snooze: Sendable, Hashable {
    /// A member key or an action id.
    package var subject: String
    /// Nothing about the subject fires before this instant.
    package var until: Instant

    package init(subject: String, until: Instant) {
        self.subject = subject
        self.until = until
    }
}
