#!/usr/bin/python3
"""Asks an X11 window to close the way a window manager's close button does:
a WM_PROTOCOLS / WM_DELETE_WINDOW client message (Xvfb has no window manager).

Usage: close-window.py TITLE           (on $DISPLAY; exits 1 when no window has TITLE)
       close-window.py --state TITLE   prints "viewable" or "hidden"
"""
import sys

from Xlib import X, display, protocol

STATE = sys.argv[1] == "--state"
TITLE = sys.argv[-1]


def find(d, w):
    try:
        name = w.get_wm_name()
        net = w.get_full_property(d.intern_atom("_NET_WM_NAME"), d.intern_atom("UTF8_STRING"))
    except Exception:
        return None
    titles = {name if isinstance(name, str) else None}
    if net is not None:
        titles.add(bytes(net.value).decode("utf-8", "replace"))
    if TITLE in titles:
        protocols = w.get_wm_protocols() or []
        if d.intern_atom("WM_DELETE_WINDOW") in protocols:
            return w
    for child in w.query_tree().children:
        hit = find(d, child)
        if hit is not None:
            return hit
    return None


def main():
    d = display.Display()
    w = find(d, d.screen().root)
    if w is None:
        print(f"no window titled {TITLE!r}", file=sys.stderr)
        sys.exit(1)
    if STATE:
        viewable = w.get_attributes().map_state == X.IsViewable
        print("viewable" if viewable else "hidden")
        return
    msg = protocol.event.ClientMessage(
        window=w,
        client_type=d.intern_atom("WM_PROTOCOLS"),
        data=(32, [d.intern_atom("WM_DELETE_WINDOW"), X.CurrentTime, 0, 0, 0]),
    )
    w.send_event(msg, event_mask=X.NoEventMask)
    d.sync()


if __name__ == "__main__":
    main()
