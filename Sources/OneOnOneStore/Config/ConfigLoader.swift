package import OneOnOne
import TOML

/// Reads, parses and validates the config file.
package struct ConfigLoader: Sendable {
    /// The tz database used for every zone the config names.
    package var zones: TimeZoneDatabase

    /// The largest config read: a team's config is a few kilobytes, and
    /// the daemon reads it again on every edit.
    package static let sizeLimit = FileSystem.ReadLimit(bytes: 1 << 20, of: "config")

    package init(zones: TimeZoneDatabase = TimeZoneDatabase()) {
        self.zones = zones
    }

    /// What went wrong loading a config.
    package enum Failure: Error, Sendable, CustomStringConvertible {
        /// No config file at any of the places looked at.
        case missing(searched: [String])
        /// The file exists but could not be read, or was refused: not a
        /// regular file, or larger than `ConfigLoader.sizeLimit`.
        case unreadable(FileSystem.ReadError)
        /// The file is not valid TOML, or not a valid config.
        case invalid(Diagnostics)

        package var description: String {
            switch self {
            case .missing(let searched):
                return "no config file found; looked at:\n"
                    + searched.map { "  \($0)\n" }.joined()
                    + "start from the example: mkdir -p ~/.config/oneonone && cp config/example.toml ~/.config/oneonone/config.toml\n"
            case .unreadable(let error): return "error: \(error)\n"
            case .invalid(let diagnostics): return diagnostics.description
            }
        }
    }

    /// Finds the config among `candidates` (the first that exists).
    package func locate(_ candidates: [String]) -> Result<String, Failure> {
        for path in candidates where FileSystem.exists(path) { return .success(path) }
        return .failure(.missing(searched: candidates))
    }

    /// Finds the config (`explicit`, else `$ONEONONE_CONFIG`, else the XDG
    /// places; see `Paths.configCandidates`) and loads it: what every
    /// command and the daemon start from.
    ///
    /// - Returns: the path found and the config read from it.
    package func locateAndLoad(explicit: String?, paths: Paths) -> Result<(path: String, config: Config), Failure> {
        locate(paths.configCandidates(explicit: explicit)).flatMap { path in
            load(path: path).map { (path, $0) }
        }
    }

    /// Loads and validates the config at `path`.
    package func load(path: String) -> Result<Config, Failure> {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path, limit: Self.sizeLimit) } catch {
            return .failure(error.isMissing ? .missing(searched: [path]) : .unreadable(error))
        }
        return decode(bytes, file: path)
    }

    /// Parses and validates config text read from `file`.
    package func decode(_ bytes: [UInt8], file: String) -> Result<Config, Failure> {
        let table: TOMLTable
        do { table = try TOMLParser.parse(bytes) } catch {
            return .failure(.invalid(Diagnostics([Diagnostic(
                file: file, line: error.position.line, column: error.position.column,
                message: error.message, sourceLine: error.sourceLine)])))
        }
        let zones = self.zones
        // A team names a few zones many times: each is read once.
        var resolved: [String: Result<TimeZoneRules, TimeZoneError>] = [:]
        let result = ConfigDecoder.decode(
            table, file: file, source: String(decoding: bytes, as: UTF8.self),
            systemZone: { zones.systemZone() },
            resolveZone: { name in
                if let known = resolved[name] { return known }
                let zone: Result<TimeZoneRules, TimeZoneError>
                do throws(TimeZoneError) { zone = .success(try zones.zone(named: name)) } catch { zone = .failure(error) }
                resolved[name] = zone
                return zone
            })
        return result.mapError { .invalid($0) }
    }
}
