import Testing
import TestSupport

/// `oneonone check` run as a user runs it: the real binary on real files.
@Suite("oneonone check")
struct CheckTests {
    static let example = packageRoot() + "/config/example.toml"

    /// Writes `text` as config.toml in a fresh directory and runs `check` on it.
    func check(_ text: String, _ extra: [String] = []) throws -> (RunResult, String) {
        let dir = try TemporaryDirectory()
        let path = try dir.write("config.toml", text)
        let result = try run([product("oneonone"), "check", path] + extra)
        dir.remove()
        return (result, path)
    }

    /// The example config with one piece of text replaced.
    func variant(_ old: String, _ new: String) throws -> String {
        let text = String(decoding: try readBytes(Self.example), as: UTF8.self)
        let replaced = text.replacing(old, with: new, maxReplacements: 1)
        #expect(replaced != text, "the example no longer contains \(old)")
        return replaced
    }

    /// The 1-based line of the first occurrence of `needle` in `text`.
    func line(of needle: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    @Test("the bundled example config is valid")
    func exampleIsValid() throws {
        let result = try run([product("oneonone"), "check", Self.example])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok — 5 members, 4 topics, 1 hook"))
        #expect(result.stderr.isEmpty)
    }

    @Test("a misspelled key is named with its position and the key it meant")
    func unknownKey() throws {
        let text = try variant("cadence = \"1w\"", "cadense = \"1w\"")
        let (result, path) = try check(text)
        #expect(result.status == 1)
        let n = line(of: "cadense", in: text)
        #expect(result.stderr.contains("\(path):\(n):1: error: unknown key 'cadense' in [team.alice]; did you mean 'cadence'?"))
        #expect(result.stderr.contains("\(n) | cadense = \"1w\""))
    }

    @Test("a value of the wrong type names the type and the text it saw")
    func wrongType() throws {
        let text = try variant("slack = \"2d\"", "slack = 2")
        let (result, path) = try check(text)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):\(line(of: "slack = 2", in: text)):9: error: 'slack' in [defaults] must be a string, found integer 2"))
    }

    @Test("a bad duration points at the bad unit inside the string")
    func badDuration() throws {
        let text = try variant("lead = \"1d\"", "lead = \"1x\"")
        let (result, path) = try check(text)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):\(line(of: "lead = \"1x\"", in: text)):10: error: bad 'lead' in [defaults]: unknown unit 'x' in '1x'"))
    }

    @Test("a bad cadence lists the forms that work")
    func badCadence() throws {
        let text = try variant("cadence = \"monthly\"", "cadence = \"sometimes\"")
        let (result, path) = try check(text)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):\(line(of: "sometimes", in: text)):"))
        #expect(result.stderr.contains("unknown cadence 'sometimes'"))
    }

    @Test("bad working hours point at the mistake")
    func badWorkingHours() throws {
        let text = try variant("working_hours = \"Mon-Fri 08:30-16:30\"", "working_hours = \"Mon-Fri 16:30-08:30\"")
        let (result, path) = try check(text)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):\(line(of: "16:30-08:30", in: text)):26: error: bad 'working_hours'"))
        #expect(result.stderr.contains("ends before it starts"))
    }

    @Test("an unknown time zone is named")
    func unknownZone() throws {
        let text = try variant("timezone = \"Europe/Kyiv\"", "timezone = \"Europe/Kiev2\"")
        let (result, path) = try check(text)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):\(line(of: "Kiev2", in: text)):12: error:"))
        #expect(result.stderr.contains("unknown time zone 'Europe/Kiev2'"))
    }

    @Test("an away period that ends before it starts is refused")
    func reversedAway() throws {
        let text = try variant("{ from = 2026-12-22, to = 2027-01-04", "{ from = 2027-01-04, to = 2026-12-22")
        let (result, _) = try check(text)
        #expect(result.status == 1)
        #expect(result.stderr.contains("away period is reversed: it ends 2026-12-22 before it starts 2027-01-04"))
    }

    @Test("two members with the same name are refused at the second")
    func duplicateName() throws {
        let text = try variant("name = \"Bob Okafor\"", "name = \"Alice Kovalenko\"")
        let (result, path) = try check(text)
        #expect(result.status == 1)
        let n = line(of: "[team.bob]", in: text) + 1
        #expect(result.stderr.contains("\(path):\(n):8: error: duplicate member name \"Alice Kovalenko\": member 'alice' has it too"))
    }

    @Test("a hook without a command is refused")
    func hookWithoutCommand() throws {
        let text = try variant("command = [\"notify-send\", \"--app-name=oneonone\", \"--urgency={urgency}\", \"{title}\", \"{body}\"]\n", "")
        let (result, path) = try check(text)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):\(line(of: "[[hook]]", in: text)):1: error: this [[hook]] has no command"))
    }

    @Test("a hook's command given as a shell string is refused with the argv form")
    func shellStringHook() throws {
        let text = try variant("command = [\"notify-send\", \"--app-name=oneonone\", \"--urgency={urgency}\", \"{title}\", \"{body}\"]",
                               "command = \"notify-send {title}\"")
        let (result, _) = try check(text)
        #expect(result.status == 1)
        #expect(result.stderr.contains("argv array, never a shell string: write command = [\"notify-send\", \"{title}\"]"))
    }

    @Test("an unknown reminder kind or placeholder in a hook is named")
    func hookTypos() throws {
        var text = try variant("timeout = \"10s\"", "on = [\"due-son\", \"overdue\"]\ntimeout = \"10s\"")
        text = text.replacing("\"{title}\"", with: "\"{titel}\"", maxReplacements: 1)
        let (result, _) = try check(text)
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown reminder kind 'due-son'; did you mean 'due-soon'?"))
        #expect(result.stderr.contains("unknown placeholder '{titel}' in hook argument \"{titel}\"; did you mean '{title}'?"))
    }

    @Test("a config with no team is refused")
    func emptyTeam() throws {
        let (result, path) = try check("timezone = \"UTC\"\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path): error: the team is empty"))
    }

    @Test("a TOML syntax error is shown with its line and a caret")
    func syntaxError() throws {
        let (result, path) = try check("timezone = \"UTC\"\n[team.alice]\nname = \"Alice\n")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(path):3:"))
        #expect(result.stderr.contains(" 3 | name = \"Alice"))
        #expect(result.stderr.contains("^"))
    }

    @Test("several mistakes are all reported in one run, in file order")
    func severalErrors() throws {
        var text = try variant("slack = \"2d\"", "slak = \"2d\"")
        text = text.replacing("cadence = \"1w\"", with: "cadence = \"1y\"", maxReplacements: 1)
        text = text.replacing("timezone = \"Europe/Berlin\"", with: "timezone = \"Mars/Olympus\"", maxReplacements: 1)
        let (result, _) = try check(text)
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 3, "\(result.stderr)")
        #expect(errors.first?.contains("slak") == true)
        #expect(errors.last?.contains("Mars/Olympus") == true)
    }

    @Test("a missing config says where it looked and how to start")
    func missingConfig() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try run([product("oneonone"), "check"],
                             environment: ["XDG_CONFIG_HOME": dir.path + "/cfg", "XDG_CONFIG_DIRS": dir.path + "/etc"],
                             removing: ["ONEONONE_CONFIG"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(dir.path + "/cfg/oneonone/config.toml"))
        #expect(result.stderr.contains("config/example.toml"))
    }

    @Test("the config is found through XDG_CONFIG_HOME and ONEONONE_CONFIG")
    func lookup() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try run(["mkdir", "-p", dir.path + "/cfg/oneonone"])
        _ = try run(["cp", Self.example, dir.path + "/cfg/oneonone/config.toml"])
        let viaXDG = try run([product("oneonone"), "check"],
                             environment: ["XDG_CONFIG_HOME": dir.path + "/cfg"], removing: ["ONEONONE_CONFIG"])
        #expect(viaXDG.status == 0, "\(viaXDG.stderr)")
        #expect(viaXDG.stdout.hasPrefix(dir.path + "/cfg/oneonone/config.toml: ok"))
        let viaEnv = try run([product("oneonone"), "check"],
                             environment: ["ONEONONE_CONFIG": Self.example, "XDG_CONFIG_HOME": "/nonexistent"])
        #expect(viaEnv.status == 0)
    }

    @Test("--json prints the normalized config with defaults filled in")
    func json() throws {
        let result = try run([product("oneonone"), "check", "--json", "--config", Self.example])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"timezone\": \"America/New_York\""))
        #expect(result.stdout.contains("\"key\": \"bob\""))
        // Bob sets no cadence: the default applies.
        #expect(result.stdout.contains("\"cadence\": \"2w\""))
        #expect(result.stdout.contains("\"working_hours\": \"Mon-Thu 09:00-17:30; Fri 09:00-15:00\""))
    }

    @Test("an unknown option is a usage error with exit status 2")
    func usage() throws {
        let result = try run([product("oneonone"), "check", "--frobnicate"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--frobnicate"))
    }
}

@Suite("oneonone check: warnings")
struct CheckWarningTests {
    @Test("check shows a record torn by a crash and records of members not in the config, and counts them in its summary")
    func warningsShownAndCounted() throws {
        let world = try World()
        defer { world.remove() }
        try world.dir.write("data/history.toml", """
            [[met]]
            member = "alice"
            on = 2026-11-10

            [[met]]
            member = "zed"
            on = 2026-11-11

            [[met]]
            member = "bob"
            on = 2026-1
            """)
        let r = try world.oneonone("check")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("history.toml:9:1: warning: the last record is incomplete"), "\(r.stderr)")
        #expect(r.stderr.contains("member 'zed', who is not in the config"), "\(r.stderr)")
        #expect(r.stdout.contains("2 1:1s, 0 action items (2 warnings above)"), "\(r.stdout)")
    }

    @Test("a broken last record without a final newline, written by hand, fails check at its line")
    func handEditFails() throws {
        let world = try World()
        defer { world.remove() }
        try world.dir.write("data/history.toml", "[[met]]\nmember = \"alice\"\non = 2026-11-10\n\n[[met]]\nmember = \"bob\"\nmood = 9")
        let r = try world.oneonone("check")
        #expect(r.status == 1)
        #expect(r.stderr.contains("history.toml:5:1: error: [[met]] has no 'on'") || r.stderr.contains("history.toml:7:8"),
                "\(r.stderr)")
    }
}

@Suite("oneonone check: small things a new user hit")
struct CheckSmallTests {
    func check(_ config: String) throws -> RunResult {
        let world = try World(config: "timezone = \"UTC\"\n" + config)
        defer { world.remove() }
        return try world.oneonone("check")
    }

    @Test("a member key with an emoji is refused, as the message says")
    func emojiKey() throws {
        let r = try check("[team.\"priya🙂\"]\nname = \"Priya\"\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("use letters, digits, '-' or '_'"), "\(r.stderr)")
    }

    @Test("a [[hook]] with a bad command still has its other problems shown")
    func hookErrorsTogether() throws {
        let r = try check("[team.bob]\nname = \"Bob\"\n[[hook]]\ncommand = \"notify-send {title}\"\non = [\"overdeu\"]\ntimeout = \"0s\"\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("never a shell string"), "\(r.stderr)")
        #expect(r.stderr.contains("unknown reminder kind 'overdeu'; did you mean 'overdue'?"), "\(r.stderr)")
        #expect(r.stderr.contains("a hook's timeout must be longer than zero"), "\(r.stderr)")
    }

    @Test("a working-hours range that ends as it starts is called empty, not reversed")
    func emptyRange() throws {
        let r = try check("working_hours = \"Tue 24:00-24:00\"\n[team.bob]\nname = \"Bob\"\n")
        #expect(r.stderr.contains("24:00-24:00 in 'Tue 24:00-24:00' is empty"), "\(r.stderr)")
    }
}
