#!/usr/bin/env bash
# Benchmarks of optin-core: callback validation, and a code exchange against the
# ups-sandbox compared with a bare loopback HTTP round trip.
#
#   bench/run.sh                      # full run
#   UPS_OPTIN_BENCH_SCALE=0.2 bench/run.sh   # fewer iterations
#
# CARGO_TARGET_DIR is honoured; the RESULT lines are kept in $target/bench-core.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp)
trap 'rm -f "$out"' EXIT
cargo bench -p optin-core --bench core 2>&1 | tee "$out" | grep -v '^RESULT ' || true
if ! grep -q '^RESULT ' "$out"; then
  echo "benchmark produced no results" >&2
  exit 1
fi
results="${CARGO_TARGET_DIR:-target}/bench-core.txt"
mkdir -p "$(dirname "$results")"
grep '^RESULT ' "$out" > "$results"

echo
echo "optin-core benchmarks ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -sr))"
awk '
  BEGIN { printf "%-34s %14s  %s\n", "measure", "value", "unit"; printf "%-34s %14s  %s\n", "----------------------------------", "--------------", "----" }
  /^RESULT / { printf "%-34s %14s  %s\n", $2, $3, $4 }
' "$results"
