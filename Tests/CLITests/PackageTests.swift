import Glibc
import Testing
import TestSupport

/// The package `make deb` builds, built once and unpacked with `dpkg-deb -x`
/// for all the tests below.
struct BuiltPackage: Sendable {
    /// The .deb file.
    let deb: String
    /// The tree the package was unpacked into (a stand-in for /).
    let root: String
    /// The package's version: what the packaged binary's `--version` says.
    let version: String
    let architecture: String

    /// `make deb`, run once however many tests ask.
    static let shared = Result { try build() }

    /// Where the test builds: its own output directory, and its own SwiftPM
    /// scratch path, since `swift test` holds .build while it runs.
    static let dist = packageRoot() + "/.build-dist/test"
    static let scratch = packageRoot() + "/.build-dist/test-swiftpm"

    static func build() throws -> BuiltPackage {
        _ = try run(["rm", "-rf", dist])
        // A release build from nothing takes minutes; niced, it leaves the
        // CPU to the timing-sensitive tests running beside it, and timeout
        // bounds it.
        let make = try run(
            ["timeout", "1500", "nice", "-n", "19", "make", "-C", packageRoot(), "deb",
             "DIST_DIR=" + dist, "DIST_SWIFTPM=" + scratch],
            removing: ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"])
        guard make.status == 0 else {
            throw SupportError("make deb exited \(make.status):\n\(make.stdout.suffix(2000))\n\(make.stderr.suffix(4000))")
        }
        let debs = try listDirectory(dist).filter { $0.hasSuffix(".deb") }
        guard debs.count == 1 else { throw SupportError("make deb left \(debs) in \(dist)") }
        let deb = dist + "/" + debs[0]
        let root = dist + "/unpacked"
        let unpack = try run(["dpkg-deb", "-x", deb, root])
        guard unpack.status == 0 else { throw SupportError("dpkg-deb -x failed: \(unpack.stderr)") }
        return BuiltPackage(deb: deb, root: root, version: try field("Version", of: deb),
                            architecture: try field("Architecture", of: deb))
    }

    /// One field of a package's control file.
    static func field(_ name: String, of deb: String) throws -> String {
        let result = try run(["dpkg-deb", "-f", deb, name])
        guard result.status == 0 else { throw SupportError("dpkg-deb -f \(name): \(result.stderr)") }
        return result.stdout.trimmingTrailingNewlines
    }

    /// Every regular file the package installs, with its mode.
    static let files: [String: String] = [
        "usr/bin/oneonone": "-rwxr-xr-x",
        "usr/lib/systemd/user/oneonone.service": "-rw-r--r--",
        "usr/lib/systemd/catalog/oneonone.catalog": "-rw-r--r--",
        "usr/share/man/man1/oneonone.1.gz": "-rw-r--r--",
        "usr/share/man/man5/oneonone.toml.5.gz": "-rw-r--r--",
        "usr/share/bash-completion/completions/oneonone": "-rw-r--r--",
        "usr/share/zsh/vendor-completions/_oneonone": "-rw-r--r--",
        "usr/share/fish/vendor_completions.d/oneonone.fish": "-rw-r--r--",
        "usr/share/doc/oneonone/copyright": "-rw-r--r--",
        "usr/share/doc/oneonone/changelog.gz": "-rw-r--r--",
        "usr/share/doc/oneonone/examples/config.toml": "-rw-r--r--",
    ]
}

/// Whether a program the test looks with is installed (`make test` installs
/// them all; a bare `swift test` may lack some).
private func installed(_ program: String) -> Bool { access("/usr/bin/" + program, X_OK) == 0 }

private extension String {
    var trimmingTrailingNewlines: String {
        var s = Substring(self)
        while s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}

@Suite("the Debian package", .serialized)
struct PackageTests {
    var package: BuiltPackage { get throws { try BuiltPackage.shared.get() } }

    /// A manual page of the unpacked package as text, 80 columns wide.
    func render(_ page: String) throws -> String {
        let result = try run(["man", "-l", try package.root + "/usr/share/man/" + page],
                             environment: ["MANPAGER": "cat", "MANWIDTH": "80", "LC_ALL": "C.UTF-8"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// The commands `oneonone --help` lists, and under each that has its
    /// own (`action`), those: ["status", …, "action", "action add", …].
    func commands(under path: [String] = []) throws -> [String] {
        let help = try run([try package.root + "/usr/bin/oneonone"] + path + ["--help"]).stdout
        guard let start = help.firstRange(of: "SUBCOMMANDS:\n") else { return [] }
        var names: [String] = []
        // One "  name   abstract" line each (abstracts wrap onto deeper
        // indented lines), up to the blank line before "See 'oneonone help'".
        for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            guard !line.hasPrefix("   "), let word = line.split(separator: " ").first else { continue }
            let command = path + [String(word)]
            names.append(command.joined(separator: " "))
            names += try commands(under: command)
        }
        return names
    }

    @Test("make deb names the package oneonone_VERSION_ARCH.deb after the binary's own version")
    func name() throws {
        let package = try package
        #expect(package.deb.hasSuffix("/oneonone_\(package.version)_\(package.architecture).deb"))
        let version = try run([package.root + "/usr/bin/oneonone", "--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingTrailingNewlines == package.version)
    }

    @Test("the control file depends on the libraries the binary links, libc6 and libsystemd0")
    func control() throws {
        let deb = try package.deb
        #expect(try BuiltPackage.field("Package", of: deb) == "oneonone")
        #expect(try BuiltPackage.field("Section", of: deb) == "utils")
        let depends = try BuiltPackage.field("Depends", of: deb)
        #expect(depends.contains("libc6 (>= "))
        #expect(depends.contains("libsystemd0 (>= "))
    }

    @Test("every file is root's, in its standard directory, with its mode, and there are no others")
    func contents() throws {
        let listing = try run(["dpkg-deb", "-c", try package.deb])
        #expect(listing.status == 0)
        var regular: [String: String] = [:]
        for line in listing.stdout.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6 else { continue }
            let mode = String(fields[0]), path = String(fields[5].dropFirst(2))
            #expect(fields[1] == "root/root", "\(line)")
            if mode.hasPrefix("d") { #expect(mode == "drwxr-xr-x", "\(line)") } else { regular[path] = mode }
        }
        #expect(regular == BuiltPackage.files)
    }

    @Test("the example config is the repository's")
    func example() throws {
        let packaged = try readBytes(try package.root + "/usr/share/doc/oneonone/examples/config.toml")
        #expect(packaged == (try readBytes(packageRoot() + "/config/example.toml")))
    }

    @Test("both manual pages render without a warning", arguments: ["man1/oneonone.1.gz", "man5/oneonone.toml.5.gz"])
    func manPagesRender(page: String) throws {
        // How lintian checks a page: every groff warning on, output discarded.
        let result = try run(["man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", try package.root + "/usr/share/man/" + page],
                             environment: ["LC_ALL": "C.UTF-8", "MANWIDTH": "80"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
    }

    @Test("oneonone(1) has the usual sections and one for every command the parser knows")
    func manPageCommands() throws {
        let text = try render("man1/oneonone.1.gz")
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "FILES", "ENVIRONMENT",
                        "EXIT STATUS", "SEE ALSO"] {
            #expect(text.contains("\n\(section)\n"), "no \(section) section")
        }
        let commands = try commands()
        #expect(commands.contains("action add"))
        for command in commands { #expect(text.contains("\n   \(command)\n"), "no section for \(command)") }
    }

    @Test("oneonone.toml(5) describes every table and key of the example config")
    func configPageKeys() throws {
        let text = try render("man5/oneonone.toml.5.gz")
        let lines = text.split(separator: "\n").map { $0.drop { $0 == " " } }
        let example = String(decoding: try readBytes(packageRoot() + "/config/example.toml"), as: UTF8.self)
        var table = ""
        for line in example.split(separator: "\n") where !line.hasPrefix("#") {
            if line.hasPrefix("[") {
                table = line.hasPrefix("[team.") ? "[team.KEY]" : String(line)
                #expect(lines.contains(Substring(table)), "no section for \(table)")
            } else if let key = line.split(separator: " ").first, line.contains(" = "), table != "[topics]",
                      key.allSatisfy({ $0.isLowercase || $0 == "_" }) {
                // A key is a term of its section: "cadence (cadence)".
                #expect(lines.contains { $0.hasPrefix("\(key) (") }, "\(key) of \(table) is not described")
            }
        }
    }

    @Test("the bash completion registers for oneonone and completes its commands")
    func bashCompletion() throws {
        let script = try package.root + "/usr/share/bash-completion/completions/oneonone"
        let result = try run(["bash", "--norc", "--noprofile", "-c", """
            source \(script) && complete -p oneonone &&
            COMP_LINE='oneonone ac' COMP_POINT=11 COMP_WORDS=(oneonone ac) COMP_CWORD=1 &&
            _oneonone oneonone ac oneonone && printf '%s\\n' "${COMPREPLY[@]}"
            """])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("-F _oneonone oneonone\n"))
        #expect(result.stdout.split(separator: "\n").contains("action"))
    }

    @Test("the zsh completion is found on fpath for oneonone", .enabled(if: installed("zsh")))
    func zshCompletion() throws {
        let dir = try package.root + "/usr/share/zsh/vendor-completions"
        let home = try TemporaryDirectory("oneonone-zsh")
        defer { home.remove() }
        let result = try run(["zsh", "-f", "-c",
                              "fpath=(\(dir) $fpath); autoload -U compinit; compinit -u -D; print -r -- ${_comps[oneonone]}"],
                             environment: ["HOME": home.path, "ZDOTDIR": home.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "_oneonone\n")
    }

    @Test("the fish completion completes the commands, with their descriptions", .enabled(if: installed("fish")))
    func fishCompletion() throws {
        let script = try package.root + "/usr/share/fish/vendor_completions.d/oneonone.fish"
        let home = try TemporaryDirectory("oneonone-fish")
        defer { home.remove() }
        let result = try run(["fish", "--no-config", "-c", "source \(script); complete -C'oneonone action '"],
                             environment: ["HOME": home.path, "XDG_CONFIG_HOME": home.path, "XDG_DATA_HOME": home.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("add\tWrite down an action item."))
    }

    @Test("the unit runs /usr/bin/oneonone and verifies with systemd-analyze, pointed at the unpacked binary")
    func unitVerifies() throws {
        let package = try package
        let unit = String(decoding: try readBytes(package.root + "/usr/lib/systemd/user/oneonone.service"), as: UTF8.self)
        #expect(unit.contains("\nExecStart=/usr/bin/oneonone daemon\n"))
        #expect(!unit.contains("@BINDIR@"))
        // verify wants ExecStart's program to exist; only that line changes.
        let dir = try TemporaryDirectory("oneonone-unit")
        defer { dir.remove() }
        let copy = try dir.write("oneonone.service", unit.replacing(
            "ExecStart=/usr/bin/oneonone", with: "ExecStart=\(package.root)/usr/bin/oneonone"))
        _ = try run(["mkdir", "-m", "700", dir.path + "/run"])
        let verify = try run(["systemd-analyze", "--user", "verify", copy], environment: ["XDG_RUNTIME_DIR": dir.path + "/run"])
        #expect(verify.status == 0)
        #expect(verify.stderr == "", "systemd-analyze has something to say about the unit")
    }

    @Test("journalctl reads the packaged catalog: every message id of systemd/oneonone.catalog is listed")
    func catalog() throws {
        let root = try TemporaryDirectory("oneonone-catalog")
        defer { root.remove() }
        _ = try run(["mkdir", "-p", root.path + "/usr/lib/systemd/catalog"])
        _ = try run(["cp", try package.root + "/usr/lib/systemd/catalog/oneonone.catalog", root.path + "/usr/lib/systemd/catalog/"])
        let update = try run(["journalctl", "--root=" + root.path, "--update-catalog"])
        #expect(update.status == 0, "\(update.stderr)")
        let list = try run(["journalctl", "--root=" + root.path, "--list-catalog"])
        #expect(list.status == 0)
        let source = String(decoding: try readBytes(packageRoot() + "/systemd/oneonone.catalog"), as: UTF8.self)
        let ids = source.split(separator: "\n").filter { $0.hasPrefix("-- ") }.map { $0.dropFirst(3) }
        #expect(ids.contains("ee07ce79b2d34815a25019e189255ca0"))
        for id in ids { #expect(list.stdout.contains("\(id) oneonone: "), "\(id) is not in the catalog") }
    }

    @Test("dpkg installs the package into a scratch root and removes every file again")
    func installAndRemove() throws {
        let root = try TemporaryDirectory("oneonone-dpkg")
        defer { root.remove() }
        let admin = root.path + "/var/lib/dpkg"
        _ = try run(["mkdir", "-p", admin + "/info", admin + "/updates", admin + "/triggers"])
        try root.write("var/lib/dpkg/status", "")
        // The scratch database knows no libc6 or libsystemd0 (--force-depends);
        // dpkg wants ldconfig and start-stop-daemon on PATH even as a user.
        let dpkg = ["dpkg", "--root=" + root.path, "--force-not-root", "--force-depends", "--log=/dev/null"]
        let path = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
        let install = try run(dpkg + ["-i", try package.deb], environment: path)
        #expect(install.status == 0, "\(install.stderr)")
        let status = try run(dpkg + ["-s", "oneonone"], environment: path)
        #expect(status.stdout.contains("Status: install ok installed"))
        for file in BuiltPackage.files.keys { #expect(access(root.path + "/" + file, F_OK) == 0, "\(file) not installed") }

        let purge = try run(dpkg + ["--purge", "oneonone"], environment: path)
        #expect(purge.status == 0, "\(purge.stderr)")
        #expect(try listDirectory(root.path) == ["var"])
    }

    @Test("lintian finds no errors", .enabled(if: installed("lintian")))
    func lintian() throws {
        let result = try run(["lintian", "--fail-on", "error", try package.deb])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("E: ") }, "\(result.stdout)")
    }
}
