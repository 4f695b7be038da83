// A scenario: a fresh environment, tauri-driver, the app under WebDriver, and read-back of what the app stored; artifacts on failure.
// (Part of the e2e harness; import from ./harness.mjs.)

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { APP_BIN, ARTIFACTS, DEMO_APP_BIN, FAKE_BROWSER, SANDBOX_BIN, TAURI_DRIVER } from "./paths.mjs";
import { S } from "./strings.mjs";
import { Session, status } from "./webdriver.mjs";
import { startPrivateBus } from "./bus.mjs";
import { ensureDisplay } from "./display.mjs";
import { clearKeychain, readKeychain } from "./keychain.mjs";
import { appPids, stopChild, track, waitAppGone } from "./processes.mjs";
import { Ui } from "./ui.mjs";
import { debug, freePort, waitFor } from "./wait.mjs";

const DRIVER_ENV_DROP = ["DBUS_SESSION_BUS_ADDRESS", "BROWSER", "UPS_OPTIN_CONFIG_DIR", "UPS_OPTIN_LOG_DIR"];

export class Scenario {
  /**
   * @param {string} name  short slug (artifact folder)
   * @param {{demo?: boolean, sandbox?: boolean, keychain?: "shared"|"none", browser?: Record<string,string>,
   *          env?: Record<string,string|null>, tls?: "trusted"|"untrusted",
   *          proxy?: boolean|{user: string, password: string}}} opts
   *   demo: run the demo build with `--demo` (its embedded sandbox; one scenario does);
   *   otherwise the app as bundled, against `ups-sandbox serve` started here
   *   (`sandbox: false` to start none), which the wizard reaches as a Custom environment.
   *   tls: the sandbox serves https with a certificate from a private CA made at start;
   *   the app's trust store (SSL_CERT_FILE) holds that CA ("trusted") or nothing
   *   but Mozilla's public roots ("untrusted": a company CA nobody installed).
   *   proxy: a tinyproxy of this scenario on a free loopback port (with that Basic
   *   login when given), as HTTPS_PROXY.
   */
  constructor(name, opts) {
    this.name = name;
    this.opts = { demo: false, keychain: "shared", ...opts };
    this.opts.sandbox = !this.opts.demo && this.opts.sandbox !== false;
    /** Base URL of this scenario's `ups-sandbox serve` (null in demo mode). */
    this.sandboxBase = null;
    this.sandboxChild = null;
    /** This scenario's tinyproxy: {child, url, log}. */
    this.proxy = null;
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
    if (this.opts.tls) {
      fs.writeFileSync(this.p("untrusted.pem"), "");
      env.SSL_CERT_FILE = this.opts.tls === "trusted" ? this.p("ca.pem") : this.p("untrusted.pem");
      delete env.SSL_CERT_DIR;
    }
    this.env = env;
    if (this.opts.proxy) await this.#startProxy();
    this.setBrowser(this.opts.browser ?? {});
    if (this.opts.keychain === "shared") clearKeychain(env);
    if (this.opts.sandbox) await this.#startSandbox();
    await this.#startDriver();
  }

  /** Debian's tinyproxy with a configuration of its own on a free loopback port (never the system service). */
  async #startProxy() {
    const port = await freePort();
    const log = this.p("tinyproxy.log");
    let conf = `Port ${port}\nListen 127.0.0.1\nTimeout 30\nAllow 127.0.0.1\nLogFile "${log}"\nLogLevel Info\nPidFile "${this.p("tinyproxy.pid")}"\n`;
    if (typeof this.opts.proxy === "object") conf += `BasicAuth ${this.opts.proxy.user} ${this.opts.proxy.password}\n`;
    fs.writeFileSync(this.p("tinyproxy.conf"), conf);
    const bin = ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"].find((b) => fs.existsSync(b));
    if (!bin) throw new Error("tinyproxy is not installed: run scripts/setup.sh");
    const child = track(spawn(bin, ["-d", "-c", this.p("tinyproxy.conf")], { stdio: "ignore" }));
    const url = `http://127.0.0.1:${port}`;
    this.proxy = { child, url, log };
    await waitFor(() => fs.existsSync(log) && fs.readFileSync(log, "utf8").includes("Accepting connections"), {
      timeout: 10_000,
      what: "tinyproxy listening",
    });
    this.env.HTTPS_PROXY = url;
  }

  /** The CONNECT requests this scenario's proxy received for `hostPort`. */
  proxyConnects(hostPort) {
    const text = this.proxy ? fs.readFileSync(this.proxy.log, "utf8") : "";
    return text.split("\n").filter((l) => l.includes(`CONNECT ${hostPort} HTTP/1.1`)).length;
  }

  /** `ups-sandbox serve` on a free loopback port, as the UPS of this scenario. */
  async #startSandbox() {
    const log = fs.openSync(this.p("sandbox.log"), "a");
    const args = ["serve", "--print-json", ...(this.opts.tls ? ["--tls-ca-out", this.p("ca.pem")] : [])];
    const child = track(spawn(SANDBOX_BIN, args, { env: this.env, stdio: ["ignore", "pipe", log] }));
    fs.closeSync(log);
    this.sandboxChild = child;
    const line = await new Promise((resolve, reject) => {
      let buf = "";
      const timer = setTimeout(() => reject(new Error("ups-sandbox serve printed no address in 10 s")), 10_000);
      child.stdout.on("data", (d) => {
        buf += d;
        const nl = buf.indexOf("\n");
        if (nl >= 0) {
          clearTimeout(timer);
          resolve(buf.slice(0, nl));
        }
      });
      child.on("exit", (code) => reject(new Error(`ups-sandbox serve exited (${code})`)));
    });
    this.sandboxBase = JSON.parse(line).base_url;
    debug(`${this.name}: sandbox at ${this.sandboxBase}`);
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
    const application = this.opts.demo ? DEMO_APP_BIN : APP_BIN;
    if (appPids().length) await waitAppGone();
    const t0 = Date.now();
    this.session = await Session.create(this.driver.base, {
      alwaysMatch: { "tauri:options": { application, args } },
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
    copy(this.p("sandbox.log"), "sandbox.log");
    copy(this.connectionsPath(), "connections.json");
    fs.writeFileSync(path.join(out, "keychain.json"), JSON.stringify(this.keychain().map(({ secret, ...rest }) => rest), null, 2));
    console.log(`[e2e] ${this.name}: artifacts in ${out}`);
  }

  async stop() {
    await this.quit();
    if (this.driver) await stopChild(this.driver.child);
    this.driver = null;
    if (this.sandboxChild) await stopChild(this.sandboxChild);
    this.sandboxChild = null;
    if (this.proxy) await stopChild(this.proxy.child);
    this.proxy = null;
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
