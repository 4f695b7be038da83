//! Opt in with a client ID and secret only, and the shipper-account checks.

mod common;

use common::*;
use optin_core::status::ConnectionState;
use optin_core::store::Method;
use optin_core::vault::SecretKind;
use optin_core::{ErrorCode, Secret};
use ups_sandbox::{Endpoint, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

const NOT_ASSOCIATED: &str = "The account number is not associated with this application";

#[tokio::test]
async fn accounts_are_verified_one_by_one() {
    let h = Harness::start().await;
    let (status, notices) = h
        .svc
        .login_client_credentials(h.cc_request(&["a1b2c3", "ZZZZZ9"]))
        .await
        .unwrap();
    assert!(notices.is_empty());
    assert_eq!(status.state, ConnectionState::Connected);
    assert_eq!(status.method, Method::ClientCredentials);
    assert_eq!(status.accounts.len(), 2);
    let ok = &status.accounts[0];
    assert_eq!(
        (ok.number.as_str(), ok.verified, ok.message.as_deref()),
        ("A1B2C3", Some(true), None)
    );
    let refused = &status.accounts[1];
    assert_eq!(refused.number, "ZZZZZ9");
    assert_eq!(refused.verified, Some(false));
    assert_eq!(refused.message.as_deref(), Some(NOT_ASSOCIATED));
    let at = optin_core::display::rfc3339(h.now());
    assert!(status
        .accounts
        .iter()
        .all(|a| a.checked_at.as_deref() == Some(at.as_str())));

    // Stored: the secret and an access token, no refresh token.
    assert_eq!(
        h.vault_get(SecretKind::ClientSecret).await.as_deref(),
        Some(DEMO_CLIENT_SECRET)
    );
    assert!(h
        .vault_get(SecretKind::AccessToken)
        .await
        .is_some_and(|t| t.len() == 1200));
    assert_eq!(h.vault_get(SecretKind::RefreshToken).await, None);
    let r = h.record();
    assert_eq!(r.method, Method::ClientCredentials);
    assert_eq!(
        r.access_token_expires_at,
        Some(h.now() + time::Duration::seconds(14_399))
    );
    assert_eq!(r.refresh_token_expires_at, None);
    assert_eq!(
        r.accounts.iter().map(|a| a.verified).collect::<Vec<_>>(),
        [Some(true), Some(false)]
    );

    // One plain token request, then one per account with x-merchant-id.
    let log = h.requests_to(Endpoint::Token);
    let seen: Vec<_> = log
        .iter()
        .map(|r| {
            (
                r.merchant_id.as_deref(),
                r.status,
                r.grant_type.as_deref(),
                r.basic_auth,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (None, Some(200), Some("client_credentials"), true),
            (Some("A1B2C3"), Some(200), Some("client_credentials"), true),
            (Some("ZZZZZ9"), Some(403), Some("client_credentials"), true),
        ]
    );
}

#[tokio::test]
async fn a_wrong_secret_is_rejected_and_stores_nothing() {
    let h = Harness::start().await;
    let req = optin_core::service::ClientCredentialsRequest {
        client_secret: Secret::new("not-the-secret"),
        ..h.cc_request(&["A1B2C3"])
    };
    let e = err(h.svc.login_client_credentials(req).await);
    assert_eq!(e.code(), ErrorCode::UpsRejected, "{e}");
    match &e {
        optin_core::Error::UpsRejected {
            status,
            ups_code,
            message,
            ..
        } => {
            assert_eq!(*status, 401);
            assert_eq!(ups_code.as_deref(), Some("10401"));
            assert_eq!(message, "ClientId is Invalid");
        }
        other => panic!("{other:?}"),
    }
    let m = e.to_string();
    assert!(
        m.contains("HTTP 401") && !m.contains("not-the-secret"),
        "{m}"
    );
    assert!(h.secrets.is_empty());
    assert!(h.store().load().unwrap().is_empty());
    assert_eq!(
        h.requests_to(Endpoint::Token).len(),
        1,
        "no account checks after a refusal"
    );
}

#[tokio::test]
async fn test_rechecks_accounts_and_renews_the_token() {
    let h = Harness::start().await;
    h.svc
        .login_client_credentials(h.cc_request(&["A1B2C3"]))
        .await
        .unwrap();
    let before = h.vault_get(SecretKind::AccessToken).await;
    h.clock.advance(time::Duration::minutes(5));
    let status = h.svc.test(&h.connection_id()).await.unwrap();
    assert_eq!(status.state, ConnectionState::Connected);
    assert_ne!(
        h.vault_get(SecretKind::AccessToken).await,
        before,
        "a new access token"
    );
    assert_eq!(
        h.record().access_token_expires_at,
        Some(h.now() + time::Duration::seconds(14_399))
    );
    assert_eq!(
        status.accounts[0].checked_at,
        Some(optin_core::display::rfc3339(h.now()))
    );
    // Client credentials renew at /token, never /refresh.
    assert!(h.requests_to(Endpoint::Refresh).is_empty());
    assert_eq!(h.requests_to(Endpoint::Token).len(), 4);
}

#[tokio::test]
async fn spaces_around_pasted_credentials_are_trimmed_with_a_notice() {
    let h = Harness::start().await;
    let req = optin_core::service::ClientCredentialsRequest {
        client_id: format!(" {DEMO_CLIENT_ID} "),
        client_secret: Secret::new(format!("{DEMO_CLIENT_SECRET}\n")),
        ..h.cc_request(&[])
    };
    let (status, notices) = h.svc.login_client_credentials(req).await.unwrap();
    assert_eq!(status.client_id, DEMO_CLIENT_ID);
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert_eq!(
        h.vault_get(SecretKind::ClientSecret).await.as_deref(),
        Some(DEMO_CLIENT_SECRET)
    );
}
