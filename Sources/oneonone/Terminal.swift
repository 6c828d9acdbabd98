import OneOnOne
import Posix
import Glibc

/// Output for people: colors only on a terminal and never with NO_COLOR;
/// tables padded by visible width.
struct Terminal {
    let colors: Bool

    init() {
        let noColor = getenv("NO_COLOR").map { String(cString: $0) }.map { !$0.isEmpty } ?? false
        colors = isatty(1) == 1 && !noColor
    }

    func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func red(_ text: String) -> String { paint(text, "31") }
    func yellow(_ text: String) -> String { paint(text, "33") }
    func green(_ text: String) -> String { paint(text, "32") }

    /// The state label colored by how urgent it is.
    func state(_ state: MemberState) -> String {
        switch state {
        case .overdue: red(state.label)
        case .late, .due: yellow(state.label)
        case .dueSoon: bold(state.label)
        case .onTrack: green(state.label)
        case .away, .snoozed: dim(state.label)
        }
    }

    /// Columns padded to the widest cell; `rightAligned` columns are numbers.
    ///
    /// - Parameter width: the width of the terminal: a last column (free
    ///   text, such as an item's) that would run past it is wrapped at
    ///   spaces, its further lines starting under its first. Nil: no
    ///   wrapping (a pipe, unless `COLUMNS` says otherwise).
    static func table(_ rows: [[String]], rightAligned: Set<Int> = [], width: Int? = nil) -> String {
        let columns = rows.reduce(0) { max($0, $1.count) }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (c, cell) in row.enumerated() { widths[c] = max(widths[c], visibleWidth(cell)) }
        }
        // What is left for the last column; too narrow a space is not worth wrapping into.
        let indent = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        let room = width.map { $0 - indent }.flatMap { $0 >= 20 ? $0 : nil }
        var out = ""
        for row in rows {
            for (c, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[c] - visibleWidth(cell))
                let last = c == row.count - 1
                if last, c == columns - 1, let room, visibleWidth(cell) > room {
                    out += wrapped(cell, to: room).joined(separator: "\n" + String(repeating: " ", count: indent))
                } else {
                    out += rightAligned.contains(c) ? padding + cell : cell + (last ? "" : padding)
                }
                if !last { out += "  " }
            }
            out += "\n"
        }
        return out
    }

    /// `text` in lines of at most `width` columns, broken at spaces (a word
    /// longer than a line is broken where the line ends).
    static func wrapped(_ text: String, to width: Int) -> [String] {
        var lines: [String] = []
        var line = "", lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            var w = visibleWidth(word)
            if lineWidth > 0 && lineWidth + 1 + w <= width {
                line += " " + word
                lineWidth += 1 + w
                continue
            }
            if lineWidth > 0 { lines.append(line) }
            while w > width {
                var head = "", headWidth = 0
                for ch in word {
                    let cw = visibleWidth(String(ch))
                    if headWidth + cw > width { break }
                    head.append(ch)
                    headWidth += cw
                }
                lines.append(head)
                word.removeFirst(head.count)
                w = visibleWidth(word)
            }
            (line, lineWidth) = (word, w)
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The width of the terminal on standard output, or `COLUMNS` when set;
    /// nil when there is neither (output to a pipe or a file).
    static var width: Int? {
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 { return columns }
        var size = winsize()
        guard isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The width a terminal gives `text`: escape sequences take none, wide
    /// East Asian characters two.
    static func visibleWidth(_ text: String) -> Int {
        // Plain printable ASCII, the usual case: one column per byte.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape { if scalar == "m" { inEscape = false }; continue }
            if scalar == "\u{1B}" { inEscape = true; continue }
            let v = scalar.value
            if v < 0x300 {
                // Below the combining marks: one column each.
                width += 1
            } else if v >= 0x1100 && (v <= 0x115F || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
                               || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0x1F300 && v <= 0x1FAFF)) {
                width += 2
            } else if scalar.properties.generalCategory != .nonspacingMark {
                width += 1
            }
        }
        return width
    }
}

/// Long output on a terminal goes through a pager, as `git log` does:
/// `$ONEONONE_PAGER`, else `$PAGER`, else `less`, run by the shell, with
/// `LESS=FRX` unless set (leave at once when it fits on one screen, keep
/// colours, leave the text on the screen). Empty or `cat` means no pager.
enum Pager {
    /// Writes `text` to standard output, through the pager when standard
    /// output is a terminal and `enabled`.
    static func show(_ text: String, enabled: Bool = true) {
        let environment = Environment.values(["ONEONONE_PAGER", "PAGER", "LESS"])
        let command = environment["ONEONONE_PAGER"] ?? environment["PAGER"] ?? "less"
        guard enabled, isatty(1) == 1, !command.isEmpty, command != "cat" else {
            print(text, terminator: "")
            return
        }
        var env = Environment.entries()
        if environment["LESS"] == nil { env.append("LESS=FRX") }
        let pager: Subprocess
        do throws(SystemError) {
            pager = try Subprocess.spawn(["/bin/sh", "-c", command], environment: env, sharingOutput: true)
        } catch {
            print(text, terminator: "")
            return
        }
        // A pager the user quits early closes the pipe: stop writing, quietly.
        signal(SIGPIPE, SIG_IGN)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { buffer in retryingOnInterrupt { write(pager.stdin, buffer.baseAddress, buffer.count) } }
            if n <= 0 { break }
            bytes = bytes.dropFirst(n)
        }
        close(pager.stdin)
        var status: Int32 = 0
        _ = retryingOnInterrupt { waitpid(pager.pid, &status, 0) }
    }
}
