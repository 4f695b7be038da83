#!/usr/bin/env bash
# `make test-windows`: builds Windows binaries (x86_64-pc-windows-gnu, with
# Debian's MinGW toolchain) and runs them under Wine, against the UPS sandbox
# running natively on Linux on loopback:
#   - crates/optin-cli/tests/windows.rs: ups-optin.exe with the Windows
#     Credential Manager (> 2,560-byte tokens in parts, interrupted generation
#     switches), %APPDATA%, 50 concurrent `token` processes across an expiry
#     (one refresh), connections.json replaced over an existing file, a browser
#     opt-in through the loopback route (ups-sandbox.exe as the browser),
#     logout removing every part;
#   - optin-core's integration tests (none needs a GUI), and its two-process
#     refresh test over the Credential Manager;
#   - crates/link-handler's tests (the HKCU\Software\Classes registration read
#     back with `reg query`), when that crate exists, and start at login
#     (tests/windows_login_item.rs): the HKCU Run value is the quoted path
#     with its arguments and never in HKLM, a program in %TEMP% is refused
#     with the reason, a moved program is found by content and rewritten,
#     disabling removes the value; each read back with `reg query`.
# Wine gets its own prefix under target/ and no display. Wine 8.0 lacks
# ProcessPrng (Rust's std imports it): a TEST-ONLY shim DLL built from
# scripts/wine/bcryptprimitives.c goes into that prefix's system32; nothing
# shipped references it (scripts/check-shim-free.sh checks the release exe).
# Needs: wine64 and gcc-mingw-w64-x86-64 (scripts/setup.sh), the rustup target
# (scripts/setup-windows.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TRIPLE=x86_64-pc-windows-gnu
T0=$(date +%s)
say() { echo "test-windows: $*"; }

WINE=${WINE:-$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)}
missing=()
[ -x "$WINE" ] || missing+=("wine64 (apt install wine64)")
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=("x86_64-w64-mingw32-gcc (apt install gcc-mingw-w64-x86-64)")
rustup target list --installed 2>/dev/null | grep -qx "$TRIPLE" || missing+=("the Rust target (rustup target add $TRIPLE)")
if [ ${#missing[@]} -gt 0 ]; then
  say "FAILED: missing ${missing[*]}; run scripts/setup.sh" >&2
  exit 1
fi

TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
export WINEPREFIX=$TARGET_DIR/wine-prefix
export WINEDEBUG=-all WINEARCH=win64
# No display, no Mono/Gecko installers, no desktop integration of the prefix.
export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe="
unset DISPLAY WAYLAND_DISPLAY
WINESERVER=$(dirname "$(readlink -f "$WINE")")/wineserver
[ -x "$WINESERVER" ] || WINESERVER=$(command -v wineserver || echo wineserver)

# 1. The prefix (once) and the shim.
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  say "creating the Wine prefix $WINEPREFIX"
  mkdir -p "$WINEPREFIX"
  "$WINE" wineboot --init >/dev/null 2>&1
  "$WINESERVER" -w
fi
SHIM=$TARGET_DIR/wine-shim/bcryptprimitives.dll
if [ ! -f "$SHIM" ] || [ scripts/wine/bcryptprimitives.c -nt "$SHIM" ]; then
  mkdir -p "$(dirname "$SHIM")"
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$SHIM" \
    scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32
fi
cp -f "$SHIM" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
# Keep one wineserver for the whole run (each process would otherwise start one).
"$WINESERVER" -p 2>/dev/null || true  # (already running: keep using it)
trap '"$WINESERVER" -k 2>/dev/null || true; [ -n "${SB_PID:-}" ] && kill "$SB_PID" 2>/dev/null || true; [ -n "${TP_PID:-}" ] && kill "$TP_PID" 2>/dev/null || true' EXIT

# 2. Build: the native sandbox, the Windows CLI, browser stand-in and tests.
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$WINE
# The native sandbox in release: the same build as e2e/run.sh and scripts/bundle.sh
# (crates/workspace-hack), so after `make e2e` it is already there.
cargo build --quiet --release -p ups-sandbox --bin ups-sandbox
cargo build --quiet --target $TRIPLE -p optin-cli -p ups-sandbox --bins
have_link_handler=0
[ -f crates/link-handler/Cargo.toml ] && have_link_handler=1
packages=(-p optin-cli -p optin-core)
[ $have_link_handler = 1 ] && packages+=(-p link-handler)
cargo test --quiet --target $TRIPLE "${packages[@]}" --no-run
T_BUILD=$(date +%s)
say "build: $((T_BUILD - T0)) s"

# The exe that ships does not depend on the shim: it imports only Windows
# system DLLs (bcryptprimitives.dll!ProcessPrng is Windows 10's own export, the
# one every Rust program imports), carries no trace of scripts/wine, and the
# shim lives only in the test prefix. windows-registry, which reads the system
# proxy settings (hyper-util, issue 22), adds two: ktmw32.dll (the kernel
# transaction manager, Windows Vista and later) and, through windows-result,
# api-ms-win-core-winrt-error-l1-1-0.dll (an API set of Windows 8 and later,
# served by combase.dll).
exe_path="$TARGET_DIR/$TRIPLE/debug/ups-optin.exe"
imports=$(x86_64-w64-mingw32-objdump -p "$exe_path" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u)
system_dlls=" kernel32.dll userenv.dll ws2_32.dll advapi32.dll api-ms-win-core-synch-l1-2-0.dll api-ms-win-core-winrt-error-l1-1-0.dll bcrypt.dll bcryptprimitives.dll combase.dll crypt32.dll ktmw32.dll msvcrt.dll ncrypt.dll ntdll.dll secur32.dll shell32.dll ole32.dll oleaut32.dll user32.dll "
for dll in $imports; do
  [[ "$system_dlls" == *" $dll "* ]] || { say "FAILED: ups-optin.exe imports $dll, not a Windows system DLL"; exit 1; }
done
if grep -qa -e 'wine-shim' -e 'scripts/wine' "$exe_path"; then say "FAILED: ups-optin.exe mentions the shim"; exit 1; fi
say "ups-optin.exe imports only Windows system DLLs: $(echo $imports)"

# 3. The sandbox, natively, with long access tokens and a loopback redirect.
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
export UPS_OPTIN_WIN_REDIRECT="http://127.0.0.1:$port/callback"
SB_OUT=$(mktemp)
"$TARGET_DIR/release/ups-sandbox" serve --print-json --access-token-len 4000 \
  --redirect-uri "$UPS_OPTIN_WIN_REDIRECT" >"$SB_OUT" &
SB_PID=$!
for _ in $(seq 1 100); do [ -s "$SB_OUT" ] && break; sleep 0.1; done
UPS_OPTIN_WIN_SANDBOX=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).base_url)' "$SB_OUT")
export UPS_OPTIN_WIN_SANDBOX
say "sandbox (native Linux) at $UPS_OPTIN_WIN_SANDBOX"

# 3b. A real proxy (tinyproxy, its own configuration on a free loopback port,
# never the system service) for the registry proxy test: windows.rs sets
# HKCU\...\Internet Settings to it and checks that ups-optin.exe goes through it.
if command -v tinyproxy >/dev/null || [ -x /usr/sbin/tinyproxy ]; then
  TP_DIR=$(mktemp -d)
  tp_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  printf 'Port %s\nListen 127.0.0.1\nTimeout 30\nAllow 127.0.0.1\nLogFile "%s/tinyproxy.log"\nLogLevel Info\nPidFile "%s/tinyproxy.pid"\n' \
    "$tp_port" "$TP_DIR" "$TP_DIR" >"$TP_DIR/tinyproxy.conf"
  "$(command -v tinyproxy || echo /usr/sbin/tinyproxy)" -d -c "$TP_DIR/tinyproxy.conf" >/dev/null 2>&1 &
  TP_PID=$!
  export UPS_OPTIN_WIN_PROXY="127.0.0.1:$tp_port"
  # Wine's Z: drive is /.
  export UPS_OPTIN_WIN_PROXY_LOG="Z:$(echo "$TP_DIR/tinyproxy.log" | tr / '\\')"
  say "tinyproxy (native Linux) at $UPS_OPTIN_WIN_PROXY"
fi

# 4. Run under Wine.
status=0
run() {
  local name=$1; shift
  local t=$(date +%s)
  if "$@"; then say "$name: OK ($(( $(date +%s) - t )) s)"
  else say "$name: FAILED"; status=1; fi
}
run "ups-optin.exe (crates/optin-cli/tests/windows.rs)" \
  cargo test --quiet --target $TRIPLE -p optin-cli --test windows -- --test-threads=1 --nocapture
run "optin-core integration tests" \
  cargo test --quiet --target $TRIPLE -p optin-core --tests
run "optin-core two processes x 50 token calls over the Credential Manager" \
  env UPS_OPTIN_TEST_KEYCHAIN=1 cargo test --quiet --target $TRIPLE -p optin-core --test processes \
  -- --exact concurrent_access_tokens_across_processes_refresh_once --nocapture
if [ $have_link_handler = 1 ]; then
  run "link-handler (registry read-back: link handler, start at login)" cargo test --quiet --target $TRIPLE -p link-handler
else
  say "link-handler: SKIPPED (crates/link-handler is not in this tree)"
fi
say "wall time $(( $(date +%s) - T0 )) s (build $((T_BUILD - T0)) s)"
[ $status = 0 ] && say "all green" || say "FAILED"
exit $status
