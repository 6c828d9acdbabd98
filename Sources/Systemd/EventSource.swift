import CSystemd

import Glibc

extension EventLoop {
    /// One event source of an ``EventLoop``: a file descriptor, an inotify
    /// watch, a signal, a child process or (as ``Timer``) a timer.
    ///
    /// The loop keeps an enabled source alive by itself; keep the handle to
    /// cancel it, or to re-arm a timer after it fired.
    package class Source {
        /// The sd-event source; nil once cancelled.
        var pointer: OpaquePointer?
        weak var loop: EventLoop?

        init(loop: EventLoop) {
            self.loop = loop
        }

        deinit {
            if let pointer { sd_event_source_disable_unref(pointer) }
            loop?.forget(ObjectIdentifier(self))
        }

        /// The file descriptor an I/O source watches, or -1 for other sources.
        ///
        /// The corresponding C function is `sd_event_source_get_io_fd`.
        package var fd: Int32 {
            guard let pointer else { return -1 }
            return max(-1, sd_event_source_get_io_fd(pointer))
        }

        /// Whether the source can still fire.
        ///
        /// The corresponding C function is `sd_event_source_get_enabled`.
        package var isEnabled: Bool {
            guard let pointer else { return false }
            var state: Int32 = 0
            return sd_event_source_get_enabled(pointer, &state) >= 0 && state != Int32(SD_EVENT_OFF)
        }

        /// Stops the source for good and releases its handler. Safe to call
        /// from the source's own handler, and more than once.
        ///
        /// An I/O source does not close its file descriptor (except the one
        /// ``EventLoop/addTimeChange(_:)`` made); close it after cancelling.
        ///
        /// The corresponding C function is `sd_event_source_disable_unref`.
        package func cancel() {
            guard let pointer else { return }
            self.pointer = nil
            // sd-event defers freeing a source that is dispatching, so the
            // handler that called us finishes with its memory intact.
            sd_event_source_disable_unref(pointer)
            loop?.forget(ObjectIdentifier(self))
        }

        /// Called after each dispatch: a one-shot source that did not re-arm
        /// itself is no longer kept by the loop.
        func dispatched() {
            loop?.retainIfEnabled(self)
        }

        func setEnabled(_ state: Int32) {
            guard let pointer else { return }
            // Fails only for a source whose loop has finished.
            _ = sd_event_source_set_enabled(pointer, state)
            loop?.retainIfEnabled(self)
        }
    }

    /// A one-shot timer on the realtime or the monotonic clock that can be
    /// re-armed and disabled any number of times.
    package final class Timer: Source {
        /// When the timer fires next, in microseconds on its clock; nil when
        /// it is disabled.
        ///
        /// The corresponding C function is `sd_event_source_get_time`.
        package var deadline: UInt64? {
            guard let pointer, isEnabled else { return nil }
            var usec: UInt64 = 0
            return sd_event_source_get_time(pointer, &usec) >= 0 ? usec : nil
        }

        /// Makes the timer fire once at `usec`, or never when `usec` is nil.
        ///
        /// An instant in the past fires on the next loop iteration.
        ///
        /// - Parameter usec: microseconds on the timer's clock (since 1970 for
        ///   a realtime timer), or nil to disable it.
        ///
        /// The corresponding C function is `sd_event_source_set_time`.
        package func rearm(at usec: UInt64?) {
            guard let usec else { return disable() }
            guard let pointer else { return }
            _ = sd_event_source_set_time(pointer, usec)
            setEnabled(Int32(SD_EVENT_ONESHOT))
        }

        /// Makes the timer fire once, `seconds` from now on its clock.
        ///
        /// - Parameter seconds: the delay; negative counts as zero.
        ///
        /// The corresponding C function is `sd_event_source_set_time`.
        package func rearm(after seconds: Double) {
            guard let pointer else { return }
            var clock = CLOCK_MONOTONIC
            _ = sd_event_source_get_time_clock(pointer, &clock)
            // Counted from now, not from when the loop woke up as
            // sd_event_source_set_time_relative would.
            rearm(at: EventLoop.clockNow(clock) + EventLoop.microseconds(seconds))
        }

        /// Keeps the timer from firing until it is re-armed.
        ///
        /// The corresponding C function is `sd_event_source_set_enabled`.
        package func disable() {
            setEnabled(Int32(SD_EVENT_OFF))
        }
    }

    /// A delay in seconds as microseconds, clamped to what sd-event can add
    /// to the current time without overflowing (about 100 years).
    static func microseconds(_ seconds: Double) -> UInt64 {
        let limit = 100.0 * 366 * 86_400 * 1_000_000
        guard seconds > 0 else { return 0 }
        return UInt64(min(limit, (seconds * 1_000_000).rounded(.up)))
    }
}

/// A handler closure handed to C as `userdata`. The sd-event source owns one
/// retain of it and drops it from its destroy callback, so the closure lives
/// exactly as long as the source.
final class Callback<Argument> {
    let handler: (Argument) -> Void
    weak var source: EventLoop.Source?

    init(_ handler: @escaping (Argument) -> Void) {
        self.handler = handler
    }

    /// Runs the handler behind `userdata`. Always returns 0: a negative
    /// return would make sd-event disable the source behind our back.
    static func call(_ userdata: UnsafeMutableRawPointer?, _ argument: Argument) -> Int32 {
        guard let userdata else { return 0 }
        // A strong local reference: the handler may cancel its own source.
        let callback = Unmanaged<Callback>.fromOpaque(userdata).takeUnretainedValue()
        callback.handler(argument)
        callback.source?.dispatched()
        return 0
    }
}

/// The destroy callback of every source: releases its `Callback`.
let releaseCallback: sd_event_destroy_t = { userdata in
    guard let userdata else { return }
    Unmanaged<AnyObject>.fromOpaque(userdata).release()
}
