import Posix

/// Where oneonone keeps its files, following the XDG base directories.
///
/// | what | default |
/// |---|---|
/// | config | `$XDG_CONFIG_HOME/oneonone/config.toml` |
/// | history | `$XDG_DATA_HOME/oneonone/` |
/// | fired ledger, snoozes | `$XDG_STATE_HOME/oneonone/` |
package struct Paths: Sendable {
    package var environment: [String: String]

    package init(environment: [String: String]) {
        self.environment = environment
    }

    /// The variables paths are found by.
    package static let variables = ["HOME", "ONEONONE_CONFIG", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "XDG_DATA_HOME",
                                    "XDG_STATE_HOME"]

    /// The paths of this process's environment.
    package static var current: Paths { Paths(environment: Environment.values(variables)) }

    var home: String { nonEmpty("HOME") ?? "/" }

    func nonEmpty(_ name: String) -> String? {
        guard let v = environment[name], !v.isEmpty else { return nil }
        return v
    }

    /// The candidate config files in the order they are tried: `--config`,
    /// `ONEONONE_CONFIG`, `$XDG_CONFIG_HOME/oneonone/config.toml`, then each
    /// of `$XDG_CONFIG_DIRS` (default /etc/xdg). An explicit path is the only
    /// candidate.
    package func configCandidates(explicit: String?) -> [String] {
        if let explicit { return [explicit] }
        if let fromEnv = nonEmpty("ONEONONE_CONFIG") { return [fromEnv] }
        let userDir = nonEmpty("XDG_CONFIG_HOME") ?? home + "/.config"
        let systemDirs = (nonEmpty("XDG_CONFIG_DIRS") ?? "/etc/xdg").split(separator: ":").map(String.init)
        return ([userDir] + systemDirs).map { $0 + "/oneonone/config.toml" }
    }

    /// The directory of the history file (`--data-dir` wins).
    package func dataDirectory(explicit: String?) -> String {
        explicit ?? (nonEmpty("XDG_DATA_HOME") ?? home + "/.local/share") + "/oneonone"
    }

    /// The config's `calendar_dir` as a path: `~/…` in the home directory,
    /// a relative path next to the config file.
    package func calendarDirectory(_ written: String, config: String) -> String {
        if written == "~" { return home }
        if written.hasPrefix("~/") { return home + written.dropFirst(1) }
        if written.hasPrefix("/") { return written }
        return FileSystem.split(config).directory + "/" + written
    }

    /// The directory of the fired ledger and snoozes (`--state-dir` wins).
    package func stateDirectory(explicit: String?) -> String {
        explicit ?? (nonEmpty("XDG_STATE_HOME") ?? home + "/.local/state") + "/oneonone"
    }
}
