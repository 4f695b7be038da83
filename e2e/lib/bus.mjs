// A private D-Bus session bus without any Secret Service (`keychain: "none"`).
// (Part of the e2e harness; import from ./harness.mjs.)

import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { track } from "./processes.mjs";

function busConfig(dir) {
  const services = path.join(dir, "dbus-services");
  fs.mkdirSync(services, { recursive: true });
  // No standard service directories: nothing (gnome-keyring, portals) can be activated.
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${path.join(dir, "bus")}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>${services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

/** A D-Bus session bus without any Secret Service. */
export async function startPrivateBus(dir) {
  const conf = path.join(dir, "bus.conf");
  fs.writeFileSync(conf, busConfig(dir));
  const child = track(spawn("dbus-daemon", [`--config-file=${conf}`, "--nofork", "--print-address=1"], { stdio: ["ignore", "pipe", "pipe"] }));
  const address = await new Promise((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      if (buf.includes("\n")) resolve(buf.trim());
    });
    child.once("exit", (c) => reject(new Error(`dbus-daemon exited (${c})`)));
  });
  return { child, address };
}
