//! Property-based tests of the two places where hostile input enters the core:
//! the callback validator (deep links, loopback requests, pasted addresses) and
//! UPS's token and error bodies.
//!
//! Each property runs 2,000 cases by default (fewer for the ones that drive the
//! whole service). For a long run set `PROPTEST_CASES`, preferably in release
//! mode, for instance:
//!
//! ```sh
//! PROPTEST_CASES=1000000 CARGO_TARGET_DIR=/work/target-harden \
//!   nice cargo test --release -p optin-core --test properties -- --nocapture
//! ```
//!
//! Every property prints how many cases it ran (`--nocapture` shows it).

//!
//! One module per section: [`callbacks`], [`ups_bodies`], [`lifetimes`]; the
//! runner ([`run`], [`config`]) and the imports they share are here.

mod callbacks;
#[path = "../common/mod.rs"]
mod common;
mod lifetimes;
mod ups_bodies;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use optin_core::browser::RecordingBrowser;
use optin_core::clock::FixedClock;
use optin_core::error::Endpoint;
use optin_core::login::callback::{
    validate_callback, Callback, PendingView, MAX_CALLBACK_LEN, MAX_PARAM_LEN,
};
use optin_core::service::ClientCredentialsRequest;
use optin_core::tokens::TokenPolicy;
use optin_core::ups::http::{BoxFuture, HttpRequest, HttpResponse, HttpTransport, TransportError};
use optin_core::ups::wire::{UpsErrorBody, UpsTokenResponse};
use optin_core::ups::{classify_status, parse_retry_after, ClientCredentials, RateLimitRetry};
use optin_core::ups::{TokenAuth, UpsClient};
use optin_core::vault::memory::MemoryStore;
use optin_core::{Environment, Error, Secret};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use time::OffsetDateTime;
use url::Url;

/// The deep-link redirect URI the properties log in with.
const DEEP: &str = "upsoptin://oauth/callback";

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> Config {
    Config {
        cases: cases(default),
        // The runner is driven by hand (no source file to persist regressions next to);
        // a failure prints the minimal input instead.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Runs `test` over `strategy` and reports how many cases ran.
fn run<S: Strategy>(
    name: &str,
    cfg: Config,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let n = cfg.cases;
    let ran = AtomicU64::new(0);
    let mut runner = TestRunner::new(cfg);
    let result = runner.run(&strategy, |v| {
        ran.fetch_add(1, Ordering::Relaxed);
        test(v)
    });
    println!(
        "property {name}: {} cases run (configured {n}), result: {}",
        ran.load(Ordering::Relaxed),
        if result.is_ok() { "ok" } else { "FAILED" }
    );
    if let Err(e) = result {
        panic!("property {name} failed: {e}");
    }
}
