//! Opt in with UPS.com over the deep-link, paste and bounce routes, against the
//! sandbox over real HTTP.

mod common;

use common::*;
use optin_core::login::RouteKind;
use optin_core::status::ConnectionState;
use optin_core::store::Method;
use optin_core::ups::TokenAuth;
use optin_core::vault::SecretKind;
use optin_core::ErrorCode;
use ups_sandbox::{Endpoint, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

/// What every successful opt-in leaves behind: three secrets under the
/// documented account names, one record, a Connected status.
async fn assert_connected(h: &Harness, route: RouteKind, redirect: &str) {
    let port = h.sandbox.local_addr().port();
    let prefix = format!("custom-127.0.0.1-{port}/{DEMO_CLIENT_ID}");
    let accounts = h.secrets.accounts();
    for kind in ["client-secret", "refresh-token", "access-token"] {
        assert!(
            accounts.contains(&format!("{prefix}/{kind}")),
            "{kind} missing from {accounts:?}"
        );
    }
    // Nothing else: the 1,200-character access token is the only chunked value.
    assert!(
        accounts
            .iter()
            .all(|a| a.starts_with(&format!("{prefix}/"))),
        "{accounts:?}"
    );
    assert_eq!(
        h.vault_get(SecretKind::ClientSecret).await.as_deref(),
        Some(DEMO_CLIENT_SECRET)
    );
    assert_eq!(
        h.vault_get(SecretKind::AccessToken).await.map(|t| t.len()),
        Some(1200)
    );
    assert!(h
        .vault_get(SecretKind::RefreshToken)
        .await
        .is_some_and(|t| !t.is_empty()));

    let r = h.record();
    assert_eq!(r.method, Method::Browser);
    assert_eq!(r.route, Some(route));
    assert_eq!(r.redirect_uri.as_deref(), Some(redirect));
    assert_eq!(
        r.access_token_expires_at,
        Some(h.now() + time::Duration::seconds(14_399))
    );
    assert_eq!(
        r.refresh_token_expires_at,
        Some(h.now() + time::Duration::seconds(5_183_999))
    );
    assert_eq!(
        r.accounts
            .iter()
            .map(|a| a.number.as_str())
            .collect::<Vec<_>>(),
        ["A1B2C3"]
    );
    assert!(r.connected && !r.reopt_needed && r.last_error.is_none());
    assert_eq!(
        h.svc.status(&r.id).unwrap().state,
        ConnectionState::Connected
    );
    assert!(!h.svc.has_pending(), "the login is spent");
}

#[tokio::test]
async fn deep_link_basic_auth() {
    let h = Harness::start().await;
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    assert_eq!(started.info.route, RouteKind::DeepLink);
    assert!(started.info.browser_opened);
    assert_eq!(h.last_opened(), started.info.authorize_url);
    for p in ["state", "code_challenge"] {
        assert!(
            param(&started.info.authorize_url, p).is_some_and(|v| v.len() >= 43),
            "{p}"
        );
    }
    assert_eq!(
        param(&started.info.authorize_url, "code_challenge_method").as_deref(),
        Some("S256")
    );

    let callback = h.sign_in(&started.info.authorize_url).await;
    assert!(
        callback.starts_with("upsoptin://oauth/callback?"),
        "{callback}"
    );
    let status = h.svc.complete(&callback).await.into_result().unwrap();
    assert_eq!(status.state, ConnectionState::Connected);
    assert_eq!(status.client_id, DEMO_CLIENT_ID);
    assert!(!status.token_unsaved);
    assert_connected(&h, RouteKind::DeepLink, DEEP_LINK).await;

    let token = h.requests_to(Endpoint::Token);
    assert_eq!(token.len(), 1, "{token:?}");
    let t = &token[0];
    assert!(t.basic_auth);
    assert_eq!(t.basic_client_id.as_deref(), Some(DEMO_CLIENT_ID));
    assert!(t.code_verifier, "PKCE verifier sent with Basic auth too");
    assert_eq!(t.grant_type.as_deref(), Some("authorization_code"));
    assert_eq!(t.status, Some(200));
    assert!(h.requests_to(Endpoint::Refresh).is_empty());
}

#[tokio::test]
async fn deep_link_pkce_body() {
    let h = Harness::start().await;
    let status = h
        .opt_in_with(optin_core::service::BrowserRequest {
            token_auth: TokenAuth::PkceBody,
            ..h.request(DEEP_LINK)
        })
        .await;
    assert_eq!(status.state, ConnectionState::Connected);
    assert_connected(&h, RouteKind::DeepLink, DEEP_LINK).await;
    assert_eq!(h.record().token_auth, TokenAuth::PkceBody);

    let token = h.requests_to(Endpoint::Token);
    assert_eq!(token.len(), 1, "{token:?}");
    let t = &token[0];
    assert!(!t.basic_auth, "no Authorization header in PKCE-body mode");
    assert_eq!(t.client_id.as_deref(), Some(DEMO_CLIENT_ID));
    assert!(t.code_verifier);
    assert_eq!(t.status, Some(200));
    // The stored client secret still serves /refresh, which always takes Basic.
    h.expire_access();
    h.svc.access_token(&h.connection_id()).await.unwrap();
    let refresh = h.requests_to(Endpoint::Refresh);
    assert_eq!(refresh.len(), 1);
    assert!(refresh[0].basic_auth && refresh[0].status == Some(200));
}

#[tokio::test]
async fn paste_route_with_https_redirect() {
    let h = Harness::start().await;
    let started = h.svc.begin_login(h.request(BOUNCE)).await.unwrap();
    assert_eq!(
        started.info.route,
        RouteKind::Paste,
        "https redirect without a route means paste"
    );
    let callback = h.sign_in(&started.info.authorize_url).await;
    assert!(callback.starts_with(BOUNCE), "{callback}");
    // The admin copies the address bar, with stray whitespace.
    let status = h
        .svc
        .complete(&format!("  {callback}\n"))
        .await
        .into_result()
        .unwrap();
    assert_eq!(status.state, ConnectionState::Connected);
    assert_connected(&h, RouteKind::Paste, BOUNCE).await;
}

#[tokio::test]
async fn bounce_route_forwarded_deep_link_completes() {
    let h = Harness::start().await;
    let req = optin_core::service::BrowserRequest {
        route: RouteKind::Bounce,
        forward_uri: Some(DEEP_LINK.into()),
        ..h.request(BOUNCE)
    };
    let started = h.svc.begin_login(req).await.unwrap();
    assert_eq!(started.info.route, RouteKind::Bounce);
    let callback = h.sign_in(&started.info.authorize_url).await;
    let query = callback
        .strip_prefix(&format!("{BOUNCE}?"))
        .expect("callback to the bounce page");
    // A forward to another custom scheme is not for this wizard, and changes nothing.
    let before = h.snapshot();
    assert_code(
        h.svc
            .complete(&format!("otherapp://oauth/callback?{query}"))
            .await
            .into_result(),
        ErrorCode::CallbackInvalid,
    );
    assert_eq!(h.snapshot(), before);
    // What bounce/index.html forwards: the same query on the custom scheme.
    let forwarded = format!("{DEEP_LINK}?{query}");
    let status = h.svc.complete(&forwarded).await.into_result().unwrap();
    assert_eq!(status.state, ConnectionState::Connected);
    assert_connected(&h, RouteKind::Bounce, BOUNCE).await;
    assert_eq!(h.requests_to(Endpoint::Token).len(), 1);
}

#[tokio::test]
async fn bounce_route_needs_https_and_a_forward() {
    let h = Harness::start().await;
    let no_forward = optin_core::service::BrowserRequest {
        route: RouteKind::Bounce,
        ..h.request(BOUNCE)
    };
    assert_code(h.svc.begin_login(no_forward).await, ErrorCode::InvalidInput);
    let not_https = optin_core::service::BrowserRequest {
        route: RouteKind::Bounce,
        forward_uri: Some(DEEP_LINK.into()),
        ..h.request(DEEP_LINK)
    };
    assert_code(h.svc.begin_login(not_https).await, ErrorCode::InvalidInput);
    assert!(!h.svc.has_pending());
    assert!(h.browser.opened.lock().unwrap().is_empty());
}

#[tokio::test]
async fn opting_in_again_replaces_the_same_connection() {
    let h = Harness::start().await;
    h.opt_in().await;
    let first = h.record();
    let first_refresh = h.vault_get(SecretKind::RefreshToken).await;
    h.clock.advance(time::Duration::hours(1));
    h.opt_in().await;
    let all = h.store().load().unwrap();
    assert_eq!(all.len(), 1);
    let second = h.record();
    assert_eq!(
        second.created_at, first.created_at,
        "created_at survives a re-opt-in"
    );
    assert_eq!(second.last_refresh_at, Some(h.now()));
    assert_ne!(h.vault_get(SecretKind::RefreshToken).await, first_refresh);
}

/// The redirect URIs are defined once, in `optin_core::login`; the sandbox's
/// demo client (a stand-in for the registration on UPS's portal) must register
/// exactly those.
#[test]
fn the_sandbox_demo_client_registers_the_cores_redirect_uris() {
    use optin_core::login::{DEEP_LINK_REDIRECT, LOOPBACK_REDIRECT};
    for uri in [DEEP_LINK_REDIRECT, LOOPBACK_REDIRECT] {
        assert!(
            ups_sandbox::DEMO_REDIRECT_URIS.contains(&uri),
            "{uri} is not registered for the sandbox's demo client"
        );
    }
}
