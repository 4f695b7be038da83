// Real-UPS fidelity in the GUI: a pre-flight (validate-client) refusal shown on
// the Opt in step with no browser started, and a regenerated client secret
// replaced with "Update client secret" without a new opt-in.

import assert from "node:assert/strict";
import { after, test } from "node:test";

import { S, stopDisplay, waitConnected, walkWizard, withScenario } from "./lib/harness.mjs";

after(stopDisplay);

const T = { timeout: 180_000 };
const CLIENT = "sandbox-demo-client";

/** The demo sandbox's base URL, from the stored connection. */
function sandboxBase(sc) {
  const env = sc.connections()[0].environment;
  const url = typeof env === "string" ? env : (env.url ?? env.custom ?? Object.values(env)[0]);
  return new URL(url).origin;
}

test("F1. pre-flight refusal: UPS's message on the Opt in step, no browser started", T, async () => {
  await withScenario("f1-preflight-refusal", {}, async (sc) => {
    const ui = await sc.launch();
    await walkWizard(ui, {
      label: "Unknown client",
      route: "deep_link",
      clientId: "not-registered-at-ups",
      clientSecret: "whatever-secret",
    });
    await ui.click(S.optIn.button);
    const alert = await ui.waitAlert("client_refused", { timeout: 30_000 });
    assert.match(alert.text, /ClientId is Invalid/);
    assert.match(alert.text, /upsoptin:\/\/oauth\/callback/, "the exact redirect URI sent");
    assert.equal(await ui.screenTitle(), S.optIn.title, "still on the Opt in step");
    assert.ok(await ui.has("css", "[data-testid=other-routes]"), "the other routes are offered right there");
    await ui.shot("optin-preflight-refused");
    assert.deepEqual(sc.browserLog(), [], `no browser process was started: ${sc.browserOut()}`);
    assert.deepEqual(sc.connections(), [], "nothing stored");
  });
});

test("F2. regenerated secret: credentials_rejected → Update client secret → Connected", T, async () => {
  await withScenario("f2-regenerated-secret", {}, async (sc) => {
    const ui = await sc.launch();
    const label = "Regenerated shop";
    await walkWizard(ui, { label, route: "deep_link" });
    await ui.click(S.optIn.button);
    await waitConnected(ui, label);
    const [record] = sc.connections();

    await sc.sandbox(sandboxBase(sc), "POST", "/__sandbox/regenerate-secret", {
      client_id: CLIENT,
      new_secret: "regenerated-secret",
    });
    await ui.clickInCard(label, S.card.refresh);
    const card = await ui.waitCardState(label, "credentials_rejected");
    assert.ok(card.text.includes(S.card.stateName("credentials_rejected")), card.text);
    assert.ok(!/password/i.test(card.text), card.text);
    await ui.shot("status-credentials-rejected");

    await ui.clickInCard(label, S.card.updateSecret);
    await ui.find("heading", S.secretDialog.title(label));
    await ui.fill(S.secretDialog.label, "wrong-secret");
    await ui.click(S.secretDialog.confirm);
    await ui.waitAlert("credentials_rejected");
    await ui.fill(S.secretDialog.label, "regenerated-secret");
    await ui.click(S.secretDialog.confirm);
    const connected = await ui.waitCardState(label, "connected", { timeout: 30_000, text: S.card.secretUpdated });
    assert.ok(!connected.text.includes(S.errors.hint("credentials_rejected")), connected.text);
    await ui.shot("status-secret-updated");

    const values = await sc.waitKeychain(CLIENT, ["access-token", "client-secret", "refresh-token"]);
    const secret = Object.entries(values).find(([a]) => a.endsWith("/client-secret"))[1];
    assert.equal(secret, "regenerated-secret");
    const list = sc.connections();
    assert.equal(list.length, 1);
    assert.equal(list[0].id, record.id, "the same connection: no new opt-in");
    assert.ok(!JSON.stringify(sc.connectionsFile()).includes("regenerated-secret"));
  });
});
