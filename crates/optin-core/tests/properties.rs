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

mod common;

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

// ---- callbacks --------------------------------------------------------------------

const DEEP: &str = "upsoptin://oauth/callback";
const LOOP: &str = "http://127.0.0.1:8765/callback";
const BOUNCE_URI: &str = "https://example.invalid/ups-optin/bounce";
const STATES: [&str; 4] = [
    "Sdeep-q2Y9x1Lr0aW3nB6cD8eF0gH2iJ4kL6mN8oP0qR2s",
    "Sloop-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7M",
    "Sbounce-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab",
    "Sold-0000000000000000000000000000000000000000",
];

fn now() -> OffsetDateTime {
    time::macros::datetime!(2026-11-29 12:00 UTC)
}

struct Fixture {
    accepted: Vec<Vec<Url>>,
    expires: Vec<OffsetDateTime>,
}

impl Fixture {
    fn new() -> Self {
        let u = |s: &str| Url::parse(s).unwrap();
        Fixture {
            accepted: vec![
                vec![u(DEEP)],
                vec![u(LOOP)],
                vec![u(BOUNCE_URI), u(DEEP)],
                vec![u(DEEP)],
            ],
            expires: vec![
                now() + time::Duration::minutes(10),
                now() + time::Duration::minutes(10),
                now() + time::Duration::minutes(10),
                now() - time::Duration::seconds(1),
            ],
        }
    }

    fn views(&self) -> Vec<PendingView<'_>> {
        (0..4)
            .map(|i| PendingView {
                state: STATES[i],
                accepted: &self.accepted[i],
                expires_at: self.expires[i],
            })
            .collect()
    }
}

/// Scheme, host, port and path as the redirect URI rules state them
/// (RFC 6749 §3.1.2; scheme and host case-insensitive, empty path = "/").
fn endpoint_matches(expected: &Url, got: &Url) -> bool {
    let path = |u: &Url| match u.path() {
        "" => "/".to_string(),
        p => p.to_string(),
    };
    expected.scheme().eq_ignore_ascii_case(got.scheme())
        && expected.host_str().map(|h| h.to_ascii_lowercase())
            == got.host_str().map(|h| h.to_ascii_lowercase())
        && expected.port_or_known_default() == got.port_or_known_default()
        && path(expected) == path(got)
}

fn percent_encode_all(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("%{b:02X}")).collect()
}

fn scheme() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "upsoptin", "UPSOPTIN", "UpsOptIn", "http", "HTTP", "https", "Https", "otherapp",
            "javascript", "file", "data", "upsoptin2", "ups-optin", "",
        ])
        .prop_map(str::to_string),
        1 => "[a-zA-Z][a-zA-Z0-9+.-]{0,10}",
        1 => ".{0,6}",
    ]
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "oauth", "OAUTH", "OAuth", "127.0.0.1", "localhost", "[::1]", "example.invalid",
            "EXAMPLE.INVALID", "example.invalid.", "evil.example", "oauth.evil", "", "127.0.0.%31",
            "oa%75th", "0x7f.1", "2130706433", "127.1", "user:pw@127.0.0.1", "oauth@evil",
            "xn--oauth-9ta", "ex%00ample.invalid", "[::ffff:127.0.0.1]",
        ])
        .prop_map(str::to_string),
        1 => "[a-z0-9.%-]{0,16}",
        1 => ".{0,8}",
    ]
}

fn port() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "", ":8765", ":80", ":443", ":08765", ":", ":8766", ":65536", ":-1", ":0",
        ])
        .prop_map(str::to_string),
        1 => any::<u16>().prop_map(|p| format!(":{p}")),
        1 => ":[0-9a-z]{0,7}",
    ]
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "/callback", "", "/", "/callback/", "/CALLBACK", "/other", "/ups-optin/bounce",
            "/ups-optin/bounce/", "/callback/../callback", "/./callback", "/callback%2F",
            "//callback", "/callback;x", "/call%62ack", "/x/../callback", "\\callback",
            "/ups-optin/./bounce",
        ])
        .prop_map(str::to_string),
        1 => "/[a-zA-Z/%.;-]{0,16}",
        1 => ".{0,8}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(vec![
            "code", "state", "error", "error_description", "scope", "x", "", "Code", "STATE",
            "co%64e", "st%61te", "state%00", "code ", "code%20", "error_uri", "iss",
        ])
        .prop_map(str::to_string),
        1 => Just("k".repeat(65)),
        1 => "[a-z_]{1,10}",
        1 => ".{0,5}",
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(STATES.to_vec()).prop_map(str::to_string),
        4 => "[A-Za-z0-9._~-]{1,40}",
        1 => Just(String::new()),
        2 => ".{0,24}",
        2 => vec(any::<u8>(), 0..24).prop_map(|b| percent_encode_all(&b)),
        1 => prop::sample::select(vec![
            "%00", "%FF%FE", "\0", "a%00b", "%", "%G0", "+", "%2B", "access_denied", "&", "=",
            "#", "%23",
        ])
        .prop_map(str::to_string),
        1 => Just("a".repeat(MAX_PARAM_LEN)),
        1 => Just("a".repeat(MAX_PARAM_LEN + 1)),
        1 => Just("%41".repeat(MAX_PARAM_LEN + 1)),
    ]
}

/// Parameters, each sent raw (`k=v`) or form-encoded; half of the time a
/// plausible state and code come first, so that some callbacks pass.
fn params() -> impl Strategy<Value = Vec<(String, String, bool)>> {
    let arbitrary = vec((key(), value(), any::<bool>()), 0..20);
    prop_oneof![
        arbitrary,
        (
            prop::sample::select(STATES.to_vec()),
            "[A-Za-z0-9._~-]{1,40}",
            vec((key(), value(), any::<bool>()), 0..4),
        )
            .prop_map(|(state, code, rest)| {
                let mut ps = vec![
                    ("state".to_string(), state.to_string(), false),
                    ("code".to_string(), code, false),
                ];
                ps.extend(rest);
                ps
            }),
    ]
}

fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn assemble(
    ws: (&str, &str),
    scheme: &str,
    host: &str,
    port: &str,
    path: &str,
    params: &[(String, String, bool)],
    fragment: Option<&str>,
) -> String {
    let query: Vec<String> = params
        .iter()
        .map(|(k, v, enc)| {
            if *enc {
                format!("{}={}", encode(k), encode(v))
            } else {
                format!("{k}={v}")
            }
        })
        .collect();
    let mut s = format!("{}{scheme}://{host}{port}{path}", ws.0);
    if !query.is_empty() {
        s.push('?');
        s.push_str(&query.join("&"));
    }
    if let Some(f) = fragment {
        s.push('#');
        s.push_str(f);
    }
    s.push_str(ws.1);
    s
}

fn whitespace() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", " ", "\n", "\t", " \r\n", "\u{a0}", "\u{2028}"])
        .prop_map(str::to_string)
}

/// A callback URL from arbitrary parts: each of scheme, host, port and path is
/// either an accepted redirect URI's own or an arbitrary one.
fn url_from_parts() -> impl Strategy<Value = String> {
    (
        (whitespace(), whitespace()),
        (
            prop::sample::select(vec![DEEP, LOOP, BOUNCE_URI]),
            any::<[bool; 4]>(),
        ),
        (scheme(), host(), port(), path()),
        params(),
        prop::option::of(".{0,12}"),
    )
        .prop_map(|((a, b), (base, keep), (s, h, p, pa), q, f)| {
            let u = Url::parse(base).unwrap();
            let s = if keep[0] { u.scheme().to_string() } else { s };
            let h = if keep[1] {
                u.host_str().unwrap().to_string()
            } else {
                h
            };
            let p = if keep[2] {
                u.port().map(|p| format!(":{p}")).unwrap_or_default()
            } else {
                p
            };
            let pa = if keep[3] { u.path().to_string() } else { pa };
            assemble((&a, &b), &s, &h, &p, &pa, &q, f.as_deref())
        })
}

/// How many generated callbacks were accepted (and so checked in depth).
static ACCEPTED: AtomicU64 = AtomicU64::new(0);

/// The soundness property: whatever is accepted really is a callback for that
/// pending login.
fn check_accepted(raw: &str, fx: &Fixture) -> Result<(), TestCaseError> {
    let views = fx.views();
    let got = validate_callback(raw, &views, now());
    let Ok((i, cb)) = got else {
        return Ok(());
    };
    ACCEPTED.fetch_add(1, Ordering::Relaxed);
    let trimmed = raw.trim();
    prop_assert!(trimmed.len() <= MAX_CALLBACK_LEN);
    prop_assert!(!trimmed.chars().any(char::is_control));
    let url = Url::parse(trimmed).map_err(|e| TestCaseError::fail(format!("{e}")))?;
    prop_assert!(i < 3, "never the expired login");
    prop_assert!(
        fx.accepted[i].iter().any(|a| endpoint_matches(a, &url)),
        "accepted for login {i} but sent to {url}"
    );
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    prop_assert!(pairs.len() <= 16);
    let mut keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    let before = keys.len();
    keys.dedup();
    prop_assert_eq!(before, keys.len(), "accepted with a duplicated parameter");
    let values = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    prop_assert_eq!(values("state"), vec![STATES[i]]);
    for (_, v) in &pairs {
        prop_assert!(v.len() <= MAX_PARAM_LEN && !v.contains('\0'));
    }
    match cb {
        Callback::Code { code } => {
            prop_assert!(values("error").is_empty());
            prop_assert!(!code.is_empty());
            prop_assert_eq!(values("code"), vec![code.expose()]);
        }
        Callback::Denied { reason } => {
            prop_assert_eq!(values("error").len(), 1);
            prop_assert!(!reason.chars().any(char::is_control));
        }
    }
    Ok(())
}

#[test]
fn callback_arbitrary_strings_never_panic() {
    let fx = Fixture::new();
    let strategy = prop_oneof![
        any::<String>(),
        ".{0,200}",
        (
            prop::sample::select(vec![DEEP, LOOP, BOUNCE_URI, "upsoptin://oauth/callback?"]),
            ".{0,300}"
        )
            .prop_map(|(a, b)| format!("{a}{b}")),
        // Non-UTF-8 bytes, as a browser or a shell might hand them over (lossily decoded).
        vec(any::<u8>(), 0..300).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        // Around the size limits.
        (MAX_CALLBACK_LEN - 60..MAX_CALLBACK_LEN + 60).prop_map(|n| format!(
            "{DEEP}?state={}&code={}",
            STATES[0],
            "c".repeat(n.saturating_sub(DEEP.len() + STATES[0].len() + 13))
        )),
    ];
    run(
        "callback_arbitrary_strings",
        config(2000),
        strategy,
        |raw| check_accepted(&raw, &fx),
    );
}

#[test]
fn callback_urls_from_parts_are_accepted_only_when_everything_matches() {
    let fx = Fixture::new();
    let before = ACCEPTED.load(Ordering::Relaxed);
    run(
        "callback_urls_from_parts",
        config(2000),
        url_from_parts(),
        |raw| check_accepted(&raw, &fx),
    );
    println!(
        "  (about {} accepted and checked in depth; the rest rejected)",
        ACCEPTED.load(Ordering::Relaxed) - before
    );
}

/// A well-formed callback for a live login, and the code it carries.
#[derive(Debug, Clone)]
struct Clean {
    login: usize,
    target: usize,
    scheme_upper: bool,
    host_upper: bool,
    explicit_port: bool,
    code: String,
    extra: Vec<(String, String)>,
    order: Vec<usize>,
}

fn clean() -> impl Strategy<Value = Clean> {
    (
        0usize..3,
        0usize..2,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        "[A-Za-z0-9._~-]{1,64}",
        btree_map("x[a-z]{1,6}", "[A-Za-z0-9]{0,12}", 0..5),
        Just((0..8).collect::<Vec<usize>>()).prop_shuffle(),
    )
        .prop_map(|(login, target, su, hu, ep, code, extra, order)| Clean {
            login,
            target: if login == 2 { target } else { 0 },
            scheme_upper: su,
            host_upper: hu,
            explicit_port: ep,
            code,
            extra: extra.into_iter().collect(),
            order,
        })
}

impl Clean {
    fn base(&self) -> Url {
        Fixture::new().accepted[self.login][self.target].clone()
    }

    fn parts(&self) -> (String, String, String, String) {
        let u = self.base();
        let mut scheme = u.scheme().to_string();
        if self.scheme_upper {
            scheme = scheme.to_ascii_uppercase();
        }
        let mut host = u.host_str().unwrap().to_string();
        if self.host_upper {
            host = host.to_ascii_uppercase();
        }
        let port = match (u.port(), self.explicit_port, u.scheme()) {
            (Some(p), _, _) => format!(":{p}"),
            (None, true, "https") => ":443".into(),
            _ => String::new(),
        };
        (scheme, host, port, u.path().to_string())
    }

    fn params(&self) -> Vec<(String, String, bool)> {
        let mut ps: Vec<(String, String, bool)> = vec![
            ("state".into(), STATES[self.login].into(), false),
            ("code".into(), self.code.clone(), true),
        ];
        ps.extend(
            self.extra
                .iter()
                .map(|(k, v)| (k.clone(), v.clone(), false)),
        );
        // A stable shuffle driven by `order`.
        let mut keyed: Vec<(usize, (String, String, bool))> = ps
            .into_iter()
            .enumerate()
            .map(|(i, p)| (self.order.get(i).copied().unwrap_or(i), p))
            .collect();
        keyed.sort_by_key(|(k, _)| *k);
        keyed.into_iter().map(|(_, p)| p).collect()
    }

    fn raw(&self, params: &[(String, String, bool)]) -> String {
        let (s, h, p, pa) = self.parts();
        assemble(("", ""), &s, &h, &p, &pa, params, None)
    }
}

#[test]
fn well_formed_callbacks_are_accepted_with_their_code() {
    let fx = Fixture::new();
    run("well_formed_callbacks", config(2000), clean(), |c| {
        let raw = c.raw(&c.params());
        match validate_callback(&raw, &fx.views(), now()) {
            Ok((i, Callback::Code { code })) => {
                prop_assert_eq!(i, c.login, "{}", raw);
                prop_assert_eq!(code.expose(), c.code.as_str());
            }
            other => prop_assert!(false, "{raw}: {other:?}"),
        }
        Ok(())
    });
}

/// One thing wrong with an otherwise good callback.
#[derive(Debug, Clone)]
enum Mutation {
    Scheme(String),
    Host(String),
    Port(String),
    Path(String),
    State(String),
    DropState,
    DropCode,
    EmptyCode,
    /// Repeats parameter `n % len` (raw or encoded), anywhere.
    Duplicate(usize, bool, String),
    Nul(bool),
    TooLong,
    TooManyParams,
    ExpiredLogin,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        prop::sample::select(vec!["upsoptin2", "otherapp", "https", "http", "ftp", "ups"])
            .prop_map(|s| Mutation::Scheme(s.into())),
        prop::sample::select(vec![
            "evil",
            "oauth.evil",
            "localhost",
            "127.0.0.2",
            "example.invalid.evil",
            "oauth2",
            "[::1]",
            "0.0.0.0",
        ])
        .prop_map(|s| Mutation::Host(s.into())),
        prop::sample::select(vec![":8766", ":1", ":444", ":8080", ":65535"])
            .prop_map(|s| Mutation::Port(s.into())),
        prop::sample::select(vec![
            "/callback/",
            "/CALLBACK",
            "/other",
            "/callback2",
            "/ups-optin/bounce2",
            "//callback",
            "/callback%2F",
            "/call%20back",
        ])
        .prop_map(|s| Mutation::Path(s.into())),
        prop_oneof![
            Just(STATES[3].to_string()),
            "[A-Za-z0-9]{1,48}",
            Just(format!("{}x", STATES[0])),
            Just(STATES[0][..STATES[0].len() - 1].to_string()),
            Just(STATES[0].to_ascii_uppercase()),
        ]
        .prop_map(Mutation::State),
        Just(Mutation::DropState),
        Just(Mutation::DropCode),
        Just(Mutation::EmptyCode),
        (any::<usize>(), any::<bool>(), "[A-Za-z0-9]{0,10}")
            .prop_map(|(n, enc, v)| Mutation::Duplicate(n, enc, v)),
        any::<bool>().prop_map(Mutation::Nul),
        Just(Mutation::TooLong),
        Just(Mutation::TooManyParams),
        Just(Mutation::ExpiredLogin),
    ]
}

#[test]
fn one_mutation_is_enough_to_reject_a_callback() {
    let fx = Fixture::new();
    run(
        "one_mutation_rejects",
        config(2000),
        (clean(), mutation()),
        |(c, m)| {
            let (mut s, mut h, mut p, mut pa) = c.parts();
            let mut ps = c.params();
            let mut login = c.login;
            let idx = |ps: &[(String, String, bool)], k: &str| {
                ps.iter().position(|(key, _, _)| key == k).unwrap()
            };
            match &m {
                Mutation::Scheme(x) => s = x.clone(),
                Mutation::Host(x) => {
                    // "[::1]" and "localhost" are fine hosts, just not these logins'.
                    h = x.clone()
                }
                Mutation::Port(x) => p = x.clone(),
                Mutation::Path(x) => pa = x.clone(),
                Mutation::State(x) => {
                    let i = idx(&ps, "state");
                    ps[i].1 = x.clone();
                }
                Mutation::DropState => {
                    let i = idx(&ps, "state");
                    ps.remove(i);
                }
                Mutation::DropCode => {
                    let i = idx(&ps, "code");
                    ps.remove(i);
                }
                Mutation::EmptyCode => {
                    let i = idx(&ps, "code");
                    ps[i].1.clear();
                }
                Mutation::Duplicate(n, enc, v) => {
                    let (k, original, _) = ps[n % ps.len()].clone();
                    // Same or another value; the copy goes first or last.
                    let v = if v.is_empty() { original } else { v.clone() };
                    let copy = (k, v, *enc);
                    if n % 2 == 0 {
                        ps.push(copy)
                    } else {
                        ps.insert(0, copy)
                    }
                }
                Mutation::Nul(encoded) => {
                    let i = idx(&ps, "code");
                    ps[i].1.push('\0');
                    ps[i].2 = *encoded;
                }
                Mutation::TooLong => ps.push(("pad".into(), "p".repeat(MAX_CALLBACK_LEN), false)),
                Mutation::TooManyParams => {
                    for j in 0..16 {
                        ps.push((format!("extra{j}"), "1".into(), false));
                    }
                }
                Mutation::ExpiredLogin => {
                    login = 3;
                    let i = idx(&ps, "state");
                    ps[i].1 = STATES[3].into();
                }
            }
            let raw = assemble(("", ""), &s, &h, &p, &pa, &ps, None);
            let got = validate_callback(&raw, &fx.views(), now());
            let code_returned =
                matches!(&got, Ok((_, Callback::Code { code })) if code.expose() == c.code);
            // Bounce logins accept the deep link too: switching the scheme/host/path
            // to exactly the other accepted URI is not a mutation.
            let other_accepted = Url::parse(&raw)
                .map(|u| fx.accepted[c.login].iter().any(|a| endpoint_matches(a, &u)))
                .unwrap_or(false);
            let benign = other_accepted
                && matches!(
                    m,
                    Mutation::Scheme(_) | Mutation::Host(_) | Mutation::Port(_) | Mutation::Path(_)
                );
            if !benign {
                prop_assert!(
                    got.is_err(),
                    "{m:?} (login {login}) accepted: {raw} -> {got:?}"
                );
            }
            prop_assert!(benign || !code_returned);
            Ok(())
        },
    );
}

#[test]
fn rejected_callbacks_leave_the_pending_login_waiting() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let h = rt.block_on(Harness::start());
    let started = rt
        .block_on(h.svc.begin_login(h.request(DEEP_LINK)))
        .unwrap();
    let login_id = started.info.login_id.clone();
    let state = param(&started.info.authorize_url, "state").unwrap();
    let accepted = [Url::parse(DEEP_LINK).unwrap()];
    let views = [PendingView {
        state: &state,
        accepted: &accepted,
        expires_at: started.info.expires_at,
    }];
    let real_state = state.clone();
    // Arbitrary callbacks; half of them carry the real state.
    let strategy = (url_from_parts(), any::<bool>()).prop_map(move |(raw, swap)| {
        if swap {
            raw.replace(STATES[0], &real_state)
                .replace(STATES[1], &real_state)
        } else {
            raw
        }
    });
    let skipped = AtomicU64::new(0);
    run(
        "rejected_callbacks_leave_registry",
        config(2000),
        strategy,
        |raw| {
            let predicted = validate_callback(&raw, &views, h.now());
            let Err(want) = predicted else {
                // Would be accepted: it would spend the login; not this property.
                skipped.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            };
            let got = rt.block_on(h.svc.complete(&raw));
            match got {
                Err(e) => prop_assert_eq!(e.code(), want.code(), "{}", raw),
                Ok(s) => prop_assert!(false, "{raw}: accepted {s:?}"),
            }
            prop_assert!(h.svc.authorize_url(&login_id).is_some(), "{}", raw);
            prop_assert!(h.svc.has_pending());
            Ok(())
        },
    );
    println!(
        "  ({} generated callbacks would have been accepted and were not sent)",
        skipped.load(Ordering::Relaxed)
    );
    assert!(
        h.sandbox
            .requests()
            .iter()
            .all(|r| r.endpoint == ups_sandbox::Endpoint::ValidateClient),
        "no rejected callback reached UPS (only the pre-flight did)"
    );
    // The login still completes with the real answer.
    let callback = rt.block_on(h.sign_in(&started.info.authorize_url));
    let status = rt.block_on(h.svc.complete(&callback)).unwrap();
    assert_eq!(status.state, optin_core::status::ConnectionState::Connected);
    assert!(!h.svc.has_pending());
}

// ---- UPS bodies --------------------------------------------------------------------

const TOKEN_KEYS: [&str; 12] = [
    "access_token",
    "token_type",
    "expires_in",
    "refresh_token",
    "refresh_token_expires_in",
    "status",
    "scope",
    "issued_at",
    "client_id",
    "response",
    "errors",
    "message",
];

fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(TOKEN_KEYS.to_vec()).prop_map(str::to_string),
        1 => ".{0,8}",
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,16}".prop_map(Value::String),
        "[ ]?[0-9]{1,22}[ ]?".prop_map(Value::String),
        prop::sample::select(vec![
            "Bearer", "bearer", "MAC", "approved", "APPROVED", "", "-5", "1e3", "1.5"
        ])
        .prop_map(|s| Value::String(s.into())),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(json_key(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A token-shaped object, written out by hand so keys may repeat.
fn token_like_text() -> impl Strategy<Value = String> {
    vec((json_key(), json_value()), 0..10).prop_map(|fields| {
        let inner: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), v))
            .collect();
        format!("{{{}}}", inner.join(","))
    })
}

fn body_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..256),
        json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        token_like_text().prop_map(String::into_bytes),
        // Truncated JSON, as a dropped connection leaves it.
        (token_like_text(), any::<prop::sample::Index>()).prop_map(|(t, i)| {
            let cut = i.index(t.len() + 1);
            t.as_bytes()[..cut].to_vec()
        }),
    ]
}

fn check_token_parse(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(t) = serde_json::from_slice::<UpsTokenResponse>(bytes) {
        // Only valid JSON parses (serde also takes a struct as an array, which is harmless).
        prop_assert!(serde_json::from_slice::<Value>(bytes).is_ok());
        let _ = format!("{t:?}");
    }
    let _ = UpsErrorBody::parse(bytes).map(|b| {
        assert!(b.first().is_some());
        b.to_string()
    });
    Ok(())
}

#[test]
fn token_and_error_bodies_never_panic() {
    run("token_and_error_bodies", config(2000), body_bytes(), |b| {
        check_token_parse(&b)
    });
    run(
        "token_bodies_from_json_values",
        config(2000),
        json_value(),
        |v| {
            let _ = serde_json::from_value::<UpsTokenResponse>(v.clone());
            let _ = serde_json::from_value::<UpsErrorBody>(v.clone());
            check_token_parse(&serde_json::to_vec(&v).unwrap())
        },
    );
}

#[test]
fn numbers_as_strings_round_trip_for_any_u64() {
    run(
        "numbers_as_strings_round_trip",
        config(2000),
        (any::<u64>(), any::<u64>(), 0usize..4, any::<bool>()),
        |(n, m, pad, as_number)| {
            let sp = " ".repeat(pad);
            let lifetime = |x: u64| {
                if as_number {
                    x.to_string()
                } else {
                    format!("\"{sp}{x}{sp}\"")
                }
            };
            let body = format!(
                r#"{{"access_token":"AT","token_type":"Bearer","expires_in":{},"refresh_token":"RT","refresh_token_expires_in":{}}}"#,
                lifetime(n),
                lifetime(m)
            );
            let t: UpsTokenResponse = serde_json::from_str(&body)
                .map_err(|e| TestCaseError::fail(format!("{body}: {e}")))?;
            prop_assert_eq!(t.expires_in, Some(n));
            prop_assert_eq!(t.refresh_token_expires_in, Some(m));
            prop_assert_eq!(
                parse_retry_after(&format!("{sp}{n}")),
                Some(Duration::from_secs(n))
            );
            Ok(())
        },
    );
}

const PLANTED: &str = "PLANTEDzq8TOKENvalue0123456789";

fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        "[ -~]{0,40}".prop_map(String::into_bytes),
        vec(any::<u8>(), 0..40),
        prop::sample::select(vec![
            "7",
            "0",
            "18446744073709551615",
            "18446744073709551616",
            "-1",
            "1.5",
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 01 Jan 0001 00:00:00 GMT",
            "text/html",
            "application/json",
            "https://evil.invalid/x?code=PLANTEDzq8TOKENvalue0123456789",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ]
}

fn response() -> impl Strategy<Value = HttpResponse> {
    (
        prop_oneof![
            3 => prop::sample::select(vec![200u16, 204, 301, 302, 400, 401, 403, 404, 429, 500, 502, 503]),
            1 => 100u16..1000,
        ],
        vec(
            (
                prop::sample::select(vec!["retry-after", "location", "content-type", "x-other"]),
                header_value(),
            ),
            0..4,
        ),
        body_bytes(),
        prop::option::of(0usize..300),
    )
        .prop_map(|(status, headers, mut body, plant)| {
            if let Some(at) = plant {
                let at = at.min(body.len());
                body.splice(at..at, PLANTED.bytes());
            }
            let mut b = http::Response::builder().status(status);
            for (k, v) in headers {
                if let Ok(v) = http::HeaderValue::from_bytes(&v) {
                    b = b.header(k, v);
                }
            }
            b.body(body).unwrap()
        })
}

fn copy(r: &HttpResponse) -> HttpResponse {
    let mut c = http::Response::new(r.body().clone());
    *c.status_mut() = r.status();
    *c.headers_mut() = r.headers().clone();
    c
}

/// Answers every request with a copy of one response.
struct Canned(HttpResponse);

impl HttpTransport for Canned {
    fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let r = copy(&self.0);
        Box::pin(async move { Ok(r) })
    }
}

#[test]
fn classify_and_client_never_panic_nor_quote_the_body() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let env = Environment::parse("http://127.0.0.1:9").unwrap();
    let creds = ClientCredentials {
        client_id: "CID".into(),
        client_secret: Secret::new("SECRET"),
    };
    let redirect = optin_core::login::RedirectUri::parse(DEEP).unwrap();
    run("classify_and_client", config(2000), response(), |r| {
        let ups_quoted = UpsErrorBody::parse(r.body()).is_some();
        for ep in [
            Endpoint::Token,
            Endpoint::Refresh,
            Endpoint::ClientCredentials,
        ] {
            let e = classify_status(&r, ep);
            let shown = format!("{e} {e:?}");
            match r.status().as_u16() {
                429 => prop_assert!(matches!(e, Error::UpsRateLimited { .. }), "{}", shown),
                500..=599 => {
                    prop_assert!(matches!(e, Error::UpsUnreachable { .. }), "{}", shown)
                }
                _ => {}
            }
            if !ups_quoted {
                prop_assert!(!shown.contains(PLANTED), "{}", shown);
            }
        }
        let ups = UpsClient::with_rate_limit(Arc::new(Canned(copy(&r))), RateLimitRetry::OFF);
        // A 200 refresh answer is read field by field, never rejected whole.
        match rt.block_on(ups.refresh(&env, &creds, &Secret::new("RT"))) {
            Ok(answer) => {
                prop_assert_eq!(r.status().as_u16(), 200);
                let shown = format!("{answer:?}");
                prop_assert!(!shown.contains(PLANTED), "{}", shown);
            }
            Err(e) => {
                prop_assert!(r.status().as_u16() != 200, "{}", e);
                let shown = format!("{e} {e:?}");
                if !ups_quoted {
                    prop_assert!(!shown.contains(PLANTED), "{}", shown);
                }
            }
        }
        let answers = rt.block_on(async {
            vec![
                ups.client_credentials(&env, &creds, Some("A1B2C3")).await,
                ups.exchange_code(
                    &env,
                    &creds,
                    &Secret::new("CODE"),
                    &redirect,
                    oauth2::PkceCodeVerifier::new("v".repeat(64)),
                    TokenAuth::Basic,
                )
                .await,
            ]
        });
        for a in answers {
            match a {
                Ok(set) => {
                    prop_assert_eq!(r.status().as_u16(), 200);
                    prop_assert!(!set.access_token.expose().trim().is_empty());
                    let shown = format!("{set:?}");
                    prop_assert!(!shown.contains(PLANTED), "{}", shown);
                }
                Err(e) => {
                    let shown = format!("{e} {e:?}");
                    if !ups_quoted {
                        prop_assert!(!shown.contains(PLANTED), "{}", shown);
                    }
                }
            }
        }
        Ok(())
    });
}

// ---- lifetimes through the whole service -------------------------------------------

fn clock_now(c: &FixedClock) -> OffsetDateTime {
    optin_core::clock::Clock::now(c)
}

/// UPS answering with the given lifetimes; `/refresh` and `/token` alike.
struct Lifetimes {
    expires_in: String,
    refresh_expires_in: String,
    n: Mutex<u64>,
}

impl HttpTransport for Lifetimes {
    fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let n = {
            let mut n = self.n.lock().unwrap();
            *n += 1;
            *n
        };
        let body = format!(
            r#"{{"access_token":"AT{n}","token_type":"Bearer","expires_in":{},"refresh_token":"RT{n}","refresh_token_expires_in":{},"status":"approved"}}"#,
            self.expires_in, self.refresh_expires_in
        );
        Box::pin(async move { Ok(http::Response::new(body.into_bytes())) })
    }
}

fn lifetime_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|n| format!("\"{n}\"")),
        any::<u64>().prop_map(|n| n.to_string()),
        prop::sample::select(vec![
            "\"18446744073709551615\"",
            "\"0\"",
            "0",
            "\"\"",
            "null",
            "\"14399\"",
            "1e14",
            "\"253402300799\"",
            "\"31536000000\"",
        ])
        .prop_map(str::to_string),
    ]
}

#[test]
fn any_lifetime_from_ups_is_handled_without_panic() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let env = Environment::parse("http://127.0.0.1:9").unwrap();
    run(
        "any_lifetime_through_the_service",
        config(200),
        (lifetime_text(), lifetime_text()),
        |(a, r)| {
            let dir = tempfile::tempdir().unwrap();
            let clock = Arc::new(FixedClock::new(whole_second_now()));
            let browser = Arc::new(RecordingBrowser::default());
            let svc = build(
                Arc::new(Lifetimes {
                    expires_in: a.clone(),
                    refresh_expires_in: r.clone(),
                    n: Mutex::new(0),
                }),
                browser.clone(),
                clock.clone(),
                Arc::new(MemoryStore::new()),
                dir.path().join("config"),
                TokenPolicy::default(),
            );
            rt.block_on(async {
                // Client credentials.
                let (status, _) = svc
                    .login_client_credentials(ClientCredentialsRequest {
                        environment: env.clone(),
                        label: "L".into(),
                        client_id: "CIDCC".into(),
                        client_secret: Secret::new("secret-value"),
                        accounts: vec!["A1B2C3".into()],
                    })
                    .await
                    .map_err(|e| TestCaseError::fail(format!("{a}/{r}: {e}")))?;
                let _ = serde_json::to_string(&status).unwrap();
                // Browser login, then a forced refresh.
                let started = svc
                    .begin_login(request_for(&env, DEEP_LINK))
                    .await
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let state = param(&started.info.authorize_url, "state").unwrap();
                let status = svc
                    .complete(&format!("{DEEP_LINK}?code=C&state={state}"))
                    .await
                    .map_err(|e| TestCaseError::fail(format!("{a}/{r}: {e}")))?;
                let _ = serde_json::to_string(&status).unwrap();
                let rec = svc.store().get(&status.id).unwrap();
                let cap = clock_now(&clock) + optin_core::ups::MAX_LIFETIME;
                for at in [rec.access_token_expires_at, rec.refresh_token_expires_at]
                    .into_iter()
                    .flatten()
                {
                    prop_assert!(at <= cap, "{} > {}", at, cap);
                }
                let status = svc
                    .refresh(&status.id)
                    .await
                    .map_err(|e| TestCaseError::fail(format!("{a}/{r}: {e}")))?;
                let _ = serde_json::to_string(&status).unwrap();
                clock.advance(time::Duration::days(365 * 20));
                let _ = svc.access_token(&status.id).await;
                let _ = svc
                    .statuses()
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let _ = svc.tick().await;
                Ok::<(), TestCaseError>(())
            })
        },
    );
}
