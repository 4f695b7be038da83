// The running-app part of bench/app.sh. Runs inside scripts/with-session.sh (a
// private D-Bus session with an unlocked gnome-keyring). Prints
// `RESULT <name> <ours> <unit> [<baseline>]` lines.
//
// Binaries come from $BENCH_BIN (release copies made by bench/app.sh):
// ups-optin-wizard, bare-tauri, ups-optin, ups-sandbox. The GUI flows reuse the
// end-to-end harness (e2e/lib, read-only) with E2E_BIN_DIR=$BENCH_BIN.

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { ensureDisplay, S, Scenario, stopDisplay, walkWizard, waitFor } from "../../e2e/lib/harness.mjs";
import { statusAtScale } from "./scale-bench.mjs";

const BIN = process.env.BENCH_BIN;
const OUT = process.env.BENCH_OUT;
const RUNS = Number(process.env.BENCH_RUNS || 9);
const FLOW_RUNS = Number(process.env.BENCH_FLOW_RUNS || 3);
const HANDOFF_RUNS = Number(process.env.BENCH_HANDOFF_RUNS || RUNS);
const IDLE_MS = 3_000;
if (!BIN || !OUT) throw new Error("run through bench/app.sh (BENCH_BIN, BENCH_OUT)");

const log = (...a) => console.log("[bench]", ...a);
const result = (name, ours, unit, baseline) =>
  console.log(`RESULT ${name} ${fmt(ours)} ${unit}${baseline === undefined ? "" : ` ${fmt(baseline)}`}`);
const fmt = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function p95(v) {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

// ---------------------------------------------------------------- processes and memory

function procStat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = s.lastIndexOf(")");
    const comm = s.slice(s.indexOf("(") + 1, close);
    const fields = s.slice(close + 2).split(" ");
    return { pid, comm, ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

/** `pid` and all its descendants: [{pid, comm}]. */
function tree(pid) {
  const all = fs
    .readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .map((p) => procStat(Number(p)))
    .filter(Boolean);
  const out = [];
  const want = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!want.has(p.pid) && want.has(p.ppid)) {
        want.add(p.pid);
        grew = true;
      }
    }
  }
  for (const p of all) if (want.has(p.pid)) out.push(p);
  return out;
}

function pssKiB(pid) {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function freshEnv(tag) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ups-bench-${tag}-`));
  const p = (d) => {
    const f = path.join(dir, d);
    fs.mkdirSync(f, { recursive: true, mode: 0o700 });
    return f;
  };
  const env = {
    ...process.env,
    HOME: p("home"),
    XDG_DATA_HOME: p("data"),
    XDG_CONFIG_HOME: p("config"),
    XDG_STATE_HOME: p("state"),
    XDG_CACHE_HOME: p("cache"),
    XDG_RUNTIME_DIR: p("runtime"),
    UPS_OPTIN_CONFIG_DIR: p("optin"),
    UPS_OPTIN_LOG_DIR: p("logs"),
    UPS_OPTIN_BENCH: "1",
    NO_AT_BRIDGE: "1",
    GTK_A11Y: "none",
    // Software rendering, as in the end-to-end suite: Xvfb has no GPU.
    WEBKIT_DISABLE_COMPOSITING_MODE: "1",
    WEBKIT_DISABLE_DMABUF_RENDERER: "1",
    LIBGL_ALWAYS_SOFTWARE: "1",
  };
  delete env.BROWSER;
  return { dir, env };
}

/**
 * Starts `bin`, waits for its `bench: first_ipc_ms=` line, waits IDLE_MS, sums
 * the PSS of the process tree, then ends it. Times: spawn → line as seen here
 * (external) and the app's own count from the top of main/run (internal).
 */
async function startOnce(bin, args, tag) {
  await busQuiet();
  const { dir, env } = freshEnv(tag);
  const t0 = performance.now();
  const child = spawn(bin, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((r) => child.once("exit", r));
  let buf = "";
  const line = await Promise.race([
    new Promise((resolve) => {
      child.stdout.on("data", (d) => {
        buf += d;
        const m = /^bench: first_ipc_ms=(\d+)$/m.exec(buf);
        if (m) resolve({ t: performance.now(), internal: Number(m[1]) });
      });
    }),
    exited.then((c) => {
      throw new Error(`${tag} exited (${c}) before answering: ${stderr.slice(-800)}`);
    }),
    sleep(60_000).then(() => {
      throw new Error(`${tag}: no bench line within 60 s: ${stderr.slice(-800)}`);
    }),
  ]);
  await sleep(IDLE_MS);
  const procs = tree(child.pid).map((p) => ({ ...p, pss: pssKiB(p.pid) }));
  const pss = procs.reduce((a, p) => a + p.pss, 0);
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(5_000)]);
  for (const p of procs) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  if (child.exitCode === null && child.signalCode === null) await exited;
  await sleep(300);
  fs.rmSync(dir, { recursive: true, force: true });
  return { external: line.t - t0, internal: line.internal, pss, procs, marks: marksOf(buf, child.pid) };
}

/** `bench: mark <name> pid=<pid> t_ms=<ms> unix_ms=<ms>` lines of process `pid`: {name: {t, unix}} (first of each). */
function marksOf(text, pid) {
  const out = {};
  for (const m of text.matchAll(/^bench: mark (\S+) pid=(\d+) t_ms=([\d.]+) unix_ms=([\d.]+)$/gm)) {
    if (pid !== undefined && Number(m[2]) !== pid) continue;
    if (!(m[1] in out)) out[m[1]] = { t: Number(m[3]), unix: Number(m[4]) };
  }
  return out;
}

/** Wall-clock ms with sub-ms precision, comparable with the apps' `unix_ms`. */
const wallMs = () => performance.timeOrigin + performance.now();

async function startupAndMemory() {
  const ours = [`${BIN}/ups-optin-wizard`, []];
  const bare = [`${BIN}/bare-tauri`, []];
  // One discarded warm-up each (page cache, fontconfig cache), then alternate.
  await startOnce(...ours, "ours");
  await startOnce(...bare, "bare");
  const r = { ours: [], bare: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const [name, spec] of [["ours", ours], ["bare", bare]]) {
      const x = await startOnce(...spec, name);
      r[name].push(x);
      log(`${name} run ${i + 1}: first IPC ${x.external.toFixed(0)} ms (internal ${x.internal} ms), PSS ${(x.pss / 1024).toFixed(1)} MiB: ${x.procs.map((p) => `${p.comm}=${(p.pss / 1024).toFixed(1)}`).join(" ")}`);
    }
  }
  const med = (k, f) => median(r[k].map(f));
  result("startup_first_ipc_ms", med("ours", (x) => x.external), "ms", med("bare", (x) => x.external));
  const min = (k, f) => Math.min(...r[k].map(f));
  result("startup_first_ipc_min_ms", min("ours", (x) => x.external), "ms", min("bare", (x) => x.external));
  result("startup_first_ipc_internal_ms", med("ours", (x) => x.internal), "ms", med("bare", (x) => x.internal));
  result("idle_pss_mib", med("ours", (x) => x.pss / 1024), "MiB", med("bare", (x) => x.pss / 1024));
  // Where the wizard's start-up goes: medians of its own marks (ms since run() began).
  const steps = ["builder", "setup", "core_ready", "window_created", "setup_done", "first_ipc"];
  const prof = steps
    .filter((k) => r.ours.every((x) => x.marks[k]))
    .map((k) => [k, median(r.ours.map((x) => x.marks[k].t))]);
  log(`start-up profile (wizard, median ms since run()): ${prof.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}`);
  for (const [k, v] of prof) result(`startup_mark_${k}_ms`, v, "ms");
  // The bare app's two marks: its setup hook (the configured window exists) and its first answer.
  const bareProf = ["setup", "first_ipc"]
    .filter((k) => r.bare.every((x) => x.marks[k]))
    .map((k) => [k, median(r.bare.map((x) => x.marks[k].t))]);
  log(`start-up profile (bare, median ms since main()): ${bareProf.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}`);
  for (const [k, v] of bareProf) result(`startup_bare_mark_${k}_ms`, v, "ms");
  const last = r.ours.at(-1).procs.map((p) => p.comm).join(",");
  log(`process tree measured (ours): ${last}; bare: ${r.bare.at(-1).procs.map((p) => p.comm).join(",")}`);
}

/**
 * Waits until no app holds a single-instance name on the session bus: a copy
 * still leaving the bus would receive the next launch's arguments and make it exit.
 */
async function busQuiet(timeout = 15_000) {
  const names = () =>
    spawnSync(
      "dbus-send",
      ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"],
      { encoding: "utf8" },
    ).stdout ?? "";
  await waitFor(() => !/SingleInstance/i.test(names()), { timeout, interval: 50, what: "single-instance names released" });
}

/** A GUI scenario of the e2e harness, started once the bus is quiet; one retry when the launch fails. */
async function launched(name, opts) {
  for (let attempt = 1; ; attempt++) {
    await busQuiet();
    const sc = await Scenario.start(`${name}${attempt > 1 ? `-retry${attempt}` : ""}`, opts);
    try {
      const ui = await sc.launch();
      return { sc, ui };
    } catch (e) {
      await sc.saveArtifacts(e).catch(() => {});
      await sc.stop().catch(() => {});
      if (attempt >= 2) throw e;
      log(`${name}: launch failed (${e.message}); retrying once`);
    }
  }
}

// ---------------------------------------------------------------- loopback round trip

/** One GET on a fresh TCP connection; ms. */
function roundTrip(url) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(performance.now() - t0));
      })
      .on("error", reject);
  });
}

async function roundTrips(url, n = 50) {
  for (let i = 0; i < 5; i++) await roundTrip(url);
  const t = [];
  for (let i = 0; i < n; i++) t.push(await roundTrip(url));
  return t;
}

// ---------------------------------------------------------------- GUI flows (WebDriver)

/** Polls quickly (one WebDriver script per poll) until `label`'s card is connected on the status screen. */
async function connectedAt(ui, label, timeout = 30_000) {
  const script = `const [label] = arguments;
    const h = document.querySelector('main h1');
    if (!h || h.textContent.trim() !== ${JSON.stringify(S.status.title)}) return false;
    return [...document.querySelectorAll('article')].some((a) => {
      const t = document.getElementById(a.getAttribute('aria-labelledby'));
      return t && t.textContent.trim() === label && /state-connected/.test(a.className);
    });`;
  await waitFor(() => ui.s.execute(script, [label]), { timeout, interval: 5, what: `${label} connected` });
  return Date.now();
}

function tokensStored(sc) {
  const kinds = sc.keychainAccounts().map((a) => a?.split("/").at(-1));
  return kinds.includes("access-token") && kinds.includes("refresh-token") && kinds.includes("client-secret");
}

async function optInToConnected() {
  const t = [];
  for (let i = 0; i < FLOW_RUNS; i++) {
    const { sc, ui } = await launched(`bench-optin-${i}`, {});
    try {
      const label = `Bench shop ${i}`;
      await walkWizard(ui, { label, route: "deep_link" });
      const t0 = Date.now();
      await ui.click(S.optIn.button);
      const t1 = await connectedAt(ui, label);
      t.push(t1 - t0);
      log(`opt in → Connected run ${i + 1}: ${t1 - t0} ms`);
    } catch (e) {
      await sc.saveArtifacts(e).catch(() => {});
      throw e;
    } finally {
      await sc.stop();
    }
  }
  result("optin_to_connected_ms", median(t), "ms");
}

async function deepLinkToKeychain() {
  const t = [];
  const ui_t = [];
  const stored = [];
  let base = null;
  for (let i = 0; i < FLOW_RUNS; i++) {
    const benchLog = path.join(OUT, `deeplink-${i}.bench.log`);
    fs.rmSync(benchLog, { force: true });
    const { sc, ui } = await launched(`bench-deeplink-${i}`, {
      browser: { UPS_SANDBOX_BROWSER_HANDOFF: "print" },
      env: { UPS_OPTIN_BENCH: "1", UPS_OPTIN_BENCH_LOG: benchLog },
    });
    try {
      const label = `Link shop ${i}`;
      await walkWizard(ui, { label, route: "deep_link" });
      await ui.click(S.optIn.button);
      await ui.find("heading", S.optIn.waitingTitle);
      const callback = await waitFor(() => /^upsoptin:\/\/oauth\/callback\?\S+$/m.exec(sc.browserOut())?.[0], {
        what: "the printed callback URL",
      });
      if (sc.keychainAccounts().length) throw new Error("keychain not empty before the link");
      // Poll the keychain the way a user of it would (secret-tool), as fast as it answers.
      const t0 = Date.now();
      sc.xdgOpen(callback);
      await waitFor(() => tokensStored(sc), { timeout: 30_000, interval: 0, what: "tokens in the keychain" });
      const t1 = Date.now();
      const t2 = await connectedAt(ui, label);
      t.push(t1 - t0);
      ui_t.push(t2 - t0);
      log(`xdg-open → tokens in keychain run ${i + 1}: ${t1 - t0} ms (card Connected at ${t2 - t0} ms)`);
      // Inside the wizard: link received → complete() returned (tokens stored), and the HTTP and keychain time within.
      const m = await waitFor(
        () => /^bench: link_stored_ms=([\d.]+) http_ms=([\d.]+) keychain_ms=([\d.]+) keychain_writes=(\d+)$/m.exec(fs.readFileSync(benchLog, "utf8")),
        { timeout: 10_000, what: "the wizard's link_stored line" },
      );
      const [total, httpMs, keychainMs, writes] = m.slice(1).map(Number);
      stored.push({ total, httpMs, keychainMs, writes, own: total - httpMs - keychainMs });
      log(`link received → tokens stored run ${i + 1}: ${total.toFixed(2)} ms = HTTP ${httpMs.toFixed(2)} + keychain ${keychainMs.toFixed(2)} (${writes} writes) + own ${(total - httpMs - keychainMs).toFixed(2)}`);
      // This scenario's sandbox (`ups-sandbox serve`; each scenario has its own), still running.
      base = sc.sandboxBase;
      if (!base) throw new Error("the scenario has no sandbox");
      // The baseline, against the same (still running) sandbox.
      if (i === FLOW_RUNS - 1) {
        const rt = await roundTrips(`${base}/__sandbox/health`);
        result("deeplink_to_keychain_ms", median(t), "ms", median(rt));
        log(`loopback round trip (fresh connection) median ${median(rt).toFixed(2)} ms, p95 ${p95(rt).toFixed(2)} ms`);
      }
    } catch (e) {
      await sc.saveArtifacts(e).catch(() => {});
      throw e;
    } finally {
      await sc.stop();
    }
  }
  result("deeplink_to_connected_card_ms", median(ui_t), "ms");
  // Goal: own work ≤ 10 ms on top of the round trip and the keychain writes.
  result("link_to_stored_ms", median(stored.map((x) => x.total)), "ms", median(stored.map((x) => x.httpMs + x.keychainMs)));
  result("link_to_stored_own_ms", median(stored.map((x) => x.own)), "ms", 10);
}

// ---------------------------------------------------------------- link hand-off, both apps

/** Registers `bin` as the handler of `scheme` in `env`'s XDG data dir, as the wizard registers itself. */
function registerHandler(env, desktopFile, text, scheme) {
  const dir = path.join(env.XDG_DATA_HOME, "applications");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, desktopFile), text);
  const r = spawnSync("xdg-mime", ["default", desktopFile, `x-scheme-handler/${scheme}`], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`xdg-mime default failed: ${r.stderr}`);
  spawnSync("update-desktop-database", [dir], { env });
}

const entry = (name, bin, scheme) =>
  `[Desktop Entry]\nType=Application\nName=${name}\nComment=Receives UPS sign-in answers\nExec=${bin} %u\nTerminal=false\nNoDisplay=true\nMimeType=x-scheme-handler/${scheme};\n`;

/**
 * One hand-off: start the app (already registered as the scheme's handler),
 * wait for its first screen and a settle time, then `xdg-open <url>` and wait
 * for the running app's `mark link_received`. Returns ms from spawning
 * xdg-open to the mark (wall clocks of the two processes).
 */
async function handoffOnce(bin, scheme, url, desktopFile, tag) {
  await busQuiet();
  const { dir, env } = freshEnv(tag);
  registerHandler(env, desktopFile, entry(tag === "ours" ? "UPS Opt-In Wizard (handler)" : "Bare Tauri (handler)", bin, scheme), scheme);
  const child = spawn(bin, [], { env, stdio: ["ignore", "pipe", "pipe"] });
  let buf = "";
  let stderr = "";
  child.stdout.on("data", (d) => (buf += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((r) => child.once("exit", r));
  try {
    await waitFor(() => /^bench: first_ipc_ms=/m.test(buf), { timeout: 60_000, interval: 10, what: `${tag} first screen` });
    // The same settle time for both (the wizard registers its handler off the UI thread after the window shows).
    await sleep(1_000);
    const t0 = wallMs();
    const opener = spawn("xdg-open", [url], { env, stdio: "ignore", detached: true });
    opener.unref();
    const got = await waitFor(() => marksOf(buf, child.pid).link_received, {
      timeout: 30_000,
      interval: 5,
      what: `${tag} link received (stderr: ${stderr.slice(-400)})`,
    });
    return got.unix - t0;
  } finally {
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(5_000)]);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
    await sleep(300);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function handoff() {
  const ours = [`${BIN}/ups-optin-wizard`, "upsoptin", "upsoptin://oauth/callback?code=bench&state=bench", "ups-optin-wizard-handler.desktop", "ours"];
  const bare = [`${BIN}/bare-tauri`, "baretauri", "baretauri://oauth/callback?code=bench&state=bench", "bare-tauri-handler.desktop", "bare"];
  await handoffOnce(...ours);
  await handoffOnce(...bare);
  const r = { ours: [], bare: [] };
  for (let i = 0; i < HANDOFF_RUNS; i++) {
    for (const [name, spec] of [["ours", ours], ["bare", bare]]) {
      const ms = await handoffOnce(...spec);
      r[name].push(ms);
      log(`${name} hand-off run ${i + 1}: xdg-open → link received ${ms.toFixed(1)} ms`);
    }
  }
  result("handoff_link_received_ms", median(r.ours), "ms", median(r.bare));
}

// ---------------------------------------------------------------- ups-optin token

async function tokenCommand() {
  const { dir, env } = freshEnv("cli");
  delete env.UPS_OPTIN_BENCH;
  const sandbox = spawn(`${BIN}/ups-sandbox`, ["serve", "--print-json"], { env, stdio: ["ignore", "pipe", "inherit"] });
  try {
    const info = await new Promise((resolve, reject) => {
      let buf = "";
      sandbox.stdout.on("data", (d) => {
        buf += d;
        const nl = buf.indexOf("\n");
        if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)));
      });
      sandbox.once("exit", (c) => reject(new Error(`ups-sandbox exited (${c})`)));
    });
    const base = info.base_url ?? info.baseUrl ?? info.url;
    const clientId = info.client_id ?? "sandbox-demo-client";
    const secret = info.client_secret ?? "sandbox-demo-secret";
    const login = spawnSync(
      `${BIN}/ups-optin`,
      ["login", "--env", base, "--client-id", clientId, "--method", "client-credentials", "--label", "bench"],
      { env, input: `${secret}\n`, encoding: "utf8", timeout: 60_000 },
    );
    if (login.status !== 0) throw new Error(`ups-optin login failed (${login.status}): ${login.stderr}`);
    const check = spawnSync(`${BIN}/ups-optin`, ["token"], { env, encoding: "utf8" });
    if (check.status !== 0 || !check.stdout.trim()) throw new Error(`ups-optin token failed: ${check.stderr}`);

    const n = Number(process.env.BENCH_TOKEN_RUNS || 50);
    let ours;
    let base_;
    const hf = spawnSync("hyperfine", ["--version"], { encoding: "utf8" });
    if (hf.status === 0) {
      const json = path.join(OUT, "token-hyperfine.json");
      const r = spawnSync(
        "hyperfine",
        ["-N", "--warmup", "5", "--runs", String(n), "--export-json", json, `${BIN}/ups-optin token`, `${BIN}/ups-optin --version`],
        { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      );
      if (r.status !== 0) throw new Error(`hyperfine failed: ${r.stderr}`);
      const [a, b] = JSON.parse(fs.readFileSync(json, "utf8")).results;
      ours = a.times.map((s) => s * 1e3);
      base_ = b.times.map((s) => s * 1e3);
      log(`ups-optin token via hyperfine (${n} runs): median ${median(ours).toFixed(2)} ms, p95 ${p95(ours).toFixed(2)} ms`);
    } else {
      const time = (args) => {
        const t0 = performance.now();
        const r = spawnSync(`${BIN}/ups-optin`, args, { env, stdio: "ignore" });
        if (r.status !== 0) throw new Error(`ups-optin ${args.join(" ")} failed`);
        return performance.now() - t0;
      };
      for (let i = 0; i < 5; i++) time(["token"]), time(["--version"]);
      ours = [];
      base_ = [];
      for (let i = 0; i < n; i++) ours.push(time(["token"])), base_.push(time(["--version"]));
      log(`ups-optin token (loop of ${n}): median ${median(ours).toFixed(2)} ms, p95 ${p95(ours).toFixed(2)} ms`);
    }
    result("cli_token_ms", median(ours), "ms", median(base_));
    result("cli_token_p95_ms", p95(ours), "ms", p95(base_));
  } finally {
    sandbox.kill("SIGTERM");
    spawnSync("secret-tool", ["clear", "service", "ups-optin"], { env });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

const only = (process.env.BENCH_ONLY || "startup,handoff,deeplink,optin,token,scale").split(",");
try {
  process.env.DISPLAY = await ensureDisplay();
  if (only.includes("startup")) await startupAndMemory();
  if (only.includes("handoff")) await handoff();
  if (only.includes("deeplink")) await deepLinkToKeychain();
  if (only.includes("optin")) await optInToConnected();
  if (only.includes("token")) await tokenCommand();
  if (only.includes("scale")) await statusAtScale();
} finally {
  await stopDisplay();
}
process.exit(0);
