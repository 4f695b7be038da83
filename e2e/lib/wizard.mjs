// Walking the wizard the way an admin does.
// (Part of the e2e harness; import from ./harness.mjs.)

import { S } from "./strings.mjs";
/** @typedef {import("./ui.mjs").Ui} Ui */

/** The sandbox's registered test client (crates/ups-sandbox: DEMO_CLIENT_ID / DEMO_CLIENT_SECRET). */
export const SANDBOX_CLIENT_ID = "sandbox-demo-client";
export const SANDBOX_CLIENT_SECRET = "sandbox-demo-secret";

/**
 * Walks Welcome → Environment → Credentials to the Opt in screen.
 * @param {Ui} ui
 * @param {{label: string, method?: "browser"|"client_credentials", route?: "deep_link"|"loopback",
 *          environment?: "sandbox"|{custom: string}, clientId?: string, clientSecret?: string,
 *          accounts?: string[], shots?: string|null}} o
 */
export async function walkWizard(ui, o) {
  const shots = o.shots ?? null;
  const sc = ui.scenario;
  await ui.waitScreen(S.welcome.title);
  if (shots) await ui.shot(`${shots}-1-welcome`);
  await ui.check(S.welcome.step1);
  await ui.check(S.welcome.step2);
  await ui.check(S.welcome.step3);
  await ui.click(S.welcome.start);

  await ui.waitScreen(S.environment.title);
  // Default: the demo's Sandbox choice in demo mode; otherwise this scenario's
  // `ups-sandbox serve` as a Custom environment, with the sandbox's test client.
  const env = o.environment ?? (sc.opts.demo ? "sandbox" : { custom: sc.sandboxBase });
  if (env === "sandbox") {
    if (!(await ui.isChecked(S.environment.sandbox))) await ui.check(S.environment.sandbox);
  } else {
    await ui.click(S.environment.advanced);
    await ui.check(S.environment.custom);
    await ui.fill(S.environment.customUrl, env.custom);
  }
  await ui.check(o.method === "client_credentials" ? S.environment.clientCredentials : S.environment.browser);
  await ui.fill(S.environment.label, o.label);
  if (shots) await ui.shot(`${shots}-2-environment`);
  await ui.click(S.next);

  await ui.waitScreen(S.credentials.title);
  if (o.clientId === undefined && env === "sandbox") {
    await ui.click(S.credentials.demoFill);
  } else {
    await ui.fill(S.credentials.clientId, o.clientId ?? SANDBOX_CLIENT_ID);
    await ui.fill(S.credentials.clientSecret, o.clientSecret ?? SANDBOX_CLIENT_SECRET);
  }
  if (o.method !== "client_credentials") {
    await ui.check(o.route === "loopback" ? S.credentials.loopback : S.credentials.deepLink);
  }
  for (const [i, number] of (o.accounts ?? []).entries()) {
    await ui.click(S.credentials.addAccount);
    await ui.fill(S.credentials.accountLabel(i + 1), number);
  }
  if (shots) await ui.shot(`${shots}-3-credentials`);
  await ui.click(S.next);

  await ui.waitScreen(S.optIn.title);
  if (shots) await ui.shot(`${shots}-4-optin`);
}

/** Waits for the status screen showing `label` connected (after an opt-in). */
export async function waitConnected(ui, label, { timeout = 60_000 } = {}) {
  await ui.waitScreen(S.status.title, { timeout });
  await ui.waitText(S.status.connectedNotice(label), { timeout: 5_000 });
  return ui.waitCardState(label, "connected", { timeout: 5_000 });
}

/** Picks `locale` in the header's language menu. */
export async function chooseLanguage(ui, locale) {
  const menu = await ui.find("css", ".language-menu select");
  await ui.s.execute(
    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
    [menu, locale],
  );
}
