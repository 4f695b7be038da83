// The administrator's language (issue 21), with the real window: the shipped
// build started with LANG as a desktop session sets it (this machine's C
// library has no such locale generated: the variable alone must select the
// language), a whole opt-in in fr-CA, a password-change re-opt-in in de-DE,
// the language menu switching live (screens and desktop notifications), and a
// screenshot of each screen in every locale (and the pseudo-locale, for
// clipped text) in target/e2e-artifacts/screens/.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";

import { S, stopDisplay, waitConnected, waitFor, walkWizard, withScenario } from "./lib/harness.mjs";
import { startNotifications } from "./lib/notifications.mjs";
import { translator, useLocale } from "./lib/strings.mjs";
import { chooseLanguage } from "./lib/wizard.mjs";

after(() => {
  useLocale("en-US");
  return stopDisplay();
});

const T = { timeout: 240_000 };
const CLIENT = "sandbox-demo-client";
const BROWSER_KINDS = ["access-token", "client-secret", "refresh-token"];
const byKind = (values, kind) => Object.entries(values).find(([a]) => a.endsWith(`/${kind}`))?.[1];

/** The session's language as a desktop sets it; nothing else chooses one. */
const session = (lang, more = {}) => ({ env: { LANG: lang, LC_ALL: null, LC_MESSAGES: null, LANGUAGE: null, ...more } });

/** Page text is whitespace-normalised (French puts a no-break space before a colon). */
const plain = (s) => s.replace(/\s+/g, " ").trim();

const htmlLang = (ui) => ui.s.execute("return document.documentElement.lang");

function sandboxBase(sc) {
  const env = sc.connections()[0].environment;
  const url = typeof env === "string" ? env : (env.url ?? env.custom ?? Object.values(env)[0]);
  return new URL(url).origin;
}

test("30. LANG=fr_CA.UTF-8: the first screen in French, a whole opt-in in fr-CA, the menu switches live", T, async () => {
  useLocale("fr-CA");
  await withScenario("30-fr-CA", session("fr_CA.UTF-8"), async (sc) => {
    const ui = await sc.launch();
    await ui.waitScreen(S.welcome.title);
    assert.equal(await htmlLang(ui), "fr-CA");
    const label = "Boutique Québec";
    await walkWizard(ui, { label, route: "deep_link", accounts: ["A1B2C3"], shots: "fr-CA" });
    const summary = await ui.text();
    assert.ok(summary.includes(plain(S.optIn.summaryRedirect)), summary);
    assert.ok(summary.includes(plain(S.card.methodName("browser"))), "Adhérer avec UPS.com");
    await ui.click(S.optIn.button);
    const card = await waitConnected(ui, label);
    assert.ok(card.text.includes(plain(S.card.stateName("connected"))), card.text);
    await ui.shot("fr-CA-5-status");
    const values = await sc.waitKeychain(CLIENT, BROWSER_KINDS);
    assert.ok(byKind(values, "refresh-token"), "the opt-in is stored");

    // The menu: Spanish at once, remembered in settings.json.
    await chooseLanguage(ui, "es-MX");
    useLocale("es-MX");
    await ui.waitScreen(S.status.title);
    assert.equal(await htmlLang(ui), "es-MX");
    const settings = JSON.parse(fs.readFileSync(path.join(sc.configDir(), "settings.json"), "utf8"));
    assert.equal(settings.language, "es-MX");
    await ui.shot("es-MX-5-status");
  });
});

test("31. LANG=de_DE.UTF-8: a UPS.com password change and the re-opt-in, in German", T, async () => {
  useLocale("de-DE");
  await withScenario("31-de-DE", session("de_DE.UTF-8"), async (sc) => {
    const ui = await sc.launch();
    await ui.waitScreen(S.welcome.title);
    assert.equal(await htmlLang(ui), "de-DE");
    const label = "Versand Berlin";
    await walkWizard(ui, { label, route: "deep_link", shots: "de-DE" });
    await ui.click(S.optIn.button);
    await waitConnected(ui, label);
    const first = await sc.waitKeychain(CLIENT, BROWSER_KINDS);

    await sc.sandbox(sandboxBase(sc), "POST", "/__sandbox/password-change", { username: "demo" });
    await ui.clickInCard(label, S.card.refresh);
    const card = await ui.waitCardState(label, "reopt_needed");
    assert.ok(card.text.includes(plain(S.card.stateName("reopt_needed"))), card.text);
    assert.ok(card.text.includes(plain(S.card.stateDetail("reopt_needed"))), card.text);
    const banner = await ui.find("region", S.status.reoptBannerTitle);
    assert.ok((await ui.s.text(banner)).replace(/\s+/g, " ").includes(plain(S.status.reoptBannerText)));
    await ui.shot("de-DE-5-status-reopt-needed", { scrollTo: banner });

    await ui.click(S.status.reoptButton(label));
    await waitConnected(ui, label);
    await ui.shot("de-DE-6-status-after-reopt");
    const now = await sc.waitKeychain(CLIENT, BROWSER_KINDS);
    assert.notEqual(byKind(now, "refresh-token"), byKind(first, "refresh-token"), "a new refresh token is stored");
  });
});

test("32. every screen in es-MX, en-US and the pseudo-locale (accented, ~40 % longer)", T, async () => {
  for (const [locale, env] of [
    ["es-MX", session("es_MX.UTF-8")],
    ["en-US", session("en_US.UTF-8")],
  ]) {
    useLocale(locale);
    await withScenario(`32-${locale}`, env, async (sc) => {
      const ui = await sc.launch();
      await ui.waitScreen(S.welcome.title);
      assert.equal(await htmlLang(ui), locale);
      const label = `Shop ${locale}`;
      await walkWizard(ui, { label, route: "deep_link", accounts: ["A1B2C3", "ZZZZZ9"], shots: locale });
      await ui.click(S.optIn.button);
      await waitConnected(ui, label);
      await ui.shot(`${locale}-5-status`);
    });
  }
  useLocale("en-XA");
  await withScenario("32-pseudo", session("en_US.UTF-8", { UPS_OPTIN_PSEUDO_LOCALE: "1" }), async (sc) => {
    const ui = await sc.launch();
    await ui.waitScreen(S.welcome.title);
    assert.equal(await htmlLang(ui), "en-XA");
    // Nothing wider than the window: no horizontal scrolling, no element past the right edge.
    const overflow = () =>
      ui.s.execute(`const w = document.documentElement.clientWidth;
        return [...document.querySelectorAll('main *, header *')]
          .filter((e) => e.getBoundingClientRect().right > w + 1)
          .map((e) => e.tagName + ' ' + (e.textContent || '').trim().slice(0, 40));`);
    const label = "Pseudo shop";
    await walkWizard(ui, { label, route: "deep_link", accounts: ["A1B2C3"], shots: "en-XA" });
    assert.deepEqual(await overflow(), [], "the opt-in screen fits");
    await ui.click(S.optIn.button);
    await waitConnected(ui, label);
    await ui.shot("en-XA-5-status");
    assert.deepEqual(await overflow(), [], "the status screen fits");
  });
});

test("33. LANG=fr_CA.UTF-8: a password change found in the background notifies in French; after the menu, German", T, async () => {
  useLocale("fr-CA");
  const PERIOD_S = 4;
  await withScenario("33-notify-fr-de", session("fr_CA.UTF-8", { UPS_OPTIN_RENEWAL_PERIOD_SECS: String(PERIOD_S) }), async (sc) => {
    const notes = await startNotifications(sc);
    try {
      const ui = await sc.launch();
      const label = "Boutique Montréal";
      await walkWizard(ui, { label, route: "deep_link" });
      await ui.click(S.optIn.button);
      await waitConnected(ui, label);

      await sc.sandbox(sandboxBase(sc), "POST", "/__sandbox/password-change", { username: "demo" });
      await waitFor(async () => notes.list().length > 0, { timeout: PERIOD_S * 3000 + 10_000, what: "a notification" });
      const fr = translator("fr-CA");
      const [n] = notes.list();
      assert.equal(n.summary, fr("notice-reopt-needed-summary", { label }));
      assert.equal(n.body, fr("notice-reopt-needed-body"));

      // The menu switches the notifications too: the recovery notice is German.
      await chooseLanguage(ui, "de-DE");
      useLocale("de-DE");
      await ui.waitScreen(S.status.title);
      await ui.click(S.status.reoptButton(label));
      await waitConnected(ui, label);
      const de = translator("de-DE");
      await waitFor(async () => notes.list().length > 1, { timeout: PERIOD_S * 3000 + 10_000, what: "the recovery notification" });
      const last = notes.list().at(-1);
      assert.equal(last.summary, de("notice-recovered-summary", { label }));
      assert.equal(last.body, de("notice-recovered-body"));
    } finally {
      notes.stop();
    }
  });
});
