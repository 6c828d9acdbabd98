import TOML
import Testing
import TestSupport

/// The case files under Tests/TOMLTests/Cases, written from the TOML 1.0.0
/// specification one rule per file (see Cases/make-expected.py).
enum Cases {
    static let root = packageRoot() + "/Tests/TOMLTests/Cases"

    /// "area/name" of every valid case.
    static let valid = names("valid")
    /// "area/name" of every invalid case.
    static let invalid = names("invalid")

    static func names(_ kind: String) -> [String] {
        let dir = root + "/" + kind
        var found: [String] = []
        for area in (try? listDirectory(dir)) ?? [] {
            for file in (try? listDirectory(dir + "/" + area)) ?? [] where file.hasSuffix(".toml") {
                found.append(area + "/" + file.dropLast(5))
            }
        }
        return found
    }

    static func bytes(_ kind: String, _ name: String, _ ext: String) throws -> [UInt8] {
        try readBytes(root + "/" + kind + "/" + name + "." + ext)
    }

    /// The expected error position of an invalid case: "LINE:COL", or "LINE"
    /// alone where only the line is certain. Nil when there is no .pos file.
    static func expectedPosition(_ name: String) -> (line: Int, column: Int?)? {
        guard let raw = try? bytes("invalid", name, "pos") else { return nil }
        let parts = String(decoding: raw, as: UTF8.self).split(separator: ":")
        guard let first = parts.first, let line = Int(first.filter(\.isNumber)) else { return nil }
        return (line, parts.count > 1 ? Int(parts[1].filter(\.isNumber)) : nil)
    }
}

/// Parses without letting a parser error escape as an untyped `any Error`.
func parseResult(_ bytes: [UInt8]) -> Result<TOMLTable, TOMLError> {
    do throws(TOMLError) { return .success(try TOMLParser.parse(bytes)) } catch { return .failure(error) }
}

@Suite("TOML 1.0.0 conformance")
struct ConformanceTests {
    @Test("there are hundreds of cases of each kind, every valid one with its JSON")
    func caseInventory() throws {
        #expect(Cases.valid.count >= 250)
        #expect(Cases.invalid.count >= 250)
        for name in Cases.valid {
            #expect((try? Cases.bytes("valid", name, "json")) != nil, "\(name) has no .json")
        }
    }

    @Test("a valid document decodes to its expected tagged JSON", arguments: Cases.valid)
    func valid(_ name: String) throws {
        let source = try Cases.bytes("valid", name, "toml")
        let expected = try JSON.parse(try Cases.bytes("valid", name, "json"))
        let table: TOMLTable
        switch parseResult(source) {
        case .success(let t): table = t
        case .failure(let error):
            Issue.record("rejected a valid document:\n\(error.rendered(file: name + ".toml"))")
            return
        }
        let encoded = TOMLTaggedJSON.encode(table)
        let actual = try #require(try? JSON.parse(Array(encoded.utf8)), "not JSON: \(encoded)")
        let difference = JSON.difference(expected: expected, actual: actual)
        #expect(difference == nil, "\(difference ?? "")\nexpected \(expected)\n     got \(actual)")

        // The String entry point reads the same document the same way.
        let fromText = try? TOMLParser.parse(String(decoding: source, as: UTF8.self))
        #expect(fromText == table, "parse(String) disagrees with parse([UInt8])")
    }

    @Test("an invalid document is rejected, at the right place", arguments: Cases.invalid)
    func invalid(_ name: String) throws {
        let source = try Cases.bytes("invalid", name, "toml")
        switch parseResult(source) {
        case .success(let table):
            Issue.record("accepted an invalid document: \(TOMLTaggedJSON.encode(table))")
        case .failure(let error):
            guard let want = Cases.expectedPosition(name) else { return }
            let got = error.position
            let detail = "\n\(error.rendered(file: name + ".toml"))"
            #expect(got.line == want.line, "line \(got.line), expected \(want.line)\(detail)")
            if let column = want.column {
                #expect(got.column == column, "column \(got.column), expected \(column)\(detail)")
            }
        }
    }
}

// MARK: - Just enough JSON to read tagged JSON, without Foundation.

/// A JSON value. Object members keep their order and are compared by Unicode
/// scalars, never with `String.==`, which equates canonically equivalent
/// strings: "é" and "e\u{301}" are different TOML keys and values.
indirect enum JSON: CustomStringConvertible, Sendable {
    case object([(key: String, value: JSON)])
    case array([JSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    static func parse(_ bytes: [UInt8]) throws -> JSON {
        var reader = JSONReader(bytes: bytes)
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.at == bytes.count else { throw reader.failure("trailing text") }
        return value
    }

    var description: String {
        switch self {
        case .object(let members):
            "{" + members.map { "\(JSON.string($0.key)): \($0.value)" }.joined(separator: ", ") + "}"
        case .array(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .string(let s): "\"" + s.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
        case .number(let text): text
        case .bool(let b): "\(b)"
        case .null: "null"
        }
    }

    /// A `{"type": …, "value": …}` leaf of tagged JSON.
    var leaf: (type: String, value: String)? {
        guard case .object(let members) = self, members.count == 2,
              case .string(let type)? = members.first(where: { $0.key == "type" })?.value,
              case .string(let value)? = members.first(where: { $0.key == "value" })?.value
        else { return nil }
        return (type, value)
    }

    /// Where `actual` first differs from `expected`, or nil. Floats compare as
    /// numbers (nan equals nan; -0.0 and 0.0 differ), object order is ignored.
    static func difference(expected: JSON, actual: JSON, at path: String = "$") -> String? {
        if let e = expected.leaf, let a = actual.leaf {
            guard e.type == a.type else { return "\(path): type \(a.type), expected \(e.type)" }
            if e.type == "float" {
                guard let x = floatValue(e.value), let y = floatValue(a.value) else {
                    return "\(path): float text \(JSON.string(a.value)) is not a number"
                }
                let same = (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
                return same ? nil : "\(path): float \(a.value), expected \(e.value)"
            }
            return sameScalars(e.value, a.value) ? nil
                : "\(path): value \(JSON.string(a.value)), expected \(JSON.string(e.value))"
        }
        switch (expected, actual) {
        case (.object(let e), .object(let a)):
            for member in e where !a.contains(where: { sameScalars($0.key, member.key) }) {
                return "\(path): missing key \(JSON.string(member.key))"
            }
            for member in a where !e.contains(where: { sameScalars($0.key, member.key) }) {
                return "\(path): unexpected key \(JSON.string(member.key))"
            }
            guard a.count == e.count else { return "\(path): a key appears twice" }
            for member in e {
                let other = a.first { sameScalars($0.key, member.key) }!
                let inner = path + "[" + JSON.string(member.key).description + "]"
                if let d = difference(expected: member.value, actual: other.value, at: inner) { return d }
            }
            return nil
        case (.array(let e), .array(let a)):
            guard e.count == a.count else { return "\(path): \(a.count) elements, expected \(e.count)" }
            for (i, (x, y)) in zip(e, a).enumerated() {
                if let d = difference(expected: x, actual: y, at: path + "[\(i)]") { return d }
            }
            return nil
        default:
            return "\(path): \(actual), expected \(expected)"
        }
    }

    static func floatValue(_ text: String) -> Double? {
        switch text {
        case "inf", "+inf": .infinity
        case "-inf": -.infinity
        case "nan", "+nan", "-nan": .nan
        default: Double(text)
        }
    }

    static func sameScalars(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }
}

/// A strict recursive-descent JSON reader over UTF-8 bytes (RFC 8259).
struct JSONReader {
    let bytes: [UInt8]
    var at = 0

    func failure(_ what: String) -> SupportError { SupportError("JSON: \(what) at byte \(at)") }

    mutating func skipWhitespace() {
        while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
    }

    mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard at < bytes.count, bytes[at] == byte else { throw failure("expected '\(UnicodeScalar(byte))'") }
        at += 1
    }

    mutating func value() throws -> JSON {
        skipWhitespace()
        guard at < bytes.count else { throw failure("unexpected end") }
        switch bytes[at] {
        case UInt8(ascii: "{"):
            at += 1
            var members: [(key: String, value: JSON)] = []
            skipWhitespace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
            repeat {
                skipWhitespace()
                guard case .string(let key) = try value() else { throw failure("key is not a string") }
                try expect(UInt8(ascii: ":"))
                members.append((key, try value()))
                skipWhitespace()
            } while try more(closing: UInt8(ascii: "}"))
            return .object(members)
        case UInt8(ascii: "["):
            at += 1
            var elements: [JSON] = []
            skipWhitespace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(elements) }
            repeat {
                elements.append(try value())
                skipWhitespace()
            } while try more(closing: UInt8(ascii: "]"))
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        default:
            let start = at
            while at < bytes.count, "+-.eE0123456789".utf8.contains(bytes[at]) { at += 1 }
            let text = String(decoding: bytes[start..<at], as: UTF8.self)
            guard !text.isEmpty, Double(text) != nil else { throw failure("unexpected character") }
            return .number(text)
        }
    }

    /// After an element: true on ",", false on the closing bracket.
    mutating func more(closing: UInt8) throws -> Bool {
        guard at < bytes.count else { throw failure("unterminated") }
        at += 1
        if bytes[at - 1] == UInt8(ascii: ",") { return true }
        if bytes[at - 1] == closing { return false }
        at -= 1
        throw failure("expected ',' or closing bracket")
    }

    mutating func word(_ w: String) throws {
        guard bytes[at...].starts(with: w.utf8) else { throw failure("unexpected word") }
        at += w.utf8.count
    }

    mutating func string() throws -> String {
        at += 1
        var out: [UInt8] = []
        while true {
            guard at < bytes.count else { throw failure("unterminated string") }
            let b = bytes[at]
            at += 1
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 { throw failure("raw control character in string") }
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard at < bytes.count else { throw failure("unterminated escape") }
            let e = bytes[at]
            at += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    guard bytes[at...].starts(with: "\\u".utf8) else { throw failure("lone surrogate") }
                    at += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw failure("bad surrogate pair") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw failure("lone surrogate") }
                out.append(contentsOf: String(Character(scalar)).utf8)
            default: throw failure("bad escape")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw failure("invalid UTF-8") }
        return s
    }

    mutating func hex4() throws -> UInt32 {
        guard at + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16)
        else { throw failure("bad \\u escape") }
        at += 4
        return v
    }
}
