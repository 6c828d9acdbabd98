import TestSupport

/// A user's world for CLI tests: a config, empty data and state
/// directories, and a pinned "now", all in a temporary directory.
struct World {
    let dir: TemporaryDirectory
    let now: String

    /// The example team (or `config`), with the clock at `now` (UTC).
    init(config: String? = nil, now: String = "2026-11-23T15:00:00Z") throws {
        dir = try TemporaryDirectory("oneonone-cli")
        self.now = now
        let text = try config ?? String(decoding: readBytes(packageRoot() + "/config/example.toml"), as: UTF8.self)
        try dir.write("config.toml", text)
        _ = try run(["mkdir", "-p", dir.path + "/data", dir.path + "/state"])
    }

    /// Installs the bundled example history (its dates are fixed around
    /// 2026-11-23, the default `now`).
    func withExampleHistory() throws -> World {
        _ = try run(["cp", packageRoot() + "/config/example-history.toml", dir.path + "/data/history.toml"])
        return self
    }

    /// Runs `oneonone ARGS` against this world.
    func oneonone(_ args: String..., now: String? = nil, environment: [String: String] = [:]) throws -> RunResult {
        try oneonone(args: args, now: now, environment: environment)
    }

    func oneonone(args: [String], now: String? = nil, environment: [String: String] = [:]) throws -> RunResult {
        var env = environment
        env["ONEONONE_NOW"] = now ?? self.now
        env["NO_COLOR"] = "1"
        return try run([product("oneonone")] + args + storeArguments, environment: env, removing: ["ONEONONE_CONFIG"])
    }

    /// The options that point a command at this world's files.
    var storeArguments: [String] {
        ["--config", dir.path + "/config.toml", "--data-dir", dir.path + "/data", "--state-dir", dir.path + "/state"]
    }

    /// `oneonone ARGS` as a shell command line against this world, at its
    /// "now" (the paths are temporary directories, free of spaces).
    func shellLine(_ args: String) -> String {
        "ONEONONE_NOW=\(now) \(product("oneonone")) \(args) \(storeArguments.joined(separator: " "))"
    }

    /// The history file as text.
    func historyText() throws -> String {
        String(decoding: try readBytes(dir.path + "/data/history.toml"), as: UTF8.self)
    }

    func remove() { dir.remove() }
}
