// The desktop-notification stand-in (e2e/bin/notification-server.py) on the
// scenario's private session bus: records each Notify call, can "click" one.
// (Part of the e2e harness.)

import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { E2E_DIR } from "./paths.mjs";

const PY = "/usr/bin/python3";

/** Starts the notification stand-in; resolves once it owns the bus name. */
export async function startNotifications(sc) {
  const out = sc.p("notifications.jsonl");
  fs.writeFileSync(out, "");
  const child = spawn(PY, [path.join(E2E_DIR, "bin/notification-server.py"), out], {
    env: sc.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`notification stand-in exited ${code}`)));
  });
  const list = () =>
    fs
      .readFileSync(out, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  return {
    list,
    click: (id) => fs.writeFileSync(`${out}.click`, String(id)),
    stop: () => child.kill(),
  };
}
