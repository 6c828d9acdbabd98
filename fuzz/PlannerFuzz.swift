// libFuzzer entry point for the planner, built by `make fuzz` with the
// OneOnOne and OneOnOneStore modules. Four configs are decoded once (the
// example, the example at any hour with hourly repeats, and two below with
// odd zones, hours and settings); the bytes pick one, 1–4 instants and a
// history, and the planner is asked at each instant (PlannerCheck.plan),
// walked wake by wake from the first (PlannerCheck.walk), and looked ahead
// a few days from the last (PlannerCheck.upcoming); any broken invariant
// traps.
//
// The bytes, read in order (missing bytes read as 0):
//
//   config   1 byte: which config (mod 4)
//   shape    1 byte: bits 0-1 instants - 1, bits 2-4 walk steps, bit 5 days ahead - 1
//   instants 4 bytes each (little-endian): seconds after 2026-01-01T00:00Z, mod 800 days
//   records  until the end (at most 64 1:1s and items), each an opcode byte
//            (mod 8) and its operands:
//     0, 1  [[met]]     member, day (2 bytes), mood (mod 7: 1-5, else none), topic bits
//     2     [[action]]  member, created (2 bytes), due offset (0: none, else -20…+44 days), owner bit
//     3     [[touch]]   action (mod count), kind (mod 4), days after created (1 byte)
//     4     snooze      subject (member or action), until (4 bytes, as an instant)
//     5     first seen  member, day (2 bytes)
//     6     [[met]]     member, days before the first instant (1 byte), mood
//     7     [[action]]  member, created days before the first instant (1 byte), due offset
//
// A member byte is taken mod (team size + 1): the last is a stranger, whose
// records the planner must ignore. A day is 2025-01-01 plus 2 bytes mod 900.

@testable import OneOnOne
import TOML

let example = String(decoding: repositoryFile("config/example.toml"), as: UTF8.self)

let configs: [Config] = [
    FuzzZones.config(example, name: "config/example.toml"),
    FuzzZones.config(
        example.changing("working_hours = \"Mon-Thu 09:00-17:30; Fri 09:00-15:00\"", to: "working_hours = \"always\"")
            .changing("repeat = \"1d\"", to: "repeat = \"1h\"")
            .changing("stale_after = \"14d\"", to: "stale_after = \"2d\""),
        name: "the example at any hour"),
    FuzzZones.config(#"""
        timezone = "Australia/Lord_Howe"
        working_hours = "Wed 23:30-24:00; Sat,Sun 00:00-00:30"

        [defaults]
        cadence = "auto"
        slack = "0d"
        lead = "0d"
        repeat = "1h"
        stale_after = "1h"
        carry_limit = 1
        consistency_floor = 1
        consistency_window = "1w"

        [team.alice]
        name = "Alice"
        timezone = "Asia/Kolkata"
        cadence = "daily"
        away = [{ from = 2026-03-01, to = 2026-03-10 }, { from = 2026-03-05, to = 2026-04-02 },
                { from = 2026-04-03, to = 2026-04-03 }]

        [team.bob]
        name = "Bob"
        cadence = "quarterly"
        lead = "2w"
        slack = "1w"
        since = 2026-01-31

        [team.carla]
        name = "Carla"
        cadence = "every 2 months"
        repeat = "1w"

        [team.dmytro]
        name = "Dmytro"
        timezone = "Pacific/Chatham"
        working_hours = "always"
        lead = "1w2d"

        [team.erin]
        name = "Erin"
        cadence = "10d"
        away = [{ from = 2025-12-01, to = 2027-12-31 }]
        """#, name: "the Lord Howe config"),
    FuzzZones.config(#"""
        timezone = "Europe/Kyiv"
        working_hours = "Mon-Fri 09:00-12:00,13:00-18:00; Sun 22:00-24:00"

        [defaults]
        cadence = "monthly"
        lead = "1w"
        slack = "2w"
        repeat = "1w"
        stale_after = "30d"
        carry_limit = 3
        consistency_floor = 0
        consistency_window = "52w"

        [team.alice]
        name = "Alice"
        timezone = "America/St_Johns"
        cadence = "every 3 weeks"

        [team.bob]
        name = "Bob"
        since = 2026-10-25

        [team.carla]
        name = "Carla"
        cadence = "auto"
        lead = "0d"
        since = 2027-06-01
        """#, name: "the Kyiv config"),
]

extension String {
    /// The text with `line` replaced; the example must still have it.
    func changing(_ line: String, to replacement: String) -> String {
        let changed = replacing(line, with: replacement)
        require(changed != self, "config/example.toml no longer has \(line): update fuzz/PlannerFuzz.swift")
        return changed
    }
}

/// 2026-01-01T00:00:00Z.
let base = Instant(secondsSinceEpoch: 1_767_225_600)
let firstDay = LocalDate(year: 2025, month: 1, day: 1)!
let topics = ["career", "feedback", "recognition", "wellbeing"]

/// The fuzz bytes, read front to back; past the end every byte is 0.
struct Bytes {
    let data: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index >= data.count }

    mutating func byte() -> Int {
        defer { index += 1 }
        return index < data.count ? Int(data[index]) : 0
    }

    mutating func u16() -> Int { byte() | byte() << 8 }
    mutating func u32() -> Int { u16() | u16() << 16 }

    mutating func day() -> LocalDate { firstDay.adding(days: u16() % 900) }
    mutating func instant() -> Instant { base.adding(seconds: Int64(u32() % (800 * 86_400))) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Bytes(data: UnsafeBufferPointer(start: data, count: size))
    let config = configs[bytes.byte() % configs.count]
    let shape = bytes.byte()
    let instants = (0...(shape & 3)).map { _ in bytes.instant() }
    let calendar = ZonedCalendar(zone: config.timeZone)
    let firstToday = calendar.date(of: instants[0])

    let keys = config.members.map(\.key) + ["zed"]
    var meetings: [Meeting] = []
    var actions: [ActionItem] = []
    var snoozes: [Snooze] = []
    var firstSeen: [String: LocalDate] = [:]
    func meeting(_ member: String, _ date: LocalDate, _ mood: Int, _ topicBits: Int) {
        meetings.append(Meeting(member: member, date: date, topics: topics.indices.filter { topicBits >> $0 & 1 == 1 }
                                    .map { topics[$0] }, mood: (1...5).contains(mood) ? mood : nil))
    }
    func action(_ member: String, _ created: LocalDate, _ dueByte: Int, _ owner: Int) {
        actions.append(ActionItem(id: String(actions.count + 1), member: member, text: "item \(actions.count + 1)",
                                  owner: owner & 1 == 0 ? .me : .them,
                                  due: dueByte == 0 ? nil : created.adding(days: dueByte % 65 - 20), created: created))
    }
    while !bytes.atEnd && meetings.count + actions.count < 64 {
        switch bytes.byte() % 8 {
        case 0, 1:
            meeting(keys[bytes.byte() % keys.count], bytes.day(), bytes.byte() % 7, bytes.byte())
        case 2:
            action(keys[bytes.byte() % keys.count], bytes.day(), bytes.byte(), bytes.byte())
        case 3:
            let which = bytes.byte(), kind = Touch.Kind.allCases[bytes.byte() % 4], after = bytes.byte()
            guard !actions.isEmpty else { continue }
            let slot = which % actions.count
            actions[slot].touches.append(Touch(kind: kind, date: actions[slot].created.adding(days: after)))
        case 4:
            let which = bytes.byte()
            let subjects = keys + actions.map(\.id)
            snoozes.append(Snooze(subject: subjects[which % subjects.count], until: bytes.instant()))
        case 5:
            firstSeen[keys[bytes.byte() % keys.count]] = bytes.day()
        case 6:
            meeting(keys[bytes.byte() % keys.count], firstToday.adding(days: -bytes.byte()), bytes.byte() % 7, 0)
        default:
            action(keys[bytes.byte() % keys.count], firstToday.adding(days: -bytes.byte()), bytes.byte(), 0)
        }
    }
    let history = History(meetings: meetings, actions: actions, snoozes: snoozes, firstSeen: firstSeen)

    for now in instants { PlannerCheck.plan(config, history, ledger: Ledger(), at: now) }
    PlannerCheck.walk(config, history, from: instants[0], steps: (shape >> 2) & 7)
    PlannerCheck.upcoming(config, history, ledger: Ledger(), from: instants.last!, days: (shape >> 5) % 2 + 1, limit: 100)
    return 0
}
