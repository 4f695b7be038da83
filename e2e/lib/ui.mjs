// The UI as a user sees it: find by role and accessible name, click, fill, read.
// (Part of the e2e harness; import from ./harness.mjs.)

import fs from "node:fs";
import path from "node:path";

import { SCREENS } from "./paths.mjs";
import { waitFor } from "./wait.mjs";

const FIND = `
const [kind, rawName, all] = arguments;
const norm = (s) => (s || "").replace(/\\s+/g, " ").trim();
// Names are compared whitespace-normalised (French puts a no-break space before a colon).
const name = kind === "css" ? rawName : norm(rawName);
const textOf = (el) => {
  if (!el) return "";
  const c = el.cloneNode(true);
  c.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
  return norm(c.textContent);
};
const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
const byLabelledby = (el) => textOf(document.getElementById(el.getAttribute("aria-labelledby")));
let out = [];
switch (kind) {
  case "button":
    out = [...document.querySelectorAll("button, summary, [role=button]")].filter(
      (b) => norm(b.getAttribute("aria-label")) === name || textOf(b) === name);
    break;
  case "field":
    for (const l of document.querySelectorAll("label")) {
      if (textOf(l) !== name) continue;
      const c = l.control || document.getElementById(l.htmlFor);
      if (c) out.push(c);
    }
    break;
  case "heading":
    out = [...document.querySelectorAll("h1, h2, h3")].filter((h) => textOf(h) === name);
    break;
  case "card":
    out = [...document.querySelectorAll("article")].filter((a) => byLabelledby(a) === name);
    break;
  case "region":
    out = [...document.querySelectorAll("[role=region], section, [role=dialog]")].filter((r) => byLabelledby(r) === name);
    break;
  case "dialog":
    out = [...document.querySelectorAll("[role=dialog]")];
    break;
  case "css":
    out = [...document.querySelectorAll(name)];
    break;
  default:
    throw new Error("unknown kind " + kind);
}
out = out.filter(visible);
return all ? out : (out[0] ?? null);
`;

/** The app's window under WebDriver, found by what the admin sees. */
export class Ui {
  constructor(session, scenario) {
    this.s = session;
    this.scenario = scenario;
  }

  async query(kind, name, all = false) {
    return this.s.execute(FIND, [kind, name, all]);
  }

  /** Waits for a visible element; returns its reference. */
  async find(kind, name, { timeout = 15_000 } = {}) {
    return waitFor(() => this.query(kind, name), { timeout, what: `${kind} "${name}"` });
  }

  async has(kind, name) {
    return (await this.query(kind, name)) !== null;
  }

  /** Clicks a visible, enabled button (or summary) by its accessible name. */
  async click(name, { timeout = 15_000 } = {}) {
    const el = await waitFor(
      async () => {
        const e = await this.query("button", name);
        return e && (await this.s.isEnabled(e)) ? e : null;
      },
      { timeout, what: `enabled button "${name}"` },
    );
    // Longer languages push buttons to the window's bottom edge, where
    // WebKitWebDriver's own scrolling may leave the click point outside it.
    await this.s.execute("arguments[0].scrollIntoView({ block: 'center' });", [el]);
    await this.s.click(el);
    return el;
  }

  /** Types into the field labelled `label` (after clearing it). */
  async fill(label, value) {
    const el = await this.find("field", label);
    // A field is disabled while its form is busy (a check with UPS): wait,
    // as a person would, instead of typing into it.
    await waitFor(() => this.s.isEnabled(el), { what: `field "${label}" enabled` });
    await this.s.clear(el);
    await this.s.sendKeys(el, value);
    return el;
  }

  /** Ticks a checkbox or selects a radio button by its label. */
  async check(label) {
    const el = await this.find("field", label);
    if (!(await this.s.isSelected(el))) await this.s.click(el);
    await waitFor(() => this.s.isSelected(el), { timeout: 3_000, what: `"${label}" selected` });
  }

  async isChecked(label) {
    return this.s.isSelected(await this.find("field", label));
  }

  async value(label) {
    return this.s.property(await this.find("field", label), "value");
  }

  /** The page's visible text, whitespace-normalised. */
  async text() {
    const t = await this.s.execute("return document.body.innerText");
    return t.replace(/\s+/g, " ").trim();
  }

  async waitText(needle, { timeout = 15_000, what } = {}) {
    // The page text is whitespace-normalised: so is the needle (French puts a
    // no-break space before a colon).
    const plain = typeof needle === "string" ? needle.replace(/\s+/g, " ").trim() : needle;
    const test = (t) => (plain instanceof RegExp ? plain.test(t) : t.includes(plain));
    return waitFor(async () => test(await this.text()), { timeout, what: what ?? `text ${needle}` });
  }

  async waitNoText(needle, { timeout = 15_000 } = {}) {
    const plain = needle.replace(/\s+/g, " ").trim();
    return waitFor(async () => !(await this.text()).includes(plain), { timeout, what: `text "${needle}" gone` });
  }

  /** The h1's text (the current screen). */
  async screenTitle() {
    return this.s.execute("const h = document.querySelector('main h1'); return h ? h.textContent.trim() : null;");
  }

  async waitScreen(title, { timeout = 15_000 } = {}) {
    const plain = title.replace(/\s+/g, " ").trim();
    return waitFor(async () => (await this.screenTitle())?.replace(/\s+/g, " ") === plain, { timeout, what: `screen "${title}"` });
  }

  /** Alerts on screen: [{code, text}] (ErrorMessage sets data-code). */
  async alerts() {
    return this.s.execute(`return [...document.querySelectorAll('[role=alert]')]
      .filter((e) => e.getClientRects().length)
      .map((e) => ({ code: e.getAttribute('data-code'), text: e.innerText.replace(/\\s+/g, ' ').trim() }));`);
  }

  async waitAlert(code, { timeout = 15_000 } = {}) {
    return waitFor(async () => (await this.alerts()).find((a) => a.code === code), { timeout, what: `alert with code ${code}` });
  }

  /** A connection card: {el, text, state} by its label, read in one go. */
  async card(label) {
    const el = await this.query("card", label);
    if (!el) return null;
    const { text, cls } = await this.s.execute(
      "const a = arguments[0]; return { text: a.innerText, cls: a.getAttribute('class') };",
      [el],
    );
    const state = /state-(\w+)/.exec(cls ?? "")?.[1] ?? null;
    return { el, text: text.replace(/\s+/g, " ").trim(), state };
  }

  /**
   * Waits for the card of `label` in `state` and, when `text` is given, saying
   * it: the state can change (a `connections-changed` notice) before the
   * action's own answer has reached the card.
   */
  async waitCardState(label, state, { timeout = 15_000, text = null } = {}) {
    return waitFor(
      async () => {
        const c = await this.card(label);
        return c && c.state === state && (text === null || c.text.includes(text)) ? c : null;
      },
      { timeout, what: `card "${label}" in state ${state}${text === null ? "" : ` saying "${text}"`}` },
    );
  }

  /** Clicks a button inside the card of `label` (the card's actions). */
  async clickInCard(label, name) {
    const card = await this.find("card", label);
    const btn = await waitFor(
      () =>
        this.s.execute(
          `const [card, name] = arguments;
           return [...card.querySelectorAll('button')].find((b) => b.textContent.trim() === name && !b.disabled) ?? null;`,
          [card, name],
        ),
      { what: `button "${name}" in card "${label}"` },
    );
    await this.s.click(btn);
  }

  /** Waits for two animation frames (WebKit's snapshot can otherwise show an older frame). */
  async painted() {
    await this.s.executeAsync(`const done = arguments[arguments.length - 1];
      const t = setTimeout(() => done(false), 1000);
      requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(t); done(true); }));`);
  }

  async screenshot(file, { scrollTo = null } = {}) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (scrollTo) await this.s.execute("arguments[0].scrollIntoView({ block: 'start' });", [scrollTo]);
    await this.painted().catch(() => {});
    // WebKitGTK may hand back the last frame it painted, which on Xvfb can lag
    // behind the DOM (a "Loading…" or the previous screen): take shots until
    // two in a row, 250 ms apart, are the same picture.
    let shot = await this.s.screenshot();
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const next = await this.s.screenshot();
      if (Buffer.compare(Buffer.from(next), Buffer.from(shot)) === 0) break;
      shot = next;
    }
    fs.writeFileSync(file, shot);
  }

  /** Keeps a screenshot of a main screen in target/e2e-artifacts/screens/<name>.png. */
  async shot(name, opts) {
    try {
      await this.screenshot(path.join(SCREENS, `${name}.png`), opts);
    } catch (e) {
      console.log(`[e2e] screenshot ${name} failed: ${e.message}`);
    }
  }
}
