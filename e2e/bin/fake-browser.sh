#!/bin/sh
# $BROWSER of the GUI end-to-end suite: the sandbox's stand-in browser
# (`ups-sandbox <URL>`, crates/ups-sandbox) with per-scenario settings.
#
# The app starts `$BROWSER <authorize URL>`; this script
#   - sources $E2E_BROWSER_CONTROL (shell `export VAR=…` lines a scenario
#     rewrites between steps: UPS_SANDBOX_BROWSER_*, E2E_BROWSER_MODE),
#   - appends everything the stand-in browser prints to $E2E_BROWSER_OUT,
#   - E2E_BROWSER_MODE:
#       sandbox (default)  run the stand-in browser as is (its handoff setting applies)
#       ignore             do nothing: the admin never signs in
#       record-and-open    sign in, keep the callback URL in $E2E_BROWSER_OUT
#                          ("callback <url>"), then hand it to xdg-open detached,
#                          as the stand-in's own xdg-open handoff does
set -u
if [ -n "${E2E_BROWSER_CONTROL:-}" ] && [ -f "$E2E_BROWSER_CONTROL" ]; then
  . "$E2E_BROWSER_CONTROL"
fi
out=${E2E_BROWSER_OUT:-/dev/null}
now() { date +%s%3N; }
echo "$(now) start mode=${E2E_BROWSER_MODE:-sandbox}" >>"$out"
case "${E2E_BROWSER_MODE:-sandbox}" in
  ignore)
    exit 0
    ;;
  record-and-open)
    url=$(UPS_SANDBOX_BROWSER_HANDOFF=print "$E2E_SANDBOX_BIN" "$@" 2>>"$out") || {
      echo "$(now) stand-in browser failed" >>"$out"
      exit 1
    }
    echo "$(now) callback $url" >>"$out"
    xdg-open "$url" </dev/null >/dev/null 2>&1 &
    exit 0
    ;;
  *)
    "$E2E_SANDBOX_BIN" "$@" >>"$out" 2>&1
    rc=$?
    echo "$(now) exit $rc" >>"$out"
    exit $rc
    ;;
esac
