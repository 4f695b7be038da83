//! Micro and loopback benchmarks of the core (plain `harness = false`, no
//! framework): callback validation per call, and a code exchange against the
//! ups-sandbox compared with a bare HTTP round trip to the same server.
//!
//! Run with `bench/run.sh` (or `cargo bench -p optin-core --bench core`).
//! Every result is printed as `RESULT <name> <value> <unit>` for the script,
//! after a human-readable line. Iteration counts can be scaled with
//! `UPS_OPTIN_BENCH_SCALE` (default 1.0).

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use optin_core::browser::RecordingBrowser;
use optin_core::clock::SystemClock;
use optin_core::login::callback::{validate_callback, PendingView};
use optin_core::service::{BrowserRequest, Effects};
use optin_core::ups::http::ReqwestTransport;
use optin_core::ups::{authorize_request, ClientCredentials, TokenAuth, UpsClient};
use optin_core::vault::memory::MemoryStore;
use optin_core::{Environment, OptIn, Secret};
use time::OffsetDateTime;
use ups_sandbox::{FakeBrowser, Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use url::Url;

/// Set when not run by `cargo bench` (e.g. `cargo test --benches`): one quick pass.
static QUICK: AtomicBool = AtomicBool::new(false);

fn scale(n: usize) -> usize {
    let s: f64 = if QUICK.load(Ordering::Relaxed) {
        0.01
    } else {
        std::env::var("UPS_OPTIN_BENCH_SCALE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1.0)
    };
    ((n as f64 * s) as usize).max(1)
}

fn result(name: &str, value: f64, unit: &str) {
    println!("RESULT {name} {value:.3} {unit}");
}

struct Stats {
    mean: Duration,
    median: Duration,
    p95: Duration,
}

fn stats(mut v: Vec<Duration>) -> Stats {
    v.sort();
    let total: Duration = v.iter().sum();
    Stats {
        mean: total / v.len() as u32,
        median: v[v.len() / 2],
        p95: v[(v.len() * 95 / 100).min(v.len() - 1)],
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Callback validation: the pure function every capture route ends in.
fn bench_callback_validation() {
    let deep = [Url::parse("upsoptin://oauth/callback").unwrap()];
    let loopback = [Url::parse("http://127.0.0.1:8765/callback").unwrap()];
    let now = OffsetDateTime::now_utc();
    let state = "s".repeat(43); // 256 bits, base64url
    let others: Vec<String> = (0..7).map(|i| format!("{i}").repeat(43)).collect();
    let code = "c".repeat(64);
    let good = format!("upsoptin://oauth/callback?code={code}&state={state}");
    let foreign = format!(
        "upsoptin://oauth/callback?code={code}&state={}",
        "x".repeat(43)
    );

    let one = [PendingView {
        state: &state,
        accepted: &deep,
        expires_at: now + time::Duration::minutes(10),
    }];
    let mut eight: Vec<PendingView<'_>> = others
        .iter()
        .map(|s| PendingView {
            state: s,
            accepted: &loopback,
            expires_at: now + time::Duration::minutes(10),
        })
        .collect();
    eight.push(PendingView {
        state: &state,
        accepted: &deep,
        expires_at: now + time::Duration::minutes(10),
    });

    let cases: [(&str, &str, &[PendingView<'_>]); 3] = [
        ("callback_valid_1_pending", &good, &one),
        ("callback_valid_8_pending", &good, &eight),
        ("callback_unknown_state", &foreign, &eight),
    ];
    let n = scale(200_000);
    for (name, raw, pending) in cases {
        for _ in 0..n / 10 {
            let _ = black_box(validate_callback(black_box(raw), black_box(pending), now));
        }
        let t = Instant::now();
        for _ in 0..n {
            let _ = black_box(validate_callback(black_box(raw), black_box(pending), now));
        }
        let per = t.elapsed().as_nanos() as f64 / n as f64;
        println!("{name:<28} {per:>10.0} ns/call   ({n} calls)");
        result(name, per, "ns");
    }
}

async fn bench_loopback() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let base = sandbox.base_url();
    let env = Environment::parse(&base).unwrap();
    let redirect = optin_core::login::RedirectUri::parse("upsoptin://oauth/callback").unwrap();
    let ups = UpsClient::new(Arc::new(ReqwestTransport::new().unwrap()));
    let creds = ClientCredentials {
        client_id: DEMO_CLIENT_ID.into(),
        client_secret: Secret::new(DEMO_CLIENT_SECRET),
    };
    let browser = FakeBrowser::new();

    // A bare HTTP round trip to the same server, keep-alive, like the transport's pool.
    let raw = reqwest::Client::new();
    let health = format!("{base}/__sandbox/health");
    let n_raw = scale(2_000);
    for _ in 0..50 {
        raw.get(&health)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
    }
    let mut raw_times = Vec::with_capacity(n_raw);
    for _ in 0..n_raw {
        let t = Instant::now();
        let body = raw
            .get(&health)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        raw_times.push(t.elapsed());
        black_box(body);
    }

    // Code exchange at /token (Basic auth + PKCE verifier), timed alone: the
    // authorize → sign-in walk that mints each code is outside the timer.
    let n_exchange = scale(300);
    let mut exchange_times = Vec::with_capacity(n_exchange);
    for i in 0..n_exchange + 10 {
        let auth = authorize_request(&env, DEMO_CLIENT_ID, &redirect, None);
        let callback = browser
            .sign_in(auth.url.as_str(), "demo", "demo")
            .await
            .unwrap();
        let code = Url::parse(&callback)
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "code")
            .unwrap()
            .1
            .into_owned();
        let code = Secret::new(code);
        let t = Instant::now();
        let set = ups
            .exchange_code(
                &env,
                &creds,
                &code,
                &redirect,
                auth.verifier,
                TokenAuth::Basic,
            )
            .await
            .unwrap();
        let d = t.elapsed();
        black_box(set);
        if i >= 10 {
            exchange_times.push(d);
        }
    }

    // The whole service path: complete() = validate + exchange + 3 keychain
    // writes (in-memory) + connections.json written atomically with fsync.
    let dir = tempfile::tempdir().unwrap();
    let svc = OptIn::new(Effects {
        http: Arc::new(ReqwestTransport::new().unwrap()),
        browser: Arc::new(RecordingBrowser::default()),
        clock: Arc::new(SystemClock),
        secrets: Arc::new(MemoryStore::new()),
        config_dir: dir.path().to_path_buf(),
    });
    let n_complete = scale(100);
    let mut complete_times = Vec::with_capacity(n_complete);
    for i in 0..n_complete + 5 {
        let started = svc
            .begin_login(BrowserRequest {
                environment: env.clone(),
                label: "bench".into(),
                client_id: DEMO_CLIENT_ID.into(),
                client_secret: Secret::new(DEMO_CLIENT_SECRET),
                redirect_uri: redirect.to_string(),
                route: optin_core::login::RouteKind::DeepLink,
                forward_uri: None,
                token_auth: TokenAuth::Basic,
                accounts: vec![],
                scope: None,
            })
            .await
            .unwrap();
        let callback = browser
            .sign_in(&started.info.authorize_url, "demo", "demo")
            .await
            .unwrap();
        let t = Instant::now();
        svc.complete(&callback).await.into_result().unwrap();
        let d = t.elapsed();
        if i >= 5 {
            complete_times.push(d);
        }
    }
    sandbox.shutdown().await;

    let raw = stats(raw_times);
    let ex = stats(exchange_times);
    let co = stats(complete_times);
    for (name, s, n) in [
        ("health_round_trip", &raw, n_raw),
        ("code_exchange", &ex, n_exchange),
        ("complete_login", &co, n_complete),
    ] {
        println!(
            "{name:<28} median {:>7.3} ms   mean {:>7.3} ms   p95 {:>7.3} ms   ({n} calls)",
            ms(s.median),
            ms(s.mean),
            ms(s.p95)
        );
        result(&format!("{name}_median"), ms(s.median), "ms");
        result(&format!("{name}_mean"), ms(s.mean), "ms");
        result(&format!("{name}_p95"), ms(s.p95), "ms");
    }
    let ratio = ex.median.as_secs_f64() / raw.median.as_secs_f64();
    println!("code exchange / raw round trip (medians): {ratio:.2}x");
    result("exchange_over_round_trip", ratio, "x");
    let ratio = co.median.as_secs_f64() / ex.median.as_secs_f64();
    println!("complete() / code exchange (medians): {ratio:.2}x");
    result("complete_over_exchange", ratio, "x");
}

fn main() {
    // `cargo bench` passes `--bench`; anything else (`cargo test --benches`)
    // gets one quick pass.
    QUICK.store(!std::env::args().any(|a| a == "--bench"), Ordering::Relaxed);
    bench_callback_validation();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(bench_loopback());
}
