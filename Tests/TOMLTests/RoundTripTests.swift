import TOML
import Testing
import TestSupport

/// `TOMLParser.parse(TOMLWriter.write(x)) == x`, for documents built at
/// random from a seeded generator, and for every valid conformance case.
@Suite("TOML round trip")
struct RoundTripTests {
    @Test("thousands of random documents read back equal to what was written")
    func randomDocuments() {
        for seed in UInt64(1)...3000 {
            var generator = DocumentGenerator(seed: seed)
            let document = generator.table(depth: 0)
            let written = TOMLWriter.write(document)
            let reparsed: TOMLTable
            do throws(TOMLError) {
                reparsed = try TOMLParser.parse(written)
            } catch {
                Issue.record("seed \(seed): the writer's output is rejected\n\(error)\n--- written ---\n\(written)")
                return
            }
            guard reparsed == document else {
                let rewritten = TOMLWriter.write(reparsed)
                Issue.record("seed \(seed): read back differently\n--- written ---\n\(written)--- rewritten ---\n\(rewritten)")
                return
            }
        }
    }

    @Test("every value written inline reads back as the same value")
    func inlineValues() throws {
        for seed in UInt64(1)...2000 {
            var generator = DocumentGenerator(seed: seed)
            let value = generator.value(depth: 1)
            let text = "v = " + TOMLWriter.inline(value) + "\n"
            let parsed = try? TOMLParser.parse(text)
            #expect(parsed?["v"] == value, "seed \(seed): \(text)")
            if parsed?["v"] != value { return }
        }
    }

    @Test("every valid conformance document survives a trip through the writer")
    func conformanceDocuments() throws {
        let root = packageRoot() + "/Tests/TOMLTests/Cases/valid"
        var checked = 0
        for area in (try? listDirectory(root)) ?? [] {
            for file in (try? listDirectory(root + "/" + area)) ?? [] where file.hasSuffix(".toml") {
                let bytes = try readBytes(root + "/" + area + "/" + file)
                guard let original = try? TOMLParser.parse(bytes) else { continue }
                let written = TOMLWriter.write(original)
                let reparsed = try? TOMLParser.parse(written)
                #expect(reparsed == original, "\(area)/\(file)\n--- written ---\n\(written)")
                checked += 1
            }
        }
        #expect(checked > 0)
    }
}


/// Random TOML documents that lean on what is hard to write: keys that need
/// quotes, strings with every control character, quotes and backslashes,
/// non-ASCII text, special and subnormal floats, every date-time kind,
/// empty and nested tables, arrays of tables and tables inside arrays.
struct DocumentGenerator {
    var rng: SplitMix64

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    mutating func below(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }

    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    mutating func table(depth: Int) -> TOMLTable {
        var table = TOMLTable()
        let count = depth == 0 ? 1 + below(8) : below(5)
        for _ in 0..<count { table.set(key(), value(depth: depth)) }
        return table
    }

    mutating func value(depth: Int) -> TOMLValue {
        switch below(depth >= 3 ? 8 : 12) {
        case 0: return .string(string())
        case 1: return .integer(integer())
        case 2: return .float(float())
        case 3: return .boolean(below(2) == 0)
        case 4: return .offsetDateTime(TOMLOffsetDateTime(date: date(), time: time(), offsetMinutes: offset()))
        case 5: return .localDateTime(TOMLLocalDateTime(date: date(), time: time()))
        case 6: return .localDate(date())
        case 7: return .localTime(time())
        case 8: return .table(table(depth: depth + 1))
        case 9:
            let tables = (0..<1 + below(3)).map { _ in TOMLValue.table(table(depth: depth + 1)) }
            return .array(TOMLArray(tables))
        default:
            let elements = (0..<below(4)).map { _ in value(depth: depth + 1) }
            return .array(TOMLArray(elements))
        }
    }

    /// Scalars that stress quoting and escaping.
    static let alphabet: [Unicode.Scalar] = {
        var scalars: [Unicode.Scalar] = Array("aZ0_- \"\\'#=.,[]{}é日🎉".unicodeScalars)
        scalars += ["\u{10FFFF}", "\u{FEFF}", "\u{85}", "\u{2028}", "\u{7F}"]
        scalars += (0..<0x20).compactMap(Unicode.Scalar.init(_:))
        return scalars
    }()

    mutating func string() -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<below(12) { text.append(pick(Self.alphabet)) }
        return String(text)
    }

    mutating func key() -> String {
        below(2) == 0 ? pick(["a", "key_1", "-", "0", "true", "inf", "nan", "1979-05-27", "B-2"]) : string()
    }

    mutating func integer() -> Int64 {
        switch below(4) {
        case 0: return pick([0, -1, 1, .min, .max])
        case 1: return Int64(below(1000)) - 500
        default: return Int64(bitPattern: rng.next())
        }
    }

    mutating func float() -> Double {
        switch below(4) {
        case 0:
            return pick([0.0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNormalMagnitude,
                         .greatestFiniteMagnitude, 0.1, 1e22, 1e23, 123456789012345680.0])
        case 1: return Double(below(100_000)) / 1000
        default: return Double(bitPattern: rng.next())
        }
    }

    mutating func date() -> TOMLDate {
        let year = below(10_000), month = 1 + below(12)
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
                    31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return TOMLDate(year: year, month: month, day: 1 + below(days))
    }

    mutating func time() -> TOMLTime {
        let nanosecond = pick([0, 0, below(1_000_000_000), below(1000) * 1_000_000, 1])
        return TOMLTime(hour: below(24), minute: below(60), second: below(61), nanosecond: nanosecond)
    }

    mutating func offset() -> Int {
        below(3) == 0 ? 0 : below(2 * (23 * 60 + 59) + 1) - (23 * 60 + 59)
    }
}
