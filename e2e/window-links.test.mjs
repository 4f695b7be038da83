// Hostile links and the real window (issue 19, item 1): any web page can fire
// `upsoptin://…`, and the OS hands each link to the running wizard as a second
// launch. A link that answers no login in progress must neither show a hidden
// wizard nor bring a visible one in front of the window the admin is using; a
// bare relaunch still shows it. Asserted on the X11 window itself
// (e2e/bin/x11-window.py: map state, input focus, stacking), never on a log.
// Xvfb runs no window manager: a client that focuses its window raises it and
// takes the X input focus, which is what is read here.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { after, test } from "node:test";

import { stopDisplay, waitFor, withScenario } from "./lib/harness.mjs";
import { APP_BIN, E2E_DIR } from "./lib/paths.mjs";

after(stopDisplay);

const T = { timeout: 180_000 };
const PY = "/usr/bin/python3";
const TITLE = "UPS Opt-In Wizard";
const TOOL = path.join(E2E_DIR, "bin/x11-window.py");
const REJECTED_LINE = /deep link rejected/;

/** The window's real state: {viewable, focused, covered}. */
const windowState = (sc) => JSON.parse(execFileSync(PY, [TOOL, "state", TITLE], { env: sc.env }).toString());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The links of the measurements, and more of the same, `n` in all. */
function hostileLinks(n) {
  const kinds = [
    (i) => `upsoptin://oauth/callback?code=evil${i}&state=evil${i}`,
    (i) => `upsoptin://anything${i}`,
    (i) => `upsoptin://oauth/callback?error=access_denied&state=guess${i}`,
    (i) => `upsoptin://evil.example.invalid/callback?code=x${i}`,
  ];
  return Array.from({ length: n }, (_, i) => kinds[i % kinds.length](i));
}

/** Hands every link over as the OS does (xdg-open → a second launch) and waits until each is gone. */
async function burst(sc, links) {
  await Promise.all(
    links.map((url) => {
      const child = sc.xdgOpen(url);
      return new Promise((r) => {
        child.once("exit", r);
        child.once("error", r);
      });
    }),
  );
  // The running wizard got them (the rejection is how we know they arrived;
  // what is asserted is the window), then a moment for any show/raise to land.
  await waitFor(() => REJECTED_LINE.test(sc.appLog()), { timeout: 20_000, what: "the links handled" });
  await sleep(1_500);
}

/** A bare relaunch, as from the desktop's menu. */
async function relaunch(sc) {
  const second = spawn(APP_BIN, [], { env: sc.env, stdio: "ignore" });
  await new Promise((r) => second.on("exit", r));
}

test("19.1 started hidden (--background): a burst of hostile links leaves the window hidden; a bare relaunch shows it", T, async () => {
  await withScenario("19-1-hidden-links", {}, async (sc) => {
    await sc.launch(["--background"]);
    assert.equal(windowState(sc).viewable, false, "started hidden");
    await burst(sc, hostileLinks(12));
    const s = windowState(sc);
    assert.equal(s.viewable, false, "a hostile link showed the hidden wizard");
    assert.equal(s.focused, false, "a hostile link focused the hidden wizard");

    await relaunch(sc);
    await waitFor(async () => windowState(sc).viewable, { timeout: 15_000, what: "the window shown by a bare relaunch" });
    assert.equal(windowState(sc).focused, true, "a bare relaunch focuses the wizard");
  });
});

test("19.2 visible behind another window: a burst of hostile links neither raises nor focuses it; a bare relaunch does", T, async () => {
  await withScenario("19-2-covered-links", {}, async (sc) => {
    await sc.launch();
    const cover = spawn(PY, [TOOL, "cover"], { env: sc.env, stdio: ["pipe", "pipe", "inherit"] });
    try {
      await new Promise((resolve, reject) => {
        cover.stdout.on("data", (d) => String(d).includes("ready") && resolve());
        cover.on("exit", (code) => reject(new Error(`the cover window exited ${code}`)));
      });
      await waitFor(async () => {
        const s = windowState(sc);
        return s.viewable && s.covered && !s.focused;
      }, { timeout: 10_000, what: "the wizard visible, behind the cover window, unfocused" });

      await burst(sc, hostileLinks(12));
      const s = windowState(sc);
      assert.equal(s.viewable, true, "still shown");
      assert.equal(s.covered, true, "a hostile link raised the wizard over the admin's window");
      assert.equal(s.focused, false, "a hostile link took the focus");

      await relaunch(sc);
      await waitFor(async () => {
        const t = windowState(sc);
        return t.focused && !t.covered;
      }, { timeout: 15_000, what: "the wizard raised and focused by a bare relaunch" });
    } finally {
      cover.stdin.end();
      cover.kill();
    }
  });
});
