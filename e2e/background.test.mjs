// In the background (issue 10): close-to-tray, a UPS.com password change found
// by the renewal timer while the window is hidden → exactly one desktop
// notification naming the connection → clicking it (and a second launch with
// --open-connection, the tray item's code path) opens Opt in again → recovery
// → one "connected again". Start at login on/off survives a restart.
//
// Notifications go to a stand-in org.freedesktop.Notifications server on the
// suite's private session bus (e2e/bin/notification-server.py), which records
// each Notify call and can "click" one. The window is closed the way a window
// manager does it (e2e/bin/close-window.py: WM_DELETE_WINDOW; Xvfb has none).
// The tray itself (StatusNotifierItem) is not observed here: its menu model
// and icons are unit-tested in optin-core (watch::menu, Combined::icon_name)
// and src-tauri (tray::tests); its "open connection" item calls the same
// function as a notification click and --open-connection.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";

import { S, stopDisplay, waitConnected, waitFor, walkWizard, withScenario } from "./lib/harness.mjs";
import { startNotifications } from "./lib/notifications.mjs";
import { APP_BIN, E2E_DIR } from "./lib/paths.mjs";

after(stopDisplay);

const T = { timeout: 240_000 };
const PY = "/usr/bin/python3";
const TITLE = "UPS Opt-In Wizard";
/** UPS_OPTIN_RENEWAL_PERIOD_SECS for these scenarios: one renewal period. */
const PERIOD_S = 4;
const CLIENT = "sandbox-demo-client";

const closeWindow = (sc) => execFileSync(PY, [path.join(E2E_DIR, "bin/close-window.py"), TITLE], { env: sc.env });
const windowState = (sc) =>
  execFileSync(PY, [path.join(E2E_DIR, "bin/close-window.py"), "--state", TITLE], { env: sc.env }).toString().trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sandboxBase(sc) {
  const env = sc.connections()[0].environment;
  const url = typeof env === "string" ? env : (env.url ?? env.custom ?? Object.values(env)[0]);
  return new URL(url).origin;
}

function settings(sc) {
  return JSON.parse(fs.readFileSync(path.join(sc.configDir(), "settings.json"), "utf8"));
}

test("20. hidden in the tray: a password change notifies once, a click opens Opt in again, recovery notifies once", T, async () => {
  await withScenario("20-background-notify", { env: { UPS_OPTIN_RENEWAL_PERIOD_SECS: String(PERIOD_S) } }, async (sc) => {
    const notes = await startNotifications(sc);
    try {
      const ui = await sc.launch();
      const label = "Acme WorldShip";
      await walkWizard(ui, { label, route: "deep_link" });
      await ui.click(S.optIn.button);
      await waitConnected(ui, label);
      const [record] = sc.connections();

      // First close: the window says once that the app stays in the tray.
      closeWindow(sc);
      await ui.find("region", S.status.trayHintTitle);
      assert.equal(windowState(sc), "viewable", "the first close keeps the window open to say so");
      await ui.shot("tray-hint");
      // Second close: hidden, still running.
      closeWindow(sc);
      await waitFor(async () => windowState(sc) === "hidden", { what: "the window hidden" });
      assert.equal(settings(sc).tray_hint_shown, true);
      assert.deepEqual(notes.list(), [], "nothing to notify while connected");

      // The admin never signs in during the re-opt-in below (until told to).
      sc.setBrowser({ E2E_BROWSER_MODE: "ignore" });
      await sc.sandbox(sandboxBase(sc), "POST", "/__sandbox/password-change", { username: "demo" });
      await waitFor(async () => notes.list().length > 0, {
        timeout: PERIOD_S * 1000 * 3 + 10_000,
        what: "a desktop notification within one renewal period",
      });
      assert.equal(windowState(sc), "hidden", "found with the window hidden");
      // Two more periods: no repeat.
      await sleep(PERIOD_S * 1000 * 2);
      const list = notes.list();
      assert.equal(list.length, 1, JSON.stringify(list));
      const [n] = list;
      assert.equal(n.summary, `${label} needs a new opt-in`);
      assert.match(n.body, /UPS\.com password was changed/);
      assert.match(n.body, /Opt in again/);
      for (const secretish of [CLIENT, record.client_id, "sandbox-demo-secret", "eyJ"]) {
        assert.ok(!JSON.stringify(n).includes(secretish), `notification carries ${secretish}`);
      }
      assert.equal(sc.connections()[0].reopt_needed, true);

      // Clicking the notification opens the wizard on that connection's Opt in again step.
      notes.click(n.id);
      await waitFor(async () => windowState(sc) === "viewable", { what: "the window shown by the click" });
      await ui.waitScreen(S.optIn.reoptTitle(label), { timeout: 20_000 });
      await ui.shot("reopt-from-notification");

      // The tray item's code path, reachable headlessly: a second launch with --open-connection.
      await ui.click(S.optIn.cancel);
      await ui.click(S.back);
      await ui.waitScreen(S.status.title);
      const second = spawn(APP_BIN, ["--open-connection", record.id], { env: sc.env, stdio: "ignore" });
      await new Promise((r) => second.on("exit", r));
      await ui.waitScreen(S.optIn.reoptTitle(label), { timeout: 20_000 });

      // Recovery: sign in this time → one "connected again".
      sc.setBrowser({});
      await ui.click(S.optIn.openAgain);
      await ui.waitScreen(S.status.title, { timeout: 60_000 });
      await ui.waitCardState(label, "connected", { timeout: 30_000 });
      await waitFor(async () => notes.list().length >= 2, { timeout: 15_000, what: "the recovery notification" });
      await sleep(PERIOD_S * 1000 * 2);
      const all = notes.list();
      assert.equal(all.length, 2, JSON.stringify(all));
      assert.equal(all[1].summary, `${label} is connected again`);
    } finally {
      notes.stop();
    }
  });
});

test("21. Start at login: off by default, switched on and off, survives a restart", T, async () => {
  await withScenario("21-start-at-login", {}, async (sc) => {
    // $XDG_CONFIG_HOME/autostart, written through link-handler's checks (crates/link-handler/src/login_item.rs).
    const entry = sc.p("config", "autostart", "ups-optin-wizard.desktop");
    const ui = await sc.launch();
    const label = "Login shop";
    await walkWizard(ui, { label, route: "deep_link" });
    await ui.click(S.optIn.button);
    await waitConnected(ui, label);

    const box = await ui.find("field", S.status.startAtLogin);
    assert.equal(await ui.isChecked(S.status.startAtLogin), false, "off by default");
    assert.ok(!fs.existsSync(entry));
    await ui.s.click(box);
    await ui.waitText(S.status.startAtLoginOn);
    assert.ok(fs.existsSync(entry), "the login item exists");
    assert.match(fs.readFileSync(entry, "utf8"), /^Exec=\S*ups-optin-wizard --background$/m);
    assert.equal(settings(sc).start_at_login, true);

    await sc.restart();
    await sc.ui.waitScreen(S.status.title);
    await sc.ui.find("field", S.status.startAtLogin);
    assert.equal(await sc.ui.isChecked(S.status.startAtLogin), true, "still on after a restart");
    assert.ok(fs.existsSync(entry));

    await sc.ui.s.click(await sc.ui.find("field", S.status.startAtLogin));
    await sc.ui.waitText(S.status.startAtLoginOff);
    assert.ok(!fs.existsSync(entry), "the login item is gone");
    await sc.restart();
    await sc.ui.find("field", S.status.startAtLogin);
    assert.equal(await sc.ui.isChecked(S.status.startAtLogin), false, "still off after a restart");
    assert.equal(settings(sc).start_at_login, false);
  });
});
