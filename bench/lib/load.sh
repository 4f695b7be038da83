# Load-average guard for the benchmarks, sourced by bench/run.sh and
# bench/app.sh. Timings on a busy machine say more about the other work than
# about the app, so every measuring phase (not the builds) samples the 1-minute
# load average every second into $BENCH_LOAD_FILE; at the end the highest
# sample is compared with the number of CPUs. When it was above, the table
# marks every timing ratio as not valid (sizes and memory are still reported).

load_now() { cut -d' ' -f1-3 /proc/loadavg; }

# load_settle <phase>: before a measuring phase, waits (at most
# BENCH_SETTLE_MAX seconds, default 180) until the 1-minute load average is at
# most half the CPUs, so the builds just before do not count as load of the
# measures (the 1-minute average decays over about a minute).
load_settle() {
  local limit waited=0 max=${BENCH_SETTLE_MAX:-180}
  limit=$(awk -v n="$(nproc)" 'BEGIN { print n / 2 }')
  while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$limit" 'BEGIN { exit !(l > m) }'; do
    if [ "$waited" -ge "$max" ]; then
      echo "[bench] load average still $(load_now) after ${max} s; measuring $1 anyway" >&2
      return 0
    fi
    [ "$waited" = 0 ] && echo "[bench] waiting for the load average ($(load_now)) to settle below $limit before $1" >&2
    sleep 5
    waited=$((waited + 5))
  done
  [ "$waited" = 0 ] || echo "[bench] settled after ${waited} s: $(load_now)" >&2
}

# load_watch_start <phase>: prints the load average and starts sampling.
load_watch_start() {
  echo "[bench] load average at the start of $1: $(load_now) ($(nproc) CPUs)" >&2
  local parent=$$
  # Stops by itself when the script is gone, even if it was interrupted.
  (while kill -0 "$parent" 2>/dev/null; do
    cut -d' ' -f1 /proc/loadavg >>"$BENCH_LOAD_FILE"
    sleep 1
  done) &
  LOAD_PID=$!
}

# load_watch_stop <phase>: stops sampling; sets load_max and load_verdict
# (quiet | loaded) over every sample taken so far in this run.
load_watch_stop() {
  if [ -n "${LOAD_PID:-}" ]; then
    kill "$LOAD_PID" 2>/dev/null || true
    wait "$LOAD_PID" 2>/dev/null || true
    LOAD_PID=
  fi
  cut -d' ' -f1 /proc/loadavg >>"$BENCH_LOAD_FILE"
  load_verdict_now
  echo "[bench] load average at the end of $1: $(load_now); highest while measuring: $load_max on $(nproc) CPUs ($load_verdict)" >&2
}

load_verdict_now() {
  load_max=$(sort -g "$BENCH_LOAD_FILE" 2>/dev/null | tail -1)
  load_max=${load_max:-0}
  if awk -v m="$load_max" -v n="$(nproc)" 'BEGIN { exit !(m > n) }'; then
    load_verdict=loaded
  else
    load_verdict=quiet
  fi
}
