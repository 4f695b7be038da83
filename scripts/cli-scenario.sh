#!/usr/bin/env bash
# The CLI scenario against the UPS sandbox with this machine's real keychain
# (Windows Credential Manager, macOS Keychain, or a Secret Service): used by the
# hosted CI matrix (.github/workflows/release.yml) on windows-latest and
# macos-latest. Opts in with client credentials and with the browser method
# through the loopback route (the sandbox's stand-in browser as $BROWSER),
# reads tokens (4,000 characters: chunked in the keychain), refreshes across an
# expiry, and logs out. Leaves nothing in the keychain.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=""
case "${OSTYPE:-}" in msys*|cygwin*|win32) exe=.exe ;; esac
winpath() { if command -v cygpath >/dev/null; then cygpath -w "$1"; else echo "$1"; fi; }
say() { echo "cli-scenario: $*"; }

cargo build -p optin-cli -p ups-sandbox --bins
bin=$PWD/target/debug
optin="$bin/ups-optin$exe"
work=$(mktemp -d)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
redirect="http://127.0.0.1:$port/callback"
"$bin/ups-sandbox$exe" serve --print-json --access-token-len 4000 --redirect-uri "$redirect" >"$work/sandbox.json" &
sb=$!
trap 'kill $sb 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do [ -s "$work/sandbox.json" ] && break; sleep 0.1; done
base=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).base_url' "$(winpath "$work/sandbox.json")")
export UPS_OPTIN_CONFIG_DIR
UPS_OPTIN_CONFIG_DIR=$(winpath "$work/config")

"$optin" diagnostics | tee "$work/diag.txt"
grep -E '^Keychain: .* \(ok\)$' "$work/diag.txt"

say "client credentials"
echo sandbox-demo-secret | "$optin" login --env "$base" --client-id sandbox-demo-client \
  --method client-credentials --account A1B2C3 --label "CI client credentials"
"$optin" status --json
t=$("$optin" token)
[ ${#t} -eq 4000 ] || { echo "token length ${#t}"; exit 1; }
"$optin" logout

say "browser, loopback route"
echo sandbox-demo-secret | BROWSER=$(winpath "$bin/ups-sandbox$exe") "$optin" login --env "$base" \
  --client-id sandbox-demo-client --redirect-uri "$redirect" --account A1B2C3 --label "CI browser"
t1=$("$optin" token)
curl -fsS -X POST "$base/__sandbox/expire-access-tokens" >/dev/null
"$optin" refresh
t2=$("$optin" token)
[ "$t1" != "$t2" ] && [ ${#t2} -eq 4000 ] || { echo "no new token after the expiry"; exit 1; }
"$optin" logout
[ "$("$optin" status --json | tr -d '[:space:]')" = "[]" ] || { echo "connections left"; exit 1; }
say "OK"
