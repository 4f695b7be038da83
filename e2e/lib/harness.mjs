// The GUI end-to-end harness: an X display (Xvfb), tauri-driver with a fresh
// environment per scenario (HOME, XDG dirs, UPS_OPTIN_CONFIG_DIR, $BROWSER =
// the sandbox's stand-in browser), the app under WebDriver, and read-back of
// what the app stored (keychain via secret-tool, connections.json).
//
// The D-Bus session bus with an unlocked gnome-keyring is the one the runner
// (e2e/run.sh) enters; a scenario may instead ask for a private bus without any
// Secret Service (`keychain: "none"`).
//
// On failure a scenario keeps a screenshot, the page text, the app log, the
// driver log and the stand-in browser's output under target/e2e-artifacts/<scenario>/.

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { APP_BIN, ARTIFACTS, FAKE_BROWSER, SANDBOX_BIN, SCREENS, TAURI_DRIVER } from "./paths.mjs";
import { S } from "./strings.mjs";
import { Session, status } from "./webdriver.mjs";

export { S };

const VERBOSE = process.env.E2E_VERBOSE === "1";
function debug(...a) {
  if (VERBOSE) console.log("[e2e]", ...a);
}

/** Polls `fn` until it returns a truthy value; throws with `what` after `timeout` ms. */
export async function waitFor(fn, { timeout = 15_000, interval = 100, what = "condition" } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ""}`);
    }
    await sleep(interval);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- processes

const owned = new Set();
function track(child) {
  owned.add(child);
  child.on("exit", () => owned.delete(child));
  return child;
}
process.on("exit", () => {
  for (const c of owned) {
    try {
      c.kill("SIGTERM");
    } catch {
      // already gone
    }
  }
});

async function stopChild(child, timeout = 5_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const done = await Promise.race([exited.then(() => true), sleep(timeout).then(() => false)]);
  if (!done) {
    child.kill("SIGKILL");
    await exited;
  }
}

/** Pids of running copies of the app binary (ours: target/e2e/bin). */
export function appPids() {
  const pids = [];
  for (const p of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (fs.readlinkSync(`/proc/${p}/exe`) === APP_BIN) pids.push(Number(p));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** Waits until no copy of the app runs; ends leftovers (started by this suite) by pid. */
async function waitAppGone(timeout = 8_000) {
  const end = Date.now() + timeout;
  while (appPids().length > 0 && Date.now() < end) await sleep(100);
  const left = appPids();
  for (const pid of left) {
    console.log(`[e2e] app pid ${pid} still running after the session ended: SIGTERM`);
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // gone
    }
  }
  if (left.length) await waitFor(() => appPids().length === 0, { timeout: 5_000, what: "app exit" });
}

// ---------------------------------------------------------------- display

let xvfb = null;
let displayName = process.env.E2E_DISPLAY || null;

/** An X display for the whole test file: $E2E_DISPLAY, or a private Xvfb on a free display. */
export async function ensureDisplay() {
  if (displayName) return displayName;
  const child = track(
    spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1000x24", "-nolisten", "tcp", "-noreset"], {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    }),
  );
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const num = await Promise.race([
    new Promise((resolve) => {
      let buf = "";
      child.stdio[3].on("data", (d) => {
        buf += d;
        if (buf.includes("\n")) resolve(buf.trim());
      });
    }),
    new Promise((_, reject) => child.once("exit", (c) => reject(new Error(`Xvfb exited (${c}): ${err.slice(-500)}`)))),
    sleep(15_000).then(() => {
      throw new Error("Xvfb did not report a display within 15 s");
    }),
  ]);
  xvfb = child;
  displayName = `:${num}`;
  debug("Xvfb on", displayName);
  return displayName;
}

export async function stopDisplay() {
  if (xvfb) await stopChild(xvfb);
  xvfb = null;
}

// ---------------------------------------------------------------- private bus

function busConfig(dir) {
  const services = path.join(dir, "dbus-services");
  fs.mkdirSync(services, { recursive: true });
  // No standard service directories: nothing (gnome-keyring, portals) can be activated.
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${path.join(dir, "bus")}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>${services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

/** A D-Bus session bus without any Secret Service. */
async function startPrivateBus(dir) {
  const conf = path.join(dir, "bus.conf");
  fs.writeFileSync(conf, busConfig(dir));
  const child = track(spawn("dbus-daemon", [`--config-file=${conf}`, "--nofork", "--print-address=1"], { stdio: ["ignore", "pipe", "pipe"] }));
  const address = await new Promise((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      if (buf.includes("\n")) resolve(buf.trim());
    });
    child.once("exit", (c) => reject(new Error(`dbus-daemon exited (${c})`)));
  });
  return { child, address };
}

// ---------------------------------------------------------------- keychain

/** Items of service `ups-optin` in the Secret Service of `env`'s bus: [{account, secret, attributes}]. */
export function readKeychain(env) {
  const r = spawnSync("sh", ["-c", "stdbuf -oL -eL secret-tool search --all service ups-optin 2>&1"], {
    env,
    encoding: "utf8",
    timeout: 10_000,
  });
  const items = [];
  let cur = null;
  for (const line of (r.stdout || "").split("\n")) {
    if (/^\[\/.*\]$/.test(line)) {
      cur = { path: line, attributes: {} };
      items.push(cur);
      continue;
    }
    const m = /^(\S+) = (.*)$/.exec(line);
    if (!m || !cur) continue;
    if (m[1].startsWith("attribute.")) cur.attributes[m[1].slice(10)] = m[2];
    else cur[m[1]] = m[2];
  }
  for (const it of items) it.account = it.attributes.username ?? it.attributes.user ?? it.attributes.account ?? null;
  return items;
}

function clearKeychain(env) {
  spawnSync("secret-tool", ["clear", "service", "ups-optin"], { env, timeout: 10_000 });
}

// ---------------------------------------------------------------- the UI

const FIND = `
const [kind, name, all] = arguments;
const norm = (s) => (s || "").replace(/\\s+/g, " ").trim();
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
    await this.s.click(el);
    return el;
  }

  /** Types into the field labelled `label` (after clearing it). */
  async fill(label, value) {
    const el = await this.find("field", label);
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
    const test = (t) => (needle instanceof RegExp ? needle.test(t) : t.includes(needle));
    return waitFor(async () => test(await this.text()), { timeout, what: what ?? `text ${needle}` });
  }

  async waitNoText(needle, { timeout = 15_000 } = {}) {
    return waitFor(async () => !(await this.text()).includes(needle), { timeout, what: `text "${needle}" gone` });
  }

  /** The h1's text (the current screen). */
  async screenTitle() {
    return this.s.execute("const h = document.querySelector('main h1'); return h ? h.textContent.trim() : null;");
  }

  async waitScreen(title, { timeout = 15_000 } = {}) {
    return waitFor(async () => (await this.screenTitle()) === title, { timeout, what: `screen "${title}"` });
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

  async waitCardState(label, state, { timeout = 15_000 } = {}) {
    return waitFor(
      async () => {
        const c = await this.card(label);
        return c && c.state === state ? c : null;
      },
      { timeout, what: `card "${label}" in state ${state}` },
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
    fs.writeFileSync(file, await this.s.screenshot());
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

// ---------------------------------------------------------------- scenarios

const DRIVER_ENV_DROP = ["DBUS_SESSION_BUS_ADDRESS", "BROWSER", "UPS_OPTIN_CONFIG_DIR", "UPS_OPTIN_LOG_DIR"];

export class Scenario {
  /**
   * @param {string} name  short slug (artifact folder)
   * @param {{demo?: boolean, keychain?: "shared"|"none", browser?: Record<string,string>}} opts
   */
  constructor(name, opts) {
    this.name = name;
    this.opts = { demo: true, keychain: "shared", ...opts };
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `ups-optin-e2e-${name}-`));
    this.ui = null;
    this.session = null;
    this.driver = null;
    this.bus = null;
    this.marks = {};
  }

  static async start(name, opts = {}) {
    const sc = new Scenario(name, opts);
    await sc.#prepare();
    return sc;
  }

  p(...parts) {
    return path.join(this.dir, ...parts);
  }

  async #prepare() {
    for (const d of ["home", "data", "config", "state", "cache", "runtime", "optin", "logs"]) fs.mkdirSync(this.p(d), { recursive: true, mode: 0o700 });
    const display = await ensureDisplay();
    let busAddress = process.env.DBUS_SESSION_BUS_ADDRESS;
    if (this.opts.keychain === "none") {
      this.bus = await startPrivateBus(this.dir);
      busAddress = this.bus.address;
    } else if (!busAddress) {
      throw new Error("no D-Bus session bus: run the suite through e2e/run.sh (dbus-run-session + gnome-keyring)");
    }
    const env = { ...process.env };
    for (const k of DRIVER_ENV_DROP) delete env[k];
    Object.assign(env, {
      DISPLAY: display,
      DBUS_SESSION_BUS_ADDRESS: busAddress,
      HOME: this.p("home"),
      XDG_DATA_HOME: this.p("data"),
      XDG_CONFIG_HOME: this.p("config"),
      XDG_STATE_HOME: this.p("state"),
      XDG_CACHE_HOME: this.p("cache"),
      XDG_RUNTIME_DIR: this.p("runtime"),
      UPS_OPTIN_CONFIG_DIR: this.p("optin"),
      UPS_OPTIN_LOG_DIR: this.p("logs"),
      BROWSER: FAKE_BROWSER,
      E2E_SANDBOX_BIN: SANDBOX_BIN,
      E2E_BROWSER_CONTROL: this.p("browser.env"),
      E2E_BROWSER_OUT: this.p("browser.out"),
      UPS_SANDBOX_BROWSER_LOG: this.p("browser.log"),
      NO_AT_BRIDGE: "1",
      MESA_SHADER_CACHE_DISABLE: "true",
      GTK_A11Y: "none",
      // (Do not set WEBKIT_DISABLE_COMPOSITING_MODE / _DMABUF_RENDERER here:
      // with them WebKitWebDriver's screenshots hang on Xvfb.)
    });
    for (const [k, v] of Object.entries(this.opts.env ?? {})) {
      if (v === null || v === undefined) delete env[k];
      else env[k] = v;
    }
    this.env = env;
    this.setBrowser(this.opts.browser ?? {});
    if (this.opts.keychain === "shared") clearKeychain(env);
    await this.#startDriver();
  }

  async #startDriver() {
    const port = await freePort();
    const nativePort = await freePort();
    const log = fs.openSync(this.p("driver.log"), "a");
    const child = track(
      spawn(TAURI_DRIVER, ["--port", String(port), "--native-port", String(nativePort)], {
        env: this.env,
        cwd: this.p("home"),
        stdio: ["ignore", log, log],
      }),
    );
    fs.closeSync(log);
    this.driver = { child, base: `http://127.0.0.1:${port}` };
    await waitFor(async () => (await status(this.driver.base)) !== null, { timeout: 15_000, what: "tauri-driver /status" });
  }

  /** Sets the stand-in browser's behaviour for the next time the app opens it. */
  setBrowser(vars) {
    const lines = Object.entries(vars).map(([k, v]) => `export ${k}='${String(v).replace(/'/g, "'\\''")}'`);
    fs.writeFileSync(this.p("browser.env"), lines.join("\n") + "\n");
  }

  /** Starts the app (a new WebDriver session) and waits for its first screen. */
  async launch(args = this.opts.demo ? ["--demo"] : []) {
    if (appPids().length) await waitAppGone();
    const t0 = Date.now();
    this.session = await Session.create(this.driver.base, {
      alwaysMatch: { "tauri:options": { application: APP_BIN, args } },
    });
    this.ui = new Ui(this.session, this);
    await waitFor(async () => {
      const t = await this.ui.screenTitle();
      return t && t !== S.loading;
    }, { timeout: 20_000, what: "the first screen" });
    debug(`${this.name}: app up in ${Date.now() - t0} ms`);
    return this.ui;
  }

  /** Closes the app (ends the session) and waits until its process is gone. */
  async quit() {
    if (!this.session) return;
    const s = this.session;
    this.session = null;
    this.ui = null;
    try {
      await s.delete();
    } catch (e) {
      console.log(`[e2e] ${this.name}: delete session: ${e.message}`);
    }
    await waitAppGone();
  }

  async restart(args) {
    await this.quit();
    return this.launch(args);
  }

  // --- what the app stored

  keychain() {
    return readKeychain(this.env);
  }

  /** Accounts (`<env>/<client>/<kind>`, and chunk parts `…#<gen>.<i>`) in the keychain, sorted. */
  keychainAccounts() {
    return this.keychain()
      .map((i) => i.account)
      .sort();
  }

  /**
   * The keychain's values by account, with chunked values (the vault's
   * `ups-optin-chunked:v1:<gen>:<count>` header + `<account>#<gen>.<i>` parts,
   * see crates/optin-core/src/vault/mod.rs) put back together.
   * Throws when a part is missing or a part is left over.
   */
  keychainValues() {
    const items = this.keychain();
    const byAccount = new Map(items.map((i) => [i.account, i.secret]));
    const used = new Set();
    const out = {};
    for (const [account, value] of byAccount) {
      if (account.includes("#")) continue;
      const m = /^ups-optin-chunked:v1:(\d+):(\d+)$/.exec(value ?? "");
      if (!m) {
        out[account] = value;
        continue;
      }
      let whole = "";
      for (let i = 0; i < Number(m[2]); i++) {
        const part = `${account}#${m[1]}.${i}`;
        if (!byAccount.has(part)) throw new Error(`keychain: part ${part} missing`);
        used.add(part);
        whole += byAccount.get(part);
      }
      out[account] = whole;
    }
    const stray = [...byAccount.keys()].filter((a) => a.includes("#") && !used.has(a));
    if (stray.length) throw new Error(`keychain: stray chunk parts ${stray.join(", ")}`);
    return out;
  }

  /** Waits until the keychain's (whole) accounts are exactly `kinds` of `client`; returns the values. */
  async waitKeychain(client, kinds, { timeout = 10_000 } = {}) {
    const want = [...kinds].sort();
    let last = null;
    try {
      return await waitFor(
        () => {
          last = this.keychainValues();
          const got = Object.keys(last)
            .map((a) => (a.split("/").slice(-2, -1)[0] === client ? a.split("/").pop() : a))
            .sort();
          return JSON.stringify(got) === JSON.stringify(want) ? last : null;
        },
        { timeout, interval: 200, what: "keychain entries" },
      );
    } catch (e) {
      throw new Error(`${e.message}: want ${client}/{${want.join(",")}}, have ${JSON.stringify(Object.keys(last ?? {}))}`);
    }
  }

  configDir() {
    return this.opts.demo ? this.p("optin", "demo") : this.p("optin");
  }

  connectionsPath() {
    return path.join(this.configDir(), "connections.json");
  }

  /** The parsed connections.json, or null when there is none. */
  connectionsFile() {
    try {
      return JSON.parse(fs.readFileSync(this.connectionsPath(), "utf8"));
    } catch (e) {
      if (e.code === "ENOENT") return null;
      throw e;
    }
  }

  /** The connection records (an empty list when the file is missing). */
  connections() {
    const f = this.connectionsFile();
    if (!f) return [];
    if (Array.isArray(f)) return f;
    return f.connections ?? [];
  }

  browserOut() {
    try {
      return fs.readFileSync(this.p("browser.out"), "utf8");
    } catch {
      return "";
    }
  }

  /** Lines of UPS_SANDBOX_BROWSER_LOG: [{ms, text}]. */
  browserLog() {
    let t = "";
    try {
      t = fs.readFileSync(this.p("browser.log"), "utf8");
    } catch {
      return [];
    }
    return t
      .split("\n")
      .filter(Boolean)
      .map((l) => ({ ms: Number(l.split(" ", 1)[0]), text: l }));
  }

  appLog() {
    try {
      return fs.readFileSync(this.p("logs", "wizard.log"), "utf8");
    } catch {
      return "";
    }
  }

  /** Files under this scenario's folders (HOME, XDG dirs, config) whose bytes contain `needle`. */
  filesContaining(needle) {
    const hits = [];
    const buf = Buffer.from(needle);
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const f = path.join(d, e.name);
        if (e.isDirectory()) walk(f);
        else if (e.isFile()) {
          try {
            if (fs.readFileSync(f).includes(buf)) hits.push(f);
          } catch {
            // unreadable
          }
        }
      }
    };
    walk(this.dir);
    return hits;
  }

  /** Runs `xdg-open url` as a desktop would (detached; a cold start would block until the app exits). */
  xdgOpen(url) {
    const child = spawn("xdg-open", [url], { env: this.env, stdio: "ignore", detached: true });
    child.unref();
    return child;
  }

  /** POST/GET a sandbox control endpoint (/__sandbox/...) of `base`. */
  async sandbox(base, method, pathName, body) {
    const res = await fetch(base + pathName, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${pathName} -> ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  // --- end

  async saveArtifacts(reason) {
    const out = path.join(ARTIFACTS, this.name);
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "failure.txt"), String(reason?.stack ?? reason));
    if (this.ui) {
      await this.ui.screenshot(path.join(out, "screenshot.png")).catch(() => {});
      await this.ui
        .text()
        .then((t) => fs.writeFileSync(path.join(out, "page.txt"), t))
        .catch(() => {});
      await this.session
        .source()
        .then((t) => fs.writeFileSync(path.join(out, "page.html"), t))
        .catch(() => {});
    }
    const copy = (from, to) => {
      try {
        fs.copyFileSync(from, path.join(out, to));
      } catch {
        // not there
      }
    };
    copy(this.p("logs", "wizard.log"), "wizard.log");
    copy(this.p("driver.log"), "driver.log");
    copy(this.p("browser.out"), "browser.out");
    copy(this.p("browser.log"), "browser.log");
    copy(this.connectionsPath(), "connections.json");
    fs.writeFileSync(path.join(out, "keychain.json"), JSON.stringify(this.keychain().map(({ secret, ...rest }) => rest), null, 2));
    console.log(`[e2e] ${this.name}: artifacts in ${out}`);
  }

  async stop() {
    await this.quit();
    if (this.driver) await stopChild(this.driver.child);
    this.driver = null;
    if (this.opts.keychain === "shared") clearKeychain(this.env);
    if (this.bus) await stopChild(this.bus.child);
    this.bus = null;
    if (process.env.E2E_KEEP_TMP !== "1") {
      // WebKit's helpers may still be writing their caches for a moment.
      try {
        fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch (e) {
        console.log(`[e2e] ${this.name}: could not remove ${this.dir}: ${e.message}`);
      }
    }
  }
}

/** Runs `body(scenario)`; on failure keeps artifacts; always cleans up. */
export async function withScenario(name, opts, body) {
  const sc = await Scenario.start(name, opts);
  try {
    await body(sc);
  } catch (e) {
    await sc.saveArtifacts(e).catch((x) => console.log(`[e2e] artifacts failed: ${x.message}`));
    throw e;
  } finally {
    await sc.stop();
  }
}

/** Prints a timing line for the benchmarks: `timing: <name>=<ms>`. */
export function timing(name, ms) {
  console.log(`timing: ${name}=${Math.round(ms)}`);
}

// ---------------------------------------------------------------- the wizard

/**
 * Walks Welcome → Environment → Credentials to the Opt in screen.
 * @param {Ui} ui
 * @param {{label: string, method?: "browser"|"client_credentials", route?: "deep_link"|"loopback",
 *          environment?: "sandbox"|{custom: string}, clientId?: string, clientSecret?: string,
 *          accounts?: string[], shots?: string|null}} o
 */
export async function walkWizard(ui, o) {
  const shots = o.shots ?? null;
  await ui.waitScreen(S.welcome.title);
  if (shots) await ui.shot(`${shots}-1-welcome`);
  await ui.check(S.welcome.step1);
  await ui.check(S.welcome.step2);
  await ui.check(S.welcome.step3);
  await ui.click(S.welcome.start);

  await ui.waitScreen(S.environment.title);
  const env = o.environment ?? "sandbox";
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
    await ui.fill(S.credentials.clientId, o.clientId);
    await ui.fill(S.credentials.clientSecret, o.clientSecret);
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
