package import TOML

/// Turns a parsed TOML document into a `Config`, checking every key and value.
///
/// It never stops at the first problem: every unknown key, wrong type and bad
/// value is collected with its file:line:column and the text it saw, so one
/// run of `oneonone check` shows them all.
package struct ConfigDecoder {
    /// Loads a time zone by name; the store passes one backed by the system's
    /// tz database, tests pass fixed zones.
    package typealias ZoneResolver = (String) -> Result<TimeZoneRules, TimeZoneError>

    /// Reads values and collects every problem found.
    var reader: ValueReader
    /// The zone used when the config names none; asked only then.
    let systemZone: () -> TimeZoneRules
    let resolveZone: ZoneResolver

    static let topLevelKeys = ["timezone", "working_hours", "digest", "calendar_dir", "defaults", "team", "topics", "hook",
                               "questions", "notify"]
    static let notifyKeys = ["immediate", "summary_after", "desktop"]
    static let settingKeys = [
        "cadence", "slack", "lead", "repeat", "give_up", "stale_after", "carry_limit", "consistency_floor",
        "consistency_window", "duration",
    ]
    static let memberKeys = ["name", "timezone", "working_hours", "away", "since", "calendar"] + settingKeys
    static let hookKeys = ["command", "on", "timeout"]
    static let awayKeys = ["from", "to", "why"]

    /// Decodes `table`, read from `file` whose text is `source`.
    ///
    /// - Parameters:
    ///   - table: the parsed document.
    ///   - file: the path shown in diagnostics.
    ///   - source: the document's text, to show offending lines under errors.
    ///   - systemZone: the zone used when the config names none.
    ///   - resolveZone: loads a zone by name.
    /// - Returns: the config, or every problem found.
    package static func decode(
        _ table: TOMLTable, file: String, source: String, systemZone: @escaping () -> TimeZoneRules,
        resolveZone: @escaping ZoneResolver
    ) -> Result<Config, Diagnostics> {
        var decoder = ConfigDecoder(
            reader: ValueReader(file: file, bytes: Array(source.utf8)), systemZone: systemZone, resolveZone: resolveZone)
        let config = decoder.decodeRoot(table)
        let errors = decoder.reader.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        if errors.contains(where: { $0.severity == .error }) { return .failure(Diagnostics(errors)) }
        return .success(config)
    }

    // MARK: - Sections

    mutating func decodeRoot(_ root: TOMLTable) -> Config {
        checkKeys(root, allowed: Self.topLevelKeys, context: "the top level")
        var zone: TimeZoneRules
        if let entry = root.entry("timezone"), let z = timeZone(entry) { zone = z } else { zone = systemZone() }
        var hours = Config.defaultWorkingHours
        if let entry = root.entry("working_hours"), let h = workingHours(entry) { hours = h }

        var defaults = MemberSettings.standard
        if let entry = root.entry("defaults"), let table = self.table(entry, context: "[defaults]") {
            checkKeys(table, allowed: Self.settingKeys, context: "[defaults]")
            defaults = settings(table, base: defaults, context: "[defaults]")
        }
        if case .auto = defaults.cadence {
            defaults.autoFallback = MemberSettings.standard.cadence
        } else {
            defaults.autoFallback = defaults.cadence
        }

        var members: [Member] = []
        if let entry = root.entry("team"), let team = self.table(entry, context: "[team]") {
            members = decodeTeam(team, defaults: defaults, managerZone: zone)
            if team.count == 0 {
                error(at: entry.valuePosition, "the team is empty: add a member as [team.KEY] with at least a name")
            }
        } else {
            error(at: TOMLPosition(line: 0, column: 0),
                  "the team is empty: add a member as [team.KEY] (see config/example.toml)")
        }

        var topics: [Topic] = []
        if let entry = root.entry("topics"), let table = self.table(entry, context: "[topics]") {
            for topic in table.entries {
                if let span = span(topic, context: "[topics]") {
                    if span.isZero {
                        error(at: topic.valuePosition, "topic '\(topic.key)' needs an interval longer than zero")
                    } else {
                        topics.append(Topic(name: topic.key, interval: span))
                    }
                }
            }
        }

        var hooks: [Hook] = []
        if let entry = root.entry("hook") {
            if case .array(let array) = entry.value, array.elements.allSatisfy({ if case .table = $0 { true } else { false } }) {
                for case (.table(let table), _) in zip(array.elements, array.positions) {
                    if let hook = decodeHook(table) { hooks.append(hook) }
                }
            } else {
                error(at: entry.valuePosition,
                      "hooks are written as [[hook]] tables, found \(reader.describe(entry.value))")
            }
        }

        var questions = Config.defaultQuestions
        if let entry = root.entry("questions"), let list = strings(entry, context: "the top level") {
            questions = list
        }
        var notify = NotifySettings()
        if let entry = root.entry("digest") {
            switch entry.value {
            case .boolean(let on): notify.digest = on ? .start : nil
            case .string("start"): notify.digest = .start
            case .string(let text):
                if let minutes = WorkingHours.minutes(text) {
                    notify.digest = .at(minutes: minutes)
                } else {
                    error(at: entry.valuePosition, "'digest' is \"start\" (of working hours), a time like \"09:00\", or false; found \"\(text)\"")
                }
            default:
                reader.mismatch(entry, in: "the top level", expected: "\"start\", a time like \"09:00\", or false")
            }
        }
        if let entry = root.entry("notify"), let table = self.table(entry, context: "[notify]") {
            checkKeys(table, allowed: Self.notifyKeys, context: "[notify]")
            if let e = table.entry("immediate"), let names = strings(e, context: "[notify]") {
                notify.immediate = Set(kinds(names, in: e))
            }
            if let e = table.entry("desktop") {
                if case .boolean(let on) = e.value { notify.desktop = on } else {
                    reader.mismatch(e, in: "[notify]", expected: "true or false")
                }
            }
            if let e = table.entry("summary_after") {
                if case .integer(let n) = e.value, n >= 1, n <= 1_000_000 {
                    notify.summaryAfter = Int(n)
                } else {
                    reader.mismatch(e, in: "[notify]", expected: "a whole number from 1 to 1000000")
                }
            }
        }
        var config = Config(timeZone: zone, workingHours: hours, defaults: defaults, members: members,
                            topics: topics, hooks: hooks, questions: questions, notify: notify)
        if let entry = root.entry("calendar_dir") {
            if case .string(let path) = entry.value, !path.trimmingSpaces().isEmpty {
                config.calendarDirectory = path
            } else {
                reader.mismatch(entry, in: "the top level", expected: "the path of a directory of .ics files (a vdir), like \"~/.calendars/work\"")
            }
        }
        return config
    }

    mutating func decodeTeam(_ team: TOMLTable, defaults: MemberSettings, managerZone: TimeZoneRules) -> [Member] {
        var members: [Member] = []
        var keysSeen: [String: TOMLPosition] = [:]
        var namesSeen: [String: (String, TOMLPosition)] = [:]
        for entry in team.entries {
            let context = "[team.\(TOMLWriter.key(entry.key))]"
            guard let table = self.table(entry, context: context) else { continue }
            // Typed on the command line: letters (any script), digits, '-'
            // and '_' only.
            if entry.key.isEmpty || !entry.key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                error(at: entry.keyPosition,
                      "member key '\(entry.key)' is typed on the command line: use letters, digits, '-' or '_' (e.g. [team.alice])")
            }
            if let first = keysSeen[entry.key.lowercased()] {
                error(at: entry.keyPosition,
                      "duplicate member '\(entry.key)': keys differ only in case from the one at \(first)")
            }
            keysSeen[entry.key.lowercased()] = entry.keyPosition
            checkKeys(table, allowed: Self.memberKeys, context: context)

            var name = entry.key
            if let nameEntry = table.entry("name"), let n = string(nameEntry, context: context) {
                if n.allSatisfy({ $0 == " " }) {
                    error(at: nameEntry.valuePosition, "the name of member '\(entry.key)' is empty")
                } else if let problem = n.controlProblem(lineBreaks: false) {
                    error(at: nameEntry.valuePosition, "the name of member '\(entry.key)' cannot be shown: \(problem)")
                } else {
                    name = n
                }
                let folded = n.lowercased()
                if let (other, pos) = namesSeen[folded] {
                    error(at: nameEntry.valuePosition,
                          "duplicate member name \"\(n)\": member '\(other)' has it too (at \(pos))")
                } else {
                    namesSeen[folded] = (entry.key, nameEntry.valuePosition)
                }
            }
            var settings = self.settings(table, base: defaults, context: context)
            if table["cadence"] != nil {
                settings.autoFallback = defaults.autoFallback
            }
            checkFits(settings, in: table, context: context)
            var zone = managerZone
            if let e = table.entry("timezone"), let z = timeZone(e) { zone = z }
            var hours = Config.defaultWorkingHours
            if let e = table.entry("working_hours"), let h = workingHours(e) { hours = h }
            var since: LocalDate?
            if let e = table.entry("since") { since = date(e, context: context) }
            var away: [AwayPeriod] = []
            if let e = table.entry("away") { away = decodeAway(e, context: context) }
            var member = Member(key: entry.key, name: name, settings: settings, timeZone: zone,
                                workingHours: hours, away: away, since: since)
            if let e = table.entry("calendar"), let matches = strings(e, context: context) {
                if matches.contains(where: { $0.trimmingSpaces().isEmpty }) {
                    error(at: e.valuePosition, "'calendar' in \(context) holds an empty entry: it would match every event")
                } else {
                    member.calendar = matches
                }
            }
            members.append(member)
        }
        return members
    }

    /// Reports a lead or slack that is not shorter than the cadence: a
    /// nudge before the last 1:1 is over, a 1:1 due again before the last
    /// one counted as missed. Reported at the member's own key when it has
    /// one, else at its table.
    mutating func checkFits(_ s: MemberSettings, in table: TOMLTable, context: String) {
        let cadence: Cadence = if case .auto = s.cadence { s.autoFallback } else { s.cadence }
        let cadenceDays: Int
        switch cadence {
        case .days(let n): cadenceDays = n
        case .months(let n): cadenceDays = 28 * n
        case .auto: return
        }
        let checks: [(String, TimeSpan, String)] = [
            ("lead", s.lead, "the nudge would come before the 1:1 before it is due"),
            ("slack", s.slack, "the next 1:1 would be due before this one counts as missed"),
        ]
        for (key, span, why) in checks where span.nominalSeconds >= cadenceDays * 86_400 {
            let at = table.entry(key)?.valuePosition ?? table.entry("cadence")?.valuePosition ?? table.position
            error(at: at, "'\(key)' (\(span)) in \(context) is not shorter than the cadence (\(cadence)): \(why)")
        }
    }

    mutating func decodeAway(_ entry: TOMLTable.Entry, context: String) -> [AwayPeriod] {
        guard case .array(let array) = entry.value else {
            error(at: entry.valuePosition,
                  "'away' in \(context) is a list of periods like [{ from = 2026-12-22, to = 2027-01-04 }], found \(reader.describe(entry.value))")
            return []
        }
        var periods: [AwayPeriod] = []
        for (value, position) in zip(array.elements, array.positions) {
            guard case .table(let period) = value else {
                error(at: position, "each away period is a table like { from = 2026-12-22, to = 2027-01-04 }, found \(reader.describe(value))")
                continue
            }
            checkKeys(period, allowed: Self.awayKeys, context: "an away period of \(context)")
            guard let fromEntry = period.entry("from"), let toEntry = period.entry("to") else {
                error(at: position, "an away period needs both 'from' and 'to' dates")
                continue
            }
            let why = period.entry("why").flatMap { string($0, context: "an away period") }
            guard let from = date(fromEntry, context: context), let to = date(toEntry, context: context) else { continue }
            if to < from {
                error(at: toEntry.valuePosition,
                      "away period is reversed: it ends \(to) before it starts \(from)")
                continue
            }
            periods.append(AwayPeriod(from: from, to: to, why: why))
        }
        return periods
    }

    mutating func decodeHook(_ table: TOMLTable) -> Hook? {
        let context = "a [[hook]]"
        checkKeys(table, allowed: Self.hookKeys, context: context)
        // Every key is checked, a bad command or not: one `check` shows all.
        let command = decodeCommand(table)
        var kinds = Set(ReminderKind.allCases)
        var all = true
        if let onEntry = table.entry("on"), let names = strings(onEntry, context: context) {
            kinds = Set(self.kinds(names, in: onEntry))
            all = false
        }
        var timeout = TimeSpan(seconds: 10)
        if let e = table.entry("timeout"), let t = span(e, context: context) {
            if t.isZero { error(at: e.valuePosition, "a hook's timeout must be longer than zero") } else { timeout = t }
        }
        guard let command else { return nil }
        var hook = Hook(command: command, kinds: kinds, timeout: timeout)
        hook.subscribesToAll = all
        return hook
    }

    /// A hook's `command`, or nil after reporting what is wrong with it.
    mutating func decodeCommand(_ table: TOMLTable) -> [String]? {
        guard let commandEntry = table.entry("command") else {
            error(at: table.position, "this [[hook]] has no command: add command = [\"notify-send\", \"{title}\", \"{body}\"]")
            return nil
        }
        switch commandEntry.value {
        case .string(let s):
            error(at: commandEntry.valuePosition,
                  "a hook's command is an argv array, never a shell string: write command = \(TOMLWriter.inline(.array(TOMLArray(s.split(separator: " ").map { .string(String($0)) }))))")
            return nil
        case .array(let array):
            var command: [String] = []
            var bad = false
            for (value, position) in zip(array.elements, array.positions) {
                guard case .string(let argument) = value else {
                    error(at: position, "every argument of a hook's command is a string, found \(reader.describe(value))")
                    bad = true
                    continue
                }
                checkPlaceholders(argument, at: position)
                command.append(argument)
            }
            if bad { return nil }
            if command.isEmpty {
                error(at: commandEntry.valuePosition, "a hook's command names at least the program to run")
                return nil
            }
            if command[0].isEmpty {
                error(at: array.positions[0], "the program of a hook's command is empty")
                return nil
            }
            return command
        default:
            error(at: commandEntry.valuePosition, "a hook's command is an argv array of strings, found \(reader.describe(commandEntry.value))")
            return nil
        }
    }

    /// The reminder kinds named in `entry` (an array of `names`); an
    /// unknown one is reported at its place, with the closest kind.
    mutating func kinds(_ names: [String], in entry: TOMLTable.Entry) -> [ReminderKind] {
        let positions: [TOMLPosition]
        if case .array(let a) = entry.value { positions = a.positions } else { positions = [] }
        var result: [ReminderKind] = []
        for (i, name) in names.enumerated() {
            if let kind = ReminderKind(rawValue: name) {
                result.append(kind)
            } else {
                let at = i < positions.count ? positions[i] : entry.valuePosition
                let known = ReminderKind.allCases.map(\.rawValue)
                let hint = Suggestion.closest(to: name, in: known).map { "; did you mean '\($0)'?" }
                    ?? " (known kinds: \(known.joined(separator: ", ")))"
                error(at: at, "unknown reminder kind '\(name)'\(hint)")
            }
        }
        return result
    }

    mutating func checkPlaceholders(_ argument: String, at position: TOMLPosition) {
        var rest = Substring(argument)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return }
            let name = String(rest[rest.index(after: open)..<close])
            if !Hook.placeholders.contains(name), !name.isEmpty,
               name.allSatisfy({ $0.isLetter || $0 == "_" }) {
                let hint = Suggestion.closest(to: name, in: Hook.placeholders).map { "; did you mean '{\($0)}'?" }
                    ?? " (known: \(Hook.placeholders.map { "{\($0)}" }.joined(separator: ", ")))"
                error(at: position, "unknown placeholder '{\(name)}' in hook argument \"\(argument)\"\(hint)")
            }
            rest = rest[rest.index(after: close)...]
        }
    }
}
