// The offline demo is a build option: the installed packages carry no sandbox
// (`demo` cargo feature off), and the demo build (`make demo`) runs the whole
// opt-in against the sandbox inside the app. Every other scenario runs the app
// as bundled against `ups-sandbox serve`.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { after, test } from "node:test";

import { S, stopDisplay, waitConnected, walkWizard, withScenario } from "./lib/harness.mjs";
import { APP_BIN } from "./lib/paths.mjs";

after(stopDisplay);

const CLIENT = "sandbox-demo-client";

test("0. --demo: the bundled build says it has no demo; the demo build opts in against its own sandbox", { timeout: 180_000 }, async () => {
  await withScenario("00-demo", { demo: true }, async (sc) => {
    // The app as installed: `--demo` is refused with what to do instead, before
    // anything is read or started (nothing else runs: single-instance would
    // otherwise hand the arguments over).
    const bundled = spawnSync(APP_BIN, ["--demo"], { env: sc.env, encoding: "utf8", timeout: 30_000 });
    assert.equal(bundled.status, 1, `exit status: ${bundled.status} ${bundled.stderr}`);
    assert.match(bundled.stderr, /This build of UPS Opt-In Wizard has no demo/);
    assert.match(bundled.stderr, /make demo/);
    assert.deepEqual(sc.connections(), [], "nothing stored");

    // The demo build with --demo: the demo banner, the Sandbox choice, its test values.
    const ui = await sc.launch();
    await ui.waitText(S.banners.demoTitle);
    const label = "Demo shop";
    await walkWizard(ui, { label, route: "deep_link", environment: "sandbox" });
    await ui.click(S.optIn.button);
    const card = await waitConnected(ui, label);
    assert.match(card.text, new RegExp(S.card.stateName("connected")));
    await ui.shot("demo-status-connected");
    const values = await sc.waitKeychain(CLIENT, ["access-token", "client-secret", "refresh-token"]);
    for (const account of Object.keys(values)) assert.match(account, new RegExp(`^custom-127\\.0\\.0\\.1-\\d+/${CLIENT}/`), account);
    // Demo connections live in their own folder.
    assert.equal(sc.connections().length, 1);
    assert.equal(sc.connections()[0].label, label);
    assert.ok(fs.existsSync(sc.p("optin", "demo", "connections.json")), "the demo connection is in <config>/demo");
    assert.ok(!fs.existsSync(sc.p("optin", "connections.json")), "nothing in the real connections file");
  });
});
