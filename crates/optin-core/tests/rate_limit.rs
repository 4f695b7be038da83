//! HTTP 429: bounded retries that honour `Retry-After` ([`RateLimitRetry`]).
//!
//! A 429 means UPS did not process the request, so sending the same one again
//! (the same single-use code or refresh token) is safe; nothing else is
//! retried. Against the sandbox the waits are real but tiny (Retry-After 0 or
//! 1 s); the backoff arithmetic runs on a scripted transport with paused time.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use oauth2::PkceCodeVerifier;
use optin_core::status::ConnectionState;
use optin_core::tokens::TokenPolicy;
use optin_core::ups::http::{BoxFuture, HttpRequest, HttpResponse, HttpTransport, TransportError};
use optin_core::ups::{ClientCredentials, RateLimitRetry, TokenAuth, UpsClient};
use optin_core::{Environment, Error, ErrorCode, Secret};
use ups_sandbox::{Endpoint, Fault, FaultKind, FaultTarget};

fn rate_limited(secs: u64) -> FaultKind {
    FaultKind::RateLimited {
        retry_after_secs: secs,
    }
}

/// (status, fault) of every request to `endpoint`.
fn outcomes(h: &Harness, endpoint: Endpoint) -> Vec<(Option<u16>, Option<String>)> {
    h.requests_to(endpoint)
        .into_iter()
        .map(|r| (r.status, r.fault))
        .collect()
}

#[tokio::test]
async fn a_rate_limited_code_exchange_is_retried_with_the_same_code() {
    let h = Harness::start().await;
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let callback = h.sign_in(&started.info.authorize_url).await;
    h.sandbox
        .inject(Fault::new(FaultTarget::Token, rate_limited(1)).times(1));
    let t = Instant::now();
    let status = h
        .svc
        .complete(&callback)
        .await
        .into_result()
        .expect("the retry succeeds");
    let took = t.elapsed();
    assert_eq!(status.state, ConnectionState::Connected);
    assert!(
        took >= Duration::from_secs(1) && took < Duration::from_secs(3),
        "honoured Retry-After: 1 ({took:?})"
    );
    assert_eq!(
        outcomes(&h, Endpoint::Token),
        vec![(Some(429), Some("rate_limited".into())), (Some(200), None)],
        "one 429, then the same code accepted"
    );
    assert!(
        h.token_works(
            &h.vault_get(optin_core::vault::SecretKind::AccessToken)
                .await
                .unwrap()
        )
        .await
    );
}

#[tokio::test]
async fn a_rate_limited_refresh_is_retried_and_rotates_once() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let before = h
        .vault_get(optin_core::vault::SecretKind::RefreshToken)
        .await;
    h.expire_access();
    h.sandbox
        .inject(Fault::new(FaultTarget::Refresh, rate_limited(0)).times(2));
    let token = h.svc.access_token(&id).await.expect("third attempt works");
    assert!(h.token_works(token.expose()).await);
    assert_eq!(
        outcomes(&h, Endpoint::Refresh),
        vec![
            (Some(429), Some("rate_limited".into())),
            (Some(429), Some("rate_limited".into())),
            (Some(200), None)
        ]
    );
    let after = h
        .vault_get(optin_core::vault::SecretKind::RefreshToken)
        .await;
    assert_ne!(before, after, "rotated exactly once and saved");
    assert_eq!(h.svc.status(&id).unwrap().state, ConnectionState::Connected);
}

#[tokio::test]
async fn persistent_429_gives_up_after_two_retries_and_keeps_retry_after() {
    let h = Harness::start().await;
    h.sandbox
        .inject(Fault::new(FaultTarget::Token, rate_limited(0)));
    let e = assert_code(
        h.svc
            .login_client_credentials(h.cc_request(&["A1B2C3"]))
            .await,
        ErrorCode::UpsRateLimited,
    );
    match e {
        Error::UpsRateLimited { retry_after, .. } => assert_eq!(retry_after, Some(Duration::ZERO)),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        outcomes(&h, Endpoint::Token),
        vec![(Some(429), Some("rate_limited".into())); 3],
        "1 request + 2 retries"
    );
    assert!(h.secrets.is_empty());
    assert!(h.store().load().unwrap().is_empty());
}

#[tokio::test]
async fn a_retry_after_beyond_the_bound_is_not_waited_for() {
    let h = Harness::start().await;
    h.sandbox
        .inject(Fault::new(FaultTarget::Token, rate_limited(11)).times(1));
    let t = Instant::now();
    let e = assert_code(
        h.svc.login_client_credentials(h.cc_request(&[])).await,
        ErrorCode::UpsRateLimited,
    );
    assert!(t.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(e, Error::UpsRateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(11))
    );
    assert_eq!(h.requests_to(Endpoint::Token).len(), 1);
}

#[tokio::test]
async fn retries_can_be_turned_off() {
    let h = Harness::with(Setup {
        policy: TokenPolicy {
            rate_limit: RateLimitRetry::OFF,
            ..TokenPolicy::default()
        },
        ..Setup::default()
    })
    .await;
    h.sandbox
        .inject(Fault::new(FaultTarget::Token, rate_limited(1)).times(1));
    assert_code(
        h.svc.login_client_credentials(h.cc_request(&[])).await,
        ErrorCode::UpsRateLimited,
    );
    assert_eq!(h.requests_to(Endpoint::Token).len(), 1);
}

// ---- scripted transport, paused time ------------------------------------------------

/// One scripted answer: status and headers, or `Err` for a dropped connection.
type Answer = Result<(u16, Vec<(&'static str, String)>), ()>;

/// Answers from a script (the last answer repeats) and records when each
/// request arrived (tokio time) and its body.
struct Scripted {
    answers: Vec<Answer>,
    seen: Mutex<Vec<(tokio::time::Instant, Vec<u8>)>>,
}

impl Scripted {
    fn new(answers: Vec<Answer>) -> Arc<Self> {
        Arc::new(Scripted {
            answers,
            seen: Mutex::new(Vec::new()),
        })
    }

    /// Seconds between consecutive requests.
    fn gaps(&self) -> Vec<u64> {
        let seen = self.seen.lock().unwrap();
        seen.windows(2)
            .map(|w| (w[1].0 - w[0].0).as_secs())
            .collect()
    }

    fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

impl HttpTransport for Scripted {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let n = {
            let mut seen = self.seen.lock().unwrap();
            seen.push((tokio::time::Instant::now(), request.body().clone()));
            seen.len() - 1
        };
        let answer = self.answers[n.min(self.answers.len() - 1)].clone();
        Box::pin(async move {
            let (status, headers) = answer.map_err(|()| TransportError::unreachable("dropped"))?;
            let mut b = http::Response::builder().status(status);
            for (k, v) in headers {
                b = b.header(k, v);
            }
            let body = if status == 200 {
                br#"{"access_token":"AT","token_type":"Bearer","expires_in":"14399","refresh_token":"RT","refresh_token_expires_in":"5183999","status":"approved"}"#.to_vec()
            } else {
                br#"{"response":{"errors":[{"code":"10429","message":"Too Many Requests"}]}}"#
                    .to_vec()
            };
            Ok(b.body(body).unwrap())
        })
    }
}

fn env() -> Environment {
    Environment::parse("http://127.0.0.1:9").unwrap()
}

fn creds() -> ClientCredentials {
    ClientCredentials {
        client_id: "CID".into(),
        client_secret: Secret::new("SECRET"),
    }
}

fn too_many(retry_after: Option<&str>) -> Answer {
    Ok((
        429,
        retry_after
            .map(|v| vec![("retry-after", v.to_string())])
            .unwrap_or_default(),
    ))
}

#[tokio::test(start_paused = true)]
async fn without_retry_after_the_backoff_is_1s_then_2s() {
    let t = Scripted::new(vec![too_many(None)]);
    let ups = UpsClient::new(t.clone());
    let e = ups
        .client_credentials(&env(), &creds(), None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::UpsRateLimited {
                retry_after: None,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(t.count(), 3);
    assert_eq!(t.gaps(), vec![1, 2]);
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_honoured_up_to_the_bound() {
    // Exactly at the bound: waited for, twice.
    let t = Scripted::new(vec![too_many(Some("10"))]);
    let e = UpsClient::new(t.clone())
        .client_credentials(&env(), &creds(), None)
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::UpsRateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(10))
    );
    assert_eq!(t.gaps(), vec![10, 10]);

    // A 429 then success: the wait UPS asked for, then the token.
    let t = Scripted::new(vec![too_many(Some("4")), Ok((200, vec![]))]);
    let set = UpsClient::new(t.clone())
        .client_credentials(&env(), &creds(), None)
        .await
        .unwrap();
    assert_eq!(set.access_token.expose(), "AT");
    assert_eq!(t.gaps(), vec![4]);

    // An unusable Retry-After falls back to the backoff; one in the past is "now".
    let t = Scripted::new(vec![
        too_many(Some("soon")),
        too_many(Some("Wed, 21 Oct 2015 07:28:00 GMT")),
        Ok((200, vec![])),
    ]);
    UpsClient::new(t.clone())
        .client_credentials(&env(), &creds(), None)
        .await
        .unwrap();
    assert_eq!(t.gaps(), vec![1, 0]);

    // Beyond the bound: reported at once.
    let t = Scripted::new(vec![too_many(Some("11")), Ok((200, vec![]))]);
    let e = UpsClient::new(t.clone())
        .client_credentials(&env(), &creds(), None)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::UpsRateLimited);
    assert_eq!(t.count(), 1);

    // A custom policy.
    let policy = RateLimitRetry {
        max_retries: 4,
        max_wait: Duration::from_secs(3),
        backoff: Duration::from_secs(1),
    };
    let t = Scripted::new(vec![too_many(None)]);
    UpsClient::with_rate_limit(t.clone(), policy)
        .client_credentials(&env(), &creds(), None)
        .await
        .unwrap_err();
    assert_eq!(t.gaps(), vec![1, 2, 3, 3], "doubling, capped at max_wait");
}

#[tokio::test(start_paused = true)]
async fn the_code_exchange_resends_the_identical_request() {
    let t = Scripted::new(vec![too_many(Some("1")), Ok((200, vec![]))]);
    let ups = UpsClient::new(t.clone());
    let verifier = PkceCodeVerifier::new("v".repeat(64));
    let redirect = optin_core::login::RedirectUri::parse(DEEP_LINK).unwrap();
    ups.exchange_code(
        &env(),
        &creds(),
        &Secret::new("THE-CODE"),
        &redirect,
        verifier,
        TokenAuth::PkceBody,
    )
    .await
    .unwrap();
    let seen = t.seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].1, seen[1].1, "same body, same code");
    assert!(String::from_utf8_lossy(&seen[0].1).contains("code=THE-CODE"));
}

#[tokio::test(start_paused = true)]
async fn nothing_but_429_is_retried() {
    for answer in [
        Ok((500, vec![])),
        Ok((503, vec![("retry-after", "1".to_string())])),
        Ok((400, vec![])),
        Ok((401, vec![])),
        Ok((302, vec![("location", "https://x.invalid/".to_string())])),
        Err(()),
    ] {
        let t = Scripted::new(vec![answer.clone()]);
        let ups = UpsClient::new(t.clone());
        assert!(ups
            .client_credentials(&env(), &creds(), None)
            .await
            .is_err());
        assert!(ups
            .refresh(&env(), &creds(), &Secret::new("RT"))
            .await
            .is_err());
        assert_eq!(t.count(), 2, "{answer:?}: one request per call");
    }
}
