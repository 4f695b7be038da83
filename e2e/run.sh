#!/usr/bin/env bash
# GUI end-to-end suite of the UPS Opt-In Wizard.
#
#   e2e/run.sh                      build what is needed, run every scenario
#   e2e/run.sh e2e/connections.test.mjs      run one file
#   E2E_TEST_PATTERN='^8\.' e2e/run.sh       run scenarios whose name matches
#   E2E_SKIP_BUILD=1 e2e/run.sh     use the binaries already in target/e2e/bin
#   E2E_VERBOSE=1 / E2E_KEEP_TMP=1  more output / keep each scenario's temp dir
#
# Steps: tauri-driver 2.1.0 into target/e2e-tools (once); the UI (npm run
# build); the app as the installers carry it (release, custom-protocol, no
# `demo` feature: scripts/bundle.sh --no-bundle), a demo build for the one
# `--demo` scenario, and the sandbox binary (each scenario starts its own
# `ups-sandbox serve` and uses it as a Custom environment), copied to
# target/e2e/bin so that other builds in the shared target/ cannot swap them
# mid-run; then the scenarios (node --test, one at a time) inside a private
# D-Bus session with an unlocked gnome-keyring.
# Each test file starts its own Xvfb. Exits non-zero when a scenario fails.
#
# Artifacts: target/e2e-artifacts/<scenario>/ on failure (screenshot, page
# text and HTML, app log, driver log, stand-in browser output, keychain
# account list without values); target/e2e-artifacts/screens/*.png always.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'e2e: %s\n' "$*" >&2; exit 2; }

missing=()
for tool in node npm cargo Xvfb WebKitWebDriver dbus-run-session dbus-daemon gnome-keyring-daemon secret-tool xdg-open xdg-mime stdbuf; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  die "missing tools: ${missing[*]} (Debian: apt-get install xvfb xauth webkit2gtk-driver dbus gnome-keyring libsecret-tools xdg-utils desktop-file-utils)"
fi

TOOLS="$ROOT/target/e2e-tools"
DRIVER="$TOOLS/bin/tauri-driver"
if ! grep -qs '"tauri-driver 2.1.0 ' "$TOOLS/.crates2.json" || [ ! -x "$DRIVER" ]; then
  say "installing tauri-driver 2.1.0 into $TOOLS"
  # A debug build: a WebDriver proxy for the tests, not something that ships;
  # it compiles in a fraction of the release build's time on a fresh machine.
  cargo install tauri-driver --locked --debug --version 2.1.0 --root "$TOOLS"
fi

# The app registers itself as the link handler only from a folder no other
# user can take over (crates/link-handler), so a checkout under a temporary
# folder keeps its test copies elsewhere: under $HOME, owned by this user.
BIN="$ROOT/target/e2e/bin"
case "$(realpath "$ROOT")/" in
  /tmp/*|/var/tmp/*|/dev/shm/*|"$(realpath "${TMPDIR:-/tmp}")"/*)
    BIN="${E2E_BIN_DIR:-$HOME/.cache/ups-optin-e2e/$(printf %s "$ROOT" | sha256sum | cut -c1-12)/bin}" ;;
esac
if [ "${E2E_SKIP_BUILD:-0}" != "1" ]; then
  say "building the UI"
  npm run build --silent >/dev/null
  marker=$(grep -o 'assets/index-[A-Za-z0-9_-]*\.js' ui/dist/index.html | head -n1)
  [ -n "$marker" ] || die "ui/dist/index.html names no assets/index-*.js"
  mkdir -p "$BIN"
  # What admins install: release profile, custom-protocol, no `demo` feature,
  # with the configuration the installers are built with (scripts/bundle.sh,
  # which test-deb and the bench reuse), against `ups-sandbox serve` started by
  # each scenario. The `--demo` scenario gets a demo build of its own.
  rel=${CARGO_TARGET_DIR:-target}/release
  # Mirrored by scripts/build-sharing.mjs (`make lint`), which proves these
  # builds still share every compiled dependency.
  sandbox_profile=(--config profile.release.package.ups-sandbox.opt-level=0)
  demo_profile=(--config profile.release.package.ups-optin-wizard.opt-level=0
    --config profile.release.package.ups-optin-wizard.codegen-units=16)
  ok=0
  for attempt in 1 2 3; do
    say "building the app as bundled (release, no demo: scripts/bundle.sh --no-bundle) and ups-sandbox, attempt $attempt"
    scripts/bundle.sh --no-bundle
    cp "$rel/ups-optin-wizard" "$BIN/ups-optin-wizard.tmp"
    # The UPS stand-in is a test tool, not what ships: its own crate unoptimized
    # (opt-level 0; its dependencies are the shared optimized ones), which makes
    # its link-time optimization cheap (60 -> 18 s on a fresh 2-CPU clone).
    cargo build --release -p ups-sandbox --bin ups-sandbox "${sandbox_profile[@]}"
    cp "$rel/ups-sandbox" "$BIN/ups-sandbox.tmp"
    say "building the demo variant (--features demo) for the --demo scenario"
    # It shares every dependency with the build above (crates/workspace-hack);
    # only the app crate compiles again, unoptimized (opt-level 0, 16 codegen
    # units). The app crate's opt-level is also the level of the final
    # link-time optimization, so the whole demo binary is built as a debug
    # build would be: 3m16 -> 38 s on a fresh 2-CPU clone, a 42 MB binary. No installer
    # carries this build; the bundled build above is the one the suite tests.
    # The sandbox's flags too: the demo build links its library, which the
    # sandbox build above compiled at opt-level 0 already.
    scripts/bundle.sh --no-bundle --features demo -- "${demo_profile[@]}" "${sandbox_profile[@]}"
    cp "$rel/ups-optin-wizard" "$BIN/ups-optin-wizard-demo.tmp"
    # Another build in the shared target/ may have replaced a binary between
    # cargo and cp: check the UI is embedded and only the demo build has a sandbox.
    if grep -qa "$marker" "$BIN/ups-optin-wizard.tmp" && grep -qa "$marker" "$BIN/ups-optin-wizard-demo.tmp" \
      && ! grep -qa "sandbox-demo-secret" "$BIN/ups-optin-wizard.tmp" \
      && grep -qa "sandbox-demo-secret" "$BIN/ups-optin-wizard-demo.tmp"; then
      for b in ups-optin-wizard ups-optin-wizard-demo ups-sandbox; do mv "$BIN/$b.tmp" "$BIN/$b"; done
      ok=1
      break
    fi
    echo "e2e: the binaries in $rel are not the ones just built (rebuilt by someone else?); again" >&2
  done
  [ "$ok" = 1 ] || die "could not get an app binary with the UI embedded"
fi
[ -x "$BIN/ups-optin-wizard" ] && [ -x "$BIN/ups-optin-wizard-demo" ] && [ -x "$BIN/ups-sandbox" ] || die "no binaries in $BIN (run without E2E_SKIP_BUILD)"

if [ $# -eq 0 ]; then
  set -- e2e/*.test.mjs
fi
mkdir -p target/e2e-artifacts/screens
rm -rf target/e2e-artifacts/[0-9]*

export E2E_TAURI_DRIVER="$DRIVER" E2E_BIN_DIR="$BIN"
say "running $* (private D-Bus session, gnome-keyring, Xvfb)"
# Everything inside one private session bus; gnome-keyring keeps its keyring in
# a temporary XDG_DATA_HOME and is unlocked with a throwaway password.
status=0
dbus-run-session -- bash -c '
  set -u
  keyring_home=$(mktemp -d /tmp/ups-optin-e2e-keyring-XXXXXX)
  trap "rm -rf \"\$keyring_home\"" EXIT
  eval "$(printf e2e-keyring | XDG_DATA_HOME=$keyring_home gnome-keyring-daemon --daemonize --unlock --components=secrets)" >/dev/null
  pattern=()
  [ -n "${E2E_TEST_PATTERN:-}" ] && pattern=(--test-name-pattern="$E2E_TEST_PATTERN")
  node --test --test-concurrency=1 --test-reporter=spec "${pattern[@]}" "$@"
' e2e-session "$@" 2>&1 \
  | { grep --line-buffered -v -E '^dbus-daemon\[|xdg-desktop-portal|Gtk-WARNING|pw\.conf|^$|Ignoring invalid max threads|SpiRegistry daemon' || true; } \
  || status=$?
if [ "$status" -eq 0 ]; then say "e2e: all scenarios passed"; else say "e2e: FAILED (exit $status); artifacts in target/e2e-artifacts/"; fi
exit "$status"
