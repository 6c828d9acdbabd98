#!/usr/bin/python3
"""A desktop-notification server for the daemon tests.

Owns org.freedesktop.Notifications on the session bus (the one in
DBUS_SESSION_BUS_ADDRESS) the way a desktop's notification daemon does, and
appends every notification it is sent to a file, one JSON object per line.
Once it owns the name it creates the file empty, so a test can wait for it.

    notification-server.py OUT.jsonl
"""
import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

INTERFACE = "org.freedesktop.Notifications"


class Server(dbus.service.Object):
    def __init__(self, bus, out):
        super().__init__(bus, "/org/freedesktop/Notifications")
        self.out = out
        self.last_id = 0

    @dbus.service.method(INTERFACE, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, icon, summary, body, actions, hints, timeout):
        self.last_id += 1
        urgency = hints.get("urgency")
        record = {
            "app_name": str(app_name),
            "summary": str(summary),
            "body": str(body),
            "urgency": int(urgency) if urgency is not None else None,
        }
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
        return self.last_id

    @dbus.service.method(INTERFACE, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["body"]

    @dbus.service.method(INTERFACE, in_signature="u", out_signature="")
    def CloseNotification(self, notification_id):
        pass

    @dbus.service.method(INTERFACE, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("oneonone-test", "oneonone", "1", "1.2")


def main():
    out = sys.argv[1]
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(INTERFACE, bus)
    server = Server(bus, out)
    open(out, "w").close()
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
