// Status screen at scale, in the real webview (release build): N connections
// holding M shipper accounts between them are written to connections.json
// before launch; the time is the UI's script start → the first status screen
// rendered with every card and every account row it shows (long lists show 10
// rows until "Show all", and with more than 4 connections a Connected card
// shows a summary line until "Show details"; see rowsShownIn), from the UI's
// User Timing marks (see RENDERED). Compared with 1 connection holding 1
// account, in alternating runs.
//
//   bench/app.sh                          # builds, then runs this with the rest
//   BENCH_ONLY=scale BENCH_SKIP_BUILD=1 bench/app.sh
//   BENCH_SCALE="1/1,5/125,10/250,20/500" # the sizes (connections/accounts)
//
// Prints `RESULT status_scale_<n>_<m>_ms <median> ms <median at 1/1>` and
// `RESULT status_scale_<n>_<m>_extra_ms <median - median at 1/1> ms`, so the
// table shows the ratio and the extra time; the goal is ≤ 100 ms extra at
// 20/500 and growth in proportion to the size.
//
// Runs inside scripts/with-session.sh through bench/app.sh, with the e2e
// harness (E2E_BIN_DIR=$BENCH_BIN: the release binaries). The connections are
// records only: no keychain entry is needed to show a card.

import fs from "node:fs";
import path from "node:path";

import { Scenario, waitFor } from "../../e2e/lib/harness.mjs";

const RUNS = Number(process.env.BENCH_SCALE_RUNS || process.env.BENCH_FLOW_RUNS || 5);
const SIZES = (process.env.BENCH_SCALE || "1/1,5/125,10/250,20/500").split(",").map((s) => {
  const [n, m] = s.split("/").map(Number);
  if (!(n >= 1 && m >= 0)) throw new Error(`BENCH_SCALE: "${s}" is not <connections>/<accounts>`);
  return { n, m };
});

const log = (...a) => console.log("[bench]", ...a);
const fmt = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
const result = (name, ours, unit, baseline) =>
  console.log(`RESULT ${name} ${fmt(ours)} ${unit}${baseline === undefined ? "" : ` ${fmt(baseline)}`}`);

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

/** connections.json with `n` connections and `m` accounts spread over them (mixed states, every 7th refused). */
export function connectionsFile(n, m, now = new Date()) {
  const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
  const later = (h) => iso(new Date(now.getTime() + h * 3_600_000));
  const per = Math.floor(m / n);
  const connections = Array.from({ length: n }, (_, i) => {
    const count = i === n - 1 ? m - per * (n - 1) : per;
    const browser = i % 2 === 0;
    return {
      id: (0x100000000000 + i).toString(16).slice(-12),
      label: `Shop ${i + 1}`,
      environment: "cie",
      client_id: `scale-client-${String(i).padStart(4, "0")}`,
      method: browser ? "browser" : "client_credentials",
      redirect_uri: browser ? "upsoptin://oauth/callback" : null,
      route: browser ? "deep_link" : null,
      token_auth: "basic",
      accounts: Array.from({ length: count }, (_, k) => ({
        number: `${String.fromCharCode(65 + (i % 26))}${String(k).padStart(5, "0")}`,
        verified: k % 7 !== 0,
        message: k % 7 === 0 ? "Not associated with this UPS.com user." : null,
        checked_at: iso(now),
      })),
      access_token_expires_at: later(4),
      refresh_token_expires_at: browser ? later(24 * 60) : null,
      last_refresh_at: iso(now),
      created_at: iso(now),
      last_error: null,
      reopt_needed: i % 5 === 4,
      connected: true,
    };
  });
  return { schema: 1, connections };
}

/**
 * Account rows a card shows at first: a long list (more than 12) is collapsed
 * to 10 rows behind "Show all N accounts" (ui/src/components/AccountStatusList.svelte).
 */
export const rowsShown = (count) => (count > 12 ? 10 : count);

/**
 * Account rows a card shows at first in a list of `n`: with more than 4
 * connections a Connected card is a one-line summary with its details on
 * request (ui/src/screens/StatusScreen.svelte: COMPACT_AFTER), so only the
 * cards that need attention (here the re-opt-in ones) show rows.
 */
export const rowsShownIn = (connection, n) =>
  n > 4 && !connection.reopt_needed ? 0 : rowsShown(connection.accounts.length);

/**
 * The UI's User Timing marks: `ui-start` (main.ts: its script starts) →
 * `status-screen-rendered` (StatusScreen.svelte: the first status screen
 * mounted, styled and laid out), in ms, with the cards and account rows in the
 * DOM then; null before it. This span holds what grows with the number of
 * connections and accounts (`list_connections` reading and sending every
 * record, rendering, style, layout) and none of the process, WebKit and
 * WebDriver start-up (≈ 4 s under tauri-driver, ±0.5 s), which would drown it.
 */
const RENDERED = `const start = performance.getEntriesByName('ui-start')[0];
  const end = performance.getEntriesByName('status-screen-rendered')[0];
  if (!start || !end) return null;
  return {
    ms: end.startTime - start.startTime,
    cards: document.querySelectorAll('article[data-connection-id]').length,
    rows: document.querySelectorAll('article[data-connection-id] ul.accounts > li').length,
  };`;

async function once(n, m, tag) {
  const sc = await Scenario.start(`scale-${n}-${m}-${tag}`, { demo: false, sandbox: false });
  try {
    fs.mkdirSync(sc.configDir(), { recursive: true, mode: 0o700 });
    const file = connectionsFile(n, m);
    fs.writeFileSync(path.join(sc.configDir(), "connections.json"), JSON.stringify(file));
    const rows = file.connections.reduce((sum, c) => sum + rowsShownIn(c, n), 0);
    const ui = await sc.launch([]);
    const rendered = await waitFor(() => ui.s.execute(RENDERED), {
      timeout: 60_000,
      interval: 20,
      what: `the status screen with ${n} cards and ${m} accounts rendered`,
    });
    if (rendered.cards !== n || rendered.rows !== rows) {
      throw new Error(`rendered with ${rendered.cards} cards and ${rendered.rows} account rows; expected ${n} and ${rows}`);
    }
    return rendered.ms;
  } catch (e) {
    await sc.saveArtifacts(e).catch(() => {});
    throw e;
  } finally {
    await sc.stop().catch(() => {});
  }
}

export async function statusAtScale() {
  const base = SIZES.find((s) => s.n === 1 && s.m === 1) ?? { n: 1, m: 1 };
  const sizes = [base, ...SIZES.filter((s) => s !== base)];
  const times = new Map(sizes.map((s) => [`${s.n}/${s.m}`, []]));
  // One discarded warm-up (page cache, fonts), then the sizes in turn, so
  // drift on the machine touches every size alike.
  await once(base.n, base.m, "warmup");
  for (let r = 0; r < RUNS; r++) {
    for (const s of sizes) {
      const t = await once(s.n, s.m, `run${r + 1}`);
      times.get(`${s.n}/${s.m}`).push(t);
      log(`status at ${s.n}/${s.m} run ${r + 1}: ${t.toFixed(1)} ms`);
    }
  }
  const baseline = median(times.get(`${base.n}/${base.m}`));
  for (const s of sizes) {
    const med = median(times.get(`${s.n}/${s.m}`));
    result(`status_scale_${s.n}_${s.m}_ms`, med, "ms", baseline);
    if (s !== base) result(`status_scale_${s.n}_${s.m}_extra_ms`, med - baseline, "ms");
  }
}
