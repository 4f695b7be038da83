// Without any Secret Service (a private D-Bus session bus where nothing can be
// activated): the app says so clearly, opt-ins fail with a keychain error, and
// no secret is written anywhere in plain text.

import assert from "node:assert/strict";
import { after, test } from "node:test";

import { S, stopDisplay, waitFor, walkWizard, withScenario } from "./lib/harness.mjs";

after(stopDisplay);

const DEMO_SECRET = "sandbox-demo-secret";

test("11. no Secret Service: clear keychain error, nothing written in plain text", { timeout: 180_000 }, async () => {
  await withScenario("11-no-keychain", { keychain: "none" }, async (sc) => {
    const ui = await sc.launch();
    // The banner at start.
    await ui.waitText(S.banners.keychainTitle);
    const banner = (await ui.alerts()).find((a) => a.text.includes(S.banners.keychainTitle));
    assert.ok(banner, "the keychain banner is an alert");
    assert.match(banner.text, /Secret Service/);
    await ui.shot("banner-no-keychain");

    // Client credentials: the secret would be stored right away.
    await walkWizard(ui, { label: "No keychain robot", method: "client_credentials", accounts: ["A1B2C3"] });
    await ui.click(S.optIn.button);
    const alert = await ui.waitAlert("keychain_unavailable", { timeout: 30_000 });
    assert.ok(alert.text.includes(S.errors.hint("keychain_unavailable")), alert.text);
    assert.match(alert.text, /never writes them in plain text|Secret Service/);
    await ui.shot("optin-error-no-keychain", { scrollTo: await ui.find("css", "[role=alert][data-code]") });
    assert.equal(await ui.screenTitle(), S.optIn.title, "still on the Opt in screen");

    // The browser method, by deep link: the sign-in completes at UPS but nothing may be stored.
    await ui.click(S.back);
    await ui.waitScreen(S.credentials.title);
    await ui.click(S.back);
    await ui.waitScreen(S.environment.title);
    await ui.check(S.environment.browser);
    await ui.click(S.next);
    await ui.waitScreen(S.credentials.title);
    await ui.check(S.credentials.deepLink);
    await ui.click(S.next);
    await ui.waitScreen(S.optIn.title);
    await ui.click(S.optIn.button);
    const browserError = await waitFor(
      async () => (await ui.alerts()).find((a) => a.code === "keychain_unavailable" || a.code === "token_not_saved"),
      { timeout: 30_000, what: "a keychain error after the browser opt-in" },
    );
    console.log(`no-keychain: browser opt-in shows ${browserError.code}: ${browserError.text.slice(0, 160)}`);
    console.log(`no-keychain: browser opened before the error: ${sc.browserOut() ? "yes" : "no"}`);
    await ui.shot("optin-browser-error-no-keychain", { scrollTo: await ui.find("css", "[role=alert][data-code]") });

    assert.deepEqual(sc.connections(), [], "no connection stored without a keychain");
    const hits = sc.filesContaining(DEMO_SECRET);
    assert.deepEqual(hits, [], `the client secret is in plain text in: ${hits.join(", ")}`);
  });
});
