#!/usr/bin/python3
"""A desktop-notification server for the daemon tests.

Owns org.freedesktop.Notifications on the session bus (the one in
DBUS_SESSION_BUS_ADDRESS) the way a desktop's notification daemon does, and
appends every notification it is sent to a file, one JSON object per line
(with the id it answered, replaces_id, actions and hints). Once it owns the
name it creates the file empty, so a test can wait for it.

    notification-server.py OUT.jsonl [--no-actions]

It lists "actions" among its capabilities unless --no-actions. A test
presses a button as a person would with

    dbus-send --session --type=method_call --dest=org.freedesktop.Notifications \
      /org/freedesktop/Notifications org.oneonone.Test.Invoke uint32:ID string:KEY

which emits ActionInvoked(ID, KEY) as a real server does when the button is
clicked.
"""
import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

INTERFACE = "org.freedesktop.Notifications"
TEST_INTERFACE = "org.oneonone.Test"


class Server(dbus.service.Object):
    def __init__(self, bus, out, actions):
        super().__init__(bus, "/org/freedesktop/Notifications")
        self.out = out
        self.actions = actions
        self.last_id = 0
        self.shown = set()

    @dbus.service.method(INTERFACE, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, icon, summary, body, actions, hints, timeout):
        # As the specification says: a notification that replaces one on
        # screen keeps its id.
        if replaces_id and replaces_id in self.shown:
            notification_id = int(replaces_id)
        else:
            self.last_id += 1
            notification_id = self.last_id
        self.shown.add(notification_id)
        urgency = hints.get("urgency")
        entry = hints.get("desktop-entry")
        record = {
            "id": notification_id,
            "replaces_id": int(replaces_id),
            "app_name": str(app_name),
            "summary": str(summary),
            "body": str(body),
            "actions": [str(a) for a in actions],
            "urgency": int(urgency) if urgency is not None else None,
            "desktop_entry": str(entry) if entry is not None else None,
        }
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
        return notification_id

    @dbus.service.method(INTERFACE, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["body", "actions"] if self.actions else ["body"]

    @dbus.service.signal(INTERFACE, signature="us")
    def ActionInvoked(self, notification_id, action_key):
        pass

    @dbus.service.method(TEST_INTERFACE, in_signature="us", out_signature="")
    def Invoke(self, notification_id, action_key):
        self.ActionInvoked(notification_id, action_key)

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
    server = Server(bus, out, actions="--no-actions" not in sys.argv[2:])
    open(out, "w").close()
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
