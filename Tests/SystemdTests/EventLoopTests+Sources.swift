import Glibc
import Systemd
import TestSupport
import Posix
import Testing

extension EventLoopTests {
    @Test("inotify reports a file written in a watched directory, by name")
    func inotify() async throws {
        let directory = try TemporaryDirectory("oneonone-inotify")
        defer { directory.remove() }
        let (code, event) = try await Self.runLoop { [directory] loop in
            var seen: InotifyEvent?
            try loop.addInotify(path: directory.path, mask: UInt32(IN_CLOSE_WRITE | IN_MOVED_TO)) { event in
                seen = event
                loop.exit(0)
            }
            // Queued by the kernel until the loop reads it.
            try directory.write("config.toml", "cadence = \"2w\"\n")
            return { seen }
        }
        #expect(code == 0)
        #expect(event?.name == "config.toml")
        #expect(event.map { $0.mask & UInt32(IN_CLOSE_WRITE) != 0 } == true)
    }

    @Test("watching a path that does not exist throws ENOENT")
    func inotifyMissingPath() async throws {
        let error = try await onOwnThread { () throws -> SystemError? in
            let loop = try EventLoop()
            do throws(SystemError) {
                try loop.addInotify(path: "/nonexistent/oneonone", mask: UInt32(IN_CLOSE_WRITE)) { _ in }
                return nil
            } catch {
                return error
            }
        }
        #expect(error?.errno.code == ENOENT)
        #expect(error?.description == "sd_event_add_inotify failed: No such file or directory (ENOENT)")
    }

    @Test("a signal sent to the loop's thread reaches its handler")
    func signal() async throws {
        let (code, received) = try await Self.runLoop { loop in
            var received: [Int32] = []
            loop.addSignal(SIGUSR1) { signal in
                received.append(signal)
                loop.exit(0)
            }
            // To this thread, not the process: other test threads do not
            // block SIGUSR1, and the kernel could pick one of them.
            pthread_kill(pthread_self(), SIGUSR1)
            return { received }
        }
        #expect(code == 0)
        #expect(received == [SIGUSR1])
    }

    /// Runs `script` in a shell child and reports how it ended and whether
    /// the loop reaped it.
    static func childExit(_ script: String) async throws -> (exit: ChildExit?, reaped: Bool) {
        try await runLoop { loop in
            let pid = try spawnShell(script)
            var exit: ChildExit?
            loop.addChild(pid: pid) { status in
                exit = status
                loop.exit(0)
            }
            // No zombie left: the pid is no longer ours to wait for.
            return { (exit, waitpid(pid, nil, WNOHANG) == -1 && errno == ECHILD) }
        }.result
    }

    @Test("a child that exits with 3 is reported as exited(3) and reaped")
    func childExit() async throws {
        let (exit, reaped) = try await Self.childExit("exit 3")
        #expect(exit == .exited(3))
        #expect(exit?.description == "exited with status 3")
        #expect(reaped)
    }

    @Test("a child killed by a signal is reported as killed(SIGKILL) and reaped")
    func childKilled() async throws {
        let (exit, reaped) = try await Self.childExit("kill -KILL $$")
        #expect(exit == .killed(SIGKILL))
        #expect(exit?.description == "killed by SIGKILL")
        #expect(reaped)
    }

    @Test("an I/O source reads what is written to a pipe, and sees the end")
    func io() async throws {
        let (code, (text, sawEnd)) = try await Self.runLoop { loop in
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw SupportError("pipe failed") }
            var text: [UInt8] = []
            var sawEnd = false
            var source: EventLoop.Source?
            source = loop.addIO(fd: fds[0], events: EventLoop.IOEvents.readable) { _ in
                var buffer = [UInt8](repeating: 0, count: 64)
                let n = read(fds[0], &buffer, buffer.count)
                if n > 0 { text += buffer[0..<n]; return }
                sawEnd = n == 0
                source?.cancel()
                close(fds[0])
                loop.exit(0)
            }
            _ = write(fds[1], "hello, ", 7)
            _ = write(fds[1], "hook", 4)
            close(fds[1])
            return { (String(decoding: text, as: UTF8.self), sawEnd) }
        }
        #expect(code == 0)
        #expect(text == "hello, hook")
        #expect(sawEnd)
    }

    @Test("setting the clock wakes the time-change source, every time", .enabled(if: maySetClock()))
    func timeChange() async throws {
        let (code, changes) = try await Self.runLoop { loop in
            // Sets the clock to the time it already shows: a change of a few
            // microseconds at most, but a "set" all the same.
            func setClock() {
                var now = timespec()
                clock_gettime(CLOCK_REALTIME, &now)
                clock_settime(CLOCK_REALTIME, &now)
            }
            var changes = 0
            loop.addTimeChange {
                changes += 1
                if changes == 1 { setClock() } else { loop.exit(0) }
            }
            loop.addMonotonicTimer(after: 0) { setClock() }
            return { changes }
        }
        #expect(code == 0)
        #expect(changes == 2)
    }
}
