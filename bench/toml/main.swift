// Times TOMLParser.parse on one file, in memory, best of N runs, and prints
// one line the comparison script reads: "<bytes> <best seconds> <keys>".

#if canImport(Glibc)
import Glibc
#endif

func readAll(_ path: String) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { fatalError("cannot open \(path)") }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = read(fd, &chunk, chunk.count)
        if n <= 0 { break }
        bytes += chunk[0..<n]
    }
    return bytes
}

func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func count(_ table: TOMLTable) -> Int {
    var n = 0
    for entry in table.entries {
        n += 1
        switch entry.value {
        case .table(let t): n += count(t)
        case .array(let a):
            for case .table(let t) in a.elements { n += count(t) }
        default: break
        }
    }
    return n
}

@main
struct TOMLBench {
    static func main() {
        let args = CommandLine.arguments
        guard args.count >= 2 else { fatalError("usage: toml-bench FILE [RUNS]") }
        let bytes = readAll(args[1])
        let runs = args.count > 2 ? Int(args[2]) ?? 5 : 5
        var best = Double.infinity
        var keys = 0
        for _ in 0..<runs {
            let start = seconds()
            let table: TOMLTable
            do { table = try TOMLParser.parse(bytes) } catch { fatalError("\(error)") }
            let elapsed = seconds() - start
            best = min(best, elapsed)
            keys = count(table)
        }
        print(bytes.count, best, keys)
    }
}
