//! Start-up and deep-link timing for `bench/app.sh`: only in a build with the
//! `bench` cargo feature (which bench/app.sh builds beside the shipped one; the
//! bundles never have it, so every hook below is dead code there), and then
//! off unless `UPS_OPTIN_BENCH=1`. Then the app prints on stdout (and appends to the file
//! `$UPS_OPTIN_BENCH_LOG` when set, for runs whose stdout is not reachable):
//!
//! - `bench: first_ipc_ms=<ms since run() began>` once, when `get_app_info`
//!   (sent by the UI once its first screen has mounted) first answers;
//! - `bench: mark <name> pid=<pid> t_ms=<ms since run()> unix_ms=<wall clock>`
//!   at each step of the launch (see [`mark`]) and when a deep link arrives;
//!   the wall clock lets the bench compare with a time taken in another process
//!   (`xdg-open` started → link received);
//! - `bench: link_stored_ms=<ms> http_ms=<ms> keychain_ms=<ms> keychain_writes=<n>`
//!   when a deep link's tokens are stored: from the link reaching
//!   `handle_link` until `complete()` returned, with the time spent in HTTP and
//!   in the keychain during that span (measured by wrapping the core's
//!   `Effects` seam, see [`instrument`]), so the rest is the app's own work.
//!
//! Without the feature or the variable it does nothing.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use optin_core::ups::http::{BoxFuture, HttpRequest, HttpResponse, HttpTransport, TransportError};
use optin_core::vault::SecretStore;
use optin_core::{Effects, Secret};

static START: OnceLock<Instant> = OnceLock::new();
static PRINTED: AtomicBool = AtomicBool::new(false);
static ENABLED: OnceLock<bool> = OnceLock::new();
/// Nanoseconds spent in HTTP requests / keychain writes, and keychain writes.
static HTTP_NS: AtomicU64 = AtomicU64::new(0);
static KEYCHAIN_NS: AtomicU64 = AtomicU64::new(0);
static KEYCHAIN_WRITES: AtomicU64 = AtomicU64::new(0);

/// Called first thing in [`crate::run`].
pub(crate) fn mark_start() {
    if cfg!(feature = "bench") {
        START.get_or_init(Instant::now);
    }
}

/// The `bench` feature and `UPS_OPTIN_BENCH=1`.
fn enabled() -> bool {
    cfg!(feature = "bench")
        && *ENABLED.get_or_init(|| std::env::var_os("UPS_OPTIN_BENCH").is_some_and(|v| v == "1"))
}

fn emit(line: String) {
    println!("{line}");
    if let Some(path) = std::env::var_os("UPS_OPTIN_BENCH_LOG").filter(|p| !p.is_empty()) {
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            // One write per line, so lines of two processes do not interleave.
            let _ = f.write_all(format!("{line}\n").as_bytes());
        }
    }
}

fn since_start_ms() -> f64 {
    START
        .get()
        .map(|s| s.elapsed().as_secs_f64() * 1e3)
        .unwrap_or(0.0)
}

/// Prints a named step of the launch (or of a link's way in), when enabled.
pub(crate) fn mark(name: &str) {
    if !enabled() {
        return;
    }
    let unix_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1e3)
        .unwrap_or(0.0);
    emit(format!(
        "bench: mark {name} pid={} t_ms={:.2} unix_ms={unix_ms:.3}",
        std::process::id(),
        since_start_ms()
    ));
}

/// Called when `get_app_info` answers; prints the line once, when enabled.
pub(crate) fn first_ipc() {
    if enabled() && !PRINTED.swap(true, Ordering::Relaxed) {
        emit(format!(
            "bench: first_ipc_ms={}",
            since_start_ms().round() as u64
        ));
        mark("first_ipc");
    }
}

/// The counters at the moment a link arrived, to report what it cost.
pub(crate) struct LinkTimer {
    start: Instant,
    http_ns: u64,
    keychain_ns: u64,
    writes: u64,
}

/// Starts timing one deep link (cheap; prints nothing).
pub(crate) fn link_received() -> LinkTimer {
    mark("link_received");
    LinkTimer {
        start: Instant::now(),
        http_ns: HTTP_NS.load(Ordering::Relaxed),
        keychain_ns: KEYCHAIN_NS.load(Ordering::Relaxed),
        writes: KEYCHAIN_WRITES.load(Ordering::Relaxed),
    }
}

/// The link's tokens are stored: prints where the time went, when enabled.
pub(crate) fn link_stored(t: &LinkTimer) {
    if !enabled() {
        return;
    }
    let ms = |ns: u64| ns as f64 / 1e6;
    emit(format!(
        "bench: link_stored_ms={:.2} http_ms={:.2} keychain_ms={:.2} keychain_writes={}",
        t.start.elapsed().as_secs_f64() * 1e3,
        ms(HTTP_NS.load(Ordering::Relaxed) - t.http_ns),
        ms(KEYCHAIN_NS.load(Ordering::Relaxed) - t.keychain_ns),
        KEYCHAIN_WRITES.load(Ordering::Relaxed) - t.writes,
    ));
}

/// When enabled, wraps the HTTP transport and the keychain so their time is
/// counted; otherwise returns `effects` unchanged.
pub(crate) fn instrument(mut effects: Effects) -> Effects {
    if enabled() {
        effects.http = Arc::new(TimedHttp(effects.http));
        effects.secrets = Arc::new(TimedSecrets(effects.secrets));
    }
    effects
}

struct TimedHttp(Arc<dyn HttpTransport>);

impl HttpTransport for TimedHttp {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let t = Instant::now();
            let r = self.0.send(request).await;
            HTTP_NS.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
            r
        })
    }
}

struct TimedSecrets(Arc<dyn SecretStore>);

impl TimedSecrets {
    fn timed<T>(&self, write: bool, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let r = f();
        KEYCHAIN_NS.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        if write {
            KEYCHAIN_WRITES.fetch_add(1, Ordering::Relaxed);
        }
        r
    }
}

impl SecretStore for TimedSecrets {
    fn get(&self, account: &str) -> optin_core::Result<Option<Secret>> {
        self.timed(false, || self.0.get(account))
    }
    fn set(&self, account: &str, value: &Secret) -> optin_core::Result<()> {
        self.timed(true, || self.0.set(account, value))
    }
    fn delete(&self, account: &str) -> optin_core::Result<()> {
        self.timed(false, || self.0.delete(account))
    }
    fn health(&self) -> optin_core::Result<()> {
        self.0.health()
    }
    fn backend(&self) -> &'static str {
        self.0.backend()
    }
}
