import Glibc

/// The process environment as a value, so that path lookups can be tested.
package enum Environment {
    /// The current process's environment, as `NAME=value` entries.
    package static func entries() -> [String] {
        var result: [String] = []
        var i = 0
        while let entry = environ[i] {
            result.append(String(cString: entry))
            i += 1
        }
        return result
    }

    /// The variables among `names` that are set, with their values: the
    /// few a command reads, looked up one by one.
    ///
    /// The corresponding C function is `getenv`.
    package static func values(_ names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { result[name] = String(cString: value) }
        }
        return result
    }

    /// The current process's environment variables.
    package static func current() -> [String: String] {
        var result: [String: String] = [:]
        for text in entries() {
            guard let eq = text.firstIndex(of: "=") else { continue }
            result[String(text[..<eq])] = String(text[text.index(after: eq)...])
        }
        return result
    }

    /// The first executable `name` in the directories of `$PATH`, if any.
    package static func executable(_ name: String) -> String? {
        guard let path = getenv("PATH").map({ String(cString: $0) }) else { return nil }
        for dir in path.split(separator: ":") where access("\(dir)/\(name)", X_OK) == 0 { return "\(dir)/\(name)" }
        return nil
    }
}
