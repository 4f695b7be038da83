//! The callback validator and the pending logins: arbitrary strings, URLs built
//! from parts, well-formed callbacks and single mutations of them.

use super::*;

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
            let got = rt.block_on(h.svc.complete(&raw)).into_result();
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
    let status = rt
        .block_on(h.svc.complete(&callback))
        .into_result()
        .unwrap();
    assert_eq!(status.state, optin_core::status::ConnectionState::Connected);
    assert!(!h.svc.has_pending());
}
