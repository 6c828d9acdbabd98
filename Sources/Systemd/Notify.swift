import CSystemd

import Glibc

/// Service state notifications to systemd (`Type=notify` units).
///
/// Every function is a quiet no-op when `NOTIFY_SOCKET` is not set, as when
/// the program runs in a terminal. They report whether a message went out
/// but never throw: like systemd's own services, the caller carries on
/// whether or not the manager listened.
package enum Notify {
    /// Tells the manager that start-up is complete (`READY=1`).
    ///
    /// - Returns: whether the message was sent.
    ///
    /// The corresponding C function is `sd_notify`.
    @discardableResult
    package static func ready() -> Bool { send("READY=1") }

    /// Sets the one-line status `systemctl status` shows (`STATUS=…`).
    ///
    /// - Parameter text: the status; newlines are replaced by spaces, since
    ///   a newline would start another assignment.
    /// - Returns: whether the message was sent.
    ///
    /// The corresponding C function is `sd_notify`.
    @discardableResult
    package static func status(_ text: String) -> Bool {
        let line = String(text.map { $0.isNewline ? " " : $0 })
        return send("STATUS=" + line)
    }

    /// Tells the manager that the service is reloading its configuration
    /// (`RELOADING=1` with `MONOTONIC_USEC=` now, in one message, as
    /// `Type=notify-reload` requires). Send ``ready()`` when done.
    ///
    /// - Returns: whether the message was sent.
    ///
    /// The corresponding C function is `sd_notify`.
    @discardableResult
    package static func reloading() -> Bool {
        send("RELOADING=1\nMONOTONIC_USEC=\(EventLoop.clockNow(CLOCK_MONOTONIC))")
    }

    /// Tells the manager that the service is shutting down (`STOPPING=1`).
    ///
    /// - Returns: whether the message was sent.
    ///
    /// The corresponding C function is `sd_notify`.
    @discardableResult
    package static func stopping() -> Bool { send("STOPPING=1") }

    /// Pings the service watchdog (`WATCHDOG=1`).
    ///
    /// An event loop with ``EventLoop/setWatchdog(_:)`` on pings by itself.
    ///
    /// - Returns: whether the message was sent.
    ///
    /// The corresponding C function is `sd_notify`.
    @discardableResult
    package static func watchdog() -> Bool { send("WATCHDOG=1") }

    /// Sends `state`: newline-separated `NAME=value` assignments.
    ///
    /// - Parameter state: e.g. `"READY=1\nSTATUS=running"`.
    /// - Returns: true when the message was sent; false without
    ///   `NOTIFY_SOCKET` or when sending failed.
    ///
    /// The corresponding C function is `sd_notify`.
    @discardableResult
    package static func send(_ state: String) -> Bool {
        sd_notify(0, state) > 0
    }

    /// How often the manager expects ``watchdog()`` pings
    /// (`WatchdogSec=` in the unit), or nil when the watchdog is off or
    /// meant for another process.
    ///
    /// The corresponding C function is `sd_watchdog_enabled`.
    package static var watchdogInterval: Duration? {
        watchdogMicroseconds.map { .microseconds($0) }
    }

    /// ``watchdogInterval`` in microseconds.
    ///
    /// The corresponding C function is `sd_watchdog_enabled`.
    package static var watchdogMicroseconds: UInt64? {
        var usec: UInt64 = 0
        return sd_watchdog_enabled(0, &usec) > 0 ? usec : nil
    }
}
