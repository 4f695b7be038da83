#!/usr/bin/env bash
# The bans of deny.toml without cargo-deny (make lint runs `cargo deny check
# bans` instead where it is installed; setup.sh does not install it: it builds
# in about 12 minutes on 2 CPUs, and PyPI's prebuilt 0.14.2 cannot read
# today's cargo metadata). Same list, same rules: no crate of `[bans] deny` in
# the graph for any target, and no wildcard version requirement.
set -euo pipefail
cd "$(dirname "$0")/.."

banned=$(awk '/^deny = \[/{on=1; next} on && /^\]/{on=0} on' deny.toml | grep -o '"[^"]*"' | tr -d '"')
[ -n "$banned" ] || { echo "bans: no deny list found in deny.toml" >&2; exit 2; }
status=0
for name in $banned; do
  if out=$(cargo tree --workspace --target all --edges normal,build -i "$name" 2>&1); then
    echo "bans: $name is in the dependency graph (deny.toml bans it):" >&2
    echo "$out" | head -20 >&2
    status=1
  elif ! grep -q "did not match any packages" <<<"$out"; then
    echo "bans: cargo tree failed for $name: $out" >&2
    status=2
  fi
done
if grep -nE '^[A-Za-z0-9_-]+ *= *(\{[^}]*version *= *)?"\*"' Cargo.toml crates/*/Cargo.toml; then
  echo "bans: wildcard version requirements (deny.toml: wildcards = deny)" >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "bans: none of $(echo $banned | tr ' ' ',') in the graph, no wildcard versions"
exit "$status"
