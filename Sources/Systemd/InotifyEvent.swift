import CSystemd

/// One inotify event: what happened, and to which entry of a watched
/// directory.
package struct InotifyEvent: Sendable, Equatable {
    /// The event bits, e.g. `IN_CLOSE_WRITE`, possibly with `IN_ISDIR`.
    package var mask: UInt32
    /// The entry's name inside the watched directory; empty when the event
    /// is about the watched path itself.
    package var name: String
    /// Pairs an `IN_MOVED_FROM` with its `IN_MOVED_TO`; 0 otherwise.
    package var cookie: UInt32

    /// Creates an event; the loop makes them, tests may too.
    package init(mask: UInt32, name: String, cookie: UInt32 = 0) {
        self.mask = mask
        self.name = name
        self.cookie = cookie
    }

    init(_ event: UnsafePointer<inotify_event>) {
        self.init(
            mask: event.pointee.mask, name: String(cString: oneonone_inotify_name(event)),
            cookie: event.pointee.cookie)
    }
}
