#!/usr/bin/env bash
# Compiles the workspace for Windows (and macOS where a C toolchain for it is
# present), so cfg-gated keychain and deep-link code that Linux never builds
# at least type-checks. Skips, saying so, when a target cannot be added.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
check() {
  local target=$1; shift
  local scope=(--workspace)
  if [ "$target" = aarch64-apple-darwin ]; then
    # tauri-plugin-notification's macOS backend (mac-notification-sys) compiles
    # Objective-C against the macOS SDK, which this machine lacks: the app
    # shell is checked for macOS by the hosted CI matrix; here the core, the
    # CLI, the sandbox and the link handler are.
    scope=(--workspace --exclude ups-optin-wizard)
    echo "cross-check: $target without the app shell (it needs the macOS SDK; see .github/workflows/release.yml)"
  fi
  if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    if ! rustup target add "$target" >/dev/null 2>&1; then
      echo "cross-check: SKIPPED $target (rustup could not add the target here)"
      return 0
    fi
  fi
  echo "cross-check: cargo check --target $target"
  if env "$@" cargo check "${scope[@]}" --target "$target" --quiet; then
    echo "cross-check: $target OK"
  else
    echo "cross-check: $target FAILED"; status=1
  fi
}
# ring's build script compiles C even for a check: clang with a few shim
# headers (scripts/cross-include) is enough, as nothing is linked.
if command -v clang >/dev/null; then
  check x86_64-pc-windows-msvc CC_x86_64_pc_windows_msvc=clang AR_x86_64_pc_windows_msvc=llvm-ar \
    "CFLAGS_x86_64_pc_windows_msvc=-ffreestanding -isystem $PWD/scripts/cross-include"
else
  echo "cross-check: SKIPPED x86_64-pc-windows-msvc (no clang on this machine: apt install clang llvm)"
fi
if command -v clang >/dev/null; then
  check aarch64-apple-darwin CC_aarch64_apple_darwin=clang AR_aarch64_apple_darwin=llvm-ar \
    "CFLAGS_aarch64_apple_darwin=-ffreestanding -isystem $PWD/scripts/cross-include"
else
  echo "cross-check: SKIPPED aarch64-apple-darwin (no clang on this machine)"
fi
exit $status
