/// A fast 64-bit hash of bytes given in pieces: four independent lanes of
/// eight bytes each, so that hashing a history file of tens of megabytes
/// takes milliseconds. It catches damage and tells versions of a file apart;
/// it is no defence against someone forging a collision (anyone who can
/// write the snapshot can write the history too).
struct ContentHash {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9,
                                                           0x85EB_CA77_C2B2_AE63)
    /// Bytes not yet making up a block of 32.
    private var pending: [UInt8] = []
    private var length = 0

    /// The hash of `bytes` alone.
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = ContentHash()
        hash.add(bytes)
        return hash.value
    }

    /// The hash of the file at `path` as it is now; nil when it cannot be
    /// read. Read in pieces, not mapped: the file may shrink meanwhile (an
    /// editor saving in place), and a mapping would then fault.
    static func ofFile(_ path: String) -> UInt64? {
        var hash = ContentHash()
        do throws(FileError) {
            try FileSystem.OpenFile(path).forEachChunk(1 << 20) { hash.add($0) }
        } catch { return nil }
        return hash.value
    }

    /// Adds `bytes` after those added before.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        length += bytes.count
        var start = 0
        if !pending.isEmpty {
            start = min(bytes.count, 32 - pending.count)
            pending.append(contentsOf: bytes[0..<start])
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { block(UnsafeRawBufferPointer(rebasing: $0[...]), at: 0) }
            pending.removeAll(keepingCapacity: true)
        }
        while start + 32 <= bytes.count {
            block(bytes, at: start)
            start += 32
        }
        pending.append(contentsOf: bytes[start...])
    }

    private mutating func block(_ bytes: UnsafeRawBufferPointer, at k: Int) {
        func mix(_ h: UInt64, _ word: UInt64, _ factor: UInt64, _ shift: UInt64) -> UInt64 {
            let m = (h ^ word) &* factor
            return m ^ (m >> shift)
        }
        lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: k, as: UInt64.self), 0xFF51_AFD7_ED55_8CCD, 29)
        lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: k + 8, as: UInt64.self), 0xC4CE_B9FE_1A85_EC53, 31)
        lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: k + 16, as: UInt64.self), 0xFF51_AFD7_ED55_8CCD, 29)
        lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: k + 24, as: UInt64.self), 0xC4CE_B9FE_1A85_EC53, 31)
    }

    /// The hash of everything added.
    var value: UInt64 {
        var h = UInt64(length) &* 0x9E37_79B9_7F4A_7C15
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { h = (h ^ lane) &* 0xFF51_AFD7_ED55_8CCD; h ^= h >> 33 }
        for byte in pending { h = (h ^ UInt64(byte)) &* 0xC4CE_B9FE_1A85_EC53; h ^= h >> 29 }
        return h
    }
}
