// What the config, history and planner fuzz targets share: fixed time zones
// read once from the system's tz database, the example files, the planner's
// invariants, and a trap that libFuzzer reports as a crash. Built by
// `make fuzz` into each of those targets (not into the TOML one).

@testable import OneOnOne
import OneOnOneStore
import Posix
import TOML

/// Stops the run with `message` when `condition` is false: libFuzzer saves
/// the input and reports the trap (kept in -O builds, unlike assert).
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz invariant violated: \(message())") }
}

/// The file at `path` (relative to the repository root, where `make fuzz`
/// runs the targets); a missing file stops the run before any input.
func repositoryFile(_ path: String) -> [UInt8] {
    do throws(SystemError) { return try FileSystem.read(path) } catch {
        fatalError("the fuzz targets run from the repository root and read \(path): \(error)")
    }
}

/// A few zones, read once: the example's, ones with half-hour offsets or
/// half-hour DST, and UTC. Any other name is unknown, as a missing zone file
/// would be: the decoder's error path is fuzzed too, and no input reads files.
enum FuzzZones {
    static let names = [
        "UTC", "America/New_York", "Europe/Kyiv", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe",
        "America/St_Johns", "Pacific/Chatham",
    ]

    static let all: [String: TimeZoneRules] = {
        let database = TimeZoneDatabase(directory: "/usr/share/zoneinfo", environment: [:])
        var zones: [String: TimeZoneRules] = [:]
        for name in names {
            do throws(TimeZoneError) { zones[name] = try database.zone(named: name) } catch {
                fatalError("the fuzz targets need tzdata: \(error)")
            }
        }
        return zones
    }()

    /// The zone a config without `timezone` gets.
    static let system = all["America/New_York"]!

    static func resolve(_ name: String) -> Result<TimeZoneRules, TimeZoneError> {
        if let zone = all[name] { return .success(zone) }
        return .failure(TimeZoneError(.unknownZone, "unknown time zone '\(name)' (the fuzz targets know \(names.count))"))
    }

    /// Decodes a config that must be valid (the example, the planner's
    /// fixed configs).
    static func config(_ text: String, name: String) -> Config {
        let bytes = Array(text.utf8)
        let table: TOMLTable
        do { table = try TOMLParser.parse(bytes) } catch { fatalError("\(name): \(error)") }
        switch ConfigDecoder.decode(table, file: name, source: text, systemZone: { system }, resolveZone: resolve) {
        case .success(let config): return config
        case .failure(let diagnostics): fatalError("\(name) must be a valid config:\n\(diagnostics)")
        }
    }
}

/// The planner's invariants, checked by the config and planner targets on
/// every plan they make.
enum PlannerCheck {
    /// Plans at `now` and checks the plan: no key twice; every reminder
    /// fired is scheduled at or before now, about a member of the team and
    /// not in the ledger; the next wake is after now; planning again with
    /// the fired keys recorded fires nothing and wakes at the same instant.
    /// When `thorough`, also: the same question gets the same answer, and
    /// without lateness the same reminders fire, none late.
    ///
    /// - Returns: the plan.
    @discardableResult
    static func plan(_ config: Config, _ history: History, ledger: Ledger, at now: Instant,
                     thorough: Bool = true) -> Plan {
        let plan = Planner.plan(config: config, history: history, ledger: ledger, now: now)
        let keys = plan.fire.map(\.key)
        require(Set(keys).count == keys.count, "a key twice in one plan at \(now): \(keys)")
        for r in plan.fire {
            require(r.scheduled <= now, "\(r.key) fires at \(now) but is scheduled at \(r.scheduled)")
            require(!ledger.contains(r.key), "\(r.key) fires at \(now) though the ledger has it")
            // The digest is the team's; every other reminder is about a member.
            require(r.kind == .digest || config.member(r.member) != nil,
                    "\(r.key) is about '\(r.member)', who is not in the team")
            require(r.lateBy.map { $0 > Planner.lateTolerance && $0 == now - r.scheduled } ?? true,
                    "\(r.key) at \(now), scheduled \(r.scheduled), is late by \(r.lateBy!)")
            require(r.occurrence >= 1, "\(r.key) has occurrence \(r.occurrence)")
        }
        if let wake = plan.nextWake { require(wake > now, "at \(now) the next wake is \(wake), not after now") }

        if thorough {
            let same = Planner.plan(config: config, history: history, ledger: ledger, now: now)
            require(same.fire == plan.fire && same.nextWake == plan.nextWake, "two plans at \(now) differ")

            let quiet = Planner.plan(config: config, history: history, ledger: ledger, now: now, lateness: false)
            require(quiet.fire.map(\.key) == keys,
                    "at \(now) lateness changes what fires: \(quiet.fire.map(\.key)) vs \(keys)")
            require(quiet.fire.allSatisfy { $0.lateBy == nil }, "at \(now) a reminder is late with lateness off")
            require(quiet.nextWake == plan.nextWake, "at \(now) lateness changes the next wake")
        }

        var after = ledger
        for r in plan.fire { after.record(r.key, at: now) }
        let again = Planner.plan(config: config, history: history, ledger: after, now: now)
        require(again.fire.isEmpty, "at \(now), with \(keys) recorded, \(again.fire.map(\.key)) fire")
        require(again.nextWake == plan.nextWake,
                "at \(now) recording what fired moves the next wake from \(String(describing: plan.nextWake)) "
                    + "to \(String(describing: again.nextWake))")
        return plan
    }

    /// Plans at `now` and then at each next wake, `steps` times, recording
    /// what fires as the daemon does: no key ever fires twice (and each
    /// plan passes the checks of `plan`, but for the thorough ones).
    static func walk(_ config: Config, _ history: History, from now: Instant, steps: Int) {
        var ledger = Ledger()
        var t = now
        for _ in 0..<steps {
            let plan = plan(config, history, ledger: ledger, at: t, thorough: false)
            for r in plan.fire {
                require(!ledger.contains(r.key), "\(r.key) fires again at \(t)")
                ledger.record(r.key, at: t)
            }
            guard let next = plan.nextWake else { return }
            t = next
        }
    }

    /// `Planner.upcoming` over `days` from `now`: keys unique, none
    /// scheduled after the end, only the first wake's reminders late, none
    /// in the ledger, and a shorter look ahead is a prefix of a longer one.
    static func upcoming(_ config: Config, _ history: History, ledger: Ledger, from now: Instant, days: Int,
                         limit: Int) {
        let until = now.adding(seconds: Int64(days) * 86_400)
        let got = Planner.upcoming(config: config, history: history, ledger: ledger, from: now, until: until,
                                   limit: limit)
        let keys = got.map(\.key)
        require(Set(keys).count == keys.count, "upcoming from \(now) has a key twice: \(keys)")
        for r in got {
            require(r.scheduled <= until, "upcoming until \(until) has \(r.key) scheduled at \(r.scheduled)")
            require(r.lateBy == nil || r.scheduled < now, "upcoming from \(now) has \(r.key) late, scheduled \(r.scheduled)")
            require(!ledger.contains(r.key), "upcoming from \(now) has \(r.key), which the ledger has")
        }
        let shorter = Planner.upcoming(config: config, history: history, ledger: ledger, from: now,
                                       until: now.adding(seconds: Int64(days) * 43_200), limit: limit)
        require(shorter.count <= got.count && shorter == Array(got.prefix(shorter.count)),
                "upcoming over \(days) days from \(now) does not start with what half of it gives")
    }
}
