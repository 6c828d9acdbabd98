import Testing
import TestSupport

/// What a new user found wrong or misleading (issue 14), each pinned on the
/// real binary. The world's clock is Mon 2026-11-23 15:00 UTC.
@Suite("what a new user found")
struct TrustTests {
    @Test("met says the record is written and exits 0 when only a later step fails")
    func metSucceedsWhenStateFails() throws {
        let world = try World()
        defer { world.remove() }
        // The state directory is a file: first-seen days cannot be kept.
        let stateFile = try world.dir.write("state-is-a-file", "")
        let r = try run([product("oneonone"), "met", "bob", "--config", world.dir.path + "/config.toml",
                         "--data-dir", world.dir.path + "/data", "--state-dir", stateFile],
                        environment: ["ONEONONE_NOW": world.now, "NO_COLOR": "1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Recorded 1:1 with Bob Okafor on Mon Nov 23."), "\(r.stdout)")
        #expect(r.stderr.contains("warning: the 1:1 is recorded"), "\(r.stderr)")
        #expect(try world.historyText().contains("member = \"bob\""))
    }

    @Test("met refuses a day long ago or before the member joined unless --force; a snooze is at most a year")
    func dateBounds() throws {
        let world = try World()
        defer { world.remove() }
        let old = try world.oneonone("met", "bob", "--on", "1999-01-01")
        #expect(old.status == 1)
        #expect(old.stderr.contains("1999-01-01 is more than a year ago; add --force"), "\(old.stderr)")
        // Erin joined 2026-10-19.
        let early = try world.oneonone("met", "erin", "--on", "2026-10-01")
        #expect(early.stderr.contains("is before Erin Walsh joined (2026-10-19)"), "\(early.stderr)")
        #expect(try world.oneonone("met", "erin", "--on", "2026-10-01", "--force").status == 0)
        let snooze = try world.oneonone("snooze", "bob", "10000w")
        #expect(snooze.status == 1)
        #expect(snooze.stderr.contains("a snooze is at most a year"), "\(snooze.stderr)")
        let unknown = try world.oneonone("snooze", "99", "1d")
        #expect(unknown.stderr.contains("no member or action item '99'"), "\(unknown.stderr)")
        let mood = try world.oneonone("met", "bob", "--mood", "-1")
        #expect(mood.stderr.contains("--mood is 1 (low) to 5 (high), found -1"), "\(mood.stderr)")
    }

    @Test("action dates follow the same rules: not in the future, not before the item was written down")
    func actionDates() throws {
        let world = try World()
        defer { world.remove() }
        #expect(try world.oneonone("action", "add", "bob", "Send the deck", "--on", "2026-11-20").status == 0)
        let future = try world.oneonone("action", "done", "1", "--on", "2026-12-01")
        #expect(future.status == 1)
        #expect(future.stderr.contains("is in the future"), "\(future.stderr)")
        let before = try world.oneonone("action", "touch", "1", "--on", "2026-11-19")
        #expect(before.stderr.contains("is before the item was written down (2026-11-20)"), "\(before.stderr)")
        #expect(try world.oneonone("action", "done", "1", "--on", "2026-11-21").status == 0)
    }

    @Test("check refuses a lead or a slack that is not shorter than the cadence, at its line")
    func leadAndSlackFit() throws {
        let world = try World(config: """
            timezone = "UTC"
            [team.bob]
            name = "Bob"
            cadence = "1w"
            lead = "7d"
            [team.ann]
            name = "Ann"
            cadence = "2w"
            slack = "3w"
            """)
        defer { world.remove() }
        let r = try world.oneonone("check")
        #expect(r.status == 1)
        #expect(r.stderr.contains("config.toml:5:8: error: 'lead' (7d) in [team.bob] is not shorter than the cadence (weekly)"), "\(r.stderr)")
        #expect(r.stderr.contains("config.toml:9:9: error: 'slack' (3w) in [team.ann] is not shorter than the cadence"), "\(r.stderr)")
    }

    @Test("status shows an overdue 1:1 that is snoozed as both, in days as the alerts say")
    func snoozedOverdue() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        #expect(try world.oneonone("snooze", "bob", "2d").status == 0)
        let r = try world.oneonone("status")
        let bob = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("Bob Okafor") })
        // Due Fri Nov 20; snoozed two days from 10:00 New York time.
        #expect(bob.contains("overdue 3d, snoozed until Wed Nov 25 10:00"), "\(bob)")
        let json = try world.oneonone("status", "--json")
        #expect(json.stdout.contains("\"snoozed_until\""))
        #expect(json.stdout.contains("\"state\": \"overdue\""))
    }

    @Test("asking about a day in the past counts nothing recorded after it")
    func whatIfPast() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let r = try world.oneonone("action", "list", "--json", now: "2026-10-01T12:00:00Z")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("\"created\": \"2026-10-2"), "items written down later are left out")
        let status = try world.oneonone("status", "--json", now: "2026-10-01T12:00:00Z")
        #expect(!status.stdout.contains("\"last\": \"2026-11"), "\(status.stdout)")
    }

    @Test("two 1:1s on one day keep both notes in the agenda; met warns, check finds an exact repeat")
    func twoOnOneDay() throws {
        let world = try World()
        defer { world.remove() }
        #expect(try world.oneonone("met", "bob", "--note", "morning sync").status == 0)
        let second = try world.oneonone("met", "bob", "--note", "afternoon follow-up")
        #expect(second.stderr.contains("warning: this is the second 1:1 with Bob Okafor recorded on 2026-11-23"), "\(second.stderr)")
        let agenda = try world.oneonone("agenda", "bob")
        #expect(agenda.stdout.contains("morning sync") && agenda.stdout.contains("afternoon follow-up"), "\(agenda.stdout)")
        #expect(try world.oneonone("met", "bob", "--note", "afternoon follow-up").status == 0)
        let check = try world.oneonone("check")
        #expect(check.stderr.contains("repeats the one on line"), "\(check.stderr)")
    }

    @Test("the hint for a mistyped action id is the same on every run")
    func deterministicHint() throws {
        let world = try World()
        defer { world.remove() }
        var history = ""
        for id in ["ab", "ba", "ac", "ca", "bc", "cb"] {
            history += "[[action]]\nid = \"\(id)\"\nmember = \"bob\"\ntext = \"x\"\ncreated = 2026-11-01\n\n"
        }
        try world.dir.write("data/history.toml", history + "[[touch]]\naction = \"aa\"\nkind = \"done\"\non = 2026-11-02\n")
        let hints = try (0..<6).map { _ in try world.oneonone("check").stderr }
        #expect(Set(hints).count == 1, "\(Set(hints))")
        #expect(hints[0].contains("did you mean 'ab'?"), "\(hints[0])")
    }

    @Test("durations come back as written: a topic every 90d is \"every 90d\"")
    func durationsAsWritten() throws {
        let world = try World(config: """
            timezone = "UTC"
            [topics]
            career = "90d"
            [team.bob]
            name = "Bob"
            since = 2026-01-05
            """)
        defer { world.remove() }
        let agenda = try world.oneonone("agenda", "bob")
        #expect(agenda.stdout.contains("(every 90d)"), "\(agenda.stdout)")
    }
}

@Suite("everyday commands")
struct EverydayCommandTests {
    @Test("met --undo takes back the last 1:1 with a record, the cadence counts from the one before, check shows it")
    func undo() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        #expect(try world.oneonone("met", "bob").status == 0)
        let undo = try world.oneonone("met", "--undo", "bob")
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("Took back the 1:1 with Bob Okafor on Mon Nov 23. Next due Fri Nov 20"), "\(undo.stdout)")
        #expect(try world.historyText().contains("[[unmet]]\nmember = \"bob\"\non = 2026-11-23"))
        let check = try world.oneonone("check")
        #expect(check.stdout.contains("1 1:1 record taken back"), "\(check.stdout)")
        let none = try world.oneonone("met", "--undo", "erin", "--on", "2026-11-02")
        #expect(none.status == 1)
        #expect(none.stderr.contains("nothing to take back"), "\(none.stderr)")
    }

    @Test("snooze --clear ends a snooze at once; a new snooze replaces a longer one")
    func clearSnooze() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        #expect(try world.oneonone("snooze", "bob", "1w").status == 0)
        #expect(try world.oneonone("status").stdout.contains("snoozed until"))
        let cleared = try world.oneonone("snooze", "--clear", "bob")
        #expect(cleared.stdout.contains("Cleared the snooze of Bob Okafor"), "\(cleared.stdout)")
        let bob = try world.oneonone("status").stdout.split(separator: "\n").first { $0.hasPrefix("Bob") } ?? ""
        #expect(!bob.contains("snoozed"), "\(bob)")
        #expect(try world.oneonone("snooze", "bob").status == 2)
    }

    @Test("plan --member and --kind show one member's or one kind's reminders, digest or not")
    func planFilters() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let bob = try world.oneonone("plan", "--days", "30", "--member", "bob")
        let rows = bob.stdout.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("and ") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains(" bob ") }, "\(bob.stdout)")
        let stale = try world.oneonone("plan", "--days", "30", "--kind", "stale-action")
        #expect(stale.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.contains("stale-action") }, "\(stale.stdout)")
        let typo = try world.oneonone("plan", "--kind", "stale")
        #expect(typo.stderr.contains("did you mean 'stale-action'?") || typo.stderr.contains("--kind is one of"), "\(typo.stderr)")
    }

    @Test("plan counts a never-met member without `since` from today, not again from each day it looks ahead to")
    func planNeverSeenMember() throws {
        let world = try World()  // no history and no state: nobody seen yet
        defer { world.remove() }
        let json = try world.oneonone("plan", "--days", "30", "--member", "bob", "--json")
        #expect(json.status == 0, "\(json.stderr)")
        let due = json.stdout.split(separator: "\n").filter { $0.contains("\"kind\": \"due\"") }.count
        #expect(due <= 1, "one 1:1 due, then overdue: \(json.stdout)")
        #expect(json.stdout.contains("\"kind\": \"overdue\""), "\(json.stdout)")
        // Counting Bob from today wrote nothing: plan is a reader.
        #expect(try listDirectory(world.dir.path + "/state").isEmpty && listDirectory(world.dir.path + "/data").isEmpty)
    }

    @Test("plan at night shows what is past due at the start of the working hours, not 'now'")
    func planPastDueAtNight() throws {
        let world = try World()  // Alice and Erin, never met, are long overdue
        defer { world.remove() }
        // Mon Nov 23 22:00 in New York: outside the working hours.
        let plan = try world.oneonone("plan", "--days", "2", "--all", now: "2026-11-24T03:00:00Z")
        let rows = plan.stdout.split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty, "\(plan.stdout)")
        #expect(!rows.contains { $0.hasPrefix("now") }, "\(plan.stdout)")
        #expect(rows.contains { $0.hasPrefix("Tue Nov 24 09:00 (meant for ") }, "\(plan.stdout)")
    }

    @Test("plan --summary puts each series of repeats on one row that says how often it comes back")
    func planSummary() throws {
        let world = try World()  // three members due, never met: daily, then weekly
        defer { world.remove() }
        let full = try world.oneonone("plan", "--days", "30", "--all")
        let summary = try world.oneonone("plan", "--days", "30", "--all", "--summary")
        #expect(summary.status == 0, "\(summary.stderr)")
        let rows = summary.stdout.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("and ") }
        #expect(rows.count < full.stdout.split(separator: "\n").count - 2, "\(summary.stdout)")
        let bob = rows.filter { $0.contains(" overdue ") && $0.contains(" bob ") }
        #expect(bob.count == 1, "\(summary.stdout)")
        #expect(bob.first.map { $0.contains("×, every working day to ") && $0.contains(", then weekly to ") } == true, "\(summary.stdout)")
        let fullBob = full.stdout.split(separator: "\n").filter { $0.contains(" overdue ") && $0.contains(" bob ") }
        #expect(bob.first?.contains("\(fullBob.count)×") == true, "\(summary.stdout)\n\(full.stdout)")
        let both = try world.oneonone("plan", "--summary", "--json")
        #expect(both.status != 0 && both.stderr.contains("--summary and --json do not go together"), "\(both.stderr)")
    }

    @Test("action list puts stale items first, then by due date; --owner filters; --done shows when an item closed, its age stopped there")
    func actionListOrderAndFilters() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        func rows(_ args: String...) throws -> [[Substring]] {
            let r = try world.oneonone(args: ["action", "list"] + args)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        }
        let open = try rows()
        func state(_ row: [Substring]) -> String { String(row.first { ["stale", "open", "done", "dropped"].contains($0) } ?? "") }
        let states = open.map(state)
        #expect(states == states.sorted { ($0 == "stale" ? 0 : 1) < ($1 == "stale" ? 0 : 1) } && states.first == "stale", "\(open)")
        #expect(open.first?.first == "4", "the stale item with a due date comes first: \(open)")
        let theirs = try rows("--owner", "them")
        #expect(!theirs.isEmpty && theirs.allSatisfy { $0[2] == "them" }, "\(theirs)")
        let bad = try world.oneonone("action", "list", "--owner", "boss")
        #expect(bad.status != 0 && bad.stderr.contains("--owner is 'me' or 'them'"), "\(bad.stderr)")
        // Item 1: written down Oct 5, done Oct 12 — 7 days old for good.
        let done = try rows("--done")
        #expect(done.count == 1 && done[0][0] == "1" && done[0][3...7] == ["-", "7d", "done", "Oct", "12"], "\(done)")
        let json = try world.oneonone("action", "list", "--all", "--json")
        #expect(json.stdout.contains("\"closed\": \"2026-10-12\""), "\(json.stdout)")
    }

    @Test("action edit changes an item's text, due date and owner as a record; it is no progress, so a stale item stays stale")
    func actionEdit() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        // Item 2, Bob's, untouched since Oct 16: stale.
        let edit = try world.oneonone("action", "edit", "2", "--text", "Ask finance about the budget", "--due", "fri", "--owner", "them")
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout.contains("Edited [2] (text, due Fri Nov 27, theirs): Ask finance about the budget"), "\(edit.stdout)")
        let history = try world.historyText()
        #expect(history.hasSuffix("""
            [[touch]]
            action = "2"
            kind = "edited"
            on = 2026-11-23
            text = "Ask finance about the budget"
            due = 2026-11-27
            owner = "them"


            """), "\(history.suffix(200))")
        let row = try world.oneonone("action", "list", "bob").stdout.split(separator: "\n").last ?? ""
        #expect(row.contains(" them ") && row.contains("Nov 27") && row.contains(" stale ")
                && row.hasSuffix("Ask finance about the budget"), "\(row)")
        #expect(try world.oneonone("check").status == 0)
        // The same values again: nothing to write.
        let same = try world.oneonone("action", "edit", "[2]", "--owner", "them")
        #expect(same.status == 0 && same.stdout.contains("nothing changed"), "\(same.stdout)")
        #expect(try world.historyText() == history)
        let none = try world.oneonone("action", "edit", "2")
        #expect(none.status != 0 && none.stderr.contains("give --text, --due or --owner"), "\(none.stderr)")
        let unknown = try world.oneonone("action", "edit", "22", "--text", "x")
        #expect(unknown.status != 0 && unknown.stderr.contains("no action item '22'"), "\(unknown.stderr)")
        let empty = try world.oneonone("action", "edit", "2", "--text", "  ")
        #expect(empty.status != 0 && empty.stderr.contains("text is empty"), "\(empty.stderr)")
        #expect(try world.historyText() == history)
    }

    @Test("status shows each member's last mood (an arrow after a drop) and the topics due, and colours an on-time share below the floor on a terminal")
    func statusMoodTopicsColours() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let plain = try world.oneonone("status")
        let lines = plain.stdout.split(separator: "\n")
        let alice = lines.first { $0.hasPrefix("Alice") } ?? ""
        let bob = lines.first { $0.hasPrefix("Bob") } ?? ""
        #expect(lines.first?.contains(" MOOD  TOPICS ") == true, "\(plain.stdout)")
        #expect(alice.contains(" 2 ↓ ") && alice.contains(" 2 due "), "Alice's moods fell to 2: \(alice)")
        #expect(bob.contains(" 4 due ") && bob.contains(" 20% "), "\(bob)")
        #expect(!plain.stdout.contains("\u{1B}"), "no colours off a terminal")
        // On a terminal (script(1) gives the binary one): 20% is far below the 75% floor.
        let tty = try run(["script", "-qec", world.shellLine("status"), "/dev/null"], removing: ["NO_COLOR"])
        #expect(tty.stdout.contains("\u{1B}[31m20%\u{1B}[0m"), "\(tty.stdout)")
        #expect(!tty.stdout.contains("m100%"), "\(tty.stdout)")
    }

    @Test("log shows one member's timeline, newest day first, each day in the order it happened; -n pages, --json gives the same events")
    func memberLog() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        #expect(try world.oneonone("action", "done", "4", "--note", "sent it\nthey liked it").status == 0)
        #expect(try world.oneonone("action", "edit", "6", "--due", "fri").status == 0)
        let log = try world.oneonone("log", "alice")
        #expect(log.status == 0, "\(log.stderr)")
        let lines = log.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Alice Kovalenko (alice) — 7 1:1s, last Tue Nov 17; 1 open item", "\(log.stdout)")
        // Today's touches, then Nov 17's 1:1 with its note and the item written down in it.
        let today = lines.firstIndex(of: "Mon Nov 23"), nov17 = lines.firstIndex(of: "Tue Nov 17")
        let nov10 = lines.firstIndex(of: "Tue Nov 10"), oct6 = lines.firstIndex(of: "Tue Oct 6")
        #expect(today != nil && nov17 != nil && nov10 != nil && oct6 != nil, "\(log.stdout)")
        if let today, let nov17, let nov10, let oct6 {
            #expect(today < nov17 && nov17 < nov10 && nov10 < oct6)
            #expect(lines[today + 1] == "  ✓ done [4] Send Alice the promotion packet draft", "\(lines[today...])")
            #expect(lines[today + 2] == "      sent it" && lines[today + 3] == "      they liked it")
            #expect(lines[today + 4] == "  ✎ edited [6] Alice drafts the on-call RFC — due Nov 27")
            #expect(lines[nov17 + 1] == "  1:1 held · mood 2/5")
            #expect(lines[nov17 + 2] == "      Wants to own the on-call redesign")
            #expect(lines[nov17 + 3] == "  + [6] Alice drafts the on-call RFC (them, due Nov 27)")
            #expect(lines[nov10 + 1] == "  1:1 held · mood 2/5 · topics: career")
        }
        #expect(!log.stdout.contains("Bob"), "another member's records")

        let newest = try world.oneonone("log", "Alice", "-n", "3")
        #expect(newest.stdout.contains("Tue Nov 17") && !newest.stdout.contains("Tue Nov 10"), "\(newest.stdout)")
        #expect(newest.stdout.hasSuffix("… 8 older events (without -n to see them all)\n"), "\(newest.stdout)")
        let zero = try world.oneonone("log", "alice", "-n", "0")
        #expect(zero.status == 2 && zero.stderr.contains("from 1 up"), "\(zero.stderr)")
        let unknown = try world.oneonone("log", "alcie")
        #expect(unknown.status == 1 && unknown.stderr.contains("Did you mean 'alice'?"), "\(unknown.stderr)")

        let json = try world.oneonone("log", "alice", "--json")
        let summary = "import json,sys; e=json.load(sys.stdin); print(len(e), [x['event'] for x in e[:4]], e[0]['item']['id'], "
            + "e[0]['note'], e[2]['mood'], all(a['date'] >= b['date'] for a, b in zip(e, e[1:])))"
        let read = try run(["python3", "-c", summary], stdin: Array(json.stdout.utf8)).stdout
        #expect(read == "11 ['done', 'edited', 'met', 'added'] 4 sent it\nthey liked it 2 True\n", "\(read)")
    }

    @Test("log pages through $ONEONONE_PAGER on a terminal, not with --no-pager or off a terminal")
    func memberLogPager() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let pager = "ONEONONE_PAGER=\"sed 's/^/paged: /'\" "
        let paged = try run(["script", "-qec", pager + world.shellLine("log alice"), "/dev/null"], removing: ["NO_COLOR"])
        let shown = paged.stdout.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { $0.filter { $0 != "\r" } }.filter { !$0.isEmpty }
        #expect(shown.count > 10 && shown.allSatisfy { $0.hasPrefix("paged: ") }, "\(paged.stdout)")
        let direct = try run(["script", "-qec", pager + world.shellLine("log alice --no-pager"), "/dev/null"])
        #expect(direct.stdout.contains("Tue Nov 17") && !direct.stdout.contains("paged: "), "\(direct.stdout)")
        let piped = try world.oneonone("log", "alice", environment: ["ONEONONE_PAGER": "sed 's/^/paged: /'"])
        #expect(piped.stdout.contains("Tue Nov 17") && !piped.stdout.contains("paged: "), "\(piped.stdout)")
    }

    @Test("action edit --due none takes the due date away, as a record; check refuses a touch that sets and clears it")
    func editClearsDue() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let before = try world.oneonone("action", "list", "--json").stdout
        #expect(before.contains("\"due\": \"2026-11-20\""), "item 4 is due Nov 20: \(before)")
        let clear = try world.oneonone("action", "edit", "4", "--due", "none")
        #expect(clear.status == 0 && clear.stdout.contains("Edited [4] (no due date)"), "\(clear.stdout)\(clear.stderr)")
        #expect(try world.historyText().hasSuffix("[[touch]]\naction = \"4\"\nkind = \"edited\"\non = 2026-11-23\nclear = \"due\"\n\n"))
        let row = try world.oneonone("action", "list", "alice").stdout.split(separator: "\n").first { $0.hasPrefix("4 ") } ?? ""
        #expect(row.contains(" -  "), "no due date any more: \(row)")
        #expect(try world.oneonone("log", "alice", "-n", "1").stdout.contains("✎ edited [4] Send Alice the promotion packet draft — no due date"))
        // Nothing to take away a second time.
        let again = try world.oneonone("action", "edit", "4", "--due", "none")
        #expect(again.stdout.contains("nothing changed"), "\(again.stdout)")
        #expect(try world.oneonone("check").status == 0)

        try world.dir.write("data/history.toml", try world.historyText()
            + "[[touch]]\naction = \"4\"\nkind = \"edited\"\non = 2026-11-23\ndue = 2026-11-30\nclear = \"due\"\n\n")
        let check = try world.oneonone("check")
        #expect(check.status == 1 && (check.stdout + check.stderr).contains("both sets 'due' and clears it"), "\(check.stdout)\(check.stderr)")
    }

    @Test("action list wraps a long item text under its column to the terminal's width, and leaves it whole in a pipe")
    func listWrapsLongText() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let text = "Book the quarterly planning offsite, agree the budget with finance and send everyone the agenda"
        #expect(try world.oneonone("action", "add", "bob", text).status == 0)
        let wrapped = try world.oneonone("action", "list", "bob", environment: ["COLUMNS": "72"]).stdout
        let lines = wrapped.split(separator: "\n").map(String.init)
        // Where the ITEM column starts: the header's last word.
        let column = (lines.first?.count ?? 0) - "ITEM".count
        #expect(lines.allSatisfy { $0.count <= 72 }, "\(wrapped)")
        let start = lines.firstIndex { $0.dropFirst(column).hasPrefix("Book the") } ?? 0
        let item = lines[start...].prefix { $0 == lines[start] || $0.hasPrefix(String(repeating: " ", count: column)) }
        #expect(item.count >= 3, "\(wrapped)")
        // Read back, the wrapped lines are the text, word for word.
        let rejoined = item.map { String($0.dropFirst(column)) }.joined(separator: " ")
        #expect(rejoined == text, "\(wrapped)")
        let piped = try world.oneonone("action", "list", "bob", environment: ["COLUMNS": ""]).stdout
        #expect(piped.split(separator: "\n").contains { $0.hasSuffix(text) }, "\(piped)")
    }
}
