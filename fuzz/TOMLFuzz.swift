// libFuzzer entry point for the TOML parser, built by `make fuzz` together
// with Sources/TOML. Beyond "never crash", every document the parser accepts
// must survive a trip through the writer unchanged and encode as tagged JSON.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    guard let table = try? TOMLParser.parse(input) else { return 0 }
    _ = TOMLTaggedJSON.encode(table)
    let written = TOMLWriter.write(table)
    let reparsed: TOMLTable
    do {
        reparsed = try TOMLParser.parse(written)
    } catch {
        fatalError("the writer produced a document the parser rejects: \(error)\n--- written ---\n\(written)")
    }
    if reparsed != table {
        fatalError("parse(write(x)) != x\n--- written ---\n\(written)")
    }
    return 0
}
