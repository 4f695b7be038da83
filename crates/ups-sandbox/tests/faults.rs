//! Fault injection and the control endpoints, over real HTTP on loopback.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};
use ups_sandbox::{
    BrowserError, Fault, FaultKind, FaultTarget, LoggedRequest, DEMO_PASSWORD, DEMO_USER,
    REFRESH_PATH, TOKEN_PATH,
};

/// A client-credentials request: headers-level response.
async fn cc(env: &Env) -> reqwest::Result<reqwest::Response> {
    env.http
        .post(env.url(TOKEN_PATH))
        .header("authorization", demo_basic())
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
}

async fn once(env: &Env, kind: FaultKind) -> reqwest::Response {
    env.sandbox
        .inject(Fault::new(FaultTarget::Token, kind).times(1));
    cc(env).await.expect("an answer")
}

#[tokio::test]
async fn canned_answers() {
    let env = start().await;
    let resp = once(&env, FaultKind::ServerError).await;
    assert_eq!(resp.status(), 500);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(resp.text().await.unwrap().contains("<html"));

    assert_eq!(once(&env, FaultKind::Unavailable).await.status(), 503);

    let resp = once(
        &env,
        FaultKind::RateLimited {
            retry_after_secs: 7,
        },
    )
    .await;
    assert_eq!(resp.status(), 429);
    assert_eq!(resp.headers()["retry-after"], "7");
    assert_eq!(resp.headers()["content-type"], "application/json");
    let body: Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
    assert_eq!(ups_error(&body).0, "10429");

    let resp = once(&env, FaultKind::MalformedJson).await;
    assert_eq!(resp.status(), 200);
    let text = resp.text().await.unwrap();
    assert!(text.starts_with(r#"{"access_token":"#));
    assert!(serde_json::from_str::<Value>(&text).is_err());

    let resp = once(&env, FaultKind::EmptyBody).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.text().await.unwrap(), "");

    assert_eq!(
        once(&env, FaultKind::EmptyJson).await.text().await.unwrap(),
        "{}"
    );

    let resp = once(&env, FaultKind::HtmlBody).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));

    let resp = once(&env, FaultKind::RedirectElsewhere).await;
    assert_eq!(resp.status(), 302);
    assert_eq!(
        resp.headers()["location"],
        "https://elsewhere.ups-sandbox.invalid/security/v1/oauth/token"
    );

    // Each fault was used once: the next request is answered normally.
    assert_eq!(cc(&env).await.unwrap().status(), 200);
    let faults: Vec<Option<String>> = env
        .sandbox
        .requests()
        .into_iter()
        .map(|r| r.fault)
        .collect();
    assert_eq!(faults.len(), 9);
    assert_eq!(faults[0].as_deref(), Some("server_error"));
    assert_eq!(faults[8], None);
}

#[tokio::test]
async fn delay_and_slow_body() {
    let env = start().await;
    let started = Instant::now();
    let resp = once(&env, FaultKind::Delay { ms: 300 }).await;
    assert_eq!(resp.status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    let started = Instant::now();
    let resp = once(
        &env,
        FaultKind::SlowBody {
            chunk_delay_ms: 60,
            chunk_bytes: 200,
        },
    )
    .await;
    let headers_after = started.elapsed();
    let body: Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
    assert!(body["access_token"].is_string());
    let chunks = u32::try_from(body.to_string().len().div_ceil(200)).unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(60) * chunks,
        "{:?}",
        started.elapsed()
    );
    assert!(headers_after < Duration::from_millis(60) * chunks);
}

#[tokio::test]
async fn dropped_connection() {
    let env = start().await;
    env.sandbox
        .inject(Fault::new(FaultTarget::Token, FaultKind::DropConnection).times(1));
    let err = cc(&env).await.unwrap_err();
    assert!(!err.is_timeout(), "{err}");
    let log = env.sandbox.requests();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].status, log[0].fault.as_deref()),
        (None, Some("drop_connection"))
    );
    assert_eq!(cc(&env).await.unwrap().status(), 200);
}

#[tokio::test]
async fn targets_counts_and_clearing() {
    let env = start().await;
    env.sandbox
        .inject(Fault::new(FaultTarget::Refresh, FaultKind::Unavailable));
    assert_eq!(
        cc(&env).await.unwrap().status(),
        200,
        "a refresh fault leaves /token alone"
    );
    let tokens = env.tokens().await;
    for _ in 0..3 {
        assert_eq!(env.refresh(s(&tokens["refresh_token"])).await.0, 503);
    }
    assert_eq!(env.sandbox.faults().len(), 1);
    env.sandbox.clear_faults();
    assert_eq!(
        env.refresh(s(&tokens["refresh_token"])).await.0,
        200,
        "unspent by faulted tries"
    );

    env.sandbox
        .inject(Fault::new(FaultTarget::Any, FaultKind::ServerError).times(2));
    let url = env.authorize_url(REDIRECT, None, None);
    let err = env
        .browser
        .sign_in(&url, DEMO_USER, DEMO_PASSWORD)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            BrowserError::Unexpected {
                step: "authorize",
                status: 500,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(cc(&env).await.unwrap().status(), 500);
    assert_eq!(cc(&env).await.unwrap().status(), 200);

    env.sandbox
        .inject(Fault::new(FaultTarget::SignIn, FaultKind::DropConnection).times(1));
    let err = env
        .browser
        .sign_in(&url, DEMO_USER, DEMO_PASSWORD)
        .await
        .unwrap_err();
    assert!(matches!(err, BrowserError::Http(_)), "{err}");
    assert!(env.sandbox.faults().is_empty());
}

#[tokio::test]
async fn control_endpoints_over_http() {
    let env = start().await;
    let control = |path: &str| env.url(&format!("/__sandbox/{path}"));
    let health: Value = serde_json::from_str(
        &env.http
            .get(control("health"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(health["status"], "ok");

    // Faults as flat JSON.
    let fault =
        json!({"target": "refresh", "kind": "rate_limited", "retry_after_secs": 3, "times": 1});
    let resp = env
        .http
        .post(control("faults"))
        .json(&fault)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let listed: Vec<Fault> = serde_json::from_str(
        &env.http
            .get(control("faults"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        listed,
        [Fault::new(
            FaultTarget::Refresh,
            FaultKind::RateLimited {
                retry_after_secs: 3
            }
        )
        .times(1)]
    );
    let tokens = env.tokens().await;
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", s(&tokens["refresh_token"])),
    ];
    assert_eq!(
        env.post(REFRESH_PATH, Some(&demo_basic()), &form).await.0,
        429
    );
    let slow = json!({"target": "token", "kind": "slow_body"});
    env.http
        .post(control("faults"))
        .json(&slow)
        .send()
        .await
        .unwrap();
    assert_eq!(
        env.sandbox.faults()[0].kind,
        FaultKind::SlowBody {
            chunk_delay_ms: 100,
            chunk_bytes: 64
        }
    );
    assert_eq!(
        env.http
            .delete(control("faults"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert!(env.sandbox.faults().is_empty());

    // Lifetimes.
    let resp = env
        .http
        .post(control("lifetimes"))
        .json(&json!({"access_expires_in": 5}))
        .send()
        .await
        .unwrap();
    let lifetimes: Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
    assert_eq!(
        lifetimes,
        json!({"access_expires_in": 5, "refresh_expires_in": 5_183_999, "code_ttl": 300})
    );
    let (_, refreshed) = env.post(REFRESH_PATH, Some(&demo_basic()), &form).await;
    assert_eq!(s(&refreshed["expires_in"]), "5");

    // Access token expiry and password change.
    let who = |token: String| {
        let env = &env;
        async move {
            env.http
                .get(env.url("/__sandbox/whoami"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(who(s(&refreshed["access_token"]).to_owned()).await, 200);
    assert_eq!(
        env.http
            .post(control("expire-access-tokens"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(who(s(&refreshed["access_token"]).to_owned()).await, 401);
    let resp = env
        .http
        .post(control("password-change"))
        .json(&json!({"username": "demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", s(&refreshed["refresh_token"])),
    ];
    assert_eq!(
        env.post(REFRESH_PATH, Some(&demo_basic()), &form).await.0,
        401
    );
    let resp = env
        .http
        .post(control("password-change"))
        .json(&json!({"username": "ghost"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    // The password is unchanged when no new one is given.
    assert!(env
        .browser
        .sign_in(
            &env.authorize_url(REDIRECT, None, None),
            DEMO_USER,
            DEMO_PASSWORD
        )
        .await
        .is_ok());

    // The request log, which control requests do not enter.
    let text = env
        .http
        .get(control("requests"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let log: Vec<LoggedRequest> = serde_json::from_str(&text).unwrap();
    assert_eq!(log, env.sandbox.requests());
    assert!(log.iter().all(|r| !r.path.starts_with("/__sandbox")));
    assert!(log
        .iter()
        .any(|r| r.fault.as_deref() == Some("rate_limited") && r.status == Some(429)));
    assert_eq!(
        env.http
            .delete(control("requests"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert!(env.sandbox.requests().is_empty());
}
