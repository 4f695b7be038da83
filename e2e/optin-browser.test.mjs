// Opt in with UPS.com (browser method) against the demo sandbox: the three
// routes back to the app, cancel and retry, a declined sign-in, and a replayed link.

import assert from "node:assert/strict";
import fs from "node:fs";
import { after, test } from "node:test";

import { S, stopDisplay, timing, waitConnected, waitFor, walkWizard, withScenario } from "./lib/harness.mjs";

after(stopDisplay);

const T = { timeout: 180_000 };
const DEMO_SECRET = "sandbox-demo-secret";
const CLIENT = "sandbox-demo-client";

/** The keychain holds exactly the browser method's three secrets for the demo client. */
async function assertBrowserSecrets(sc) {
  const values = await sc.waitKeychain(CLIENT, ["access-token", "client-secret", "refresh-token"]);
  for (const account of Object.keys(values)) {
    assert.match(account, new RegExp(`^custom-127\\.0\\.0\\.1-\\d+/${CLIENT}/`), account);
  }
  const get = (kind) => Object.entries(values).find(([a]) => a.endsWith(`/${kind}`))[1];
  assert.equal(get("client-secret"), DEMO_SECRET);
  assert.ok(get("refresh-token").length > 20, "a refresh token is stored");
  assert.ok(get("access-token").length > 1000, "the whole (chunked) access token is stored");
  return values;
}

/** connections.json holds one browser connection with this label and no secret. */
function assertStoredConnection(sc, label, route) {
  const list = sc.connections();
  assert.equal(list.length, 1, JSON.stringify(list));
  const c = list[0];
  assert.equal(c.label, label);
  assert.equal(c.client_id, CLIENT);
  assert.equal(c.method, "browser");
  if (route) assert.equal(c.route, route);
  const raw = JSON.stringify(sc.connectionsFile());
  assert.ok(!raw.includes(DEMO_SECRET), "connections.json contains the client secret");
  for (const item of sc.keychain()) {
    if (item.secret.length >= 8) assert.ok(!raw.includes(item.secret), `connections.json contains the keychain value of ${item.account}`);
  }
  return c;
}

test("1. opt in by deep link: stand-in browser → xdg-open → second process → running app", T, async () => {
  await withScenario("01-deep-link", {}, async (sc) => {
    const ui = await sc.launch();
    const label = "Deep link shop";
    await walkWizard(ui, { label, route: "deep_link", accounts: ["A1B2C3"], shots: "wizard" });
    const text = await ui.text();
    assert.ok(text.includes("upsoptin://oauth/callback"), "the summary shows the deep-link redirect URI");

    const t0 = Date.now();
    await ui.click(S.optIn.button);
    const card = await waitConnected(ui, label);
    const t1 = Date.now();
    timing("optin_to_connected_ms[deep_link]", t1 - t0);
    const handed = sc.browserLog().find((l) => l.text.includes("ok xdg-open upsoptin://oauth/callback"));
    assert.ok(handed, `the stand-in browser handed the callback to xdg-open: ${sc.browserOut()}`);
    timing("deeplink_handoff_to_connected_ms", t1 - handed.ms);
    await ui.shot("status-connected");

    assert.match(card.text, new RegExp(S.card.stateName("connected")));
    assert.match(card.text, /A1B2C3/);
    // The browser method lists shipper accounts without checking them.
    assert.match(card.text, new RegExp(`A1B2C3 ${S.card.unchecked}`));
    assert.ok(!card.text.includes(DEMO_SECRET));

    await assertBrowserSecrets(sc);
    // The link handler this unbundled copy registered (crates/link-handler).
    const entry = fs.readFileSync(sc.p("data", "applications", "ups-optin-wizard-handler.desktop"), "utf8");
    assert.match(entry, /\nExec=\/\S+\/ups-optin-wizard %u\n/, entry);
    assert.match(entry, /\nMimeType=x-scheme-handler\/upsoptin;\n/, entry);
    assert.ok(!(await ui.text()).includes("may not reach the wizard"), "no link-handler notice");
    const c = assertStoredConnection(sc, label, "deep_link");
    assert.equal(c.redirect_uri, "upsoptin://oauth/callback");
    assert.deepEqual(
      c.accounts.map((a) => [a.number, a.verified]),
      [["A1B2C3", null]],
    );
  });
});

test("2. opt in by the loopback route", T, async () => {
  await withScenario("02-loopback", {}, async (sc) => {
    const ui = await sc.launch();
    const label = "Loopback shop";
    await walkWizard(ui, { label, route: "loopback" });
    assert.ok((await ui.text()).includes("http://127.0.0.1:8765/callback"));
    const t0 = Date.now();
    await ui.click(S.optIn.button);
    await waitConnected(ui, label);
    timing("optin_to_connected_ms[loopback]", Date.now() - t0);
    assert.match(sc.browserOut(), /callback http:\/\/127\.0\.0\.1:8765\/callback answered 200/);
    await assertBrowserSecrets(sc);
    const c = assertStoredConnection(sc, label, "loopback");
    assert.equal(c.redirect_uri, "http://127.0.0.1:8765/callback");
  });
});

test("3. opt in by pasting the address from the browser", T, async () => {
  await withScenario("03-paste", { browser: { UPS_SANDBOX_BROWSER_HANDOFF: "print" } }, async (sc) => {
    const ui = await sc.launch();
    const label = "Pasted shop";
    await walkWizard(ui, { label, route: "deep_link" });
    const t0 = Date.now();
    await ui.click(S.optIn.button);
    await ui.find("heading", S.optIn.waitingTitle);
    const callback = await waitFor(() => /^upsoptin:\/\/oauth\/callback\?\S+$/m.exec(sc.browserOut())?.[0], {
      what: "the printed callback URL",
    });
    await ui.click(S.optIn.pasteTitle);
    await ui.fill(S.optIn.pasteLabel, callback);
    await ui.shot("optin-waiting-paste");
    await ui.click(S.optIn.pasteSubmit);
    await waitConnected(ui, label);
    timing("optin_to_connected_ms[paste]", Date.now() - t0);
    await assertBrowserSecrets(sc);
    assertStoredConnection(sc, label, "deep_link");
  });
});

test("5. cancel a waiting opt-in, then retry", T, async () => {
  await withScenario("05-cancel-retry", { browser: { E2E_BROWSER_MODE: "ignore" } }, async (sc) => {
    const ui = await sc.launch();
    const label = "Cancelled shop";
    await walkWizard(ui, { label, route: "deep_link" });
    await ui.click(S.optIn.button);
    await ui.find("heading", S.optIn.waitingTitle);
    await ui.waitText(S.optIn.waitingStatus);
    assert.match(await ui.text(), new RegExp(`${S.optIn.timeLeft}: \\d+:\\d\\d`));
    await ui.shot("optin-waiting");
    await ui.click(S.optIn.cancel);
    await ui.waitText(S.optIn.cancelled);
    assert.equal(await ui.screenTitle(), S.optIn.title);
    assert.deepEqual(sc.keychainAccounts(), [], "nothing in the keychain after cancel");
    assert.deepEqual(sc.connections(), [], "no connection stored after cancel");

    sc.setBrowser({});
    const t0 = Date.now();
    await ui.click(S.optIn.button);
    await waitConnected(ui, label);
    timing("optin_to_connected_ms[retry_after_cancel]", Date.now() - t0);
    await assertBrowserSecrets(sc);
    assertStoredConnection(sc, label, "deep_link");
  });
});

test("6. declined at UPS: access_denied shown, nothing stored", T, async () => {
  await withScenario("06-declined", { browser: { UPS_SANDBOX_BROWSER_DECLINE: "1" } }, async (sc) => {
    const ui = await sc.launch();
    await walkWizard(ui, { label: "Declined shop", route: "deep_link" });
    await ui.click(S.optIn.button);
    await ui.find("heading", S.optIn.failedTitle, { timeout: 30_000 });
    const alert = await ui.waitAlert("access_denied");
    assert.ok(alert.text.includes(S.errors.hint("access_denied")), alert.text);
    await ui.shot("optin-failed-declined");
    assert.deepEqual(sc.keychainAccounts(), [], "nothing in the keychain");
    assert.deepEqual(sc.connections(), [], "no connection stored");
    // The way back is offered.
    await ui.click(S.optIn.tryAgain);
    await ui.find("button", S.optIn.button);
  });
});

const REPLAY_MESSAGE = /does not belong|not (?:in progress|waiting|pending)|no longer|already (?:used|completed)|ignored/i;

/** xdg-opens `url` and waits up to 8 s for a message about it; returns the matching text or null. */
async function replay(sc, ui, url) {
  const opener = sc.xdgOpen(url);
  const exited = new Promise((r) => opener.once("exit", r));
  let shown = null;
  try {
    await ui.waitText(REPLAY_MESSAGE, { timeout: 8_000 });
    shown = REPLAY_MESSAGE.exec(await ui.text())[0];
  } catch {
    shown = null;
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  return shown;
}

test("7. a replayed link after success: clear message, nothing changed", T, async () => {
  await withScenario("07-replay", { browser: { E2E_BROWSER_MODE: "record-and-open" } }, async (sc) => {
    const ui = await sc.launch();
    const label = "Replay shop";
    await walkWizard(ui, { label, route: "deep_link" });
    await ui.click(S.optIn.button);
    await waitConnected(ui, label);
    const callback = /callback (upsoptin:\S+)/.exec(sc.browserOut())?.[1];
    assert.ok(callback, sc.browserOut());
    await assertBrowserSecrets(sc);
    const before = { keychain: sc.keychainValues(), connections: sc.connectionsFile() };

    // The same link again, as the browser's history or a second click would send it.
    const exact = await replay(sc, ui, callback);
    await ui.shot("status-after-replayed-link");
    // The same answer with its parameters in another order (a different string).
    const u = new URL(callback);
    const reordered = `upsoptin://oauth/callback?state=${u.searchParams.get("state")}&code=${u.searchParams.get("code")}`;
    const variant = await replay(sc, ui, reordered);
    console.log(`replay: exact link message=${JSON.stringify(exact)}; reordered link message=${JSON.stringify(variant)}`);

    assert.deepEqual(sc.keychainValues(), before.keychain, "keychain unchanged");
    assert.deepEqual(sc.connectionsFile(), before.connections, "connections.json unchanged");
    assert.equal((await ui.card(label)).state, "connected");
    assert.ok(variant, "no message about the replayed link (parameters reordered) is shown");
    assert.ok(
      exact,
      "replaying the exact callback URL showed no message within 8 s: the app drops a URL it has seen before " +
        "without a word (SeenLinks in src-tauri/src/lib.rs, handle_link); the same answer with reordered " +
        `parameters got: ${JSON.stringify(variant)}`,
    );
  });
});
