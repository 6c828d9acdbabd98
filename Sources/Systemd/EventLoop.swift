import CSystemd
package import Posix
import Glibc

/// An sd-event loop: timers, signals, child processes, inotify and file
/// descriptors, dispatched one at a time on one thread. Between events the
/// thread sleeps in `epoll_wait`; nothing polls.
///
/// Build the loop, add its sources, ``run()`` it and call every method
/// (including those of its sources) on the same thread. That is why it is
/// not `Sendable`. Signals are delivered through a signalfd read on that
/// thread, so the signals it handles must be blocked there — and, for
/// signals sent to the whole process (`kill`, systemd's SIGTERM), in every
/// other thread too: call ``blockSignals(_:)`` at the start of `main`,
/// before any thread exists, so that later threads inherit the mask.
///
/// Sources stay alive while they can fire: an enabled source is kept by the
/// loop even if its handle is dropped. A disabled one (a one-shot timer that
/// fired, an exited child, ``Timer/disable()``) lives only as long as its
/// handle. ``run()`` cancels every source when it returns, which also breaks
/// reference cycles between handlers and the loop.
package final class EventLoop {
    /// The clocks whose time ``now(_:)`` reports.
    package enum Clock: Sendable {
        /// `CLOCK_REALTIME`: wall-clock time, microseconds since 1970.
        case realtime
        /// `CLOCK_MONOTONIC`: time since boot, not counting suspend.
        case monotonic

        var id: clockid_t { self == .realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC }
    }

    /// A source known to the loop: weakly always (so that ``run()`` can cancel
    /// it), strongly while it is enabled (so that it can fire unheld).
    struct Entry {
        weak var source: Source?
        var retained: Source?
    }

    let event: OpaquePointer
    var sources: [ObjectIdentifier: Entry] = [:]

    /// Creates a loop of its own (not the thread's shared default loop).
    ///
    /// - Throws: `SystemError` when sd-event cannot allocate its epoll fd.
    ///
    /// The corresponding C function is `sd_event_new`.
    package init() throws(SystemError) {
        var event: OpaquePointer?
        try check("sd_event_new", sd_event_new(&event))
        self.event = event!
    }

    deinit {
        cancelAll()
        sd_event_unref(event)
    }

    /// Dispatches events until ``exit(_:)`` is called, then cancels every
    /// source.
    ///
    /// - Returns: the code given to ``exit(_:)``.
    /// - Throws: `SystemError` when waiting or dispatching fails.
    ///
    /// The corresponding C function is `sd_event_loop`.
    package func run() throws(SystemError) -> Int32 {
        // A finished loop cannot run again, so nothing is lost by letting go
        // of the handlers — and handlers that capture the loop are freed.
        defer { cancelAll() }
        return try check("sd_event_loop", sd_event_loop(event))
    }

    /// Makes ``run()`` return `code` once the current handler is done.
    ///
    /// - Parameter code: the value ``run()`` returns; zero or positive.
    ///
    /// The corresponding C function is `sd_event_exit`.
    package func exit(_ code: Int32) {
        // Fails only when the loop has already finished: nothing to stop.
        _ = sd_event_exit(event, code)
    }

    /// The time at which the current loop iteration woke up (the current
    /// time before the first iteration), in microseconds.
    ///
    /// Handlers that run in the same iteration see the same instant, which
    /// keeps decisions taken together consistent.
    ///
    /// - Parameter clock: realtime (since 1970) or monotonic (since boot).
    /// - Returns: microseconds.
    ///
    /// The corresponding C function is `sd_event_now`.
    package func now(_ clock: Clock = .realtime) -> UInt64 {
        var usec: UInt64 = 0
        // Fails only for clocks sd-event does not know; both of ours it does.
        _ = sd_event_now(event, clock.id, &usec)
        return usec
    }

    /// Turns automatic watchdog pings on or off: with `WatchdogSec=` in the
    /// unit, the loop sends `WATCHDOG=1` at half the interval for as long as
    /// it keeps dispatching.
    ///
    /// - Parameter on: whether to ping.
    /// - Returns: whether pings are now being sent; false when the service
    ///   has no watchdog (no `WATCHDOG_USEC`).
    ///
    /// The corresponding C function is `sd_event_set_watchdog`.
    @discardableResult
    package func setWatchdog(_ on: Bool) -> Bool {
        sd_event_set_watchdog(event, on ? 1 : 0) > 0
    }

    /// Blocks `signals` in the calling thread (and in threads it creates
    /// afterwards), so that they wait for a signalfd instead of running their
    /// default action.
    ///
    /// ``addSignal(_:_:)`` and ``addChild(pid:_:)`` block their signal in
    /// the loop's thread by themselves. Call this at the start of `main`, before
    /// other threads exist, when the process may receive the signal from
    /// outside: the kernel delivers a process-wide signal to any thread that
    /// does not block it. Child processes inherit the mask, so spawn them
    /// with `POSIX_SPAWN_SETSIGMASK` and an empty mask.
    ///
    /// - Parameter signals: signal numbers, e.g. `[SIGTERM, SIGINT, SIGHUP, SIGCHLD]`.
    ///
    /// The corresponding C function is `pthread_sigmask`.
    package static func blockSignals(_ signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        // Fails only for an invalid `how`.
        _ = pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Registers a new source; it is retained while it is enabled.
    func track(_ source: Source) {
        sources[ObjectIdentifier(source)] = Entry(source: source, retained: nil)
        retainIfEnabled(source)
    }

    /// Keeps `source` alive while it can still fire, and only then.
    func retainIfEnabled(_ source: Source) {
        let key = ObjectIdentifier(source)
        guard sources[key] != nil else { return }
        sources[key]?.retained = source.isEnabled ? source : nil
    }

    /// Drops a cancelled or deinitialized source.
    func forget(_ key: ObjectIdentifier) {
        let removed = sources.removeValue(forKey: key)
        // Released here, after the dictionary access ended: releasing it may
        // run other deinitializers that come back to `sources`.
        _ = removed
    }

    func cancelAll() {
        for entry in Array(sources.values) { entry.source?.cancel() }
        // Whatever is left is released outside the access to `sources`.
        var rest: [ObjectIdentifier: Entry] = [:]
        swap(&rest, &sources)
    }
}
