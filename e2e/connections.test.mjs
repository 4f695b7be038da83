// Connections after the opt-in: client credentials with shipper accounts, a
// UPS.com password change and the re-opt-in, Remove, and a restart.

import assert from "node:assert/strict";
import { after, test } from "node:test";

import { S, stopDisplay, timing, waitConnected, walkWizard, withScenario } from "./lib/harness.mjs";

after(stopDisplay);

const T = { timeout: 180_000 };
const CLIENT = "sandbox-demo-client";
const DEMO_SECRET = "sandbox-demo-secret";
const BROWSER_KINDS = ["access-token", "client-secret", "refresh-token"];

const byKind = (values, kind) => Object.entries(values).find(([a]) => a.endsWith(`/${kind}`))?.[1];

/** Opts in by deep link in the demo; returns the stored secrets. */
async function optInByDeepLink(sc, ui, label) {
  await walkWizard(ui, { label, route: "deep_link" });
  await ui.click(S.optIn.button);
  await waitConnected(ui, label);
  return sc.waitKeychain(CLIENT, BROWSER_KINDS);
}

/** The demo sandbox's base URL, from the stored connection. */
function sandboxBase(sc) {
  const env = sc.connections()[0].environment;
  const url = typeof env === "string" ? env : (env.url ?? env.custom ?? Object.values(env)[0]);
  return new URL(url).origin;
}

test("4. client credentials: A1B2C3 verified, ZZZZZ9 refused with UPS's message", T, async () => {
  await withScenario("04-client-credentials", {}, async (sc) => {
    const ui = await sc.launch();
    const label = "Warehouse robot";
    await walkWizard(ui, { label, method: "client_credentials", accounts: ["a1b2c3", "ZZZZZ9"], shots: "cc" });
    const summary = await ui.text();
    assert.ok(summary.includes("A1B2C3, ZZZZZ9"), "the summary lists the normalised account numbers");
    assert.ok(!summary.includes(S.optIn.summaryRedirect), "no redirect URI for client credentials");

    const t0 = Date.now();
    await ui.click(S.optIn.button);
    await ui.find("heading", S.optIn.verifiedTitle, { timeout: 30_000 });
    timing("optin_to_verified_ms[client_credentials]", Date.now() - t0);
    await ui.shot("optin-verified-client-credentials");
    const text = await ui.text();
    assert.match(text, new RegExp(`A1B2C3 ${S.card.verified}`));
    assert.match(text, new RegExp(`ZZZZZ9 ${S.card.refused} The account number is not associated with this application`));

    await ui.click(S.optIn.done);
    await ui.waitScreen(S.status.title);
    const card = await ui.waitCardState(label, "connected");
    assert.match(card.text, new RegExp(S.card.methodName("client_credentials")));
    assert.match(card.text, /ZZZZZ9 Refused The account number is not associated with this application/);
    assert.ok(!card.text.includes(S.card.redirectUri));

    const values = await sc.waitKeychain(CLIENT, ["access-token", "client-secret"]);
    assert.equal(byKind(values, "client-secret"), DEMO_SECRET);
    const [c] = sc.connections();
    assert.equal(sc.connections().length, 1);
    assert.equal(c.method, "client_credentials");
    assert.equal(c.label, label);
    assert.equal(c.redirect_uri ?? null, null);
    assert.deepEqual(
      c.accounts.map((a) => [a.number, a.verified, a.message ?? null]),
      [
        ["A1B2C3", true, null],
        ["ZZZZZ9", false, "The account number is not associated with this application"],
      ],
    );
    assert.ok(!JSON.stringify(sc.connectionsFile()).includes(DEMO_SECRET));
  });
});

test("8. UPS password change → Refresh now → re-opt-in needed → Opt in again recovers", T, async () => {
  await withScenario("08-password-change", {}, async (sc) => {
    const ui = await sc.launch();
    const label = "Password shop";
    const first = await optInByDeepLink(sc, ui, label);
    const [record] = sc.connections();

    await sc.sandbox(sandboxBase(sc), "POST", "/__sandbox/password-change", { username: "demo" });
    await ui.clickInCard(label, S.card.refresh);
    const card = await ui.waitCardState(label, "reopt_needed");
    assert.match(card.text, new RegExp(S.card.stateName("reopt_needed")));
    assert.ok(card.text.includes(S.card.stateDetail("reopt_needed")), card.text);
    const banner = await ui.find("region", S.status.reoptBannerTitle);
    const bannerText = await ui.s.text(banner);
    assert.ok(bannerText.replace(/\s+/g, " ").includes(S.status.reoptBannerText), bannerText);
    await ui.shot("status-reopt-needed", { scrollTo: banner });
    const stored = sc.connections()[0];
    assert.equal(stored.reopt_needed, true, "connections.json marks the connection for re-opt-in");
    assert.equal(byKind(sc.keychainValues(), "client-secret"), DEMO_SECRET, "the client secret is kept for the re-opt-in");

    const t0 = Date.now();
    await ui.click(S.status.reoptButton(label));
    // The re-opt-in reuses the stored client ID and secret: no wizard, straight to UPS.com.
    const connected = await waitConnected(ui, label);
    timing("reopt_to_connected_ms", Date.now() - t0);
    assert.equal(connected.state, "connected");
    assert.equal(await ui.query("region", S.status.reoptBannerTitle), null, "the banner is gone");
    await ui.shot("status-after-reopt");

    const after = await sc.waitKeychain(CLIENT, BROWSER_KINDS);
    assert.equal(byKind(after, "client-secret"), DEMO_SECRET);
    assert.notEqual(byKind(after, "refresh-token"), byKind(first, "refresh-token"), "a new refresh token is stored");
    const list = sc.connections();
    assert.equal(list.length, 1);
    assert.equal(list[0].id, record.id, "the same connection, not a new one");
    assert.equal(list[0].reopt_needed, false);
    assert.equal(list[0].last_error ?? null, null);
  });
});

test("9. Remove deletes the keychain entries and the config entry", T, async () => {
  await withScenario("09-remove", {}, async (sc) => {
    const ui = await sc.launch();
    const label = "Removed shop";
    await optInByDeepLink(sc, ui, label);
    await ui.clickInCard(label, S.card.remove);
    await ui.find("heading", S.removeDialog.title(label));
    await ui.shot("status-remove-dialog");
    await ui.click(S.removeDialog.confirm);
    await ui.waitText(S.status.removed(label));
    await ui.waitText(S.status.empty);
    assert.equal(await ui.card(label), null);
    await ui.shot("status-empty-after-remove");
    assert.deepEqual(sc.keychainAccounts(), [], "no keychain entries left (including chunk parts)");
    assert.deepEqual(sc.connections(), [], "no connection left in connections.json");
  });
});

test("10. after a restart the app shows the stored connection", T, async () => {
  await withScenario("10-restart", {}, async (sc) => {
    let ui = await sc.launch();
    const label = "Restarted shop";
    const before = await optInByDeepLink(sc, ui, label);
    const record = sc.connections()[0];

    const t0 = Date.now();
    ui = await sc.restart();
    timing("restart_to_first_screen_ms", Date.now() - t0);
    await ui.waitScreen(S.status.title);
    const card = await ui.waitCardState(label, "connected");
    assert.match(card.text, new RegExp(S.card.methodName("browser")));
    assert.ok(card.text.includes("upsoptin://oauth/callback"));
    await ui.shot("status-after-restart");
    assert.deepEqual(sc.keychainValues(), before, "keychain unchanged by the restart");
    assert.deepEqual(sc.connections()[0], record, "connections.json unchanged by the restart");
  });
});
