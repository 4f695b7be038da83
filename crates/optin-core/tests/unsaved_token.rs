//! The keychain refuses to save a rotated refresh token after UPS spent the
//! old one: the new token is kept in memory, used, reported, and saved later.

mod common;

use std::sync::Arc;

use common::*;
use optin_core::status::ConnectionState;
use optin_core::tokens::TokenPolicy;
use optin_core::vault::SecretKind;
use optin_core::{Error, ErrorCode};
use ups_sandbox::Endpoint;

fn one_attempt() -> Setup {
    Setup {
        policy: TokenPolicy {
            save_attempts: 1,
            ..TokenPolicy::default()
        },
        ..Setup::default()
    }
}

/// Opt in, expire the access token, make the refresh-token write fail, refresh.
/// Returns the spent refresh token that is still in the keychain.
async fn refresh_with_failing_write(h: &Harness) -> String {
    h.opt_in().await;
    let spent = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    h.expire_access();
    // One-shot: the first keychain write of the refresh is the rotated refresh
    // token (the access token is written after it).
    h.secrets
        .fail_next_write(Error::Keychain("the keychain is locked (injected)".into()));
    let e = assert_code(
        h.svc.access_token(&h.connection_id()).await,
        ErrorCode::TokenNotSaved,
    );
    assert!(e.to_string().contains("kept in memory"), "{e}");
    spent
}

#[tokio::test]
async fn token_not_saved_is_held_in_memory_used_and_saved_by_a_renewal_pass() {
    let h = Harness::with(one_attempt()).await;
    let id = h.connection_id();
    let spent = refresh_with_failing_write(&h).await;
    let refreshed_at = h.now();

    // Reported, and the keychain still has the spent token.
    let s = h.svc.status(&id).unwrap();
    assert!(s.token_unsaved);
    assert_eq!(
        s.last_error.as_ref().map(|e| e.code),
        Some(ErrorCode::TokenNotSaved)
    );
    assert_eq!(s.state, ConnectionState::Connected, "the connection works");
    assert_eq!(
        h.vault_get(SecretKind::RefreshToken).await.as_deref(),
        Some(spent.as_str())
    );
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), 1);
    // The access token of that refresh was saved, with its expiry.
    let access = h.vault_get(SecretKind::AccessToken).await.unwrap();
    assert!(h.token_works(&access).await);
    assert_eq!(
        h.record().access_token_expires_at,
        Some(refreshed_at + time::Duration::seconds(14_399))
    );

    // The next call in the same process works without touching UPS.
    assert_eq!(h.svc.access_token(&id).await.unwrap().expose(), access);
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), 1);

    // The background renewal pass saves the held token.
    assert!(renewal_pass(&h.svc).await);
    let s = h.svc.status(&id).unwrap();
    assert!(!s.token_unsaved);
    assert!(s.last_error.is_none(), "{:?}", s.last_error);
    let saved = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    assert_ne!(saved, spent);
    assert_eq!(
        h.requests_to(Endpoint::Refresh).len(),
        1,
        "saving needs no UPS call"
    );

    // And the saved token is the live one: the next refresh succeeds.
    h.expire_access();
    h.svc.access_token(&id).await.unwrap();
    let statuses: Vec<_> = h
        .requests_to(Endpoint::Refresh)
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [Some(200), Some(200)], "never an invalid grant");
}

#[tokio::test]
async fn the_held_token_is_spent_next_not_the_one_in_the_keychain() {
    let h = Harness::with(one_attempt()).await;
    let id = h.connection_id();
    let spent = refresh_with_failing_write(&h).await;
    // Before any renewal pass: the next refresh must use the token held in memory.
    h.expire_access();
    let token = h.svc.access_token(&id).await.unwrap();
    assert!(h.token_works(token.expose()).await);
    let statuses: Vec<_> = h
        .requests_to(Endpoint::Refresh)
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(
        statuses,
        [Some(200), Some(200)],
        "the spent keychain copy was never sent"
    );
    let s = h.svc.status(&id).unwrap();
    assert!(!s.token_unsaved, "the newer rotation was saved");
    assert!(s.last_error.is_none());
    let now_saved = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    assert_ne!(now_saved, spent);
    // Nothing left to save.
    assert!(!renewal_pass(&h.svc).await);
}

#[tokio::test]
async fn every_save_attempt_fails_then_a_renewal_pass_saves() {
    // The default policy retries the save (3 attempts) before reporting.
    let h = Harness::start().await;
    assert_eq!(h.policy.save_attempts, 3);
    let flaky = Arc::new(FlakyStore::new(h.secrets.clone()));
    let svc = h.with_secrets(flaky.clone());
    let started = svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let cb = h.sign_in(&started.info.authorize_url).await;
    svc.complete(&cb).await.into_result().unwrap();
    let id = h.connection_id();
    let spent = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    h.expire_access();

    flaky.fail_writes("/refresh-token", 3);
    assert_code(svc.access_token(&id).await, ErrorCode::TokenNotSaved);
    assert_eq!(flaky.failures_left(), 0, "all three attempts were made");
    assert!(svc.status(&id).unwrap().token_unsaved);
    assert_eq!(
        h.vault_get(SecretKind::RefreshToken).await.as_deref(),
        Some(spent.as_str())
    );
    assert!(
        h.token_works(&h.vault_get(SecretKind::AccessToken).await.unwrap())
            .await,
        "access token saved after the failure"
    );

    assert!(renewal_pass(&svc).await);
    assert!(!svc.status(&id).unwrap().token_unsaved);
    assert_ne!(
        h.vault_get(SecretKind::RefreshToken).await.as_deref(),
        Some(spent.as_str())
    );
}

#[tokio::test]
async fn a_transient_failure_is_retried_silently() {
    let h = Harness::start().await;
    let flaky = Arc::new(FlakyStore::new(h.secrets.clone()));
    let svc = h.with_secrets(flaky.clone());
    let started = svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let cb = h.sign_in(&started.info.authorize_url).await;
    svc.complete(&cb).await.into_result().unwrap();
    let id = h.connection_id();
    let spent = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    h.expire_access();
    flaky.fail_writes("/refresh-token", 2);
    svc.access_token(&id).await.unwrap();
    let s = svc.status(&id).unwrap();
    assert!(!s.token_unsaved && s.last_error.is_none());
    assert_ne!(
        h.vault_get(SecretKind::RefreshToken).await.as_deref(),
        Some(spent.as_str())
    );
}

#[tokio::test]
async fn renewal_passes_keep_the_token_while_the_keychain_still_refuses() {
    let h = Harness::with(one_attempt()).await;
    let flaky = Arc::new(FlakyStore::new(h.secrets.clone()));
    let svc = h.with_secrets(flaky.clone());
    let started = svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let cb = h.sign_in(&started.info.authorize_url).await;
    svc.complete(&cb).await.into_result().unwrap();
    let id = h.connection_id();
    h.expire_access();
    flaky.fail_writes("/refresh-token", 3);
    assert_code(svc.access_token(&id).await, ErrorCode::TokenNotSaved);
    // Two renewal passes while the keychain still refuses: the token stays held.
    renewal_pass(&svc).await;
    renewal_pass(&svc).await;
    assert_eq!(flaky.failures_left(), 0);
    assert!(svc.status(&id).unwrap().token_unsaved);
    // Third pass: saved.
    assert!(renewal_pass(&svc).await);
    assert!(!svc.status(&id).unwrap().token_unsaved);
    h.expire_access();
    svc.access_token(&id).await.unwrap();
    assert!(h
        .requests_to(Endpoint::Refresh)
        .iter()
        .all(|r| r.status == Some(200)));
}

#[tokio::test]
async fn a_failed_access_token_write_costs_only_a_refresh() {
    let h = Harness::start().await;
    let flaky = Arc::new(FlakyStore::new(h.secrets.clone()));
    let svc = h.with_secrets(flaky.clone());
    let started = svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let cb = h.sign_in(&started.info.authorize_url).await;
    svc.complete(&cb).await.into_result().unwrap();
    let id = h.connection_id();
    h.expire_access();
    flaky.fail_writes("/access-token", 1);
    let fresh = svc.access_token(&id).await.unwrap();
    assert!(h.token_works(fresh.expose()).await);
    assert!(!svc.status(&id).unwrap().token_unsaved);
    assert_eq!(
        h.record().access_token_expires_at,
        None,
        "no expiry for a token the keychain does not hold"
    );
    assert!(h.record().refresh_token_expires_at.is_some());
    // The keychain still has the old, expired access token. The next caller
    // must not be handed it: it gets a working token (at the cost of a refresh).
    let next = svc.access_token(&id).await.unwrap();
    assert!(
        h.token_works(next.expose()).await,
        "a stale access token was handed out"
    );
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), 2);
    assert!(h.record().access_token_expires_at.is_some());
    assert_eq!(
        h.vault_get(SecretKind::AccessToken).await.as_deref(),
        Some(next.expose())
    );
}

#[tokio::test]
async fn a_held_token_superseded_by_a_new_opt_in_is_dropped_not_written_over_it() {
    let h = Harness::with(one_attempt()).await;
    let id = h.connection_id();
    refresh_with_failing_write(&h).await;
    assert!(h.record().unsaved_rotation.is_some(), "the mark is on disk");
    // Another process opts in again meanwhile: a new token family.
    let other = h.with_secrets(h.secrets.clone());
    let started = other.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let cb = h.sign_in(&started.info.authorize_url).await;
    other.complete(&cb).await.into_result().unwrap();
    let newest = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    assert!(h.record().unsaved_rotation.is_none());
    // The first process's retry re-reads under the locks and drops its old token.
    assert!(h.svc.retry_unsaved().await.is_empty());
    assert_eq!(
        h.vault_get(SecretKind::RefreshToken).await.as_deref(),
        Some(newest.as_str()),
        "an old token was written over the new opt-in's"
    );
    assert!(!h.svc.status(&id).unwrap().token_unsaved);
}

#[tokio::test]
async fn another_process_refuses_to_spend_the_stale_token_while_the_mark_is_set() {
    let h = Harness::with(one_attempt()).await;
    let id = h.connection_id();
    let spent = refresh_with_failing_write(&h).await;
    // A second process (same keychain and folder, nothing held in memory).
    let other = h.with_secrets(h.secrets.clone());
    assert!(
        other.status(&id).unwrap().token_unsaved,
        "seen from any process"
    );
    h.expire_access();
    let e = assert_code(other.access_token(&id).await, ErrorCode::TokenNotSaved);
    assert!(e.to_string().contains("not sent to UPS"), "{e}");
    assert_eq!(
        h.requests_to(Endpoint::Refresh).len(),
        1,
        "the spent token was sent"
    );
    assert_eq!(
        h.vault_get(SecretKind::RefreshToken).await.as_deref(),
        Some(spent.as_str())
    );
    assert!(!h.record().reopt_needed);
    // The holder saves it; then the other process refreshes normally.
    assert_eq!(h.svc.retry_unsaved().await, std::slice::from_ref(&id));
    other.access_token(&id).await.unwrap();
    assert!(h
        .requests_to(Endpoint::Refresh)
        .iter()
        .all(|r| r.status == Some(200)));
}
