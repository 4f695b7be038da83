// Where the page's start-up time goes, in the real webview: launches the app
// (E2E_BIN_DIR's release build) with N connections and prints the navigation
// timing, each resource's fetch and the UI's User Timing marks, in ms from the
// navigation start. A look, not a benchmark: `node bench/lib/page-probe.mjs [n] [runs] [accounts]`
// inside scripts/with-session.sh.
import fs from "node:fs";
import path from "node:path";

import { Scenario, waitFor } from "../../e2e/lib/harness.mjs";
import { connectionsFile } from "./scale-bench.mjs";

const n = Number(process.argv[2] || 1);
const runs = Number(process.argv[3] || 3);
const m = Number(process.argv[4] || n);
const TIMELINE = `const nav = performance.getEntriesByType('navigation')[0];
  const end = performance.getEntriesByName(arguments[0])[0];
  if (!end) return null;
  const out = [];
  for (const k of ['fetchStart','responseStart','responseEnd','domInteractive','domContentLoadedEventStart','loadEventStart']) out.push([k, nav[k]]);
  for (const r of performance.getEntriesByType('resource')) out.push(['fetch ' + r.name.replace(/^.*\\//, ''), r.startTime, r.responseEnd]);
  for (const m of performance.getEntriesByType('mark')) out.push(['mark ' + m.name, m.startTime]);
  for (const p of performance.getEntriesByType('paint')) out.push(['paint ' + p.name, p.startTime]);
  return out.sort((a, b) => a[1] - b[1]);`;

for (let r = 0; r < runs; r++) {
  const sc = await Scenario.start(`probe-${n}-${r}`, { demo: false, sandbox: false });
  try {
    if (n > 0) {
      fs.mkdirSync(sc.configDir(), { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(sc.configDir(), "connections.json"), JSON.stringify(connectionsFile(n, m)));
    }
    const ui = await sc.launch([]);
    const endMark = n > 0 ? "status-screen-rendered" : "ui-start";
    const t = await waitFor(() => ui.s.execute(TIMELINE, [endMark]), { timeout: 60_000, interval: 50, what: "timeline" });
    console.log(`--- run ${r + 1} (${n} connections, ${m} accounts)`);
    for (const [k, a, b] of t) console.log(`${a.toFixed(1).padStart(8)}${b === undefined ? "        " : ` →${b.toFixed(1).padStart(6)}`}  ${k}`);
  } finally {
    await sc.stop().catch(() => {});
  }
}
