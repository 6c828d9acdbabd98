import CSystemd
package import Posix
import Glibc

// The C handlers. Like systemd's own, each has the shape
// (source, what happened, userdata); userdata is the source's `Callback`.
let onIO: sd_event_io_handler_t = { _, _, revents, userdata in
    Callback<UInt32>.call(userdata, revents)
}
let onSignal: sd_event_signal_handler_t = { _, info, userdata in
    Callback<Int32>.call(userdata, Int32(bitPattern: info?.pointee.ssi_signo ?? 0))
}
let onChild: sd_event_child_handler_t = { _, info, userdata in
    guard let info else { return 0 }
    return Callback<ChildExit>.call(userdata, ChildExit(info))
}
let onInotify: sd_event_inotify_handler_t = { _, event, userdata in
    guard let event else { return 0 }
    return Callback<InotifyEvent>.call(userdata, InotifyEvent(event))
}

extension EventLoop {
    /// The epoll event bits of ``addIO(fd:events:_:)``, so that callers need
    /// not import `<sys/epoll.h>` (Swift's Glibc module lacks it).
    package enum IOEvents {
        /// Data to read, or the end of the stream (`EPOLLIN`).
        package static let readable = UInt32(EPOLLIN.rawValue)
        /// Room to write (`EPOLLOUT`).
        package static let writable = UInt32(EPOLLOUT.rawValue)
        /// The other end closed (`EPOLLHUP`); always reported.
        package static let hangup = UInt32(EPOLLHUP.rawValue)
        /// An error condition, e.g. a reader gone (`EPOLLERR`); always reported.
        package static let error = UInt32(EPOLLERR.rawValue)
    }

    /// Calls `handler` whenever `fd` is ready for `events`.
    ///
    /// The source does not own `fd`: ``Source/cancel()`` it, then close the
    /// descriptor. Regular files cannot be watched (epoll refuses them).
    ///
    /// - Parameters:
    ///   - fd: a pipe, socket or other pollable descriptor, best non-blocking.
    ///   - events: epoll events, e.g. ``IOEvents/readable``.
    ///   - handler: gets the events that occurred (`EPOLLHUP` included).
    /// - Returns: the source; it stays enabled until cancelled.
    ///
    /// The corresponding C function is `sd_event_add_io`.
    @discardableResult
    package func addIO(fd: Int32, events: UInt32, _ handler: @escaping (UInt32) -> Void) -> Source {
        orTrap { () throws(SystemError) in
            try attach(Source(loop: self), Callback(handler), "sd_event_add_io") {
                sd_event_add_io(event, $0, fd, events, onIO, $1)
            }
        }
    }

    /// Calls `handler` for inotify events on `path`, a file or a directory.
    ///
    /// The watch is on the inode: an editor that saves by renaming a new
    /// file into place ends a watch on the file, so watch its directory and
    /// match ``InotifyEvent/name``.
    ///
    /// - Parameters:
    ///   - path: what to watch; it must exist.
    ///   - mask: inotify events, e.g. `UInt32(IN_CLOSE_WRITE | IN_MOVED_TO)`.
    ///   - handler: gets each event.
    /// - Returns: the source; it stays enabled until cancelled.
    /// - Throws: `SystemError`, e.g. `ENOENT` when `path` does not exist.
    ///
    /// The corresponding C function is `sd_event_add_inotify`.
    @discardableResult
    package func addInotify(
        path: String, mask: UInt32, _ handler: @escaping (InotifyEvent) -> Void
    ) throws(SystemError) -> Source {
        try attach(Source(loop: self), Callback(handler), "sd_event_add_inotify") {
            sd_event_add_inotify(event, $0, path, mask, onInotify, $1)
        }
    }

    /// Calls `handler` each time `signal` arrives.
    ///
    /// The signal is blocked in the calling thread first (sd-event reads it
    /// from a signalfd, which only sees blocked signals) and stays blocked.
    /// See ``blockSignals(_:)`` for signals sent to the whole process.
    ///
    /// - Parameters:
    ///   - signal: e.g. `SIGHUP`; at most one source per signal.
    ///   - handler: gets the signal number.
    /// - Returns: the source; it stays enabled until cancelled.
    ///
    /// The corresponding C function is `sd_event_add_signal`.
    @discardableResult
    package func addSignal(_ signal: Int32, _ handler: @escaping (Int32) -> Void) -> Source {
        EventLoop.blockSignals([signal])
        return orTrap { () throws(SystemError) in
            try attach(Source(loop: self), Callback(handler), "sd_event_add_signal") {
                sd_event_add_signal(event, $0, signal, onSignal, $1)
            }
        }
    }

    /// Calls `handler` once when child process `pid` has exited, then reaps
    /// it (no zombie is left) and lets the source go.
    ///
    /// SIGCHLD is blocked in the calling thread first, as sd-event requires.
    /// A child spawned from this thread inherits blocked signals: spawn with
    /// `POSIX_SPAWN_SETSIGMASK` and an empty mask.
    ///
    /// - Parameters:
    ///   - pid: a child of this process that has not been waited for.
    ///   - handler: gets the exit status or the signal that killed it.
    /// - Returns: the source; cancel it to stop watching before the exit.
    ///
    /// The corresponding C function is `sd_event_add_child`.
    @discardableResult
    package func addChild(pid: Int32, _ handler: @escaping (ChildExit) -> Void) -> Source {
        EventLoop.blockSignals([SIGCHLD])
        return orTrap { () throws(SystemError) in
            try attach(Source(loop: self), Callback(handler), "sd_event_add_child") {
                sd_event_add_child(event, $0, pid, WEXITED, onChild, $1)
            }
        }
    }

    /// Creates the sd-event source with `add`, which gets the out-pointer
    /// and the userdata, and ties `callback`'s lifetime to it.
    func attach<S: Source, Argument>(
        _ source: S, _ callback: Callback<Argument>, _ function: String,
        _ add: (UnsafeMutablePointer<OpaquePointer?>, UnsafeMutableRawPointer) -> Int32
    ) throws(SystemError) -> S {
        callback.source = source
        let userdata = Unmanaged.passRetained(callback).toOpaque()
        var pointer: OpaquePointer?
        let result = add(&pointer, userdata)
        guard result >= 0, let pointer else {
            Unmanaged<Callback<Argument>>.fromOpaque(userdata).release()
            throw SystemError(function, errno: result)
        }
        // From here on the source holds the retain taken above.
        _ = sd_event_source_set_destroy_callback(pointer, releaseCallback)
        source.pointer = pointer
        track(source)
        return source
    }

    /// Sources that fail only on programming errors (a signal already
    /// handled, a pid that is not our child, a regular file for epoll) or
    /// when memory runs out trap with the reason rather than make every
    /// caller handle an error it cannot recover from.
    func orTrap<T>(_ body: () throws(SystemError) -> T) -> T {
        do { return try body() } catch { preconditionFailure("\(error)") }
    }
}
