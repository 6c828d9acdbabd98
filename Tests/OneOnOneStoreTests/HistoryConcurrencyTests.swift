import OneOnOne
import OneOnOneStore
import TestSupport
import Testing

@Suite("history store: concurrent writers and big files")
struct HistoryConcurrencyTests {
    @Test("8 writers appending 50 records each at once lose none, and ids stay unique")
    func concurrentAppends() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = HistoryStore(directory: dir.path + "/data")
        let writers = 8, each = 50
        let failures = Failures()
        onThreads(writers) { writer in
            for i in 0..<each {
                do {
                    if i % 2 == 0 {
                        try store.recordMeeting(Meeting(member: "m\(writer)", date: nov(1 + i % 28), note: "\(writer)/\(i)"))
                    } else {
                        _ = try store.addAction(member: "m\(writer)", text: "\(writer)/\(i)", owner: .me, due: nil,
                                                created: nov(1))
                    }
                } catch {
                    failures.add("writer \(writer), record \(i): \(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        let history = try store.load()
        #expect(history.meetings.count + history.actions.count == writers * each)
        #expect(Set(history.meetings.compactMap(\.note) + history.actions.map(\.text)).count == writers * each)
        #expect(history.actions.map(\.id).sorted { Int($0)! < Int($1)! } == (1...(writers * each / 2)).map(String.init))
    }

    @Test("a history of 100,000 records loads in one parse and a linear pass")
    func bigHistory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let count = 100_000
        var text = "# generated\n\n"
        text.reserveCapacity(count * 110)
        for i in 0..<count {
            let day = LocalDate(daysSinceEpoch: 19_000 + i / 40).description
            switch i % 4 {
            case 0, 1:
                text += "[[met]]\nmember = \"m\(i % 500)\"\non = \(day)\nnote = \"Talked about \\\"the roadmap\\\"\"\ntopics = [\"career\"]\nmood = \(1 + i % 5)\n\n"
            case 2:
                text += "[[action]]\nid = \"\(i)\"\nmember = \"m\(i % 500)\"\ntext = \"Follow up \(i)\"\nowner = \"me\"\ncreated = \(day)\n\n"
            default:
                text += "[[touch]]\naction = \"\(i - 1)\"\nkind = \"done\"\non = \(day)\n\n"
            }
        }
        try dir.write("history.toml", text)
        let store = HistoryStore(directory: dir.path)
        var history = History.empty
        let elapsed = try ContinuousClock().measure { history = try store.load() }
        #expect(history.meetings.count == count / 2)
        #expect(history.actions.count == count / 4)
        #expect(history.actions.allSatisfy { $0.touches.count == 1 })
        let start = ContinuousClock.now
        _ = try store.addAction(member: "m1", text: "one more", owner: .me, due: nil, created: nov(1))
        let append = ContinuousClock.now - start
        print("history load: \(count) records, \(text.utf8.count / 1_000_000) MB in \(elapsed); locked append (re-read + write): \(append)")
    }
}
