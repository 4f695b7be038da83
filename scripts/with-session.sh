#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring
# (a real Secret Service) and a fresh XDG_DATA_HOME, so tests never touch the
# user's own keychain. Usage: scripts/with-session.sh COMMAND [ARGS…]
set -euo pipefail
if [ -z "${UPS_OPTIN_IN_SESSION:-}" ]; then
  exec env UPS_OPTIN_IN_SESSION=1 dbus-run-session -- "$0" "$@"
fi
XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
eval "$(printf 'session-password' | gnome-keyring-daemon --daemonize --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
trap 'kill "${GNOME_KEYRING_PID:-}" 2>/dev/null || true; rm -rf "$XDG_DATA_HOME"' EXIT
"$@"
