#!/usr/bin/env python3
"""Generates the tray icons (icons/tray-*.png, 32x32 RGBA): a shield-brown disc
with a mark per combined state. Pure standard library; rerun after a change:
    python3 scripts/tray-icons.py
"""
import math, struct, zlib, pathlib

S = 32
OUT = pathlib.Path(__file__).resolve().parent.parent / "icons"

def png(pixels):
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", S, S, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

def icon(disc, mark):
    c = (S - 1) / 2
    rows = []
    for y in range(S):
        row = []
        for x in range(S):
            d = math.hypot(x - c, y - c)
            a = max(0.0, min(1.0, 15.5 - d))  # antialiased edge
            col = disc
            if mark(x, y):
                col = (255, 255, 255)
            row.append((*col, int(a * 255)))
        rows.append(row)
    return png(rows)

def check(x, y):  # a tick
    return (abs((y - 17) - (x - 9)) <= 1.5 and 9 <= x <= 14) or (abs((y - 22) + (x - 14)) <= 1.5 and 14 <= x <= 23)

def bang(x, y):  # an exclamation mark
    return 14 <= x <= 17 and (6 <= y <= 19 or 23 <= y <= 26)

def dash(x, y):  # a broken link: two bars with a gap
    return 13 <= y <= 18 and (6 <= x <= 12 or 19 <= x <= 25)

for name, disc, mark in [
    ("tray-connected.png", (46, 125, 50), check),
    ("tray-attention.png", (230, 120, 0), bang),
    ("tray-unreachable.png", (97, 97, 97), dash),
]:
    (OUT / name).write_bytes(icon(disc, mark))
    print("wrote", OUT / name)
