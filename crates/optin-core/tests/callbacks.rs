//! Callbacks that must not complete a login, and what they leave behind:
//! the pending login keeps waiting (except when it is spent or expired), and
//! nothing is stored.

mod common;

use common::*;
use optin_core::status::ConnectionState;
use optin_core::ErrorCode;
use ups_sandbox::Endpoint;

#[tokio::test]
async fn bad_callbacks_keep_the_pending_login() {
    let h = Harness::start().await;
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let good = h.sign_in(&started.info.authorize_url).await;
    let state = param(&good, "state").unwrap();
    let code = param(&good, "code").unwrap();
    let empty = h.snapshot();

    let bad: Vec<(String, ErrorCode)> = vec![
        (
            good.replace(&state, &"x".repeat(state.len())),
            ErrorCode::CallbackUnknownState,
        ),
        (
            format!("{DEEP_LINK}?code={code}"),
            ErrorCode::CallbackInvalid,
        ),
        (
            good.replace("oauth/callback", "oauth/other"),
            ErrorCode::CallbackInvalid,
        ),
        (
            good.replace("upsoptin://oauth", "upsoptin://evil"),
            ErrorCode::CallbackInvalid,
        ),
        (
            format!("{DEEP_LINK}?state={state}"),
            ErrorCode::CallbackInvalid,
        ),
        (
            format!("{DEEP_LINK}?state={state}&code="),
            ErrorCode::CallbackInvalid,
        ),
        (format!("{good}&code=second"), ErrorCode::CallbackInvalid),
        (format!("{good}&state={state}"), ErrorCode::CallbackInvalid),
        ("not a url".into(), ErrorCode::CallbackInvalid),
        (String::new(), ErrorCode::CallbackInvalid),
    ];
    for (raw, want) in &bad {
        let e = assert_code(h.svc.complete(raw).await.into_result(), *want);
        assert!(
            !e.to_string().contains(&code),
            "the code is never quoted: {e}"
        );
        assert!(h.svc.has_pending(), "{raw}: the login must keep waiting");
    }
    assert_eq!(h.snapshot(), empty, "nothing stored by rejected callbacks");
    assert!(
        h.requests_to(Endpoint::Token).is_empty(),
        "no code exchange for a rejected callback"
    );

    let status = h.svc.complete(&good).await.into_result().unwrap();
    assert_eq!(status.state, ConnectionState::Connected);
    assert_eq!(h.requests_to(Endpoint::Token).len(), 1);
}

#[tokio::test]
async fn declined_is_access_denied_and_stores_nothing() {
    let h = Harness::start().await;
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let declined = h.fake.decline(&started.info.authorize_url).await.unwrap();
    assert_eq!(param(&declined, "error").as_deref(), Some("access_denied"));
    let e = assert_code(
        h.svc.complete(&declined).await.into_result(),
        ErrorCode::AccessDenied,
    );
    assert!(
        e.to_string()
            .contains("The user declined to authorize the application"),
        "{e}"
    );
    assert!(h.secrets.is_empty());
    assert!(h.store().load().unwrap().is_empty());
    assert!(!h.store().path().exists());
    assert!(h.requests_to(Endpoint::Token).is_empty());
    // The denial spent the login: the same link again is unknown.
    assert_code(
        h.svc.complete(&declined).await.into_result(),
        ErrorCode::CallbackUnknownState,
    );
    assert!(!h.svc.has_pending());
}

#[tokio::test]
async fn a_replayed_link_after_success_changes_nothing() {
    let h = Harness::start().await;
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let callback = h.sign_in(&started.info.authorize_url).await;
    h.svc.complete(&callback).await.into_result().unwrap();
    let after = h.snapshot();
    assert_code(
        h.svc.complete(&callback).await.into_result(),
        ErrorCode::CallbackUnknownState,
    );
    assert_eq!(h.snapshot(), after);
    assert_eq!(
        h.requests_to(Endpoint::Token).len(),
        1,
        "the spent code is not sent again"
    );
    // Also while another login is pending: the old link does not complete the new one.
    let second = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    assert_code(
        h.svc.complete(&callback).await.into_result(),
        ErrorCode::CallbackUnknownState,
    );
    assert!(h.svc.has_pending());
    assert_eq!(h.snapshot(), after);
    h.svc.cancel(&second.info.login_id).unwrap();
}

#[tokio::test]
async fn cancel_then_retry() {
    let h = Harness::start().await;
    let mut events = h.svc.subscribe();
    let first = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let first_callback = h.sign_in(&first.info.authorize_url).await;
    h.svc.cancel(&first.info.login_id).unwrap();
    match next_event(&mut events, |e| {
        matches!(e, optin_core::service::CoreEvent::Failed { .. })
    })
    .await
    {
        optin_core::service::CoreEvent::Failed { login_id, error } => {
            assert_eq!(login_id, first.info.login_id);
            assert_eq!(error.code(), ErrorCode::LoginCancelled);
        }
        other => panic!("{other:?}"),
    }
    assert!(!h.svc.has_pending());
    assert_code(
        h.svc.cancel(&first.info.login_id),
        ErrorCode::LoginNotPending,
    );
    assert_code(
        h.svc.open_again(&first.info.login_id),
        ErrorCode::LoginNotPending,
    );
    // The cancelled login's callback is now foreign.
    assert_code(
        h.svc.complete(&first_callback).await.into_result(),
        ErrorCode::CallbackUnknownState,
    );
    assert!(h.secrets.is_empty());

    let second = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    assert_ne!(
        param(&second.info.authorize_url, "state"),
        param(&first.info.authorize_url, "state")
    );
    let callback = h.sign_in(&second.info.authorize_url).await;
    assert_eq!(
        h.svc.complete(&callback).await.into_result().unwrap().state,
        ConnectionState::Connected
    );
    assert_eq!(h.requests_to(Endpoint::Token).len(), 1);
}

#[tokio::test]
async fn an_expired_login_is_callback_expired() {
    let h = Harness::start().await;
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    assert_eq!(
        started.info.expires_at,
        h.now() + time::Duration::minutes(10)
    );
    let callback = h.sign_in(&started.info.authorize_url).await;
    h.clock.advance(time::Duration::minutes(11));
    let e = assert_code(
        h.svc.complete(&callback).await.into_result(),
        ErrorCode::CallbackExpired,
    );
    assert!(e.to_string().contains("10 minutes"), "{e}");
    assert!(h.secrets.is_empty());
    assert!(h.store().load().unwrap().is_empty());
    assert!(h.requests_to(Endpoint::Token).is_empty());
    // The expired login is dropped; the link stays dead.
    assert!(!h.svc.has_pending());
    assert_code(
        h.svc.complete(&callback).await.into_result(),
        ErrorCode::CallbackUnknownState,
    );
}

#[tokio::test]
async fn just_before_expiry_still_completes() {
    let h = Harness::start().await;
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let callback = h.sign_in(&started.info.authorize_url).await;
    h.clock
        .advance(time::Duration::minutes(10) - time::Duration::seconds(1));
    assert_eq!(
        h.svc.complete(&callback).await.into_result().unwrap().state,
        ConnectionState::Connected
    );
}

#[tokio::test]
async fn two_logins_at_once_each_take_their_own_callback() {
    let h = Harness::start().await;
    let a = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let b = h.svc.begin_login(h.request(BOUNCE)).await.unwrap();
    let cb_b = h.sign_in(&b.info.authorize_url).await;
    let cb_a = h.sign_in(&a.info.authorize_url).await;
    // b's https answer rewritten onto a's redirect carries b's state: a login
    // only accepts its own redirect URI.
    let query_b = cb_b.split_once('?').unwrap().1;
    assert_code(
        h.svc
            .complete(&format!("{DEEP_LINK}?{query_b}"))
            .await
            .into_result(),
        ErrorCode::CallbackInvalid,
    );
    h.svc.complete(&cb_a).await.into_result().unwrap();
    assert!(h.svc.has_pending(), "b still waits");
    h.svc.complete(&cb_b).await.into_result().unwrap();
    assert!(!h.svc.has_pending());
    assert_eq!(
        h.record().redirect_uri.as_deref(),
        Some(BOUNCE),
        "the later opt-in replaced the connection"
    );
}

/// `complete` answers in one value: connected, refused (the login still
/// waits), or failed (the login is over), once: no event repeats the answer.
#[tokio::test]
async fn complete_says_connected_refused_or_failed() {
    use optin_core::service::{Completion, CoreEvent};

    let h = Harness::start().await;
    let mut events = h.svc.subscribe();

    // Refused: a link sent elsewhere. The login still waits and no event says otherwise.
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let good = h.sign_in(&started.info.authorize_url).await;
    match h
        .svc
        .complete(&good.replace("oauth/callback", "oauth/other"))
        .await
    {
        Completion::Refused(e) => assert_eq!(e.code(), ErrorCode::CallbackInvalid),
        other => panic!("{other:?}"),
    }
    assert!(h.svc.has_pending());
    assert!(
        events.try_recv().is_err(),
        "a refused callback sends no event"
    );

    // Connected.
    match h.svc.complete(&good).await {
        Completion::Connected(status) => assert_eq!(status.state, ConnectionState::Connected),
        other => panic!("{other:?}"),
    }

    // Failed (declined at UPS): the login is over; the answer is the one
    // report (no event repeats it).
    let second = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let declined = h.fake.decline(&second.info.authorize_url).await.unwrap();
    match h.svc.complete(&declined).await {
        Completion::Failed(e) => assert_eq!(e.code(), ErrorCode::AccessDenied),
        other => panic!("{other:?}"),
    }
    assert!(!h.svc.has_pending());

    // Failed (expired): the login is over.
    let third = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let late = h.sign_in(&third.info.authorize_url).await;
    h.clock.advance(time::Duration::minutes(11));
    match h.svc.complete(&late).await {
        Completion::Failed(e) => assert_eq!(e.code(), ErrorCode::CallbackExpired),
        other => panic!("{other:?}"),
    }

    // Only progress and the saved connection went out as events: no login
    // event repeats what complete() answered.
    while let Ok(e) = events.try_recv() {
        assert!(
            !matches!(e, CoreEvent::Completed { .. } | CoreEvent::Failed { .. }),
            "{e:?}"
        );
    }
}
