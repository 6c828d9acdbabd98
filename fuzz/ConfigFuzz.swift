// libFuzzer entry point for the config decoder, built by `make fuzz` with
// the OneOnOne and OneOnOneStore modules: bytes → TOML → `ConfigDecoder`,
// with the fixed zones of FuzzSupport.swift. Errors are fine, and are
// rendered as `oneonone check` prints them; a config that decodes must also
// render as JSON (`check --json`) and plan within the planner's invariants
// at two instants, with no history and with a little.

@testable import OneOnOne
import TOML

/// 2026-11-23T15:00:00Z, the demo's "now" (a Monday), and the night New
/// York springs forward, 2026-03-08T07:30:00Z.
let instants = [Instant(secondsSinceEpoch: 1_795_446_000), Instant(secondsSinceEpoch: 1_772_955_000)]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let table: TOMLTable
    do { table = try TOMLParser.parse(bytes) } catch { return 0 }
    let result = ConfigDecoder.decode(table, file: "config.toml", source: String(decoding: bytes, as: UTF8.self),
                                      systemZone: { FuzzZones.system }, resolveZone: FuzzZones.resolve)
    let config: Config
    switch result {
    case .failure(let diagnostics):
        require(diagnostics.items.contains { $0.severity == .error }, "a config refused without an error")
        _ = diagnostics.description
        return 0
    case .success(let decoded):
        config = decoded
    }
    _ = config.json.rendered()
    require(Set(config.members.map(\.key)).count == config.members.count, "two members with one key")

    PlannerCheck.plan(config, History(), ledger: Ledger(), at: instants[0])
    // Each member met a week and five weeks before, one open item each.
    let calendar = ZonedCalendar(zone: config.timeZone)
    let today = calendar.date(of: instants[1])
    var meetings: [Meeting] = []
    var actions: [ActionItem] = []
    for (i, member) in config.members.prefix(20).enumerated() {
        meetings.append(Meeting(member: member.key, date: today.adding(days: -35), mood: 4))
        meetings.append(Meeting(member: member.key, date: today.adding(days: -7 - i % 7), mood: 2))
        actions.append(ActionItem(id: String(i + 1), member: member.key, text: "item", owner: i % 2 == 0 ? .me : .them,
                                  due: today.adding(days: -3), created: today.adding(days: -30)))
    }
    let history = History(meetings: meetings, actions: actions)
    PlannerCheck.plan(config, history, ledger: Ledger(), at: instants[1])
    PlannerCheck.upcoming(config, history, ledger: Ledger(), from: instants[1], days: 2, limit: 200)
    return 0
}
