import Testing
import TestSupport
@testable import OneOnOne

/// A 1:1 the calendar has booked: the nudges say when it is, and one booked
/// soon enough holds the overdue alerts until it has ended.
@Suite("planner: booked 1:1s")
struct BookingTests {
    // Weekly 1:1 last held Tue 2026-11-17: due Tue 11-24, lead 1d, slack 2d,
    // overdue from Fri 11-27 (New York, working hours Mon-Fri 09-17).
    let config = Fixture.config([Fixture.member()])

    func history(booked start: String?, minutes: Int64 = 30) -> History {
        var history = History(meetings: Fixture.met("2026-11-10", "2026-11-17"))
        if let start {
            let at = Fixture.at(start)
            history.booked = ["alice": [Booking(start: at, end: at.adding(seconds: minutes * 60))]]
        }
        return history
    }

    func plan(_ at: String, _ history: History, ledger: Ledger = Ledger()) -> Plan {
        Planner.plan(config: config, history: history, ledger: ledger, now: Fixture.at(at))
    }

    @Test("the due-soon and due reminders say when the 1:1 is booked instead of asking for one; keys do not change")
    func nudgesSayWhen() throws {
        let booked = history(booked: "2026-11-24 14:00")
        let soon = try #require(plan("2026-11-23 09:00", booked).fire.first)
        #expect(soon.title == "1:1 with Alice booked tomorrow 14:00")
        #expect(soon.body.contains("Booked in your calendar: tomorrow 14:00."), "\(soon.body)")
        #expect(soon.key == "due-soon/alice/2026-11-24")
        let due = try #require(plan("2026-11-24 09:00", booked).fire.first)
        #expect(due.title == "1:1 with Alice booked today 14:00")
        #expect(due.key == "due/alice/2026-11-24")
        // Without a booking, the same reminders ask for one.
        #expect(plan("2026-11-23 09:00", history(booked: nil)).fire.first?.title == "1:1 with Alice due tomorrow")
    }

    @Test("a 1:1 booked within slack of overdue holds the overdue alert until it has ended; a later one does not")
    func holdsOverdue() throws {
        // Overdue from Fri 11-27 09:00; booked that afternoon: held.
        let held = history(booked: "2026-11-27 15:00")
        let ledger = Ledger(fired: ["due/alice/2026-11-24": Fixture.at("2026-11-24 09:00")])
        let friday = plan("2026-11-27 09:00", held, ledger: ledger)
        #expect(friday.fire.isEmpty, "\(friday.fire.map(\.title))")
        #expect(friday.nextWake == Fixture.at("2026-11-27 15:30"))
        // Had it not been held (the calendar not read again), the alert
        // comes once it ended, and no longer speaks of a booking.
        let after = plan("2026-11-27 15:30", held, ledger: ledger)
        #expect(after.fire.map(\.kind) == [.overdue], "\(after.fire.map(\.title))")
        #expect(after.fire.first?.body.contains("Booked") == false)

        // Booked Mon 11-30: more than slack (2d) after Fri's overdue point: alerts go on.
        let late = plan("2026-11-27 09:00", history(booked: "2026-11-30 10:00"), ledger: ledger)
        let alert = try #require(late.fire.first)
        #expect(alert.kind == .overdue && alert.title == "1:1 with Alice overdue by 3 days")
        #expect(alert.body.contains("Booked in your calendar: Monday 10:00, later than it should be"), "\(alert.body)")
    }

    @Test("a booking that has ended is no booking: what was asked before comes back")
    func endedBooking() {
        let past = history(booked: "2026-11-20 10:00")
        #expect(plan("2026-11-23 09:00", past).fire.first?.title == "1:1 with Alice due tomorrow")
    }
}
