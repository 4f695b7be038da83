//! The token manager against the sandbox: stored tokens while valid, refresh
//! with rotation, lifetimes from UPS's answer, one refresh at a time within a
//! process and across processes.

mod common;

use std::sync::Arc;

use common::*;
use optin_core::status::ConnectionState;
use optin_core::vault::SecretKind;
use ups_sandbox::{Endpoint, Lifetimes, DEMO_CLIENT_ID};

#[tokio::test]
async fn stored_token_is_returned_while_valid() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let stored = h.vault_get(SecretKind::AccessToken).await.unwrap();
    let before = h.snapshot();
    // Up to the skew window (120 s) before expiry, nothing is refreshed.
    h.clock
        .set(h.record().access_token_expires_at.unwrap() - time::Duration::seconds(121));
    for _ in 0..3 {
        assert_eq!(h.svc.access_token(&id).await.unwrap().expose(), stored);
    }
    assert!(h.requests_to(Endpoint::Refresh).is_empty());
    assert_eq!(h.snapshot(), before);
    // Inside the skew window it is refreshed.
    h.clock.advance(time::Duration::seconds(2));
    assert_ne!(h.svc.access_token(&id).await.unwrap().expose(), stored);
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), 1);
}

#[tokio::test]
async fn refresh_rotates_the_refresh_token_and_takes_lifetimes_from_ups() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let old_access = h.vault_get(SecretKind::AccessToken).await.unwrap();
    let old_refresh = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    h.sandbox.set_lifetimes(Lifetimes {
        access_expires_in: 1234,
        refresh_expires_in: 777_777,
        code_ttl: 300,
    });
    h.expire_access();
    let now = h.now();

    let token = h.svc.access_token(&id).await.unwrap();
    assert_ne!(token.expose(), old_access);
    assert_eq!(
        h.vault_get(SecretKind::AccessToken).await.as_deref(),
        Some(token.expose()),
        "new access token stored"
    );
    let new_refresh = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    assert_ne!(new_refresh, old_refresh, "the refresh token rotated");

    let refresh = h.requests_to(Endpoint::Refresh);
    assert_eq!(refresh.len(), 1);
    assert!(refresh[0].basic_auth);
    assert_eq!(refresh[0].basic_client_id.as_deref(), Some(DEMO_CLIENT_ID));
    assert_eq!(refresh[0].grant_type.as_deref(), Some("refresh_token"));
    assert_eq!(refresh[0].status, Some(200));

    let r = h.record();
    assert_eq!(
        r.access_token_expires_at,
        Some(now + time::Duration::seconds(1234))
    );
    assert_eq!(
        r.refresh_token_expires_at,
        Some(now + time::Duration::seconds(777_777))
    );
    assert_eq!(r.last_refresh_at, Some(now));
    let s = h.svc.status(&id).unwrap();
    assert_eq!(s.state, ConnectionState::Connected);
    assert_eq!(
        s.access_token_expires_at,
        Some(optin_core::display::rfc3339(
            now + time::Duration::seconds(1234)
        ))
    );

    // The spent token is dead at UPS: another program replaying it is refused.
    let (status, body) = h.raw_refresh(&old_refresh).await;
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("Invalid Refresh Token"), "{body}");
    // The raw call did not disturb the connection.
    assert_eq!(
        h.svc.access_token(&id).await.unwrap().expose(),
        token.expose()
    );
}

#[tokio::test]
async fn forced_refresh_and_a_second_rotation() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let mut seen = vec![h.vault_get(SecretKind::RefreshToken).await.unwrap()];
    for _ in 0..3 {
        h.clock.advance(time::Duration::minutes(1));
        let s = h.svc.refresh(&id).await.unwrap();
        assert_eq!(
            s.last_refresh_at,
            Some(optin_core::display::rfc3339(h.now()))
        );
        let rt = h.vault_get(SecretKind::RefreshToken).await.unwrap();
        assert!(!seen.contains(&rt), "every refresh rotates");
        seen.push(rt);
    }
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), 3);
    assert!(h
        .requests_to(Endpoint::Refresh)
        .iter()
        .all(|r| r.status == Some(200)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_callers_cause_one_refresh() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    h.expire_access();
    let barrier = Arc::new(tokio::sync::Barrier::new(20));
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let svc = h.svc.clone();
            let id = id.clone();
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                svc.access_token(&id).await.map(|t| t.expose().to_string())
            })
        })
        .collect();
    let mut tokens = Vec::new();
    for t in tasks {
        tokens.push(t.await.unwrap().unwrap());
    }
    tokens.dedup();
    assert_eq!(tokens.len(), 1, "every caller got the same new token");
    let refresh = h.requests_to(Endpoint::Refresh);
    assert_eq!(refresh.len(), 1, "{refresh:?}");
    assert_eq!(refresh[0].status, Some(200));
    assert_eq!(
        h.vault_get(SecretKind::AccessToken).await.as_deref(),
        Some(tokens[0].as_str())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_refresh_once() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    h.expire_access();
    let a = h.svc.clone();
    let b = h.second_process();
    let barrier = Arc::new(tokio::sync::Barrier::new(10));
    let tasks: Vec<_> = (0..10)
        .map(|i| {
            let svc = if i % 2 == 0 { a.clone() } else { b.clone() };
            let id = id.clone();
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                svc.access_token(&id).await.map(|t| t.expose().to_string())
            })
        })
        .collect();
    let mut tokens = Vec::new();
    for t in tasks {
        tokens.push(t.await.unwrap().unwrap());
    }
    tokens.dedup();
    assert_eq!(
        tokens.len(),
        1,
        "both processes use the one refreshed token"
    );
    let refresh = h.requests_to(Endpoint::Refresh);
    assert_eq!(refresh.len(), 1, "{refresh:?}");
    assert_eq!(h.svc.status(&id).unwrap().state, ConnectionState::Connected);
    assert_eq!(b.status(&id).unwrap().state, ConnectionState::Connected);
}

#[tokio::test]
async fn the_other_process_sees_the_rotated_token() {
    // Process B refreshes; process A's next refresh must spend B's rotated
    // token, read from the keychain under the lock, not a stale copy.
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let b = h.second_process();
    h.expire_access();
    b.access_token(&id).await.unwrap();
    h.expire_access();
    h.svc.access_token(&id).await.unwrap();
    h.expire_access();
    b.access_token(&id).await.unwrap();
    let refresh = h.requests_to(Endpoint::Refresh);
    assert_eq!(
        refresh.iter().map(|r| r.status).collect::<Vec<_>>(),
        [Some(200); 3]
    );
}

#[tokio::test]
async fn a_renewal_pass_renews_due_connections_only() {
    let h = Harness::start().await;
    h.opt_in().await;
    assert!(
        !renewal_pass(&h.svc).await,
        "nothing due right after opting in"
    );
    assert!(h.requests_to(Endpoint::Refresh).is_empty());
    h.expire_access();
    assert!(renewal_pass(&h.svc).await);
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), 1);
    assert!(!renewal_pass(&h.svc).await);
}

#[tokio::test]
async fn remove_deletes_every_secret_and_the_record() {
    let h = Harness::start().await;
    h.opt_in().await;
    assert!(h.secrets.len() > 3, "the access token is chunked");
    h.svc.remove(&h.connection_id()).await.unwrap();
    assert!(h.secrets.is_empty(), "{:?}", h.secrets.accounts());
    assert!(h.store().load().unwrap().is_empty());
    assert_code(
        h.svc.access_token(&h.connection_id()).await,
        optin_core::ErrorCode::ConnectionNotFound,
    );
}

#[tokio::test]
async fn a_refresh_token_deleted_outside_the_wizard_is_not_connected() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    optin_core::vault::Vault::new(h.secrets.clone())
        .delete(&h.key(SecretKind::RefreshToken))
        .await
        .unwrap();
    h.expire_access();
    assert_code(
        h.svc.access_token(&id).await,
        optin_core::ErrorCode::NotConnected,
    );
    assert_eq!(
        h.svc.status(&id).unwrap().state,
        ConnectionState::NotConnected
    );
    assert!(h.requests_to(Endpoint::Refresh).is_empty());
}

#[tokio::test]
async fn a_keychain_read_failure_is_reported_and_changes_nothing() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    h.expire_access();
    h.clock
        .set(h.record().access_token_expires_at.unwrap() + time::Duration::seconds(1));
    let before = h.snapshot();
    h.secrets.fail_next_read(optin_core::Error::Keychain(
        "read refused (injected)".into(),
    ));
    let e = assert_code(
        h.svc.access_token(&id).await,
        optin_core::ErrorCode::KeychainError,
    );
    assert!(
        e.to_string().contains("plain text"),
        "says nothing was written in plain text: {e}"
    );
    // No refresh token was spent and nothing stored changed but the recorded error.
    assert!(h.requests_to(Endpoint::Refresh).is_empty());
    assert_eq!(h.snapshot().vault, before.vault);
    // The next call works.
    let token = h.svc.access_token(&id).await.unwrap();
    assert!(h.token_works(token.expose()).await);
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), 1);
}
