// Read-back and clean-up of the keychain through secret-tool.
// (Part of the e2e harness; import from ./harness.mjs.)

import { spawnSync } from "node:child_process";

/** Items of service `ups-optin` in the Secret Service of `env`'s bus: [{account, secret, attributes}]. */
export function readKeychain(env) {
  const r = spawnSync("sh", ["-c", "stdbuf -oL -eL secret-tool search --all service ups-optin 2>&1"], {
    env,
    encoding: "utf8",
    timeout: 10_000,
  });
  const items = [];
  let cur = null;
  for (const line of (r.stdout || "").split("\n")) {
    if (/^\[\/.*\]$/.test(line)) {
      cur = { path: line, attributes: {} };
      items.push(cur);
      continue;
    }
    const m = /^(\S+) = (.*)$/.exec(line);
    if (!m || !cur) continue;
    if (m[1].startsWith("attribute.")) cur.attributes[m[1].slice(10)] = m[2];
    else cur[m[1]] = m[2];
  }
  for (const it of items) it.account = it.attributes.username ?? it.attributes.user ?? it.attributes.account ?? null;
  return items;
}

export function clearKeychain(env) {
  spawnSync("secret-tool", ["clear", "service", "ups-optin"], { env, timeout: 10_000 });
}
