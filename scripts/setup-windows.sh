#!/usr/bin/env bash
# Adds the Rust target that `make test-windows` builds (x86_64-pc-windows-gnu,
# linked by Debian's gcc-mingw-w64-x86-64, run under wine64; both installed by
# scripts/setup.sh). Idempotent; says so and carries on when rustup is absent.
set -euo pipefail
target=x86_64-pc-windows-gnu
if ! command -v rustup >/dev/null; then
  echo "setup: rustup not found; the Windows step needs 'rustup target add $target'" >&2
  exit 0
fi
if ! rustup target list --installed | grep -qx "$target"; then
  echo "setup: rustup target add $target"
  rustup target add "$target" >/dev/null
fi
