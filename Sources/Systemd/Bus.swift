import CSystemd
package import Posix
import Glibc

/// A D-Bus connection (sd-bus) served by an ``EventLoop``: method calls
/// answered asynchronously and signals handed to handlers, on the loop's
/// thread, without a thread or a poll of its own.
///
/// Only what talking to a notification server needs: calls whose
/// arguments are strings, integers, string arrays and a dictionary of
/// variants, and replies and signals read as such.
package final class Bus {
    let bus: OpaquePointer
    /// Signal subscriptions: each keeps its handler until the bus goes.
    var subscriptions: [Subscription] = []

    /// Connects to the user's session bus (`DBUS_SESSION_BUS_ADDRESS`, else
    /// `$XDG_RUNTIME_DIR/bus`) and attaches it to `loop`.
    ///
    /// - Throws: `SystemError` when there is no session bus to connect to.
    ///
    /// The corresponding C functions are `sd_bus_open_user` and
    /// `sd_bus_attach_event`.
    package init(sessionOn loop: EventLoop) throws(SystemError) {
        var bus: OpaquePointer?
        try check("sd_bus_open_user", sd_bus_open_user(&bus))
        self.bus = bus!
        do throws(SystemError) {
            try check("sd_bus_attach_event", sd_bus_attach_event(self.bus, loop.event, 0))
        } catch {
            sd_bus_flush_close_unref(self.bus)
            throw error
        }
    }

    deinit {
        for s in subscriptions { s.cancel() }
        sd_bus_detach_event(bus)
        sd_bus_flush_close_unref(bus)
    }

    /// A value in a call's arguments.
    package enum Argument {
        case string(String)
        case uint32(UInt32)
        case int32(Int32)
        case strings([String])
        /// `a{sv}`: hints, each a byte, a boolean or a string.
        case variants([(String, Variant)])
    }

    package enum Variant {
        case byte(UInt8)
        case bool(Bool)
        case string(String)
    }

    /// A received message (a reply or a signal), read in order; valid only
    /// inside the handler it is given to.
    package struct Message {
        let message: OpaquePointer

        /// Reads the next `u`.
        package func uint32() -> UInt32? {
            var value: UInt32 = 0
            return sd_bus_message_read_basic(message, CChar(UInt8(ascii: "u")), &value) > 0 ? value : nil
        }

        /// Reads the next `s`.
        package func string() -> String? {
            var value: UnsafePointer<CChar>?
            guard sd_bus_message_read_basic(message, CChar(UInt8(ascii: "s")), &value) > 0, let value else { return nil }
            return String(cString: value)
        }

        /// Reads the next `as`.
        package func strings() -> [String]? {
            guard sd_bus_message_enter_container(message, CChar(UInt8(ascii: "a")), "s") > 0 else { return nil }
            var result: [String] = []
            while let s = string() { result.append(s) }
            _ = sd_bus_message_exit_container(message)
            return result
        }
    }

    /// Why a call failed: the D-Bus error name (such as
    /// `org.freedesktop.DBus.Error.ServiceUnknown`) and its message.
    package struct CallError: Error, CustomStringConvertible {
        package let name: String
        package let message: String
        package var description: String { message.isEmpty ? name : "\(name): \(message)" }
    }

    /// Calls `member` and hands the reply, or why there is none, to `reply`
    /// on the loop's thread.
    ///
    /// The corresponding C function is `sd_bus_call_async`.
    package func call(_ destination: String, path: String, interface: String, member: String, _ arguments: [Argument],
                      timeout seconds: Double = 25, reply: @escaping (Result<Message, CallError>) -> Void) {
        var m: OpaquePointer?
        var r = sd_bus_message_new_method_call(bus, &m, destination, path, interface, member)
        if r >= 0, let m { r = Self.append(arguments, to: m) }
        guard r >= 0, let m else {
            if let m { sd_bus_message_unref(m) }
            reply(.failure(CallError(name: "oneonone.Error.Message", message: "cannot build the call: \(Errno(-r).text)")))
            return
        }
        defer { sd_bus_message_unref(m) }
        let box = Unmanaged.passRetained(ReplyBox(reply)).toOpaque()
        r = sd_bus_call_async(bus, nil, m, { message, userdata, _ in
            let box = Unmanaged<ReplyBox>.fromOpaque(userdata!).takeRetainedValue()
            guard let message else { return 0 }
            if sd_bus_message_is_method_error(message, nil) > 0, let error = sd_bus_message_get_error(message) {
                box.reply(.failure(CallError(name: error.pointee.name.map { String(cString: $0) } ?? "",
                                             message: error.pointee.message.map { String(cString: $0) } ?? "")))
            } else {
                box.reply(.success(Message(message: message)))
            }
            return 0
        }, box, UInt64(seconds * 1_000_000))
        if r < 0 {
            Unmanaged<ReplyBox>.fromOpaque(box).release()
            reply(.failure(CallError(name: "oneonone.Error.Send", message: "cannot send the call: \(Errno(-r).text)")))
        }
    }

    /// Hands every signal `member` of `interface` to `handler`, for as
    /// long as the bus is open.
    ///
    /// The corresponding C function is `sd_bus_match_signal`.
    package func onSignal(interface: String, member: String, _ handler: @escaping (Message) -> Void) throws(SystemError) {
        let subscription = Subscription(handler)
        let userdata = Unmanaged.passUnretained(subscription).toOpaque()
        var slot: OpaquePointer?
        try check("sd_bus_match_signal", sd_bus_match_signal(bus, &slot, nil, nil, interface, member, { message, userdata, _ in
            guard let message, let userdata else { return 0 }
            Unmanaged<Subscription>.fromOpaque(userdata).takeUnretainedValue().handler(Message(message: message))
            return 0
        }, userdata))
        subscription.slot = slot
        subscriptions.append(subscription)
    }

    final class ReplyBox {
        let reply: (Result<Message, CallError>) -> Void
        init(_ reply: @escaping (Result<Message, CallError>) -> Void) { self.reply = reply }
    }

    final class Subscription {
        let handler: (Message) -> Void
        var slot: OpaquePointer?
        init(_ handler: @escaping (Message) -> Void) { self.handler = handler }
        func cancel() {
            if let slot { sd_bus_slot_unref(slot) }
            slot = nil
        }
    }

    static func append(_ arguments: [Argument], to m: OpaquePointer) -> Int32 {
        func basic(_ type: UInt8, _ value: UnsafeRawPointer) -> Int32 {
            sd_bus_message_append_basic(m, CChar(type), value)
        }
        func string(_ s: String) -> Int32 { s.withCString { basic(UInt8(ascii: "s"), $0) } }
        func open(_ type: UInt8, _ contents: String) -> Int32 { sd_bus_message_open_container(m, CChar(type), contents) }
        for argument in arguments {
            var r: Int32
            switch argument {
            case .string(let s): r = string(s)
            case .uint32(var n): r = basic(UInt8(ascii: "u"), &n)
            case .int32(var n): r = basic(UInt8(ascii: "i"), &n)
            case .strings(let list):
                r = open(UInt8(ascii: "a"), "s")
                for s in list where r >= 0 { r = string(s) }
                if r >= 0 { r = sd_bus_message_close_container(m) }
            case .variants(let entries):
                r = open(UInt8(ascii: "a"), "{sv}")
                for (key, value) in entries where r >= 0 {
                    r = open(UInt8(ascii: "e"), "sv")
                    if r >= 0 { r = string(key) }
                    if r >= 0 {
                        switch value {
                        case .byte(var b):
                            r = open(UInt8(ascii: "v"), "y")
                            if r >= 0 { r = basic(UInt8(ascii: "y"), &b) }
                        case .bool(let flag):
                            var b: Int32 = flag ? 1 : 0
                            r = open(UInt8(ascii: "v"), "b")
                            if r >= 0 { r = basic(UInt8(ascii: "b"), &b) }
                        case .string(let s):
                            r = open(UInt8(ascii: "v"), "s")
                            if r >= 0 { r = string(s) }
                        }
                    }
                    if r >= 0 { r = sd_bus_message_close_container(m) } // v
                    if r >= 0 { r = sd_bus_message_close_container(m) } // e
                }
                if r >= 0 { r = sd_bus_message_close_container(m) }
            }
            if r < 0 { return r }
        }
        return 0
    }
}
