// Child processes the harness starts (tracked and stopped on exit), and the app processes.
// (Part of the e2e harness; import from ./harness.mjs.)

import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

import { APP_BIN, DEMO_APP_BIN } from "./paths.mjs";
import { waitFor } from "./wait.mjs";

const owned = new Set();
export function track(child) {
  owned.add(child);
  child.on("exit", () => owned.delete(child));
  return child;
}
process.on("exit", () => {
  for (const c of owned) {
    try {
      c.kill("SIGTERM");
    } catch {
      // already gone
    }
  }
});

export async function stopChild(child, timeout = 5_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const done = await Promise.race([exited.then(() => true), sleep(timeout).then(() => false)]);
  if (!done) {
    child.kill("SIGKILL");
    await exited;
  }
}

/** Pids of running copies of the app binary (ours: target/e2e/bin; the demo build too). */
export function appPids() {
  const pids = [];
  for (const p of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const exe = fs.readlinkSync(`/proc/${p}/exe`);
      if (exe === APP_BIN || exe === DEMO_APP_BIN) pids.push(Number(p));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** Waits until no copy of the app runs; ends leftovers (started by this suite) by pid. */
export async function waitAppGone(timeout = 8_000) {
  const end = Date.now() + timeout;
  while (appPids().length > 0 && Date.now() < end) await sleep(100);
  const left = appPids();
  for (const pid of left) {
    console.log(`[e2e] app pid ${pid} still running after the session ended: SIGTERM`);
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // gone
    }
  }
  if (left.length) await waitFor(() => appPids().length === 0, { timeout: 5_000, what: "app exit" });
}
