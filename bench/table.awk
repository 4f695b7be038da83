# Prints RESULT lines as one table: measure | ours | baseline | ratio | unit.
# Input: `RESULT <name> <ours> <unit> [<baseline>]` (app.txt, and core lines
# rewritten by bench/run.sh). Ratio = ours / baseline.
function label(n) {
  if (n in L) return L[n]
  return n
}
function human(v, u) {
  if (u == "bytes") return sprintf("%.2f", v / 1048576)
  if (v >= 100) return sprintf("%.0f", v)
  if (v >= 10) return sprintf("%.1f", v)
  if (v >= 1) return sprintf("%.2f", v)
  return sprintf("%.3f", v)
}
BEGIN {
  L["startup_first_ipc_ms"] = "start-up -> first screen + IPC, median (vs bare)"
  L["startup_first_ipc_min_ms"] = "  same, best of the runs (vs bare Tauri)"
  L["startup_first_ipc_internal_ms"] = "  same, median counted from main() (vs bare)"
  L["idle_pss_mib"] = "idle PSS app+WebKit after 3 s (vs bare Tauri)"
  L["deb_size"] = ".deb size (vs bare Tauri .deb)"
  L["binary_size"] = "release binary size (vs bare Tauri)"
  L["budget_deb_size"] = "budget: .deb size (vs 11 MiB)"
  L["budget_wizard_size"] = "budget: wizard binary size (vs 19 MiB)"
  L["budget_cli_size"] = "budget: ups-optin size (vs 9.5 MiB)"
  L["deeplink_to_keychain_ms"] = "deep link -> tokens in keychain (vs 1 HTTP RT)"
  L["deeplink_to_connected_card_ms"] = "deep link -> card shows Connected"
  L["handoff_link_received_ms"] = "link hand-off: xdg-open -> app (vs bare+plugins)"
  L["link_to_stored_ms"] = "link received -> tokens stored (vs HTTP+keychain)"
  L["link_to_stored_own_ms"] = "  same, own work only (vs the 10 ms goal)"
  L["startup_mark_builder_ms"] = "  start-up profile: builder ready (from run())"
  L["startup_mark_setup_ms"] = "  start-up profile: setup hook (plugins done)"
  L["startup_mark_core_ready_ms"] = "  start-up profile: core built (prepare done)"
  L["startup_mark_window_created_ms"] = "  start-up profile: main window created"
  L["startup_mark_setup_done_ms"] = "  start-up profile: setup hook returned"
  L["startup_mark_first_ipc_ms"] = "  start-up profile: first IPC answered"
  L["startup_bare_mark_setup_ms"] = "  bare app: setup hook (window created)"
  L["startup_bare_mark_first_ipc_ms"] = "  bare app: first IPC answered"
  L["status_scale_1_1_ms"] = "status screen 1 conn/1 acct, UI start -> rendered"
  L["status_scale_5_125_ms"] = "status screen 5/125 (vs 1/1), real webview"
  L["status_scale_5_125_extra_ms"] = "  same, extra ms over 1/1"
  L["status_scale_10_250_ms"] = "status screen 10/250 (vs 1/1), real webview"
  L["status_scale_10_250_extra_ms"] = "  same, extra ms over 1/1"
  L["status_scale_20_500_ms"] = "status screen 20/500 (vs 1/1), real webview"
  L["status_scale_20_500_extra_ms"] = "  same, extra ms over 1/1 (goal <= 100)"
  L["optin_to_connected_ms"] = "click Opt in -> status Connected"
  L["cli_token_ms"] = "ups-optin token, median (vs ups-optin --version)"
  L["cli_token_p95_ms"] = "ups-optin token, p95 (vs ups-optin --version)"
  L["status_render_ms"] = "status render 20 conn/500 acct (vs 1/1), jsdom"
  L["core_exchange_ms"] = "core: code exchange (vs 1 keep-alive HTTP RT)"
  L["core_complete_ms"] = "core: complete(), mem keychain (vs exchange)"
  L["core_callback_valid_1_pending"] = "core: callback validation, 1 pending"
  L["core_callback_valid_8_pending"] = "core: callback validation, 8 pending"
  L["core_callback_unknown_state"] = "core: callback rejection, 8 pending"
  fmt = "%-50s | %10s | %10s | %8s | %s\n"
  printf fmt, "measure", "ours", "baseline", "ratio", "unit"
  printf fmt, "--------------------------------------------------", "----------", "----------", "--------", "----"
}
/^RESULT / {
  name = $2; ours = $3; unit = $4; base = (NF >= 5 ? $5 : "")
  u = (unit == "bytes" ? "MiB" : unit)
  b = (base == "" ? "-" : human(base, unit))
  r = (base == "" || base + 0 == 0 ? "-" : sprintf("%.2fx", ours / base))
  # Timings taken while the load average exceeded the CPU count are no comparison.
  if (loaded && r != "-" && (unit == "ms" || unit == "ns")) r = "(loaded)"
  # A budget row: the ratio to the budget, flagged when over it.
  if (name ~ /^budget_/ && r != "-") r = r (ours > base ? " OVER" : " ok")
  printf fmt, label(name), human(ours, unit), b, r, u
}
