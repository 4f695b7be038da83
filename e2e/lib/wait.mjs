// Waiting and ports: polling until a condition holds, free loopback ports, debug output.
// (Part of the e2e harness; import from ./harness.mjs.)

import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

const VERBOSE = process.env.E2E_VERBOSE === "1";
export function debug(...a) {
  if (VERBOSE) console.log("[e2e]", ...a);
}

/** Polls `fn` until it returns a truthy value; throws with `what` after `timeout` ms. */
export async function waitFor(fn, { timeout = 15_000, interval = 100, what = "condition" } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ""}`);
    }
    await sleep(interval);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
