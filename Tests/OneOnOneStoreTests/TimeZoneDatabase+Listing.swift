import Glibc
import OneOnOneStore

// Only the tests walk the whole database (every zone checked against glibc).

extension TimeZoneDatabase {
    /// Names in the top directory that hold TZif data but are not zones of
    /// their own: the `posix/` and `right/` trees (copies, and leap-second
    /// variants), the POSIX default rules, and the system zone link.
    static let notZones: Set<String> = ["posix", "right", "posixrules", "localtime"]

    /// Every zone name in the database, sorted: each file (or link to a
    /// file) that starts with the TZif magic, so tables such as `zone.tab`,
    /// `tzdata.zi` and the leap-second lists are left out, and so are the
    /// names in `notZones`.
    func allZoneNames() -> [String] {
        var names: [String] = []
        collectZones(under: "", into: &names)
        return names.sorted()
    }

    /// Adds the zones in `relative` (a directory below `directory`, "" for
    /// the top) and its subdirectories to `names`. Links to directories are
    /// not followed, so a link back up cannot loop.
    ///
    /// The corresponding C functions are `opendir`, `readdir` and `lstat`.
    private func collectZones(under relative: String, into names: inout [String]) {
        guard let dir = opendir(relative.isEmpty ? directory : directory + "/" + relative) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." || (relative.isEmpty && Self.notZones.contains(name)) { continue }
            let zone = relative.isEmpty ? name : relative + "/" + name
            let path = directory + "/" + zone
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                collectZones(under: zone, into: &names)
            } else if Self.startsWithTZifMagic(path) {
                names.append(zone)
            }
        }
    }

    /// Whether the file at `path` (following a link) is a regular file that
    /// starts with "TZif".
    private static func startsWithTZifMagic(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var magic = [UInt8](repeating: 0, count: 4)
        return read(fd, &magic, 4) == 4 && magic == Array("TZif".utf8)
    }
}
