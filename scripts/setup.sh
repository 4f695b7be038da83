#!/usr/bin/env bash
# Installs what building, running and testing the wizard needs on Debian 12 /
# Ubuntu: the Tauri system libraries, the test tools (Xvfb, a Secret Service,
# D-Bus, WebKitWebDriver, xdg-utils), and the npm packages. Idempotent: it
# installs only what is missing. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # building the app (Tauri 2 on Linux)
  libwebkit2gtk-4.1-dev build-essential libssl-dev libayatana-appindicator3-dev
  librsvg2-dev libxdo-dev pkg-config
  # running and testing it: a display, a keychain, a session bus, links, WebDriver
  xvfb xauth xdg-utils desktop-file-utils libglib2.0-bin webkit2gtk-driver gnome-keyring
  libsecret-tools dbus dbus-x11 imagemagick
  # e2e of the background (issue 10): a notification server stand-in on the
  # private session bus, and closing the window the way a window manager does
  python3-dbus python3-gi python3-xlib
  # compile checks for Windows and macOS targets
  clang llvm
  # the installed-.deb test: GLib's launcher (gio open), as Firefox/GNOME use
  libglib2.0-bin
  # Windows builds run under Wine in `make test-windows` (scripts/test-windows.sh)
  wine64 gcc-mingw-w64-x86-64
  # company networks (issue 22): a real proxy with CONNECT and Basic auth,
  # started by the tests on a free loopback port (never the system service)
  tinyproxy
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Windows target for `make test-windows` (the MinGW toolchain above links it).
scripts/setup-windows.sh

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: Node.js 20+ and npm are needed (https://nodejs.org or your distribution's nodejs package)" >&2
  exit 1
fi
# npm ci when node_modules is missing or older than the lockfile.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
