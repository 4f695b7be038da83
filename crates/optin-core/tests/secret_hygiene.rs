//! Secret hygiene: no secret ever leaves the keychain and the wire.
//!
//! The test plants a distinctive client secret, records every value that is a
//! secret on the wire (the client secret and its Basic header, authorization
//! codes, PKCE verifiers, refresh and access tokens, in requests and answers)
//! through a wrapping transport, captures every `log` record at Trace level
//! for the whole process, and runs every flow: deep-link, paste, bounce and
//! loopback logins, a declined login, rejected callbacks, client credentials
//! with accounts, refreshes and rotations, faults (some with token-like values
//! in broken bodies), a refresh whose token cannot be saved, a UPS.com
//! password change and the re-opt-in, removal. Then it scans the captured log
//! lines, every file in the configuration folder, the `Debug` and `Display`
//! of every returned value and error, the JSON of every status, every event,
//! and the diagnostics report: no planted secret may appear anywhere.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use optin_core::diagnostics;
use optin_core::environment::Environment;
use optin_core::login::callback::Callback;
use optin_core::login::{LoginPlan, RouteKind};
use optin_core::service::{BrowserRequest, ClientCredentialsRequest, CoreEvent};
use optin_core::store::ConnectionRecord;
use optin_core::ups::http::{
    BoxFuture, HttpRequest, HttpResponse, HttpTransport, ReqwestTransport, TransportError,
};
use optin_core::ups::{ClientCredentials, HttpFailure, TokenAuth, TokenSet};
use optin_core::{ErrorCode, ErrorView, Secret};
use ups_sandbox::{ClientConfig, Fault, FaultKind, FaultTarget, SandboxConfig, DEMO_USER};

const CLIENT_ID: &str = "hygiene-client-id";
const PLANTED_SECRET: &str = "PLANTED-SECRET-7c1f9e2a4b6d8f0a13579bdf";
const PLANTED_IN_BODIES: &str = "PLANTEDbodyTOKENeyJhbGciOiJIUzI1NiJ9xyz";

// ---- a logger that keeps everything ---------------------------------------------------

static LINES: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        let line = format!("{} {}: {}", record.level(), record.target(), record.args());
        LINES.lock().unwrap_or_else(|p| p.into_inner()).push(line);
    }
    fn flush(&self) {}
}

static CAPTURE: Capture = Capture;

// ---- the wire ----------------------------------------------------------------------------

/// The real transport, recording every secret value that crosses it, and able
/// to answer the next request itself with a hostile body.
struct Wire {
    inner: ReqwestTransport,
    secrets: Mutex<BTreeSet<String>>,
    canned: Mutex<Vec<(u16, &'static str, String)>>,
}

impl Wire {
    fn new() -> Arc<Self> {
        Arc::new(Wire {
            inner: ReqwestTransport::new().unwrap(),
            secrets: Mutex::new(BTreeSet::new()),
            canned: Mutex::new(Vec::new()),
        })
    }

    fn keep(&self, v: &str) {
        if !v.is_empty() {
            self.secrets.lock().unwrap().insert(v.to_string());
        }
    }

    /// The next request is answered with this instead of reaching UPS.
    fn answer_next(&self, status: u16, content_type: &'static str, body: String) {
        self.canned
            .lock()
            .unwrap()
            .push((status, content_type, body));
    }

    fn secrets(&self) -> BTreeSet<String> {
        self.secrets.lock().unwrap().clone()
    }
}

const SECRET_FIELDS: [&str; 5] = [
    "code",
    "code_verifier",
    "refresh_token",
    "client_secret",
    "access_token",
];

impl HttpTransport for Wire {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            if let Some(auth) = request
                .headers()
                .get(http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
            {
                self.keep(auth.trim_start_matches("Basic ").trim());
            }
            for (k, v) in url::form_urlencoded::parse(request.body()) {
                if SECRET_FIELDS.contains(&k.as_ref()) {
                    self.keep(&v);
                }
            }
            let canned = self.canned.lock().unwrap().pop();
            let response = match canned {
                Some((status, content_type, body)) => http::Response::builder()
                    .status(status)
                    .header("content-type", content_type)
                    .body(body.into_bytes())
                    .unwrap(),
                None => self.inner.send(request).await?,
            };
            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(response.body()) {
                for f in SECRET_FIELDS {
                    if let Some(s) = v.get(f).and_then(|s| s.as_str()) {
                        self.keep(s);
                    }
                }
            }
            Ok(response)
        })
    }
}

// ---- what is scanned ------------------------------------------------------------------------

#[derive(Default)]
struct Seen {
    texts: Vec<(String, String)>,
}

impl Seen {
    fn debug<T: std::fmt::Debug>(&mut self, what: &str, v: &T) {
        self.texts
            .push((format!("{what} (Debug)"), format!("{v:?}")));
        self.texts
            .push((format!("{what} (Debug, pretty)"), format!("{v:#?}")));
    }

    fn result<T: std::fmt::Debug>(&mut self, what: &str, r: &optin_core::Result<T>) {
        self.debug(what, r);
        if let Err(e) = r {
            self.texts
                .push((format!("{what} (Display)"), e.to_string()));
            let view = ErrorView::from(e);
            self.texts.push((
                format!("{what} (ErrorView JSON)"),
                serde_json::to_string(&view).unwrap(),
            ));
        }
    }

    fn json<T: serde::Serialize>(&mut self, what: &str, v: &T) {
        self.texts
            .push((format!("{what} (JSON)"), serde_json::to_string(v).unwrap()));
    }

    fn text(&mut self, what: &str, s: String) {
        self.texts.push((what.to_string(), s));
    }
}

fn files_under(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            let bytes = std::fs::read(&path).unwrap();
            out.push((
                path.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    }
}

fn request(env: &Environment, redirect: &str) -> BrowserRequest {
    BrowserRequest {
        environment: env.clone(),
        label: "Hygiene".into(),
        client_id: CLIENT_ID.into(),
        client_secret: Secret::new(PLANTED_SECRET),
        redirect_uri: redirect.into(),
        route: if redirect.starts_with("http://") {
            RouteKind::Loopback
        } else if redirect.starts_with("https://") {
            RouteKind::Paste
        } else {
            RouteKind::DeepLink
        },
        forward_uri: None,
        token_auth: TokenAuth::Basic,
        accounts: vec!["A1B2C3".into()],
        scope: None,
    }
}

async fn drain(rx: &mut tokio::sync::broadcast::Receiver<CoreEvent>, seen: &mut Seen) {
    while let Ok(e) = rx.try_recv() {
        seen.debug("event", &e);
        if let CoreEvent::Completed { status, .. } = &e {
            seen.json("event status", status.as_ref());
        }
        if let CoreEvent::Failed { error, .. } = &e {
            seen.json("event error", &optin_core::ErrorView::from(error));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_appears_in_logs_files_errors_statuses_or_diagnostics() {
    log::set_logger(&CAPTURE).expect("the only logger");
    log::set_max_level(log::LevelFilter::Trace);

    let loopback = format!("http://127.0.0.1:{}/callback", free_port());
    let client = ClientConfig::new(CLIENT_ID, PLANTED_SECRET)
        .with_redirect_uri(DEEP_LINK)
        .with_redirect_uri(BOUNCE)
        .with_redirect_uri(loopback.clone())
        .with_account("A1B2C3")
        .with_account("X9Y8Z7");
    let wire = Wire::new();
    let h = Harness::with(Setup {
        sandbox: SandboxConfig::default().with_client(client),
        http: Some(wire.clone()),
        ..Setup::default()
    })
    .await;
    let svc = h.svc.clone();
    let mut events = svc.subscribe();
    let mut seen = Seen::default();
    let id = ConnectionRecord::id_for(&h.env, CLIENT_ID);

    // Browser logins: deep link, paste, bounce, loopback.
    for (redirect, route, forward) in [
        (DEEP_LINK, None, None),
        (BOUNCE, None, None),
        (BOUNCE, Some(RouteKind::Bounce), Some(DEEP_LINK.to_string())),
    ] {
        let req = BrowserRequest {
            route: route.unwrap_or(request(&h.env, redirect).route),
            forward_uri: forward.clone(),
            ..request(&h.env, redirect)
        };
        seen.debug("BrowserRequest", &req);
        let started = svc.begin_login(req).await.unwrap();
        seen.debug("Started", &started);
        seen.json("PendingInfo", &started.info);
        let mut callback = h.sign_in(&started.info.authorize_url).await;
        if forward.is_some() {
            callback = callback.replacen(BOUNCE, DEEP_LINK, 1);
        }
        // Rejected first: sent elsewhere, with a duplicate, twice the same.
        let elsewhere = callback.replacen("://", "://evil.", 1);
        seen.result(
            "rejected callback",
            &svc.complete(&elsewhere).await.into_result(),
        );
        seen.result(
            "duplicated code",
            &svc.complete(&format!("{callback}&code=x"))
                .await
                .into_result(),
        );
        let done = svc.complete(&callback).await.into_result();
        seen.result("complete", &done);
        seen.json("status", done.as_ref().unwrap());
        seen.result(
            "replayed callback",
            &svc.complete(&callback).await.into_result(),
        );
    }
    {
        let events = svc.subscribe();
        let started = svc.begin_login(request(&h.env, &loopback)).await.unwrap();
        seen.debug("Started loopback", &started);
        let login_id = started.info.login_id.clone();
        let waiter = {
            let svc = svc.clone();
            tokio::spawn(async move { svc.wait_for(&login_id, events).await })
        };
        let callback = h.sign_in(&started.info.authorize_url).await;
        let page = reqwest::get(&callback).await.unwrap().text().await.unwrap();
        seen.text("loopback page", page);
        let done = tokio::time::timeout(Duration::from_secs(20), waiter)
            .await
            .unwrap()
            .unwrap();
        seen.result("loopback login", &done);
    }
    // Declined at UPS.
    let started = svc.begin_login(request(&h.env, DEEP_LINK)).await.unwrap();
    let declined = h.fake.decline(&started.info.authorize_url).await.unwrap();
    seen.result("declined", &svc.complete(&declined).await.into_result());

    // Client ID and secret only, with accounts (one not associated).
    let cc_id = ConnectionRecord::id_for(&h.env, ups_sandbox::DEMO_CLIENT_ID);
    let cc = ClientCredentialsRequest {
        accounts: vec!["A1B2C3".into(), "X9Y8Z7".into(), "ZZ9999".into()],
        ..h.cc_request(&[])
    };
    seen.debug("ClientCredentialsRequest", &cc);
    let r = svc.login_client_credentials(cc).await;
    seen.result("client credentials", &r);
    seen.result("test cc", &svc.test(&cc_id).await);

    // Refreshes and rotations.
    let expire = || {
        h.sandbox.expire_access_tokens();
        let exp = h.store().get(&id).unwrap().access_token_expires_at.unwrap();
        h.clock.set(exp + time::Duration::seconds(1));
    };
    expire();
    seen.result("access_token after expiry", &svc.access_token(&id).await);
    for _ in 0..3 {
        seen.result("forced refresh", &svc.refresh(&id).await);
    }
    seen.result("test browser", &svc.test(&id).await);

    // Faults on /refresh, then on /token.
    for kind in [
        FaultKind::ServerError,
        FaultKind::Unavailable,
        FaultKind::RateLimited {
            retry_after_secs: 30,
        },
        FaultKind::HtmlBody,
        FaultKind::MalformedJson,
        FaultKind::EmptyJson,
        FaultKind::DropConnection,
        FaultKind::RedirectElsewhere,
    ] {
        h.sandbox
            .inject(Fault::new(FaultTarget::Refresh, kind).times(1));
        seen.result("refresh under fault", &svc.refresh(&id).await);
    }
    // Broken answers holding a token-like value.
    let hostile = [
        (
            200,
            "application/json",
            format!(
                r#"{{"access_token":"{PLANTED_IN_BODIES}","refresh_token":"{PLANTED_IN_BODIES}-rt"#
            ),
        ),
        (
            200,
            "application/json",
            format!(
                r#"{{"access_token":"{PLANTED_IN_BODIES}","refresh_token":"{PLANTED_IN_BODIES}-rt2","status":"pending"}}"#
            ),
        ),
        (
            200,
            "application/json",
            format!(r#"{{"access_token":"{PLANTED_IN_BODIES}","expires_in":"soon"}}"#),
        ),
        (
            200,
            "application/json",
            format!(r#"{{"access_token":"{PLANTED_IN_BODIES}"}}"#),
        ), // no rotated token
        (
            200,
            "text/html",
            format!("<html>{PLANTED_IN_BODIES}</html>"),
        ),
        (
            400,
            "application/json",
            format!(r#"{{"error":"invalid_grant","refresh_token":"{PLANTED_IN_BODIES}"}}"#),
        ),
        (
            500,
            "text/plain",
            format!("upstream said {PLANTED_IN_BODIES}"),
        ),
        (
            503,
            "application/json",
            format!(r#"{{"access_token":"{PLANTED_IN_BODIES}"#),
        ),
        (302, "text/plain", PLANTED_IN_BODIES.to_string()),
    ];
    for (status, ct, body) in hostile.iter().cloned() {
        wire.answer_next(status, ct, body);
        let r = svc.refresh(&id).await;
        seen.result("refresh with a hostile body", &r);
        // A 4xx on /refresh marks the connection for re-opt-in; undo for the next round.
        if status == 400 {
            h.store()
                .modify(&id, |rec| rec.reopt_needed = false)
                .unwrap();
        }
    }
    for (status, ct, body) in hostile.iter().cloned() {
        let started = svc.begin_login(request(&h.env, DEEP_LINK)).await.unwrap();
        let callback = h.sign_in(&started.info.authorize_url).await;
        wire.answer_next(status, ct, body);
        seen.result(
            "exchange with a hostile body",
            &svc.complete(&callback).await.into_result(),
        );
    }
    for (status, ct, body) in hostile.iter().cloned() {
        wire.answer_next(status, ct, body);
        seen.result(
            "client credentials with a hostile body",
            &svc.login_client_credentials(h.cc_request(&["A1B2C3"]))
                .await,
        );
    }
    seen.result("still refreshes", &svc.refresh(&id).await);

    // A hostile 200 answer that carried a refresh token had it saved first (UPS
    // spent the old one when it answered 200); opt in again for a valid one.
    let started = svc.begin_login(request(&h.env, DEEP_LINK)).await.unwrap();
    let callback = h.sign_in(&started.info.authorize_url).await;
    svc.complete(&callback).await.into_result().unwrap();

    // The keychain refuses the rotated token: TokenNotSaved, then saved by a renewal pass.
    let flaky = Arc::new(FlakyStore::new(h.secrets.clone()));
    let svc2 = build(
        wire.clone(),
        h.browser.clone(),
        h.clock.clone(),
        flaky.clone(),
        h.config_dir(),
        h.policy.clone(),
    );
    let mut events2 = svc2.subscribe();
    flaky.fail_writes("refresh-token", 3);
    let r = svc2.refresh(&id).await;
    assert_eq!(r.as_ref().unwrap_err().code(), ErrorCode::TokenNotSaved);
    seen.result("token not saved", &r);
    let s = svc2.status(&id);
    assert!(s.as_ref().unwrap().token_unsaved);
    seen.result("status with unsaved token", &s);
    seen.json("statuses with unsaved token", &svc2.statuses().unwrap());
    seen.text(
        "diagnostics with unsaved token",
        diagnostics::report(&svc2, "UPS Opt-In Wizard (hygiene)", &[]).await,
    );
    assert!(renewal_pass(&svc2).await);
    assert!(!svc2.status(&id).unwrap().token_unsaved);
    drain(&mut events2, &mut seen).await;

    // UPS.com password change: re-opt-in needed, then re-opt-in.
    assert!(h.sandbox.change_password(DEMO_USER, None));
    expire();
    let r = svc.access_token(&id).await;
    assert_eq!(r.as_ref().unwrap_err().code(), ErrorCode::ReoptNeeded);
    seen.result("after password change", &r);
    seen.json("statuses reopt", &svc.statuses().unwrap());
    let started = svc.begin_reopt(&id, None).await;
    seen.result("begin_reopt", &started);
    let callback = h.sign_in(&started.unwrap().info.authorize_url).await;
    seen.result(
        "reopt complete",
        &svc.complete(&callback).await.into_result(),
    );
    seen.json("statuses", &svc.statuses().unwrap());
    seen.result(
        "renewal pass",
        &Ok::<_, optin_core::Error>(renewal_pass(&svc).await),
    );

    // Diagnostics with the whole captured log as its "recent log".
    let log_now: Vec<String> = LINES.lock().unwrap().clone();
    seen.text(
        "diagnostics",
        diagnostics::report(&svc, "UPS Opt-In Wizard (hygiene)", &log_now).await,
    );

    // A control for the matcher: the keychain itself does hold secrets (whole
    // values only: access tokens are stored in chunks).
    let keychain: Vec<String> = h.snapshot().vault.into_values().collect();

    // Files while connections exist, then removal.
    let mut files = Vec::new();
    files_under(&h.config_dir(), &mut files);
    seen.result("remove", &svc.remove(&id).await);
    seen.result("remove cc", &svc.remove(&cc_id).await);
    seen.result("remove again", &svc.remove(&id).await);
    files_under(&h.config_dir(), &mut files);
    drain(&mut events, &mut seen).await;

    // Debug of every secret-bearing type is redacted.
    let plan = LoginPlan {
        environment: h.env.clone(),
        label: "L".into(),
        client_id: CLIENT_ID.into(),
        client_secret: Secret::new(PLANTED_SECRET),
        redirect_uri: optin_core::login::RedirectUri::parse(DEEP_LINK).unwrap(),
        route: RouteKind::DeepLink,
        forward_uri: None,
        token_auth: TokenAuth::Basic,
        accounts: vec![],
        scope: None,
    };
    seen.debug("LoginPlan", &plan);
    seen.debug("Secret", &Secret::new(PLANTED_SECRET));
    seen.debug("Option<Secret>", &Some(Secret::new(PLANTED_SECRET)));
    seen.debug(
        "ClientCredentials",
        &ClientCredentials {
            client_id: CLIENT_ID.into(),
            client_secret: Secret::new(PLANTED_SECRET),
        },
    );
    seen.debug(
        "TokenSet",
        &TokenSet {
            access_token: Secret::new(PLANTED_IN_BODIES),
            expires_in: Some(Duration::from_secs(1)),
            refresh_token: Some(Secret::new(PLANTED_SECRET)),
            refresh_expires_in: None,
        },
    );
    let failure = HttpFailure::Status(
        http::Response::builder()
            .status(200)
            .body(PLANTED_IN_BODIES.as_bytes().to_vec())
            .unwrap(),
    );
    seen.debug("HttpFailure", &failure);
    seen.text("HttpFailure (Display)", failure.to_string());
    seen.debug(
        "Callback",
        &Callback::Code {
            code: Secret::new(PLANTED_SECRET),
        },
    );
    seen.debug(
        "PkceCodeVerifier",
        &oauth2::PkceCodeVerifier::new(PLANTED_SECRET.to_string()),
    );

    // ---- the scan -----------------------------------------------------------------
    let mut secrets = wire.secrets();
    secrets.insert(PLANTED_SECRET.to_string());
    secrets.insert(PLANTED_IN_BODIES.to_string());
    // Anything shorter could occur by chance; none of these is that short.
    let short: Vec<&String> = secrets.iter().filter(|s| s.len() < 12).collect();
    assert!(short.is_empty(), "short secrets: {}", short.len());
    // The planted values really were used: the keychain held them.
    assert!(
        secrets.len() > 40,
        "only {} secrets captured",
        secrets.len()
    );

    let log_lines: Vec<String> = LINES.lock().unwrap().clone();
    let mut corpus: Vec<(String, String)> = Vec::new();
    corpus.extend(log_lines.iter().map(|l| ("log".to_string(), l.clone())));
    corpus.extend(files.iter().cloned());
    corpus.extend(seen.texts.iter().cloned());

    let mut leaks = Vec::new();
    for (what, text) in &corpus {
        for s in &secrets {
            if text.contains(s.as_str()) {
                leaks.push(format!("{what}: a {}-byte secret", s.len()));
            }
        }
    }
    let lines: usize = corpus.iter().map(|(_, t)| t.lines().count().max(1)).sum();
    let bytes: usize = corpus.iter().map(|(_, t)| t.len()).sum();
    println!(
        "secret hygiene: {} distinct secrets planted or captured; scanned {} log lines, {} files, {} values/texts; {lines} lines, {bytes} bytes in all; {} occurrences",
        secrets.len(),
        log_lines.len(),
        files.len(),
        seen.texts.len(),
        leaks.len()
    );
    let mut targets = std::collections::BTreeMap::<String, usize>::new();
    for l in &log_lines {
        let target = l.split(':').next().unwrap_or("").to_string();
        *targets.entry(target).or_default() += 1;
    }
    println!("  log lines by level and target: {targets:?}");
    assert!(leaks.is_empty(), "secrets leaked:\n{}", leaks.join("\n"));
    let in_keychain = secrets
        .iter()
        .filter(|s| keychain.iter().any(|k| k.contains(s.as_str())))
        .count();
    println!("  control: {in_keychain} of the secrets are found in the (memory) keychain");
    assert!(keychain.iter().any(|k| k == PLANTED_SECRET) && in_keychain >= 2);
    // The scan is not vacuous: the log and the texts are there.
    assert!(!log_lines.is_empty() && files.len() >= 2);
}
