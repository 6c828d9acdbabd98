package import Logging
package import OneOnOne
package import Systemd
import Posix
import Glibc

/// Shows reminders on the desktop itself, over D-Bus
/// (`org.freedesktop.Notifications`, on the daemon's own sd-event loop):
/// app name, urgency and `desktop-entry` hints, one notification per subject
/// that a repeat replaces instead of stacking (`replaces_id`), and, where
/// the server lists "actions", buttons: "Held today" and "Snooze 1 day" on
/// a 1:1, "Done", "Still on it" and "Snooze 3 days" on a stale item.
///
/// With no server on the bus yet (a login where it starts late) a delivery
/// is retried with the hooks' backoff; a button pressed is handed to
/// `action`, which records what the CLI would.
package final class DesktopNotifier {
    let bus: Bus
    let loop: EventLoop
    let logger: Logger
    let backoff: [Double]
    /// What the server can do (from GetCapabilities); nil until asked.
    var capabilities: Set<String>?
    /// The last notification of each subject, which the next one replaces.
    var shown: [String: UInt32] = [:]
    /// What each notification still on screen is about, by id.
    var onScreen: [UInt32: Reminder] = [:]
    /// Told when a delivery is done with: shown (true) or given up (false).
    package var settled: ((_ keys: [String], _ shown: Bool) -> Void)?
    /// Told when a button is pressed: the reminder and the action's key.
    package var action: ((_ reminder: Reminder, _ key: String) -> Void)?

    static let service = "org.freedesktop.Notifications"
    static let path = "/org/freedesktop/Notifications"

    /// The notifier as a delivery route: it gets what the manager is shown,
    /// as a hook without `on` does; its command names it in
    /// `deliveries.toml`.
    package static let route = Hook(command: [service], kinds: Set(ReminderKind.allCases), timeout: TimeSpan(seconds: 25))

    /// Connects to the session bus; nil when there is none (then
    /// notify-send, if any, is the desktop's hook).
    package init?(loop: EventLoop, logger: Logger, backoff: [Double] = [5, 30, 120, 600]) {
        do throws(SystemError) { bus = try Bus(sessionOn: loop) } catch {
            logger.info("no session bus (\(error)): desktop notifications go through notify-send, if it is installed")
            return nil
        }
        self.loop = loop
        self.logger = logger
        self.backoff = backoff
        do throws(SystemError) {
            try bus.onSignal(interface: Self.service, member: "ActionInvoked") { [weak self] message in
                guard let id = message.uint32(), let key = message.string() else { return }
                self?.invoked(id, key)
            }
            try bus.onSignal(interface: Self.service, member: "NotificationClosed") { [weak self] message in
                // Nothing to do but forget it: closing is no answer.
                if let id = message.uint32() { self?.onScreen.removeValue(forKey: id) }
            }
        } catch {
            logger.warning("cannot listen for notification buttons: \(error)")
        }
    }

    /// Shows `reminder`; `keys` are what it delivers (a summary's reminders).
    package func show(_ reminder: Reminder, keys: [String]? = nil, attempt: Int = 1) {
        guard let capabilities else {
            bus.call(Self.service, path: Self.path, interface: Self.service, member: "GetCapabilities", []) { [weak self] reply in
                guard let self else { return }
                switch reply {
                case .success(let message):
                    self.capabilities = Set(message.strings() ?? [])
                    self.show(reminder, keys: keys, attempt: attempt)
                case .failure(let error):
                    self.failed(reminder, keys: keys, attempt: attempt, error)
                }
            }
            return
        }
        let subject = Self.subject(of: reminder)
        let buttons = capabilities.contains("actions") ? Self.actions(for: reminder) : []
        let urgency: UInt8 = switch reminder.urgency {
        case .low: 0
        case .normal: 1
        case .critical: 2
        }
        bus.call(Self.service, path: Self.path, interface: Self.service, member: "Notify", [
            .string("oneonone"), .uint32(shown[subject] ?? 0), .string(""), .string(reminder.title), .string(reminder.body),
            .strings(buttons.flatMap { [$0.key, $0.label] }),
            .variants([("urgency", .byte(urgency)), ("desktop-entry", .string("oneonone"))]),
            .int32(-1),
        ]) { [weak self] reply in
            guard let self else { return }
            switch reply {
            case .success(let message):
                guard let id = message.uint32() else { return }
                if let previous = shown[subject] { onScreen.removeValue(forKey: previous) }
                shown[subject] = id
                onScreen[id] = reminder
                if onScreen.count > 256, let oldest = onScreen.keys.min() { onScreen.removeValue(forKey: oldest) }
                settled?(keys ?? [reminder.key], true)
            case .failure(let error):
                failed(reminder, keys: keys, attempt: attempt, error)
            }
        }
    }

    /// A delivery that did not get through: retried after the backoff (the
    /// server is asked what it can do again), given up after the last.
    func failed(_ reminder: Reminder, keys: [String]?, attempt: Int, _ error: Bus.CallError) {
        capabilities = nil
        guard attempt <= backoff.count else {
            logger.warning("desktop notification for \(reminder.key) failed: \(error); giving up after \(attempt) attempts")
            settled?(keys ?? [reminder.key], false)
            return
        }
        let delay = (backoff[attempt - 1] * Double.random(in: 0.8...1.2)).rounded()
        let next = "retrying in \(Int(delay))s (attempt \(attempt + 1) of \(backoff.count + 1))"
        logger.warning("desktop notification for \(reminder.key) failed: \(error); \(next)")
        var timer: EventLoop.Timer?
        timer = loop.addMonotonicTimer(after: delay) { [weak self] in
            self?.show(reminder, keys: keys, attempt: attempt + 1)
            timer?.disable()
            timer = nil
        }
    }

    func invoked(_ id: UInt32, _ key: String) {
        // "default" (a click on the notification itself) opens nothing.
        guard key != "default", let reminder = onScreen[id],
              Self.actions(for: reminder).contains(where: { $0.key == key }) else { return }
        onScreen.removeValue(forKey: id)
        action?(reminder, key)
    }

    /// What a notification is about: a repeat about the same replaces it.
    static func subject(of r: Reminder) -> String {
        switch r.kind {
        case .dueSoon, .due, .overdue: "1:1/\(r.member)"
        case .staleAction: "item/\(r.actionID ?? r.key)"
        case .digest: "digest"
        case .drift, .moodDrop: "\(r.kind.rawValue)/\(r.member)"
        }
    }

    /// The buttons of a reminder: key and label.
    package static func actions(for r: Reminder) -> [(key: String, label: String)] {
        if r.key.hasPrefix("summary/") { return [] }
        switch r.kind {
        case .dueSoon, .due, .overdue: return [("met", "Held today"), ("snooze-1d", "Snooze 1 day")]
        case .staleAction: return [("done", "Done"), ("touch", "Still on it"), ("snooze-3d", "Snooze 3 days")]
        case .digest, .drift, .moodDrop: return []
        }
    }
}
