import CSystemd
import OneOnOneStore
#if canImport(Glibc)
import Glibc
#endif

/// Keeps the idle daemon's resident set to what it uses while it waits.
///
/// Loading and planning run code the sleeping daemon does not need: argument
/// parsing, the TOML parser, config and history decoding, time-zone loading,
/// the planner. The kernel maps those pages of the executable and its
/// libraries, and their neighbours, into the process, where they stay
/// counted as resident long after. Before going back to sleep the daemon
/// releases its read-only file mappings: the pages stay in the page cache,
/// and come back from it when touched again — what the kernel does under
/// memory pressure anyway, done early. Only mappings that hold nothing of
/// the process's own are released (read-only, private, file-backed, no
/// anonymous copy-on-write pages such as relocated data), so nothing is lost.
///
/// Faulting those pages back one by one at the moment a reminder is due
/// would delay it by milliseconds, so shortly before a wake `prefault()`
/// maps them all again in one call; they are released after the wake.
struct ResidentMemory {
    /// The mappings released last, to map again before the next wake.
    private var released: [(start: UInt, length: Int)] = []

    mutating func releaseIdlePages() {
        oneonone_malloc_trim()
        released = []
        for mapping in Self.current() where Self.releasable(mapping) {
            let length = Int(mapping.end - mapping.start)
            if madvise(UnsafeMutableRawPointer(bitPattern: mapping.start), length, MADV_DONTNEED) == 0 {
                released.append((mapping.start, length))
            }
        }
    }

    /// Maps the released pages again from the page cache, in one call per
    /// mapping (MADV_POPULATE_READ, Linux 5.14; on older kernels the pages
    /// fault in as they are touched, as before).
    mutating func prefault() {
        for mapping in released {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: mapping.start), mapping.length, MADV_POPULATE_READ)
        }
        released = []
    }

    /// Read-only, private, backed by a file, and nothing of the process's own in it.
    static func releasable(_ mapping: Mapping) -> Bool {
        mapping.path.hasPrefix("/") && mapping.permissions.count == 4 && mapping.permissions.hasPrefix("r")
            && mapping.permissions.hasSuffix("p") && !mapping.permissions.contains("w") && mapping.copiedKB == 0
    }

    struct Mapping {
        var start: UInt
        var end: UInt
        var permissions: Substring
        var path: Substring
        /// Pages that are the process's own copies (written to, like the
        /// relocated read-only data) rather than the file's: these must
        /// never be released. (Private_Dirty is no guide: a file written
        /// recently counts as dirty until the kernel writes it back.)
        var copiedKB = 0
        /// Pages resident now.
        var residentKB = 0
    }

    /// The process's mappings now (none when /proc cannot be read).
    static func current() -> [Mapping] {
        guard let smaps = try? FileSystem.read("/proc/self/smaps") else { return [] }
        return mappings(String(decoding: smaps, as: UTF8.self))
    }

    /// The mappings in `/proc/self/smaps` text.
    static func mappings(_ text: String) -> [Mapping] {
        var result: [Mapping] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first else { continue }
            if first.contains("-"), fields.count >= 5 {
                let bounds = first.split(separator: "-")
                guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16)
                else { continue }
                result.append(Mapping(start: start, end: end, permissions: fields[1],
                                      path: fields.count >= 6 ? fields[5] : ""))
            } else if fields.count >= 2, let kb = Int(fields[1]), !result.isEmpty {
                switch first {
                case "Anonymous:", "Swap:": result[result.count - 1].copiedKB += kb
                case "Rss:": result[result.count - 1].residentKB = kb
                default: break
                }
            }
        }
        return result
    }
}
