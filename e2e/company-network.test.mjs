// Company networks in the GUI (issue 22): an opt-in through a proxy that wants
// a login (tinyproxy with Basic auth, the login entered in the wizard's Proxy
// panel and kept in the keychain) to UPS behind a private CA the computer
// trusts; and the untrusted-CA message on screen when it does not.

import assert from "node:assert/strict";
import { after, test } from "node:test";

import { S, stopDisplay, withScenario } from "./lib/harness.mjs";
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "./lib/wizard.mjs";

after(stopDisplay);

const T = { timeout: 180_000 };
const LOGIN = { user: "alice", password: "Proxy-Pass-7" };

/** Welcome → Environment (custom: this scenario's https sandbox), client credentials. */
async function toEnvironment(ui, sc) {
  await ui.waitScreen(S.welcome.title);
  await ui.check(S.welcome.step1);
  await ui.check(S.welcome.step2);
  await ui.check(S.welcome.step3);
  await ui.click(S.welcome.start);
  await ui.waitScreen(S.environment.title);
  await ui.click(S.environment.advanced);
  await ui.check(S.environment.custom);
  await ui.fill(S.environment.customUrl, sc.sandboxBase);
}

async function optInWithClientCredentials(ui, label) {
  await ui.check(S.environment.clientCredentials);
  await ui.fill(S.environment.label, label);
  await ui.click(S.next);
  await ui.waitScreen(S.credentials.title);
  await ui.fill(S.credentials.clientId, SANDBOX_CLIENT_ID);
  await ui.fill(S.credentials.clientSecret, SANDBOX_CLIENT_SECRET);
  await ui.click(S.next);
  await ui.waitScreen(S.optIn.title);
  await ui.click(S.optIn.button);
}

test("N1. opt-in through a proxy that wants a login, UPS behind a private CA", T, async () => {
  await withScenario("n1-proxy-login-private-ca", { tls: "trusted", proxy: LOGIN }, async (sc) => {
    const ui = await sc.launch();
    await toEnvironment(ui, sc);
    // The Proxy panel says which proxy is used and why.
    await ui.waitText(`proxy ${sc.proxy.url} (from HTTPS_PROXY)`);
    await ui.fill(S.proxy.user, LOGIN.user);
    await ui.fill(S.proxy.password, LOGIN.password);
    await ui.click(S.proxy.saveLogin);
    await ui.waitText(S.proxy.loginSaved);
    await ui.shot("environment-proxy-login");
    await optInWithClientCredentials(ui, "Behind the proxy");
    await ui.find("heading", S.optIn.verifiedTitle, { timeout: 30_000 });
    await ui.click(S.optIn.done);
    await ui.waitCardState("Behind the proxy", "connected");

    const port = new URL(sc.sandboxBase).port;
    assert.ok(sc.proxyConnects(`localhost:${port}`) >= 1, "the proxy's log shows the CONNECT");
    const account = `proxy/http-127.0.0.1-${new URL(sc.proxy.url).port}/proxy-login`;
    assert.ok(sc.keychainAccounts().includes(account), `${account} in ${sc.keychainAccounts()}`);
    const stored = JSON.stringify(sc.connections());
    assert.ok(!stored.includes(LOGIN.password) && !stored.includes(LOGIN.user), stored);
  });
});

test("N2. a certificate authority this computer does not trust: the message on screen", T, async () => {
  await withScenario("n2-untrusted-ca", { tls: "untrusted" }, async (sc) => {
    const ui = await sc.launch();
    await toEnvironment(ui, sc);
    await optInWithClientCredentials(ui, "Inspected");
    const alert = await ui.waitAlert("tls_untrusted", { timeout: 30_000 });
    assert.match(alert.text, /certificate authority this computer does not trust \(unknown issuer\)/);
    assert.match(alert.text, /root certificate/);
    await ui.shot("optin-tls-untrusted");
    assert.deepEqual(sc.connections(), [], "nothing stored");
  });
});
