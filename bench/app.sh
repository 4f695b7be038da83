#!/usr/bin/env bash
# App-level benchmarks of the wizard, side by side with their baselines:
#   - start-up to an interactive first screen and idle memory, against a bare
#     Tauri 2.12.5 app that this script generates and builds in the same run;
#   - .deb size, against the bare app's .deb;
#   - the link hand-off, xdg-open → the running app receives the link, against
#     the bare app with the same deep-link and single-instance plugins;
#   - deep link received (xdg-open) → tokens in the keychain, against one raw
#     loopback HTTP round trip to the same sandbox; and inside the wizard, link
#     received → tokens stored, against the HTTP + keychain time within it;
#   - click "Opt in" → status Connected (stand-in browser, deep-link route);
#   - `ups-optin token` with a valid stored token (whole process), against
#     `ups-optin --version` (the same binary doing no work);
#   - status screen render, 20 connections × 500 accounts against 1 × 1 (Vitest bench, jsdom);
#   - status screen at scale in the real webview: launch → every card rendered,
#     N connections / M accounts in connections.json (1/1, 5/125, 10/250, 20/500;
#     BENCH_SCALE to change) against 1/1 (bench/lib/scale-bench.mjs).
#
#   bench/app.sh                     # build everything (release) and measure
#   BENCH_SKIP_BUILD=1 bench/app.sh  # measure the binaries already built
#   BENCH_RUNS=9 bench/app.sh        # runs per start-up measure (default 9)
#   BENCH_FLOW_RUNS=3 bench/app.sh   # runs per GUI flow (opt-in, deep link; default 3)
#   BENCH_HANDOFF_RUNS=9 bench/app.sh  # runs per app of the link hand-off (default BENCH_RUNS)
#   BENCH_ONLY=startup,handoff,deeplink,optin,token,scale bench/app.sh   # a subset of the running-app part
#   BENCH_PROFILE=debug BENCH_SKIP_BUILD=1 bench/app.sh  # try the tooling on debug builds (numbers not comparable)
#   BENCH_SKIP_UI=1 bench/app.sh     # without the status screen render bench
#   bench/app.sh gen-bare            # only write the bare app
#
# Results: RESULT lines (`RESULT <name> <value> <unit>`) in $target/bench/app.txt,
# and a table on stdout (bench/run.sh prints it together with the core bench).
# The bare app is written to $target/bench-bare (not committed) and built into
# the same CARGO_TARGET_DIR as the workspace, so compiled dependencies are shared.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export CARGO_TARGET_DIR=$TARGET
OUT=$TARGET/bench
BARE=$TARGET/bench-bare
BIN=$OUT/bin
mkdir -p "$OUT" "$BIN"
TAURI_VERSION=2.12.5
TAURI_BUILD_VERSION=2.7.4

log() { echo "[bench] $*" >&2; }
. "$ROOT/bench/lib/load.sh"
# bench/run.sh exports the file for the whole run; alone, this script has its own.
if [ -z "${BENCH_LOAD_FILE:-}" ]; then
  export BENCH_LOAD_FILE=$OUT/load.txt
  : >"$BENCH_LOAD_FILE"
fi

# ------------------------------------------------------------ the bare app

gen_bare() {
  rm -rf "$BARE"
  mkdir -p "$BARE/src" "$BARE/static" "$BARE/capabilities"
  cp -r "$ROOT/icons" "$BARE/icons"
  # Start from the workspace's lock file so shared dependencies resolve to the
  # same versions (and their compiled artifacts are reused).
  cp "$ROOT/Cargo.lock" "$BARE/Cargo.lock"
  cat >"$BARE/Cargo.toml" <<EOF
[package]
name = "bare-tauri"
version = "0.1.0"
edition = "2021"
publish = false

[[bin]]
name = "bare-tauri"
path = "src/main.rs"

[dependencies]
tauri = { version = "=$TAURI_VERSION", features = [] }
# The wizard's link plugins (same versions via the copied Cargo.lock), so the
# link hand-off is compared with the same machinery.
tauri-plugin-deep-link = "2.6"
tauri-plugin-single-instance = { version = "2.5", features = ["deep-link"] }
# generate_context! embeds the plugins' config as serde_json values.
serde_json = "1"

[build-dependencies]
tauri-build = { version = "=$TAURI_BUILD_VERSION", features = [] }

[features]
custom-protocol = ["tauri/custom-protocol"]

# The same release profile as the wizard's workspace.
[profile.release]
codegen-units = 1
lto = "thin"
strip = "debuginfo"

[workspace]
EOF
  cat >"$BARE/build.rs" <<'EOF'
fn main() {
    tauri_build::build()
}
EOF
  cat >"$BARE/src/main.rs" <<'EOF'
// A bare Tauri 2 app for the wizard's benchmarks: one window, one command, the
// wizard's link plugins (single-instance first, with its deep-link feature;
// deep-link), and the same `bench:` lines as the wizard: `first_ipc_ms=` when
// the command is first answered, `mark link_received … unix_ms=` when a link
// arrives.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tauri_plugin_deep_link::DeepLinkExt;

static START: OnceLock<Instant> = OnceLock::new();
static PRINTED: AtomicBool = AtomicBool::new(false);

fn enabled() -> bool {
    std::env::var_os("UPS_OPTIN_BENCH").is_some_and(|v| v == "1")
}

fn mark(name: &str) {
    if enabled() {
        let unix_ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1e3).unwrap_or(0.0);
        let t = START.get().map(|s| s.elapsed().as_secs_f64() * 1e3).unwrap_or(0.0);
        println!("bench: mark {name} pid={} t_ms={t:.2} unix_ms={unix_ms:.3}", std::process::id());
    }
}

#[tauri::command]
fn ping() -> String {
    if enabled() && !PRINTED.swap(true, Ordering::Relaxed) {
        if let Some(start) = START.get() {
            println!("bench: first_ipc_ms={}", start.elapsed().as_millis());
        }
        mark("first_ipc");
    }
    "pong".into()
}

fn main() {
    START.get_or_init(Instant::now);
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|_app, _argv, _cwd| {}))
        .plugin(tauri_plugin_deep_link::init())
        .invoke_handler(tauri::generate_handler![ping])
        .setup(|app| {
            // Tauri has created the configured window by now (as the wizard's `window_created`).
            mark("setup");
            app.deep_link().on_open_url(|event| {
                for _ in event.urls() {
                    mark("link_received");
                }
            });
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running the bare app");
}
EOF
  cat >"$BARE/static/index.html" <<'EOF'
<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Bare Tauri</title></head>
  <body>
    <h1>Bare Tauri</h1>
    <p id="out">…</p>
    <script>
      window.__TAURI_INTERNALS__.invoke("ping").then((v) => {
        document.getElementById("out").textContent = v;
      });
    </script>
  </body>
</html>
EOF
  cat >"$BARE/capabilities/default.json" <<'EOF'
{
  "identifier": "default",
  "windows": ["main"],
  "permissions": ["core:default"]
}
EOF
  cat >"$BARE/tauri.conf.json" <<EOF
{
  "productName": "bare-tauri",
  "version": "0.1.0",
  "identifier": "com.example.baretauri",
  "build": { "frontendDist": "static" },
  "app": {
    "windows": [{ "label": "main", "title": "Bare Tauri", "width": 1000, "height": 780 }]
  },
  "plugins": { "deep-link": { "desktop": { "schemes": ["baretauri"] } } },
  "bundle": {
    "active": true,
    "targets": ["deb"],
    "icon": ["icons/32x32.png", "icons/128x128.png", "icons/128x128@2x.png", "icons/icon.icns", "icons/icon.ico"]
  }
}
EOF
}

# `bench/app.sh gen-bare`: only write the bare app (to look at it).
if [ "${1:-}" = gen-bare ]; then
  gen_bare
  echo "$BARE"
  exit 0
fi

# ------------------------------------------------------------ builds

build_all() {
  log "UI bundle + wizard .deb as shipped, ups-optin inside (release): scripts/bundle.sh --bundles deb"
  scripts/bundle.sh --bundles deb >"$OUT/build-ours.log" 2>&1 || {
    tail -40 "$OUT/build-ours.log" >&2
    exit 1
  }
  # The shipped binary has no timing marks (the `bench` feature): keep it for
  # the size rows, then build the same configuration with the marks for the
  # timed runs (only the app crate compiles again).
  cp "$TARGET/release/ups-optin-wizard" "$TARGET/release/ups-optin-wizard.shipped"
  log "the same app with its timing marks (release, --features bench): scripts/bundle.sh --no-bundle --features bench"
  scripts/bundle.sh --no-bundle --features bench >"$OUT/build-ours-bench.log" 2>&1 || {
    tail -40 "$OUT/build-ours-bench.log" >&2
    exit 1
  }
  cp "$TARGET/release/ups-optin-wizard" "$TARGET/release/ups-optin-wizard.bench"
  log "bare Tauri $TAURI_VERSION app .deb (release): tauri build --bundles deb in $BARE"
  gen_bare
  (cd "$BARE" && "$ROOT/node_modules/.bin/tauri" build --bundles deb) >"$OUT/build-bare.log" 2>&1 || {
    tail -40 "$OUT/build-bare.log" >&2
    exit 1
  }
  log "ups-optin and ups-sandbox (release)"
  cargo build --release -p optin-cli -p ups-sandbox >"$OUT/build-cli.log" 2>&1 || {
    tail -40 "$OUT/build-cli.log" >&2
    exit 1
  }
}

if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  build_all
fi
[ -f "$BARE/tauri.conf.json" ] || gen_bare

# Private copies, so concurrent builds in the shared target dir cannot swap a
# binary under a running measurement.
# BENCH_PROFILE=debug (with BENCH_SKIP_BUILD=1) measures debug builds: only to
# try the tooling quickly; such numbers are not comparable with release ones.
PROFILE=${BENCH_PROFILE:-release}
for b in bare-tauri ups-optin ups-sandbox; do
  install -m 755 "$TARGET/$PROFILE/$b" "$BIN/$b"
done
# Timed: the build with the marks; sizes: the shipped build (release runs).
if [ "$PROFILE" = release ]; then
  install -m 755 "$TARGET/release/ups-optin-wizard.bench" "$BIN/ups-optin-wizard"
  install -m 755 "$TARGET/release/ups-optin-wizard.shipped" "$BIN/ups-optin-wizard-shipped"
else
  install -m 755 "$TARGET/$PROFILE/ups-optin-wizard" "$BIN/ups-optin-wizard"
  install -m 755 "$TARGET/$PROFILE/ups-optin-wizard" "$BIN/ups-optin-wizard-shipped"
fi

deb_ours=$(ls -t "$TARGET"/release/bundle/deb/*_amd64.deb 2>/dev/null | grep -v bare-tauri | head -1 || true)
deb_bare=$(ls -t "$TARGET"/release/bundle/deb/bare-tauri_*.deb 2>/dev/null | head -1 || true)

RESULTS=$OUT/app.txt
: >"$RESULTS"
load_settle "the app measures"
load_watch_start "the app measures"
result() { echo "RESULT $*" | tee -a "$RESULTS"; }

if [ -n "$deb_ours" ] && [ -n "$deb_bare" ]; then
  result deb_size "$(stat -c %s "$deb_ours")" bytes "$(stat -c %s "$deb_bare")"
fi
result binary_size "$(stat -c %s "$BIN/ups-optin-wizard-shipped")" bytes "$(stat -c %s "$BIN/bare-tauri")"
# The size budget (issue 21: the catalogs of every language ship in both
# binaries): ours against the budget; the table flags a row over it.
if [ -n "$deb_ours" ]; then
  result budget_deb_size "$(stat -c %s "$deb_ours")" bytes $((11 * 1048576))
fi
result budget_wizard_size "$(stat -c %s "$BIN/ups-optin-wizard-shipped")" bytes $((19 * 1048576))
result budget_cli_size "$(stat -c %s "$BIN/ups-optin")" bytes $((19 * 1048576 / 2))

# ------------------------------------------------------------ UI render bench

if [ "${BENCH_SKIP_UI:-0}" != "1" ]; then
  log "status screen render (Vitest bench, jsdom)"
  npx vitest bench --run --config ui/vite.config.ts --outputJson "$OUT/ui-bench.json" >"$OUT/ui-bench.log" 2>&1 || {
    tail -40 "$OUT/ui-bench.log" >&2
    exit 1
  }
  node -e '
    const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const m = {};
    for (const f of d.files) for (const g of f.groups) for (const b of g.benchmarks) m[b.name] = b;
    const big = m.status_render_20x500, small = m.status_render_1x1;
    console.log(`RESULT status_render_ms ${big.median.toFixed(2)} ms ${small.median.toFixed(2)}`);
  ' "$OUT/ui-bench.json" | tee -a "$RESULTS"
fi

# ------------------------------------------------------------ the running app

log "start-up, memory, deep link, opt-in and token (Xvfb, private D-Bus session, gnome-keyring)"
E2E_BIN_DIR=$BIN BENCH_BIN=$BIN BENCH_OUT=$OUT \
  scripts/with-session.sh node "$ROOT/bench/lib/app-bench.mjs" | tee "$OUT/app-bench.log" | grep '^RESULT ' | tee -a "$RESULTS" >/dev/null || {
  tail -40 "$OUT/app-bench.log" >&2
  exit 1
}

load_watch_stop "the app measures"

echo
echo "app benchmarks"
if [ "$load_verdict" = loaded ]; then
  echo "LOADED: the load average reached $load_max on $(nproc) CPUs while measuring: timing ratios are not valid comparisons."
fi
awk -v loaded="$([ "$load_verdict" = loaded ] && echo 1 || echo 0)" -f "$ROOT/bench/table.awk" "$RESULTS"
