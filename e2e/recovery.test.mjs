// A damaged connections.json (issue 23): with no last good copy, the app
// rebuilds the connection from the keychain, the status screen's banner says
// so until acknowledged, and the recovered connection refreshes with UPS.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";

import { S, stopDisplay, waitConnected, walkWizard, withScenario } from "./lib/harness.mjs";

after(stopDisplay);

const T = { timeout: 180_000 };
const CLIENT = "sandbox-demo-client";

test("23. damaged connections.json: the banner says it was rebuilt, the connection refreshes", T, async () => {
  await withScenario("23-damaged-file", {}, async (sc) => {
    let ui = await sc.launch();
    const label = "Damaged shop";
    await walkWizard(ui, { label, route: "deep_link" });
    await ui.click(S.optIn.button);
    await waitConnected(ui, label);
    const before = await sc.waitKeychain(CLIENT, ["access-token", "client-secret", "refresh-token"]);
    const [record] = sc.connections();
    await sc.quit();

    // Truncated to its first 150 bytes, and no good copy left.
    const file = sc.connectionsPath();
    const damaged = fs.readFileSync(file).subarray(0, 150);
    fs.writeFileSync(file, damaged);
    fs.rmSync(path.join(sc.configDir(), "connections.json.bak"));

    ui = await sc.launch();
    await ui.waitScreen(S.status.title);
    const banner = await ui.find("region", S.recovery.title);
    const text = (await ui.s.text(banner)).replace(/\s+/g, " ");
    assert.match(text, /rebuilt from the system keychain/, text);
    assert.ok(text.includes(S.recovery.check), text);
    await ui.shot("status-damaged-file-banner", { scrollTo: banner });

    const [rebuilt] = sc.connections();
    assert.equal(rebuilt.id, record.id, "the same connection ID");
    assert.equal(rebuilt.client_id, CLIENT);
    assert.equal(rebuilt.method, "browser", "a refresh token means an opt-in with UPS.com");
    const aside = fs.readdirSync(sc.configDir()).find((n) => n.startsWith("connections.json.corrupt-"));
    assert.ok(aside, "the damaged file is kept aside");
    assert.deepEqual(fs.readFileSync(path.join(sc.configDir(), aside)), damaged);

    // Nobody chose a label: none is stored, and the card names the connection "recovered" in the UI's language.
    assert.equal(rebuilt.label, "", "no English label made up for the admin");
    const name = S.card.name({
      label: "",
      label_rebuilt: true,
      environment: rebuilt.environment,
      client_id_masked: `••••${CLIENT.slice(-4)}`,
    });
    const card = await ui.waitCardState(name, "connected");
    assert.ok(card.text.includes(S.recovery.cardNote), card.text);
    await ui.clickInCard(name, S.card.refresh);
    await ui.waitCardState(name, "connected", {
      text: S.card.accessExpiresIn,
    });
    const refreshed = sc.connections()[0];
    assert.ok(refreshed.last_refresh_at, "refreshed with UPS");
    assert.ok(refreshed.access_token_expires_at, "a new access token");
    const afterValues = sc.keychainValues();
    const rt = (v) => Object.entries(v).find(([a]) => a.endsWith("/refresh-token"))?.[1];
    assert.notEqual(rt(afterValues), rt(before), "the refresh token rotated");

    await ui.click(S.recovery.acknowledge);
    await ui.waitNoText(S.recovery.title);
    assert.ok(!fs.existsSync(path.join(sc.configDir(), "recovery.json")), "acknowledged for every process");
  });
});
