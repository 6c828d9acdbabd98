// libFuzzer entry point for the history decoder, built by `make fuzz` with
// the OneOnOne and OneOnOneStore modules. The bytes are history.toml as the
// store reads it (`RecordLog.decode`: a torn last record and trailing zero
// bytes set aside, then `HistoryDecoder` on what parses). Beyond "never
// crash":
//
// - a refusal carries at least one error, and a reading none;
// - what the reading kept (`validLength`) reads alone to the same history;
// - the history written back record by record (`HistoryStore.record`)
//   reads to the same history;
// - appending a record the way `oneonone met` does (after the kept bytes,
//   on a line of its own) gives the history plus that 1:1.
//
// The same bytes are also read as the state directory's record files
// (fired.toml, snoozes.toml, members.toml): never crash.

@testable import OneOnOneStore
@testable import OneOnOne
import TOML

/// The example team: records of anyone else are kept with a warning.
let members: Set<String> = ["alice", "bob", "carla", "dmytro", "erin"]
let log = RecordLog(directory: "/nonexistent/oneonone-fuzz", name: "history.toml", appended: HistoryDecoder.schemas)

func read(_ bytes: [UInt8]) -> Result<RecordLog.Reading<History>, Diagnostics> {
    log.decode(bytes, HistoryDecoder(members: members).decode)
}

/// The history as the store writes it: 1:1s oldest first, then each
/// action item followed by its touches.
func written(_ history: History) -> [UInt8] {
    var bytes = history.meetings.flatMap { HistoryStore.record($0) }
    for item in history.actions { bytes += HistoryStore.record(item) }
    for item in history.actions { for touch in item.touches { bytes += HistoryStore.record(item.id, touch) } }
    return bytes
}

func mustRead(_ bytes: [UInt8], _ what: String) -> RecordLog.Reading<History> {
    switch read(bytes) {
    case .success(let reading): return reading
    case .failure(let diagnostics):
        fatalError("fuzz invariant violated: \(what) does not read:\n\(diagnostics)--- bytes ---\n"
            + String(decoding: bytes, as: UTF8.self))
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    stateFiles(bytes)
    let reading: RecordLog.Reading<History>
    switch read(bytes) {
    case .failure(let diagnostics):
        require(diagnostics.items.contains { $0.severity == .error }, "a history refused without an error")
        _ = diagnostics.description
        return 0
    case .success(let r):
        reading = r
    }
    let history = reading.output
    require(reading.warnings.allSatisfy { $0.severity == .warning }, "an error among the warnings of a reading")
    _ = reading.warnings.map(\.description)
    require(reading.length == bytes.count && reading.validLength <= bytes.count,
            "a reading of \(bytes.count) bytes keeps \(reading.validLength) of \(reading.length)")

    let kept = Array(bytes[..<reading.validLength])
    if reading.validLength < bytes.count {
        let alone = mustRead(kept, "the \(reading.validLength) bytes kept of \(bytes.count)")
        require(alone.output == history, "the bytes kept read to another history")
    }

    let rewritten = written(history)
    let again = mustRead(rewritten, "the history written back")
    require(again.output == history, "the history written back reads differently:\n"
        + String(decoding: rewritten, as: UTF8.self))
    require(again.validLength == rewritten.count && !again.needsNewline, "the history written back has a torn tail")

    // `oneonone met bob`: the append RecordLog.append makes.
    let meeting = Meeting(member: "bob", date: LocalDate(year: 2026, month: 11, day: 23)!, note: "fuzz", topics: ["career"],
                          mood: 3)
    let appended = kept + (reading.needsNewline ? [UInt8(ascii: "\n")] : []) + HistoryStore.record(meeting)
    var expected = history
    expected.add(meeting)
    let afterAppend = mustRead(appended, "the history after appending a [[met]] record")
    require(afterAppend.output == expected, "appending a [[met]] record does not add just that 1:1")
    return 0
}


/// The state directory's files, read from the same bytes.
func stateFiles(_ bytes: [UInt8]) {
    let directory = "/nonexistent/oneonone-fuzz-state"
    _ = RecordLog(directory: directory, name: "fired.toml", appended: [.fired]).decode(bytes, StateDecoder.fired)
    _ = RecordLog(directory: directory, name: "snoozes.toml", appended: [.snooze]).decode(bytes, StateDecoder.snoozes)
    _ = RecordLog(directory: directory, name: "members.toml", appended: []).decode(bytes, StateDecoder.seen)
}
