import Testing
import TestSupport

/// The engine from the command line: met, action, status, agenda, plan,
/// snooze, export — the real binary on real files.
@Suite("oneonone commands")
struct EngineTests {
    @Test("met records a 1:1 and says when the next one is due")
    func met() throws {
        let world = try World()
        defer { world.remove() }
        let r = try world.oneonone("met", "alice", "--on", "2026-11-20", "--topics", "career", "--mood", "4", "--note", "Q1 \"goals\"")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Recorded 1:1 with Alice Kovalenko on Fri Nov 20. Next due Fri Nov 27 (weekly)."))
        let text = try world.historyText()
        #expect(text.contains("member = \"alice\""))
        #expect(text.contains("on = 2026-11-20"))
        #expect(text.contains("mood = 4"))
    }

    @Test("met accepts friendly dates: yesterday and the most recent weekday")
    func friendlyDates() throws {
        let world = try World() // Monday 2026-11-23
        defer { world.remove() }
        #expect(try world.oneonone("met", "bob", "--on", "yesterday").stdout.contains("on Sun Nov 22"))
        #expect(try world.oneonone("met", "carla", "--on", "fri").stdout.contains("on Fri Nov 20"))
        #expect(try world.oneonone("met", "erin", "--on", "mon").stdout.contains("on Mon Nov 23"))
    }

    @Test("an unknown member is an error with a suggestion")
    func unknownMember() throws {
        let world = try World()
        defer { world.remove() }
        let r = try world.oneonone("met", "alcie")
        #expect(r.status == 1)
        #expect(r.stderr.contains("no member 'alcie'"))
        #expect(r.stderr.contains("Did you mean 'alice'?"))
    }

    @Test("bad dates, future dates and bad moods are refused")
    func badInput() throws {
        let world = try World()
        defer { world.remove() }
        #expect(try world.oneonone("met", "alice", "--on", "2026-02-30").stderr.contains("--on takes a date"))
        #expect(try world.oneonone("met", "alice", "--on", "2026-12-01").stderr.contains("is in the future"))
        #expect(try world.oneonone("met", "alice", "--mood", "9").stderr.contains("--mood is 1 (low) to 5 (high)"))
        #expect(try world.oneonone("met", "alice", "--topics", "carrer").stderr.contains("Did you mean 'career'?"))
        #expect(try !world.oneonone("status").stdout.isEmpty)
    }

    @Test("action items get short ids and can be listed, touched, closed")
    func actions() throws {
        let world = try World()
        defer { world.remove() }
        let add = try world.oneonone("action", "add", "alice", "Send the promo packet", "--due", "2026-11-27")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("Added [1] for Alice Kovalenko: Send the promo packet, due Fri Nov 27"))
        let second = try world.oneonone("action", "add", "bob", "Book the offsite", "--owner", "them")
        #expect(second.stdout.contains("Added [2]"))
        let list = try world.oneonone("action", "list")
        #expect(list.stdout.contains("Send the promo packet"))
        #expect(list.stdout.contains("Book the offsite"))
        #expect(try world.oneonone("action", "done", "1").stdout.contains("Done [1]: Send the promo packet"))
        #expect(try !world.oneonone("action", "list").stdout.contains("Send the promo packet"))
        let again = try world.oneonone("action", "done", "1")
        #expect(again.status == 1)
        #expect(again.stderr.contains("already done"))
        let unknown = try world.oneonone("action", "drop", "7")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no action item '7'"))
    }

    @Test("status shows every member with state, consistency and items")
    func status() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let r = try world.oneonone("status")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("MEMBER") == true)
        let bob = try #require(lines.first { $0.hasPrefix("Bob Okafor") })
        #expect(bob.contains("overdue"))
        #expect(bob.contains("1 open, 1 stale"))
        let alice = try #require(lines.first { $0.hasPrefix("Alice Kovalenko") })
        #expect(alice.contains("due soon"))
        #expect(alice.contains("tomorrow"))
        let json = try world.oneonone("status", "--json")
        #expect(json.stdout.contains("\"state\": \"overdue\""))
        #expect(json.stdout.contains("\"cadence_learned\": true"))
    }

    @Test("agenda lists carried-over items, topics due, notes and questions")
    func agenda() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let r = try world.oneonone("agenda", "alice")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1:1 with Alice Kovalenko"))
        #expect(r.stdout.contains("[4] Send Alice the promotion packet draft"))
        #expect(r.stdout.contains("STALE: past due (Nov 20)"))
        #expect(r.stdout.contains("Topics due"))
        #expect(r.stdout.contains("feedback"))
        #expect(r.stdout.contains("Wants to own the on-call redesign"))
        #expect(r.stdout.contains("Their time:"))
        #expect(r.stdout.contains("Working hours overlap"))
        #expect(r.stdout.contains("What is getting in your way?"))
        #expect(r.stdout.contains("Mood lately"))
    }

    @Test("plan --days 30 shows which reminders would fire when")
    func plan() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let r = try world.oneonone("plan", "--days", "30")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("due-soon"))
        // Stale items reach you in the morning digest, not one by one; so
        // does Bob's overdue 1:1, each morning it goes out with the digest.
        #expect(r.stdout.contains("digest"))
        #expect(!r.stdout.contains("stale-action"))
        #expect(!r.stdout.contains("1:1 with Bob overdue"))
        #expect(r.stdout.contains("reach you only in the digests (plan --all lists them)"))
        let all = try world.oneonone("plan", "--days", "30", "--all").stdout
        #expect(all.contains("stale-action") && all.contains("1:1 with Bob overdue by 3 days"), "\(all)")
        let json = try world.oneonone("plan", "--days", "30", "--all", "--json")
        #expect(json.stdout.contains("\"key\": \"overdue/bob/2026-11-20#1\""))
    }

    @Test("snooze keeps a member quiet until it ends")
    func snooze() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        let s = try world.oneonone("snooze", "bob", "3d")
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout.contains("Snoozed Bob Okafor until Thu Nov 26"))
        let plan = try world.oneonone("plan", "--days", "2", "--json")
        #expect(!plan.stdout.contains("overdue/bob/"))
    }

    @Test("check validates the history too and names the line of a broken record")
    func checkHistory() throws {
        let world = try World().withExampleHistory()
        defer { world.remove() }
        #expect(try world.oneonone("check").status == 0)
        _ = try world.dir.write("data/history.toml", try world.historyText() + "\n[[met]]\nmember = \"alice\"\non = 2026-11-21\nmood = \"great\"\n")
        let r = try world.oneonone("check")
        #expect(r.status == 1)
        #expect(r.stderr.contains("history.toml:"))
        #expect(r.stderr.contains("mood"))
    }
}
