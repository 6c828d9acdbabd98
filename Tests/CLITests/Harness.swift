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
        return try run(
            [product("oneonone")] + args
                + ["--config", dir.path + "/config.toml", "--data-dir", dir.path + "/data", "--state-dir", dir.path + "/state"],
            environment: env, removing: ["ONEONONE_CONFIG"])
    }

    /// The history file as text.
    func historyText() throws -> String {
        String(decoding: try readBytes(dir.path + "/data/history.toml"), as: UTF8.self)
    }

    func remove() { dir.remove() }
}
