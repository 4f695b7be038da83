// The X display: Xvfb started once per run (or $E2E_DISPLAY).
// (Part of the e2e harness; import from ./harness.mjs.)

import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

import { stopChild, track } from "./processes.mjs";
import { debug } from "./wait.mjs";

let xvfb = null;
let displayName = process.env.E2E_DISPLAY || null;

/** An X display for the whole test file: $E2E_DISPLAY, or a private Xvfb on a free display. */
export async function ensureDisplay() {
  if (displayName) return displayName;
  const child = track(
    spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1000x24", "-nolisten", "tcp", "-noreset"], {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    }),
  );
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const num = await Promise.race([
    new Promise((resolve) => {
      let buf = "";
      child.stdio[3].on("data", (d) => {
        buf += d;
        if (buf.includes("\n")) resolve(buf.trim());
      });
    }),
    new Promise((_, reject) => child.once("exit", (c) => reject(new Error(`Xvfb exited (${c}): ${err.slice(-500)}`)))),
    sleep(15_000).then(() => {
      throw new Error("Xvfb did not report a display within 15 s");
    }),
  ]);
  xvfb = child;
  displayName = `:${num}`;
  debug("Xvfb on", displayName);
  return displayName;
}

export async function stopDisplay() {
  if (xvfb) await stopChild(xvfb);
  xvfb = null;
}
