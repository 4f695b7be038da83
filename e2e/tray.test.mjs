// The real tray of the shipped build, read and clicked over D-Bus
// (e2e/lib/tray.mjs: the test hosts the StatusNotifierWatcher a panel would,
// then reads the app's dbusmenu and sends it clicks).
// - Issue 21: started with LANG=fr_CA.UTF-8 (no locale generated on this
//   machine) the tray speaks French, from the fr-CA catalog; the wizard's
//   language menu switches it to German live.
// - Issue 19: tray Quit with nothing unsaved ends the process; while a rotated
//   refresh token is held unsaved (the real gnome-keyring locked over D-Bus
//   while UPS answers the refresh), Quit keeps the process, brings the window
//   to the front with the warning, and a second Quit quits.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { after, test } from "node:test";

import { appPids, S, stopDisplay, waitConnected, waitFor, walkWizard, withScenario } from "./lib/harness.mjs";
import { keychainLocked, lockKeychain, unlockKeychain } from "./lib/keyring-lock.mjs";
import { E2E_DIR } from "./lib/paths.mjs";
import { translator, useLocale } from "./lib/strings.mjs";
import { startTray } from "./lib/tray.mjs";
import { chooseLanguage } from "./lib/wizard.mjs";

after(() => {
  useLocale("en-US");
  return stopDisplay();
});

const T = { timeout: 240_000 };
const PY = "/usr/bin/python3";
const X11 = path.join(E2E_DIR, "bin/x11-window.py");
const TITLE = "UPS Opt-In Wizard";

/** The session's language as a desktop sets it; nothing else chooses one. */
const session = (lang, more = {}) => ({ env: { LANG: lang, LC_ALL: null, LC_MESSAGES: null, LANGUAGE: null, ...more } });
const windowState = (sc) => JSON.parse(execFileSync(PY, [X11, "state", TITLE], { env: sc.env }).toString());

/**
 * The tray menu of an app with no connection, in `locale`, from its catalog:
 * the state line (Linux trays show no tooltip: src-tauri/src/tray.rs, disabled),
 * then Open, Refresh all, Quit.
 */
function emptyTrayMenu(locale) {
  const t = translator(locale);
  return [
    { label: t("tray-tooltip-empty"), enabled: false },
    { label: t("tray-open"), enabled: true },
    { label: t("tray-refresh-all"), enabled: true },
    { label: t("tray-quit"), enabled: true },
  ];
}
const shape = (menu) => menu.map(({ label, enabled }) => ({ label, enabled }));

/** The window's warning when Quit would drop an unsaved token, in `locale` (its catalog). */
function quitWarning(locale) {
  return translator(locale)("app-warning-quit-unsaved");
}

/**
 * Gets the app to hold a rotated refresh token unsaved, with the real keyring:
 * the refresh reaches UPS (the stand-in) with the keychain open; while UPS
 * holds its answer, the desktop locks the keyring, so the rotated refresh
 * token cannot be saved and the spent one stays in the keychain. The keyring
 * stays locked (the caller unlocks it: `unlockKeychain`).
 */
async function holdUnsaved(sc, ui, label) {
  const base = sc.sandboxBase;
  await sc.sandbox(base, "POST", "/__sandbox/faults", { target: "refresh", kind: "delay", ms: 4000, times: 1 });
  await ui.clickInCard(label, S.card.refresh);
  await waitFor(async () => (await sc.sandbox(base, "GET", "/__sandbox/faults")).length === 0, {
    interval: 20,
    what: "the refresh request at the stand-in",
  });
  await lockKeychain(sc.env);
  await ui.waitText(S.card.tokenUnsaved, { timeout: 60_000, what: "the card saying the new token is held unsaved" });
  assert.equal(await keychainLocked(sc.env), true);
}

/** Runs `body(tray)` with the test as the desktop's tray host; the watcher is up before the app starts. */
async function withTray(sc, body) {
  const tray = await startTray(sc);
  try {
    return await body(tray);
  } finally {
    await tray.stop();
  }
}

test("34. LANG=fr_CA.UTF-8: the real tray menu and its state line are French (fr-CA catalog); the language menu switches them to German", T, async () => {
  useLocale("fr-CA");
  await withScenario("34-tray-fr-de", session("fr_CA.UTF-8"), (sc) =>
    withTray(sc, async (tray) => {
      const ui = await sc.launch();
      await ui.waitScreen(S.welcome.title);
      const fr = emptyTrayMenu("fr-CA");
      const menu = await tray.waitMenu((m) => m.length > 0, { what: "the tray menu" });
      assert.deepEqual(shape(menu), fr);
      const props = await tray.properties();
      assert.equal(props.Status, "Active");
      await ui.shot("fr-CA-tray-window");

      const updatesBefore = tray.layoutUpdates;
      await chooseLanguage(ui, "de-DE");
      useLocale("de-DE");
      await ui.waitScreen(S.welcome.title);
      const de = emptyTrayMenu("de-DE");
      const now = await tray.waitMenu((m) => JSON.stringify(shape(m)) === JSON.stringify(de), { what: "the German tray menu" });
      assert.deepEqual(shape(now), de);
      assert.ok(tray.layoutUpdates > updatesBefore, "the menu announced its new layout (LayoutUpdated)");
      await ui.shot("de-DE-tray-window");
    }),
  );
});

test("35. tray Quit with nothing unsaved ends the app's process", T, async () => {
  useLocale("en-US");
  await withScenario("35-tray-quit", session("en_US.UTF-8"), (sc) =>
    withTray(sc, async (tray) => {
      await sc.launch();
      await tray.waitMenu((m) => m.some((e) => e.label === translator("en-US")("tray-quit")));
      assert.equal(appPids().length, 1);
      await tray.click(translator("en-US")("tray-quit"));
      await waitFor(() => appPids().length === 0, { timeout: 15_000, what: "the app's process to exit after tray Quit" });
    }),
  );
});

test("36. tray Quit while a rotated refresh token is held unsaved (real keyring locked): warns in the window brought to the front; Quit again quits", T, async () => {
  useLocale("en-US");
  const en = translator("en-US");
  await withScenario("36-tray-quit-unsaved", session("en_US.UTF-8"), (sc) =>
    withTray(sc, async (tray) => {
      const ui = await sc.launch();
      const label = "Quit test shop";
      await walkWizard(ui, { label, route: "deep_link" });
      await ui.click(S.optIn.button);
      await waitConnected(ui, label);
      await sc.waitKeychain("sandbox-demo-client", ["access-token", "client-secret", "refresh-token"]);

      try {
        await holdUnsaved(sc, ui, label);
        await ui.shot("tray-quit-unsaved-card");

        // The admin's own window covers the wizard.
        const cover = spawn(PY, [X11, "cover"], { env: sc.env, stdio: ["pipe", "pipe", "inherit"] });
        try {
          await new Promise((resolve, reject) => {
            cover.stdout.on("data", (d) => String(d).includes("ready") && resolve());
            cover.on("exit", (code) => reject(new Error(`the cover window exited ${code}`)));
          });
          await waitFor(() => {
            const s = windowState(sc);
            return s.viewable && s.covered && !s.focused;
          }, { timeout: 10_000, what: "the wizard behind the cover window" });

          const [pid] = appPids();
          await tray.click(en("tray-quit"));
          await ui.waitText(quitWarning("en-US"), { timeout: 30_000, what: "the Quit warning on screen" });
          await waitFor(() => {
            const s = windowState(sc);
            return s.viewable && s.focused && !s.covered;
          }, { timeout: 10_000, what: "the wizard brought to the front by Quit" });
          assert.deepEqual(appPids(), [pid], "the first Quit kept the process");
          await ui.shot("tray-quit-unsaved-warning");
        } finally {
          cover.stdin.end();
          cover.kill();
        }

        await tray.click(en("tray-quit"));
        await waitFor(() => appPids().length === 0, { timeout: 30_000, what: "the app's process to exit after the second Quit" });
      } finally {
        await unlockKeychain(sc.env);
      }
    }),
  );
});

test("37. tray Quit warns again for a later unsaved token once the first was saved", T, async () => {
  useLocale("en-US");
  const en = translator("en-US");
  await withScenario("37-tray-quit-unsaved-again", session("en_US.UTF-8"), (sc) =>
    withTray(sc, async (tray) => {
      const ui = await sc.launch();
      const label = "Quit again shop";
      await walkWizard(ui, { label, route: "deep_link" });
      await ui.click(S.optIn.button);
      await waitConnected(ui, label);
      const kinds = ["access-token", "client-secret", "refresh-token"];
      const spent = Object.entries(await sc.waitKeychain("sandbox-demo-client", kinds)).find(([a]) => a.endsWith("/refresh-token"))?.[1];
      assert.ok(spent);
      const warning = quitWarning("en-US");
      try {
        await holdUnsaved(sc, ui, label);
        await tray.click(en("tray-quit"));
        await ui.waitText(warning, { timeout: 30_000, what: "the first Quit warning" });
        await ui.click(S.banners.dismissWarning);
        await ui.waitNoText(warning);

        // The keyring is unlocked; Refresh now saves the held token.
        await unlockKeychain(sc.env);
        await ui.clickInCard(label, S.card.refresh);
        await ui.waitNoText(S.card.tokenUnsaved, { timeout: 60_000 });
        const saved = await sc.waitKeychain("sandbox-demo-client", kinds);
        assert.notEqual(Object.entries(saved).find(([a]) => a.endsWith("/refresh-token"))?.[1], spent, "the rotated token was saved");

        // Later another rotated token is refused: Quit warns again.
        await holdUnsaved(sc, ui, label);
        const [pid] = appPids();
        await tray.click(en("tray-quit"));
        await ui.waitText(warning, { timeout: 30_000, what: "the Quit warning for the new unsaved token" });
        assert.deepEqual(appPids(), [pid], "Quit kept the process");
        await tray.click(en("tray-quit"));
        await waitFor(() => appPids().length === 0, { timeout: 30_000, what: "the app's process to exit after the second Quit" });
      } finally {
        await unlockKeychain(sc.env);
      }
    }),
  );
});
