//! A UPS.com password change revokes the refresh token: the connection needs
//! a new opt-in, which reuses the stored client ID and secret.

mod common;

use common::*;
use optin_core::status::ConnectionState;
use optin_core::vault::SecretKind;
use optin_core::ErrorCode;
use ups_sandbox::{Endpoint, DEMO_CLIENT_SECRET, DEMO_USER};

#[tokio::test]
async fn password_change_then_reopt() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let created = h.record().created_at;
    assert!(h.sandbox.change_password(DEMO_USER, None));
    h.expire_access();
    let vault_before = h.snapshot().vault;

    let e = assert_code(h.svc.access_token(&id).await, ErrorCode::ReoptNeeded);
    assert!(
        e.to_string().contains("Invalid Refresh Token"),
        "UPS's message is kept: {e}"
    );
    let s = h.svc.status(&id).unwrap();
    assert_eq!(s.state, ConnectionState::ReoptNeeded);
    assert_eq!(
        s.last_error.as_ref().map(|e| e.code),
        Some(ErrorCode::ReoptNeeded)
    );
    assert!(h.record().reopt_needed);
    assert_eq!(
        h.snapshot().vault,
        vault_before,
        "nothing deleted: the client secret stays"
    );
    assert_eq!(
        h.vault_get(SecretKind::ClientSecret).await.as_deref(),
        Some(DEMO_CLIENT_SECRET)
    );
    let refresh = h.requests_to(Endpoint::Refresh);
    assert_eq!(refresh.len(), 1);
    assert_eq!(refresh[0].status, Some(401));

    // Further calls fail fast without spending anything at UPS.
    assert_code(h.svc.access_token(&id).await, ErrorCode::ReoptNeeded);
    assert!(
        !renewal_pass(&h.svc).await,
        "a re-opt-in connection is not due"
    );
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), 1);

    // Opt in again with the stored credentials.
    let started = h.svc.begin_reopt(&id, None).await.unwrap();
    assert_eq!(started.info.redirect_uri, DEEP_LINK);
    let callback = h.sign_in(&started.info.authorize_url).await;
    let s = h.svc.complete(&callback).await.into_result().unwrap();
    assert_eq!(s.state, ConnectionState::Connected);
    assert!(s.last_error.is_none());
    let r = h.record();
    assert!(!r.reopt_needed);
    assert_eq!(r.created_at, created);
    assert_eq!(
        r.accounts
            .iter()
            .map(|a| a.number.as_str())
            .collect::<Vec<_>>(),
        ["A1B2C3"]
    );
    let token = h.requests_to(Endpoint::Token);
    assert_eq!(token.len(), 2);
    assert!(
        token[1].basic_auth && token[1].status == Some(200),
        "the stored secret authenticated"
    );

    // And it refreshes again.
    h.expire_access();
    h.svc.access_token(&id).await.unwrap();
    assert_eq!(
        h.requests_to(Endpoint::Refresh)
            .last()
            .and_then(|r| r.status),
        Some(200)
    );
}

#[tokio::test]
async fn a_refresh_token_spent_elsewhere_needs_a_reopt() {
    // Another program spent the stored refresh token: UPS answers 401 on /refresh.
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let rt = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    assert_eq!(h.raw_refresh(&rt).await.0, 200);
    h.expire_access();
    assert_code(h.svc.access_token(&id).await, ErrorCode::ReoptNeeded);
    assert_eq!(
        h.svc.status(&id).unwrap().state,
        ConnectionState::ReoptNeeded
    );
}

#[tokio::test]
async fn reopt_of_a_client_credentials_connection_is_refused() {
    let h = Harness::start().await;
    h.svc
        .login_client_credentials(h.cc_request(&[]))
        .await
        .unwrap();
    assert_code(
        h.svc.begin_reopt(&h.connection_id(), None).await,
        ErrorCode::InvalidInput,
    );
    assert!(!h.svc.has_pending());
}
