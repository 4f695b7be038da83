//! UPS misbehaving: every failure has its own error code and changes nothing
//! stored. On /refresh, "unreachable" is kept apart from "re-opt-in needed".

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use optin_core::status::ConnectionState;
use optin_core::ups::http::ReqwestTransport;
use optin_core::vault::SecretKind;
use optin_core::{Environment, Error, ErrorCode};
use ups_sandbox::{Endpoint, Fault, FaultKind, FaultTarget};

/// Starts a login, signs in, and completes it while `kind` is active on /token.
/// Asserts that nothing stored changed and returns the error.
async fn exchange_under(h: &Harness, kind: FaultKind) -> Error {
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let callback = h.sign_in(&started.info.authorize_url).await;
    let before = h.snapshot();
    let name = kind.name();
    h.sandbox.inject(Fault::new(FaultTarget::Token, kind));
    let e = err(h.svc.complete(&callback).await.into_result());
    h.sandbox.clear_faults();
    assert_eq!(
        h.snapshot(),
        before,
        "{name}: the vault and the store are unchanged"
    );
    let faulted: Vec<_> = h
        .requests_to(Endpoint::Token)
        .into_iter()
        .filter(|r| r.fault.as_deref() == Some(name))
        .collect();
    assert_eq!(
        faulted.len(),
        1,
        "{name}: exactly one request, no hidden retry"
    );
    let m = e.to_string();
    assert!(m.contains("Nothing stored was changed"), "{name}: {m}");
    assert!(
        !m.contains(&param(&callback, "code").unwrap()),
        "{name}: the code is never shown"
    );
    e
}

#[tokio::test]
async fn code_exchange_faults() {
    let h = Harness::start().await;
    h.opt_in().await; // an existing connection the failures must not touch

    match exchange_under(&h, FaultKind::ServerError).await {
        Error::UpsUnreachable { status, detail, .. } => {
            assert_eq!(status, Some(500));
            assert!(detail.contains("HTML"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    match exchange_under(&h, FaultKind::Unavailable).await {
        Error::UpsUnreachable { status, .. } => assert_eq!(status, Some(503)),
        other => panic!("{other:?}"),
    }
    // A Retry-After beyond the client's bound (10 s) is reported at once: exactly
    // one request. Shorter ones are retried; see tests/rate_limit.rs.
    match exchange_under(
        &h,
        FaultKind::RateLimited {
            retry_after_secs: 30,
        },
    )
    .await
    {
        e @ Error::UpsRateLimited { .. } => {
            assert!(e.to_string().contains("Wait 30 seconds"), "{e}");
            let Error::UpsRateLimited {
                retry_after,
                ups_message,
            } = e
            else {
                unreachable!()
            };
            assert_eq!(retry_after, Some(Duration::from_secs(30)));
            assert_eq!(ups_message.as_deref(), Some("Too Many Requests"));
        }
        other => panic!("{other:?}"),
    }
    for kind in [
        FaultKind::MalformedJson,
        FaultKind::EmptyBody,
        FaultKind::EmptyJson,
        FaultKind::HtmlBody,
    ] {
        let name = kind.name();
        let e = exchange_under(&h, kind).await;
        assert_eq!(e.code(), ErrorCode::UpsBadResponse, "{name}: {e}");
        assert!(
            matches!(e, Error::UpsBadResponse { status: 200, .. }),
            "{name}: {e:?}"
        );
    }
    let e = exchange_under(&h, FaultKind::DropConnection).await;
    assert!(
        matches!(e, Error::UpsUnreachable { status: None, .. }),
        "{e:?}"
    );
    let e = exchange_under(&h, FaultKind::RedirectElsewhere).await;
    assert!(
        matches!(e, Error::UpsBadResponse { status: 302, .. }),
        "{e:?}"
    );
    assert!(
        e.to_string().contains(ups_sandbox::faults::ELSEWHERE_HOST),
        "{e}"
    );

    // Still connected as before, and a clean opt-in still works afterwards.
    assert_eq!(
        h.svc.status(&h.connection_id()).unwrap().state,
        ConnectionState::Connected
    );
    h.opt_in().await;
}

#[tokio::test]
async fn slow_body_hits_the_total_timeout() {
    let http = Arc::new(
        ReqwestTransport::with_timeouts(Duration::from_secs(1), Duration::from_secs(1)).unwrap(),
    );
    let h = Harness::with(Setup {
        http: Some(http),
        ..Setup::default()
    })
    .await;
    h.opt_in().await;
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let callback = h.sign_in(&started.info.authorize_url).await;
    let before = h.snapshot();
    h.sandbox.inject(Fault::new(
        FaultTarget::Token,
        FaultKind::SlowBody {
            chunk_delay_ms: 300,
            chunk_bytes: 32,
        },
    ));
    let t = Instant::now();
    let e = assert_code(
        h.svc.complete(&callback).await.into_result(),
        ErrorCode::TimedOut,
    );
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "gave up after {:?}",
        t.elapsed()
    );
    assert!(e.to_string().contains("did not answer in time"), "{e}");
    assert_eq!(h.snapshot(), before);
}

#[tokio::test]
async fn a_short_delay_within_the_timeout_is_fine() {
    let h = Harness::start().await;
    h.sandbox
        .inject(Fault::new(FaultTarget::Token, FaultKind::Delay { ms: 300 }).times(1));
    assert_eq!(h.opt_in().await.state, ConnectionState::Connected);
}

#[tokio::test]
async fn connection_refused() {
    let h = Harness::start().await;
    h.opt_in().await;
    let before = h.snapshot();
    let closed = Environment::parse(&format!("http://127.0.0.1:{}", free_port())).unwrap();

    // Browser login whose UPS cannot be reached: the validate-client pre-flight
    // says so before any browser opens or login is registered.
    let opened = h.browser.opened.lock().unwrap().len();
    let e = assert_code(
        h.svc.begin_login(request_for(&closed, DEEP_LINK)).await,
        ErrorCode::ConnectionRefused,
    );
    assert!(
        e.to_string().contains("127.0.0.1 refused the connection"),
        "{e}"
    );
    assert!(!h.svc.has_pending());
    assert_eq!(h.browser.opened.lock().unwrap().len(), opened, "no browser");

    // Client credentials against it.
    let req = optin_core::service::ClientCredentialsRequest {
        environment: closed,
        ..h.cc_request(&["A1B2C3"])
    };
    assert_code(
        h.svc.login_client_credentials(req).await,
        ErrorCode::ConnectionRefused,
    );
    assert_eq!(h.snapshot(), before);
}

#[tokio::test]
async fn plain_http_to_another_host_is_refused() {
    let e = assert_code(
        Environment::parse("http://ups.example.invalid"),
        ErrorCode::InsecureUrl,
    );
    assert!(e.to_string().contains("https"), "{e}");
    let h = Harness::start().await;
    // A redirect URI over plain http elsewhere is refused before anything happens.
    assert_code(
        h.svc
            .begin_login(h.request("http://vendor.example.invalid/callback"))
            .await,
        ErrorCode::InsecureUrl,
    );
    assert!(!h.svc.has_pending());
    // Defence in depth: an environment built without `parse` is still refused by the transport.
    let sneaky = Environment::Custom(url::Url::parse("http://ups.example.invalid").unwrap());
    let req = optin_core::service::ClientCredentialsRequest {
        environment: sneaky,
        ..h.cc_request(&[])
    };
    let e = assert_code(
        h.svc.login_client_credentials(req).await,
        ErrorCode::UpsUnreachable,
    );
    assert!(e.to_string().contains("plain http"), "{e}");
    assert!(h.secrets.is_empty());
    assert!(h.sandbox.requests().is_empty());
}

/// Refreshes while `kind` is active on /refresh; returns the error and checks
/// that the keychain is unchanged and the connection shows `want`.
async fn refresh_under(h: &Harness, kind: FaultKind, code: ErrorCode, want: ConnectionState) {
    let id = h.connection_id();
    h.expire_access();
    let vault = h.snapshot().vault;
    let record = h.record();
    let name = kind.name();
    h.sandbox.inject(Fault::new(FaultTarget::Refresh, kind));
    let e = err(h.svc.access_token(&id).await);
    h.sandbox.clear_faults();
    assert_eq!(e.code(), code, "{name}: {e}");
    assert_eq!(h.snapshot().vault, vault, "{name}: keychain unchanged");
    let after = h.record();
    assert_eq!(
        after.access_token_expires_at, record.access_token_expires_at,
        "{name}"
    );
    assert_eq!(
        after.refresh_token_expires_at, record.refresh_token_expires_at,
        "{name}"
    );
    assert_eq!(after.last_refresh_at, record.last_refresh_at, "{name}");
    assert_eq!(
        after.last_error.as_ref().map(|e| e.code),
        Some(code),
        "{name}"
    );
    let s = h.svc.status(&id).unwrap();
    assert_eq!(s.state, want, "{name}");
    assert!(!s.token_unsaved);
}

#[tokio::test]
async fn refresh_faults_are_unreachable_not_reopt() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let cases = [
        (FaultKind::ServerError, ErrorCode::UpsUnreachable),
        (FaultKind::Unavailable, ErrorCode::UpsUnreachable),
        // Beyond the 10 s retry bound: not retried, so one faulted request.
        (
            FaultKind::RateLimited {
                retry_after_secs: 30,
            },
            ErrorCode::UpsRateLimited,
        ),
        (FaultKind::DropConnection, ErrorCode::UpsUnreachable),
        (FaultKind::HtmlBody, ErrorCode::UpsBadResponse),
        (FaultKind::RedirectElsewhere, ErrorCode::UpsBadResponse),
    ];
    for (kind, code) in cases {
        refresh_under(&h, kind, code, ConnectionState::Unreachable).await;
        assert!(!h.record().reopt_needed);
        // UPS is back: the same (unspent) refresh token works and the error clears.
        let token = h.svc.access_token(&id).await.unwrap();
        assert!(h.token_works(token.expose()).await);
        let s = h.svc.status(&id).unwrap();
        assert_eq!(s.state, ConnectionState::Connected);
        assert!(s.last_error.is_none());
    }
    let refresh = h.requests_to(Endpoint::Refresh);
    assert_eq!(
        refresh.len(),
        12,
        "one faulted and one clean refresh per case"
    );
}

#[tokio::test]
async fn refresh_401_is_reopt_needed() {
    let h = Harness::start().await;
    h.opt_in().await;
    // Another program spends the stored refresh token, so UPS answers 401.
    let rt = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    assert_eq!(h.raw_refresh(&rt).await.0, 200);
    let id = h.connection_id();
    h.expire_access();
    let vault = h.snapshot().vault;
    assert_code(h.svc.access_token(&id).await, ErrorCode::ReoptNeeded);
    assert_eq!(h.snapshot().vault, vault);
    assert_eq!(
        h.svc.status(&id).unwrap().state,
        ConnectionState::ReoptNeeded
    );
    assert_eq!(
        h.requests_to(Endpoint::Refresh)
            .last()
            .and_then(|r| r.status),
        Some(401)
    );
}

#[tokio::test]
async fn client_credentials_faults_store_nothing() {
    let h = Harness::start().await;
    for (kind, code) in [
        (FaultKind::ServerError, ErrorCode::UpsUnreachable),
        // Beyond the retry bound, so the one 429 is reported (a short one
        // would be retried and succeed; see tests/rate_limit.rs).
        (
            FaultKind::RateLimited {
                retry_after_secs: 60,
            },
            ErrorCode::UpsRateLimited,
        ),
        (FaultKind::EmptyJson, ErrorCode::UpsBadResponse),
        (FaultKind::DropConnection, ErrorCode::UpsUnreachable),
    ] {
        h.sandbox
            .inject(Fault::new(FaultTarget::Token, kind).times(1));
        assert_code(
            h.svc
                .login_client_credentials(h.cc_request(&["A1B2C3"]))
                .await,
            code,
        );
        assert!(h.secrets.is_empty());
        assert!(h.store().load().unwrap().is_empty());
    }
}
