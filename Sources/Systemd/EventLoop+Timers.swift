import CSystemd
import Posix
import Glibc

let onTime: sd_event_time_handler_t = { _, usec, userdata in
    Callback<UInt64>.call(userdata, usec)
}

extension EventLoop {
    /// Calls `handler` once at the wall-clock instant `usec`.
    ///
    /// The timer is on `CLOCK_REALTIME`, so it fires at the right moment
    /// after a suspend or a clock step, not a fixed delay after arming.
    /// Re-arm it with ``Timer/rearm(at:)``.
    ///
    /// - Parameters:
    ///   - usec: microseconds since 1970, or nil to create it disabled.
    ///   - accuracy: how late, in microseconds, it may fire so that the
    ///     kernel can coalesce wake-ups; 1 (and 0) is as exact as possible.
    ///   - handler: runs when the timer fires.
    /// - Returns: the timer. Keep it to re-arm it: once fired or disabled,
    ///   only the handle keeps it.
    ///
    /// The corresponding C function is `sd_event_add_time`.
    @discardableResult
    package func addRealtimeTimer(
        at usec: UInt64?, accuracy: UInt64 = 1, _ handler: @escaping () -> Void
    ) -> Timer {
        let timer = orTrap { () throws(SystemError) in
            try attach(Timer(loop: self), Callback<UInt64> { _ in handler() }, "sd_event_add_time") {
                sd_event_add_time(event, $0, CLOCK_REALTIME, usec ?? 0, max(1, accuracy), onTime, $1)
            }
        }
        if usec == nil { timer.disable() }
        return timer
    }

    /// Calls `handler` once, `seconds` from now on `CLOCK_MONOTONIC`: for
    /// debouncing, timeouts and back-off, which must not move with the wall
    /// clock. Re-arm it with ``Timer/rearm(after:)``.
    ///
    /// - Parameters:
    ///   - seconds: the delay; negative counts as zero.
    ///   - accuracy: how late, in microseconds, it may fire.
    ///   - handler: runs when the timer fires.
    /// - Returns: the timer.
    ///
    /// The corresponding C function is `sd_event_add_time`.
    @discardableResult
    package func addMonotonicTimer(
        after seconds: Double, accuracy: UInt64 = 1, _ handler: @escaping () -> Void
    ) -> Timer {
        // Not sd_event_add_time_relative: inside a handler it counts from
        // when the loop woke up, which may be well before now.
        let deadline = EventLoop.clockNow(CLOCK_MONOTONIC) + EventLoop.microseconds(seconds)
        return orTrap { () throws(SystemError) in
            try attach(Timer(loop: self), Callback<UInt64> { _ in handler() }, "sd_event_add_time") {
                sd_event_add_time(event, $0, CLOCK_MONOTONIC, deadline, max(1, accuracy), onTime, $1)
            }
        }
    }

    /// Calls `handler` each time the system clock is set (a step by NTP, the
    /// administrator or `date -s`) — the moments when realtime deadlines and
    /// "today" should be recomputed.
    ///
    /// libsystemd 252 exports no `sd_event_add_time_change`, so this does
    /// what systemd does internally: a `CLOCK_REALTIME` timerfd armed for the end of time
    /// with `TFD_TIMER_CANCEL_ON_SET`, which the kernel makes readable (with
    /// `ECANCELED`) whenever the clock is set, watched by an I/O source that
    /// owns the descriptor.
    ///
    /// - Parameter handler: runs after each clock change.
    /// - Returns: the source; it stays enabled until cancelled.
    ///
    /// The corresponding C functions are `timerfd_create` and `sd_event_add_io`.
    @discardableResult
    package func addTimeChange(_ handler: @escaping () -> Void) -> Source {
        let fd = orTrap { () throws(SystemError) in
            try checkSyscall("timerfd_create", timerfd_create(CLOCK_REALTIME, Int32(TFD_NONBLOCK | TFD_CLOEXEC)))
        }
        var forever = itimerspec()
        forever.it_value.tv_sec = Int.max
        // Fails only for a bad descriptor or flags.
        _ = timerfd_settime(fd, Int32(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET), &forever, nil)
        let callback = Callback<UInt32> { _ in
            // Consumes the ECANCELED. The timer stays armed with the flag, so
            // the kernel reports the next change too.
            var expirations: UInt64 = 0
            _ = read(fd, &expirations, MemoryLayout<UInt64>.size)
            handler()
        }
        let source = orTrap { () throws(SystemError) in
            try attach(Source(loop: self), callback, "sd_event_add_io") {
                sd_event_add_io(event, $0, fd, UInt32(EPOLLIN.rawValue), onIO, $1)
            }
        }
        // Closed with the source.
        _ = sd_event_source_set_io_fd_own(source.pointer, 1)
        return source
    }

    /// The current time on `clock` in microseconds, read now (unlike
    /// ``now(_:)``, which is the time the loop woke up).
    static func clockNow(_ clock: clockid_t) -> UInt64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
