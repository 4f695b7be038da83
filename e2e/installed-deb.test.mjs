// The installed .deb receives upsoptin:// links from the desktop: through
// GLib's launcher (`gio open`, as Firefox, GNOME and the portals do) and
// through `xdg-open`, with the app running (warm) and not running (cold).
//
// Runs only from scripts/test-deb.sh (`make test-deb`), which installs the
// release .deb and sets E2E_INSTALLED=1 and E2E_APP_BIN=/usr/bin/ups-optin-wizard.
// The installed copy registers no handler of its own (it skips that under
// /usr), so the packaged "UPS Opt-In Wizard.desktop" is the only handler: its
// Exec line must pass the URL (%u).
//
// Warm: a real opt-in. The app (the installed binary, under WebDriver) starts
// a browser sign-in on the scenario's sandbox; the stand-in browser signs in and
// prints the callback; the test hands it to gio/xdg-open, which starts a
// second /usr/bin/ups-optin-wizard that forwards it to the running app, and
// the connection appears. Cold: no app runs; the opener starts
// /usr/bin/ups-optin-wizard with the link, which the new app receives (it
// has no sign-in waiting, so its log records the link's refusal).

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { S, appPids, stopDisplay, waitConnected, waitFor, walkWizard, withScenario } from "./lib/harness.mjs";
import { APP_BIN } from "./lib/paths.mjs";

after(stopDisplay);

const INSTALLED = process.env.E2E_INSTALLED === "1";
const T = { timeout: 180_000, skip: INSTALLED ? false : "runs from `make test-deb` (needs the .deb installed)" };
const OPENERS = {
  gio: (url) => ["gio", ["open", url]],
  "xdg-open": (url) => ["xdg-open", [url]],
};

/** Runs the opener as a desktop would (detached; it may wait for a cold-started app). */
function open(sc, opener, url) {
  const [cmd, args] = OPENERS[opener](url);
  const out = fs.openSync(sc.p(`${opener}.out`), "a");
  const child = spawn(cmd, args, { env: sc.env, stdio: ["ignore", out, out], detached: true });
  fs.closeSync(out);
  child.unref();
  return child;
}

function openerOutput(sc, opener) {
  try {
    return fs.readFileSync(sc.p(`${opener}.out`), "utf8");
  } catch {
    return "";
  }
}

test("0. the installed package is the handler of upsoptin:, and its Exec passes the URL", T, () => {
  assert.equal(APP_BIN, "/usr/bin/ups-optin-wizard");
  assert.ok(fs.existsSync(APP_BIN), "the .deb is installed");
  const q = spawnSync("xdg-mime", ["query", "default", "x-scheme-handler/upsoptin"], {
    encoding: "utf8",
    env: { ...process.env, XDG_DATA_HOME: "/nonexistent", XDG_CONFIG_HOME: "/nonexistent" },
  });
  const desktop = q.stdout.trim();
  assert.ok(desktop.endsWith(".desktop"), `default handler: ${JSON.stringify(q.stdout)} ${q.stderr}`);
  const text = fs.readFileSync(`/usr/share/applications/${desktop}`, "utf8");
  assert.match(text, /^Exec=ups-optin-wizard %u$/m);
  assert.match(text, /^MimeType=.*x-scheme-handler\/upsoptin;?/m);
});

for (const opener of Object.keys(OPENERS)) {
  test(`1. warm (${opener}): a real opt-in completes with the link handed to ${opener}`, T, async () => {
    await withScenario(`deb-warm-${opener}`, { browser: { UPS_SANDBOX_BROWSER_HANDOFF: "print" } }, async (sc) => {
      const ui = await sc.launch();
      const [pid] = appPids();
      assert.ok(pid, "the installed app runs");
      const label = `Installed ${opener} shop`;
      await walkWizard(ui, { label, route: "deep_link", accounts: ["A1B2C3"] });
      await ui.click(S.optIn.button);
      const callback = await waitFor(() => /^upsoptin:\/\/oauth\/callback\?\S+$/m.exec(sc.browserOut())?.[0], {
        what: "the stand-in browser's printed callback URL",
        timeout: 30_000,
      });
      const child = open(sc, opener, callback);
      try {
        await waitConnected(ui, label, { timeout: 30_000 });
      } catch (e) {
        throw new Error(`${e.message}; ${opener} said: ${openerOutput(sc, opener)}`);
      }
      await waitFor(() => appPids().length === 1, { timeout: 10_000, what: "the second copy to hand the link over and exit" });
      assert.deepEqual(appPids(), [pid], "the app that received the link is the running one");
      await sc.waitKeychain("sandbox-demo-client", ["access-token", "client-secret", "refresh-token"]);
      const list = sc.connections();
      assert.equal(list.length, 1);
      assert.equal(list[0].label, label);
      assert.equal(list[0].route, "deep_link");
      child.kill();
    });
  });

  test(`2. cold (${opener}): the link starts the installed app, which receives it`, T, async () => {
    await withScenario(`deb-cold-${opener}`, {}, async (sc) => {
      assert.deepEqual(appPids(), [], "no app runs");
      const state = `cold-${opener}-${Date.now()}`;
      const url = `upsoptin://oauth/callback?code=cold-start-code&state=${state}`;
      const child = open(sc, opener, url);
      let pid;
      try {
        pid = await waitFor(() => appPids()[0], { timeout: 30_000, what: `${opener} to start ${APP_BIN}` });
        // The app's own log records the link it was started with: with no
        // sign-in waiting in this new process, the link is refused, by name.
        await waitFor(() => /deep link (?:refused|rejected)/.test(sc.appLog()), {
          timeout: 30_000,
          what: "the app's log to record the link",
        });
      } catch (e) {
        throw new Error(`${e.message}; ${opener} said: ${openerOutput(sc, opener)}; app log: ${sc.appLog().slice(-2000)}`);
      }
      assert.equal(fs.readlinkSync(`/proc/${pid}/exe`), APP_BIN, "the installed copy was started");
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      assert.ok(cmdline.includes(url), `the URL is on the command line (Exec … %u): ${JSON.stringify(cmdline)}`);
      process.kill(pid, "SIGTERM");
      await waitFor(() => appPids().length === 0, { timeout: 10_000, what: "the cold-started app to exit" });
      child.kill();
      await sleep(200);
    });
  });
}
