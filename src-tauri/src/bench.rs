//! Start-up timing for `bench/app.sh`, off unless `UPS_OPTIN_BENCH=1`: the
//! first answer to `get_app_info` (sent by the UI once its first screen has
//! mounted) prints `bench: first_ipc_ms=<ms since run() began>` on stdout.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();
static PRINTED: AtomicBool = AtomicBool::new(false);

/// Called first thing in [`crate::run`].
pub(crate) fn mark_start() {
    START.get_or_init(Instant::now);
}

/// Called when `get_app_info` answers; prints the line once, when enabled.
pub(crate) fn first_ipc() {
    if std::env::var_os("UPS_OPTIN_BENCH").is_some_and(|v| v == "1")
        && !PRINTED.swap(true, Ordering::Relaxed)
    {
        if let Some(start) = START.get() {
            println!("bench: first_ipc_ms={}", start.elapsed().as_millis());
        }
    }
}
