/// Floats to and from their text, correctly rounded both ways.
enum FloatText {
    /// The value of a float the parser has already checked against the TOML
    /// grammar (optional sign, digits with underscores, fraction, exponent).
    ///
    /// Most floats in real documents have few digits and a small exponent;
    /// those are computed exactly with one multiplication or division by a
    /// power of ten (both operands exact, so the one rounding is correct).
    /// Everything else goes to the standard library's correctly rounded
    /// conversion.
    static func value(of text: UnsafeBufferPointer<UInt8>) -> Double {
        var j = 0
        var negative = false
        if text[0] == ASCII.minus || text[0] == ASCII.plus {
            negative = text[0] == ASCII.minus
            j = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var scale = 0
        var exact = true
        var inFraction = false
        while j < text.count {
            let c = text[j]
            if ASCII.isDigit(c) {
                if significant < 19 {
                    mantissa = mantissa * 10 + UInt64(c &- ASCII.zero)
                    if mantissa != 0 { significant += 1 }
                    if inFraction { scale -= 1 }
                } else {
                    exact = false
                }
            } else if c == ASCII.dot {
                inFraction = true
            } else if c | 0x20 == UInt8(ascii: "e") {
                break
            }
            j += 1
        }
        if j < text.count {
            j += 1
            var exponentNegative = false
            if text[j] == ASCII.minus || text[j] == ASCII.plus {
                exponentNegative = text[j] == ASCII.minus
                j += 1
            }
            var exponent = 0
            while j < text.count {
                let c = text[j]
                if ASCII.isDigit(c), exponent < 100_000 { exponent = exponent * 10 + Int(c &- ASCII.zero) }
                j += 1
            }
            scale += exponentNegative ? -exponent : exponent
        }
        if exact, mantissa <= 1 << 53, scale >= -22, scale <= 22 {
            let magnitude = scale < 0
                ? Double(mantissa) / powerOfTen(-scale)
                : Double(mantissa) * powerOfTen(scale)
            return negative ? -magnitude : magnitude
        }
        var digits = String()
        digits.reserveCapacity(text.count)
        for c in text where c != ASCII.underscore { digits.unicodeScalars.append(Unicode.Scalar(c)) }
        return Double(digits) ?? .nan
    }

    /// 10^n for 0 ≤ n ≤ 22, all exactly representable.
    @inline(__always)
    private static func powerOfTen(_ n: Int) -> Double {
        var result = 1.0
        var base = 10.0
        var k = n
        // Products of exact powers of ten up to 1e22 stay exact.
        while k > 0 {
            if k & 1 == 1 { result *= base }
            base *= base
            k >>= 1
        }
        return result
    }

    /// The canonical text of a float: `inf`, `-inf`, `nan`, or the shortest
    /// decimal that reads back as the same value (`1.0`, `3.14`, `1e+20`,
    /// `-0.0`), which is always a valid TOML float.
    static func text(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return value.description
    }
}
