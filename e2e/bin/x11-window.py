#!/usr/bin/python3
"""The real X11 state of a window, and a window to cover it with (Xvfb has no
window manager: a client that "focuses" itself raises its window and sets the
X input focus, which is what this reads).

Usage: x11-window.py state TITLE   prints {"exists", "viewable", "focused", "covered"} as JSON:
                                   exists = an X window has the title (GTK creates it
                                   when first shown); viewable = mapped; focused = the X
                                   input focus is the window or inside it; covered =
                                   a viewable window is stacked above it
       x11-window.py cover         maps a window over the whole screen, raises it,
                                   gives it the input focus, prints "ready" and
                                   stays until its standard input closes
"""
import json
import sys

from Xlib import X, display

COVER_TITLE = "e2e cover window"


def titles_of(d, w):
    try:
        name = w.get_wm_name()
        net = w.get_full_property(d.intern_atom("_NET_WM_NAME"), d.intern_atom("UTF8_STRING"))
    except Exception:
        return set()
    titles = {name if isinstance(name, str) else None}
    if net is not None:
        titles.add(bytes(net.value).decode("utf-8", "replace"))
    return titles


def find(d, w, title):
    """The top-level window (a child of the root) holding a window titled `title`."""
    for top in d.screen().root.query_tree().children:
        if contains_title(d, top, title):
            return top
    return None


def contains_title(d, w, title):
    if title in titles_of(d, w):
        return True
    try:
        children = w.query_tree().children
    except Exception:
        return False
    return any(contains_title(d, c, title) for c in children)


def inside(d, w, top):
    while w and w.id != d.screen().root.id:
        if w.id == top.id:
            return True
        try:
            w = w.query_tree().parent
        except Exception:
            return False
    return False


def state(title):
    d = display.Display()
    top = find(d, d.screen().root, title)
    if top is None:
        # Never shown: GTK creates the X window when it is first shown.
        print(json.dumps({"exists": False, "viewable": False, "focused": False, "covered": False}))
        return
    viewable = top.get_attributes().map_state == X.IsViewable
    focus = d.get_input_focus().focus
    focused = isinstance(focus, type(top)) and inside(d, focus, top)
    # query_tree lists the root's children bottom to top.
    stack = d.screen().root.query_tree().children
    at = [c.id for c in stack].index(top.id)
    covered = any(c.get_attributes().map_state == X.IsViewable for c in stack[at + 1 :])
    print(json.dumps({"exists": True, "viewable": viewable, "focused": bool(focused), "covered": covered}))


def cover():
    d = display.Display()
    s = d.screen()
    w = s.root.create_window(
        0, 0, s.width_in_pixels, s.height_in_pixels, 0, s.root_depth,
        X.InputOutput, X.CopyFromParent, background_pixel=s.black_pixel,
        event_mask=X.ExposureMask,
    )
    w.set_wm_name(COVER_TITLE)
    w.map()
    w.configure(stack_mode=X.Above)
    d.sync()
    w.set_input_focus(X.RevertToParent, X.CurrentTime)
    d.sync()
    print("ready", flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    if sys.argv[1] == "state":
        state(sys.argv[2])
    elif sys.argv[1] == "cover":
        cover()
    else:
        sys.exit(__doc__)
