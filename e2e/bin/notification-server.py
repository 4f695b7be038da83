#!/usr/bin/python3
"""A minimal org.freedesktop.Notifications server for the e2e suite.

Registers the name on the session bus ($DBUS_SESSION_BUS_ADDRESS), answers
GetCapabilities / GetServerInformation / CloseNotification, and appends each
Notify call as one JSON line {id, summary, body, actions} to OUT. A click is
simulated by writing a notification ID into OUT.click: the server then emits
ActionInvoked(id, "default") and NotificationClosed(id, 2), as a real server
does when the notification itself is clicked.

Usage: notification-server.py OUT   (prints "ready" once the name is owned)
"""
import json
import os
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
OUT = sys.argv[1]


class Server(dbus.service.Object):
    def __init__(self, bus):
        super().__init__(bus, PATH)
        self.next_id = 0

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["body", "actions"]

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("e2e-stand-in", "ups-optin", "1.0", "1.2")

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, icon, summary, body, actions, hints, timeout):
        self.next_id += 1
        nid = int(replaces_id) or self.next_id
        with open(OUT, "a", encoding="utf-8") as f:
            f.write(json.dumps({"id": nid, "app": str(app_name), "summary": str(summary),
                                "body": str(body), "actions": [str(a) for a in actions]}) + "\n")
        return dbus.UInt32(nid)

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def CloseNotification(self, nid):
        self.NotificationClosed(nid, dbus.UInt32(3))

    @dbus.service.signal(NAME, signature="uu")
    def NotificationClosed(self, nid, reason):
        pass

    @dbus.service.signal(NAME, signature="us")
    def ActionInvoked(self, nid, action):
        pass


def poll_clicks(server):
    path = OUT + ".click"
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            text = f.read().strip()
        os.remove(path)
        if text.isdigit():
            server.ActionInvoked(dbus.UInt32(int(text)), "default")
            server.NotificationClosed(dbus.UInt32(int(text)), dbus.UInt32(2))
    return True


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    server = Server(bus)
    GLib.timeout_add(100, poll_clicks, server)
    print("ready", flush=True)
    loop = GLib.MainLoop()
    try:
        loop.run()
    finally:
        del name


if __name__ == "__main__":
    main()
