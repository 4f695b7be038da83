#!/usr/bin/env bash
# `make test-deb`: the .deb as users get it.
#   1. builds the release .deb with ups-optin inside, as shipped
#      (scripts/bundle.sh --bundles deb: the e2e suite's release build of the
#      app is reused, so the GUI suite and this test run the same binary);
#   2. checks its contents: /usr/bin/ups-optin-wizard, /usr/bin/ups-optin, the
#      desktop entry (Exec passes the URL: %u; handler of x-scheme-handler/upsoptin);
#   3. runs the extracted ups-optin: --version, and diagnostics in a session
#      with a Secret Service (scripts/with-session.sh); neither binary carries
#      the demo sandbox (`demo` cargo feature off: no test client inside);
#   4. installs it (root, or sudo), runs e2e/installed-deb.test.mjs in the GUI
#      harness's session (links through gio open and xdg-open, warm and cold)
#      against /usr/bin/ups-optin-wizard, and uninstalls it again.
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$(date +%s)
say() { echo "test-deb: $*"; }
fail() { echo "test-deb: FAILED: $*" >&2; exit 1; }

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

# 1. Build.
scripts/bundle.sh --bundles deb
version=$(node -p 'require("./tauri.conf.json").version')
deb=$(ls -t "${CARGO_TARGET_DIR:-target}"/release/bundle/deb/*_"${version}"_*.deb | grep -v bare-tauri | head -n1)
[ -f "$deb" ] || fail "no .deb was built"
T_BUILD=$(date +%s)
say "built $deb ($(du -h "$deb" | cut -f1)) in $((T_BUILD - T0)) s"
package=$(dpkg-deb -f "$deb" Package)

# 2. Contents.
listing=$(dpkg-deb -c "$deb")
for f in usr/bin/ups-optin-wizard usr/bin/ups-optin; do
  grep -qE " (\./)?$f\$" <<<"$listing" || fail "$f is not in the package:
$listing"
done
say "dpkg-deb -c lists /usr/bin/ups-optin-wizard and /usr/bin/ups-optin"
x=$(mktemp -d)
trap 'rm -rf "$x"' EXIT
dpkg-deb -x "$deb" "$x"
desktop=$(ls "$x"/usr/share/applications/*.desktop)
[ "$(wc -l <<<"$desktop")" = 1 ] || fail "expected one desktop entry: $desktop"
grep -qx 'Exec=ups-optin-wizard %u' "$desktop" || fail "the desktop entry's Exec does not pass the URL (%u):
$(cat "$desktop")"
grep -qE '^MimeType=.*x-scheme-handler/upsoptin' "$desktop" || fail "the desktop entry does not handle upsoptin:"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$desktop"; fi
say "desktop entry: $(grep '^Exec=' "$desktop"); $(grep '^MimeType=' "$desktop")"

# 3. The packaged CLI runs.
"$x/usr/bin/ups-optin" --version | grep -q '^ups-optin ' || fail "ups-optin --version"
diag=$(scripts/with-session.sh env UPS_OPTIN_CONFIG_DIR="$x/config" "$x/usr/bin/ups-optin" diagnostics) \
  || fail "ups-optin diagnostics: $diag"
grep -q 'Keychain: Secret Service (ok)' <<<"$diag" || fail "ups-optin diagnostics: $diag"
say "packaged ups-optin: $("$x/usr/bin/ups-optin" --version); diagnostics: keychain ok"
for b in ups-optin-wizard ups-optin; do
  ! grep -qa 'sandbox-demo-secret' "$x/usr/bin/$b" || fail "/usr/bin/$b carries the demo sandbox (built with the demo feature)"
done
out=$("$x/usr/bin/ups-optin" demo --headless 2>&1) && fail "ups-optin demo ran in the package: $out"
grep -q 'has no demo' <<<"$out" || fail "ups-optin demo in the package: $out"
say "no demo sandbox inside: 'ups-optin demo' says: ${out:0:60}…"

# 4. Installed, in a desktop session.
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  say "note: $package was already installed; it is replaced and removed afterwards"
fi
uninstall() { $SUDO dpkg -r "$package" >/dev/null 2>&1 || true; rm -rf "$x"; }
trap uninstall EXIT
$SUDO dpkg -i "$deb" >/dev/null
[ -x /usr/bin/ups-optin ] && [ -x /usr/bin/ups-optin-wizard ] || fail "not installed under /usr/bin"
/usr/bin/ups-optin --version >/dev/null
skip_build=1
for b in ups-sandbox ups-optin-wizard ups-optin-wizard-demo; do [ -x "target/e2e/bin/$b" ] || skip_build=0; done
E2E_INSTALLED=1 E2E_APP_BIN=/usr/bin/ups-optin-wizard E2E_SKIP_BUILD=$skip_build \
  e2e/run.sh e2e/installed-deb.test.mjs
uninstall
trap - EXIT
[ ! -e /usr/bin/ups-optin ] || fail "dpkg -r left /usr/bin/ups-optin behind"
say "uninstalled; wall time $(( $(date +%s) - T0 )) s (build $((T_BUILD - T0)) s)"
