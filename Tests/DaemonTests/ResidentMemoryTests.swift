@testable import Daemon
import Testing

@Suite("resident memory")
struct ResidentMemoryTests {
    static let smaps = """
        55cb3f440000-55cb40171000 r-xp 00000000 fe:00 5325235                    /usr/bin/oneonone
        Size:              13508 kB
        Rss:                6336 kB
        Private_Dirty:      6336 kB
        Anonymous:             0 kB
        Swap:                  0 kB
        55cb40171000-55cb401c7000 r--p 00d30000 fe:00 5325235                    /usr/bin/oneonone
        Rss:                 344 kB
        Anonymous:           344 kB
        Swap:                  0 kB
        55cb401c7000-55cb403c2000 rw-p 00d86000 fe:00 5325235                    /usr/bin/oneonone
        Anonymous:           148 kB
        7ffd1c5e9000-7ffd1c5eb000 r-xp 00000000 00:00 0                          [vdso]
        Anonymous:             0 kB
        """

    @Test("only read-only file mappings with no copied pages are released: text yes, relocated data and vdso no")
    func choosesSafeMappings() {
        let mappings = ResidentMemory.mappings(Self.smaps)
        #expect(mappings.count == 4)
        #expect(mappings.map(\.start) == [0x55cb3f440000, 0x55cb40171000, 0x55cb401c7000, 0x7ffd1c5e9000])
        #expect(mappings.map(\.copiedKB) == [0, 344, 148, 0])
        #expect(mappings.map { ResidentMemory.releasable($0) } == [true, false, false, false])
    }

    @Test("releasing gives back this process's clean file pages, code still runs after, and prefault maps them again")
    func releaseAndPrefault() {
        func resident() -> Int {
            ResidentMemory.current().filter { ResidentMemory.releasable($0) }.reduce(0) { $0 + $1.residentKB }
        }
        let before = resident()
        let text = (1...1000).map { "\($0)" }.joined(separator: ",")
        var memory = ResidentMemory()
        memory.releaseIdlePages()
        let released = resident()
        // Only the little touched since (reading /proc) comes back.
        #expect(released < before / 2, "resident KiB before \(before), after release \(released)")
        #expect((1...1000).map { "\($0)" }.joined(separator: ",") == text)
        memory.prefault()
        #expect(resident() > released * 2, "resident KiB after release \(released), after prefault \(resident())")
    }
}
