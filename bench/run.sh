#!/usr/bin/env bash
# All benchmarks, one table: the core micro/loopback bench (cargo bench -p
# optin-core --bench core) and the app-level bench (bench/app.sh: start-up,
# memory, .deb size against a bare Tauri app built in the same run; deep link →
# keychain; opt-in → Connected; `ups-optin token`; status screen render).
#
#   bench/run.sh                             # full run (builds release; ~20 min cold)
#   BENCH_SKIP_BUILD=1 bench/run.sh          # reuse the release builds of a previous run
#   BENCH_SKIP_CORE=1 / BENCH_SKIP_APP=1     # one half only
#   UPS_OPTIN_BENCH_SCALE=0.2 bench/run.sh   # fewer core iterations
#
# CARGO_TARGET_DIR is honoured; RESULT lines are kept in $target/bench-core.txt
# and $target/bench/app.txt, the combined table in $target/bench/table.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
mkdir -p "$target/bench"
combined=$target/bench/combined.txt
: >"$combined"
. bench/lib/load.sh
# Samples of the measuring phases of this run (bench/app.sh appends to it too).
export BENCH_LOAD_FILE=$target/bench/load.txt
: >"$BENCH_LOAD_FILE"
load_start=$(load_now)

if [ "${BENCH_SKIP_CORE:-0}" != "1" ]; then
  out=$(mktemp)
  trap 'rm -f "$out"' EXIT
  # Compile first: only the measuring counts towards the load guard.
  cargo bench -p optin-core --bench core --no-run >&2
  load_settle "the core bench"
  load_watch_start "the core bench"
  cargo bench -p optin-core --bench core 2>&1 | tee "$out" | grep -v '^RESULT ' >&2 || true
  load_watch_stop "the core bench"
  if grep -q '^RESULT ' "$out"; then
    grep '^RESULT ' "$out" >"$target/bench-core.txt"
    # `RESULT <name> <value> <unit>` → the table's `RESULT <name> <ours> <unit> [<baseline>]`.
    awk '
      /^RESULT / { v[$2] = $3; u[$2] = $4 }
      END {
        for (n in v) if (u[n] == "ns") print "RESULT core_" n, v[n], "ns"
        if ("code_exchange_median" in v)
          print "RESULT core_exchange_ms", v["code_exchange_median"], "ms", v["health_round_trip_median"]
        if ("complete_login_median" in v)
          print "RESULT core_complete_ms", v["complete_login_median"], "ms", v["code_exchange_median"]
      }' "$target/bench-core.txt" | sort >>"$combined"
  else
    echo "core benchmark produced no results (see above); continuing with the app benchmarks" >&2
  fi
fi

if [ "${BENCH_SKIP_APP:-0}" != "1" ]; then
  if bench/app.sh >&2; then
    cat "$target/bench/app.txt" >>"$combined"
  else
    echo "app benchmarks failed (see above)" >&2
  fi
fi

load_verdict_now
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
  echo
  echo "UPS Opt-In Wizard benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) CPUs, $mem RAM, $(uname -sr), $cpu"
  echo "load average at the start: $load_start; at the end: $(load_now); highest while measuring: $load_max"
  if [ "$load_verdict" = loaded ]; then
    echo "LOADED: the load average went above the $(nproc) CPUs while measuring: timing ratios are marked"
    echo "'(loaded)' and are not valid comparisons; rerun on a quiet machine. Sizes and memory are unaffected."
  fi
  echo
  awk -v loaded="$([ "$load_verdict" = loaded ] && echo 1 || echo 0)" -f bench/table.awk "$combined"
} | tee "$target/bench/table.txt"
