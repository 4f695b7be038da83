// Hostile links (issue 12): any web page can fire `upsoptin://…`. A burst of
// bogus links while a login waits steals no focus, shows at most one notice
// (with a fixed text), and leaves the pending login working. Then the wizard's
// own log file (wizard.log) is searched for every secret the opt-in handled,
// and its folder is private.

import assert from "node:assert/strict";
import fs from "node:fs";
import { after, test } from "node:test";

import { S, stopDisplay, waitConnected, waitFor, walkWizard, withScenario } from "./lib/harness.mjs";

after(stopDisplay);

const T = { timeout: 240_000 };
const DEMO_SECRET = "sandbox-demo-secret";
const FOCUS_LINE = "bringing the wizard to the front";
const REJECTED_LINE = /deep link rejected(?: \((\d+) more ignored silently\))?:/g;

/** The bogus links of a burst: other hosts and paths, guessed states, page text, other shapes. */
function bogusLinks(n) {
  const kinds = [
    (i) => `upsoptin://oauth/callback?code=fake${i}&state=guess${i}`,
    (i) => `upsoptin://evil.example.invalid/callback?code=x${i}`,
    (i) => `upsoptin://oauth/Call-555-0100-to-unlock-your-account-${i}`,
    (i) => `upsoptin://oauth/callback?error=access_denied&state=guess${i}`,
  ];
  return Array.from({ length: n }, (_, i) => kinds[i % kinds.length](i));
}

/** xdg-opens every link at once and waits until each handing-over process is gone. */
async function burst(sc, links) {
  const exits = links.map((url) => {
    const child = sc.xdgOpen(url);
    return new Promise((r) => {
      child.once("exit", r);
      child.once("error", r);
    });
  });
  await Promise.all(exits);
}

function rejectedLines(log) {
  return [...log.matchAll(REJECTED_LINE)].map((m) => Number(m[1] ?? 0));
}

test("12. a burst of 20 bogus links: no focus steal, one notice, the pending login untouched; wizard.log holds no secret", T, async () => {
  await withScenario("12-hostile-links", { browser: { E2E_BROWSER_MODE: "ignore" } }, async (sc) => {
    // The log folder starts world-readable; the app makes it private.
    fs.chmodSync(sc.p("logs"), 0o755);
    const ui = await sc.launch();
    const label = "Hostile links shop";
    await walkWizard(ui, { label, route: "deep_link" });
    await ui.click(S.optIn.button);
    await ui.find("heading", S.optIn.waitingTitle);
    await ui.waitText(S.optIn.waitingStatus);
    assert.equal(fs.statSync(sc.p("logs")).mode & 0o777, 0o700, "the log folder is private");

    const links = bogusLinks(20);
    await burst(sc, links);
    // One notice, with the fixed text (no part of any link).
    await waitFor(() => rejectedLines(sc.appLog()).length >= 1, { timeout: 20_000, what: "the rejection notice" });
    const text = await ui.text();
    assert.ok(text.includes(S.optIn.rejectedLink), "the notice is shown");
    for (const part of ["fake", "evil", "Call-555", "guess"]) {
      assert.ok(!text.includes(part), `the window repeats link text "${part}"`);
    }
    // Still waiting for the same login; nothing stored.
    assert.equal(await ui.screenTitle(), S.optIn.title);
    await ui.waitText(S.optIn.waitingStatus);
    assert.deepEqual(sc.keychainAccounts(), [], "nothing in the keychain");
    assert.deepEqual(sc.connections(), [], "nothing stored");

    // Ten seconds after the notice, one more bogus link gets the next notice,
    // which counts the silenced ones: all 19 others of the burst arrived and
    // none was shown.
    await new Promise((r) => setTimeout(r, 10_500));
    await burst(sc, ["upsoptin://oauth/callback?code=late&state=late"]);
    await waitFor(() => rejectedLines(sc.appLog()).length >= 2, { timeout: 20_000, what: "the second notice" });
    const log = sc.appLog();
    assert.deepEqual(rejectedLines(log), [0, 19], `one notice per burst:\n${log}`);
    assert.ok(!log.includes(FOCUS_LINE), `a bogus link brought the window to the front:\n${log}`);
    for (const l of links) assert.ok(!log.includes(l.slice(11, 40)), `the log repeats a link: ${l}`);

    // The pending login is untouched: its sign-in page again, the real answer
    // comes back by deep link, and that one does bring the window forward.
    sc.setBrowser({ E2E_BROWSER_MODE: "record-and-open" });
    await ui.click(S.optIn.openAgain);
    await waitConnected(ui, label);
    const after = sc.appLog();
    assert.equal(after.split(FOCUS_LINE).length - 1, 1, "focused once, for the real answer");

    // wizard.log holds none of the secrets the opt-in handled.
    const values = await sc.waitKeychain("sandbox-demo-client", ["access-token", "client-secret", "refresh-token"]);
    const callback = /callback (upsoptin:\S+)/.exec(sc.browserOut())?.[1];
    assert.ok(callback, sc.browserOut());
    const code = new URL(callback).searchParams.get("code");
    const planted = { "client secret": DEMO_SECRET, "authorization code": code, ...values };
    const finalLog = sc.appLog();
    assert.ok(finalLog.length > 0, "wizard.log was written");
    for (const [what, secret] of Object.entries(planted)) {
      assert.ok(secret && secret.length >= 8, `${what} captured`);
      assert.ok(!finalLog.includes(secret), `wizard.log contains the ${what}`);
    }
    assert.equal(fs.statSync(sc.p("logs")).mode & 0o777, 0o700);
  });
});
