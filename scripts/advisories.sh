#!/usr/bin/env bash
# `make lint`: the RustSec advisories of Cargo.lock, with exactly the ignores
# named (with their reasons) in deny.toml's [advisories]; any other advisory
# (a vulnerability, or an unmaintained, unsound or yanked crate) fails.
#
# The build machines cannot download the RustSec database (only the package
# registries are reachable), so this runs only where a copy is on disk:
#   RUSTSEC_ADVISORY_DB=/path/to/advisory-db  (a git clone with its files)
# and cargo-audit is installed (`cargo install cargo-audit --locked`). Without
# either it says SKIPPED, and why, and exits 0. The database is never part of
# the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${RUSTSEC_ADVISORY_DB:-}
if [ -z "$db" ]; then
  echo "advisories: SKIPPED (RUSTSEC_ADVISORY_DB is not set: point it at a local copy of the RustSec advisory database to check Cargo.lock)"
  exit 0
fi
if [ ! -d "$db/crates" ]; then
  echo "advisories: FAILED: RUSTSEC_ADVISORY_DB=$db is not a checked-out RustSec advisory database (no crates/ folder)" >&2
  exit 1
fi
audit=$(command -v cargo-audit || true)
if [ -z "$audit" ]; then
  echo "advisories: SKIPPED (cargo-audit is not installed: cargo install cargo-audit --locked)"
  exit 0
fi
# The ignores: deny.toml is their one home (cargo-deny reads the same list).
mapfile -t ids < <(python3 -c '
import sys, tomllib
with open("deny.toml", "rb") as f:
    adv = tomllib.load(f).get("advisories", {})
for e in adv.get("ignore", []):
    if not isinstance(e, dict) or not e.get("reason"):
        sys.exit(f"deny.toml: every ignored advisory needs a reason: {e!r}")
    print(e["id"])
')
args=()
for id in "${ids[@]}"; do args+=(--ignore "$id"); done
echo "advisories: cargo audit against $db ($(git -C "$db" log -1 --format=%cs 2>/dev/null || echo "date unknown")), ${#ids[@]} ignores from deny.toml"
"$audit" audit --db "$db" --no-fetch --file Cargo.lock --deny warnings "${args[@]}"
