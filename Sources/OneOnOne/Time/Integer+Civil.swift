/// Integer helpers that calendar code needs and `Int` lacks: floor division
/// (so that dates before 1970 and negative offsets round the right way),
/// zero-padded digits, and digits read from bytes.
extension Int {
    /// The remainder after floor division, always in 0..<divisor: -1 mod 7 is 6.
    func modulo(_ divisor: Int) -> Int {
        let r = self % divisor
        return r < 0 ? r + divisor : r
    }

    /// Floor division: -1 / 7 is -1, not 0 as with `/`.
    func floorDivided(by divisor: Int) -> Int {
        (self - modulo(divisor)) / divisor
    }

    /// The decimal digits, left-padded with zeros to `width`.
    func zeroPadded(_ width: Int) -> String {
        let digits = String(self)
        let count = digits.utf8.count
        guard count < width else { return digits }
        return String(unsafeUninitializedCapacity: width) { out in
            let pad = width - count
            for k in 0..<pad { out[k] = UInt8(ascii: "0") }
            for (k, byte) in digits.utf8.enumerated() { out[pad + k] = byte }
            return width
        }
    }

    /// The value of a run of ASCII digits; nil when the run is empty, too
    /// long for an `Int`, or holds anything but `0`…`9` (no sign, no spaces).
    init?(asciiDigits digits: ArraySlice<UInt8>) {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        self = value
    }
}

extension Int64 {
    /// Floor division: -1 / 86 400 is -1, so instants before 1970 fall on the
    /// right day.
    func floorDivided(by divisor: Int64) -> Int64 {
        let r = self % divisor
        return (self - (r < 0 ? r + divisor : r)) / divisor
    }
}
