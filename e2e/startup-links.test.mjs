// Links at start-up: a sign-in link that starts the app (the app was not
// running, so the OS starts it with the link as its argument, as the
// registered `.desktop` entry's `Exec=… %u` does) is shown as a notice once the
// first screen is up, and changes nothing. (A link to the running app is
// scenario 1 in optin-browser.test.mjs.)

import assert from "node:assert/strict";
import { after, test } from "node:test";

import { S, stopDisplay, withScenario } from "./lib/harness.mjs";

after(stopDisplay);

test("13. cold start by a link: first screen, then a notice about the link; nothing stored", { timeout: 180_000 }, async () => {
  // Not in demo mode: the OS passes the link as the only argument, and only
  // then is it a start link (tauri-plugin-deep-link on Linux and Windows).
  await withScenario("12-cold-start-link", { demo: false }, async (sc) => {
    const link = "upsoptin://oauth/callback?code=COLDSTARTCODE&state=COLDSTARTSTATE";
    const ui = await sc.launch([link]);
    await ui.waitText(S.banners.linkIgnoredTitle, { timeout: 15_000, what: "the notice about the start link" });
    const notice = (await ui.alerts()).find((a) => a.text.includes(S.banners.linkIgnoredTitle));
    assert.ok(notice, "the notice about the start link is an alert");
    assert.ok(!notice.text.includes("COLDSTARTCODE"), `the notice repeats the link's code: ${notice.text}`);
    await ui.shot("cold-start-link-notice");
    // The first screen is the wizard's (no connection stored), and nothing was written.
    assert.equal(await ui.screenTitle(), S.welcome.title);
    assert.deepEqual(sc.keychainAccounts(), [], "nothing in the keychain");
    assert.deepEqual(sc.connections(), [], "no connection stored");
  });
});
