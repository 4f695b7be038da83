# Load-average guard for the benchmarks, sourced by bench/run.sh and
# bench/app.sh. Timings on a busy machine say more about the other work than
# about the app, so every measuring phase (not the builds) samples the 1-minute
# load average every second into $BENCH_LOAD_FILE; at the end the highest
# sample is compared with the number of CPUs. When it was above, the table
# marks every timing ratio as not valid (sizes and memory are still reported).

load_now() { cut -d' ' -f1-3 /proc/loadavg; }

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
