//! The background renewal scheduler against a real ups-sandbox on loopback,
//! with a fixed clock (moved by hand) and injected faults: it renews before
//! expiry, probes idle connections so a password change shows within one
//! probe period, backs off when UPS is unreachable, never calls a connection
//! that needs a new opt-in, and never spends a refresh token twice.

mod common;

use std::time::Duration;

use common::*;
use optin_core::renewal::{Due, RenewalPolicy, Renewer};
use optin_core::status::ConnectionState;
use optin_core::watch::{NoticeKind, Watch};
use optin_core::ErrorCode;
use ups_sandbox::{Endpoint, Fault, FaultKind, FaultTarget, DEMO_USER};

fn minutes(m: i64) -> time::Duration {
    time::Duration::minutes(m)
}

fn renewer(h: &Harness) -> std::sync::Arc<Renewer> {
    // Jitter fixed at 0: the shortest backoff of each step.
    Renewer::with_jitter(h.svc.clone(), RenewalPolicy::default(), Box::new(|| 0.0))
}

#[tokio::test]
async fn nothing_due_right_after_opt_in_then_a_probe_after_the_period() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let r = renewer(&h);
    h.sandbox.clear_requests();

    let report = r.pass().await;
    assert!(report.calls.is_empty(), "{report:?}");
    // The next wake-up is at most max_sleep away, never a busy loop.
    assert!(report.sleep >= r.policy().min_sleep && report.sleep <= r.policy().max_sleep);
    assert!(h.sandbox.requests().is_empty());

    h.clock.advance(minutes(44));
    assert!(r.pass().await.calls.is_empty());
    h.clock.advance(minutes(1));
    let report = r.pass().await;
    assert_eq!(report.calls, vec![(id.clone(), Due::Probe, None)]);
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), 1);
    assert_eq!(h.record().last_refresh_at, Some(h.now()));
    // Probed: nothing again until the next period.
    assert!(r.pass().await.calls.is_empty());
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), 1);
}

#[tokio::test]
async fn renews_before_the_access_token_expires() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let r = renewer(&h);
    let exp = h.record().access_token_expires_at.expect("expiry");
    // Someone (a product) refreshed recently: no probe, but the expiry comes.
    h.clock.set(exp - time::Duration::seconds(121));
    h.store()
        .modify(&id, |rec| rec.last_refresh_at = Some(h.now()))
        .unwrap();
    assert!(r.pass().await.calls.is_empty());
    h.clock.advance(time::Duration::seconds(1));
    let report = r.pass().await;
    assert_eq!(report.calls, vec![(id.clone(), Due::Renew, None)]);
    assert!(h.record().access_token_expires_at.unwrap() > exp);
}

#[tokio::test]
async fn a_password_change_shows_within_one_period_and_notifies_once() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let r = renewer(&h);
    let mut watch = Watch::new();
    assert!(watch.observe(&views(&h), h.now()).is_empty());

    assert!(h.sandbox.change_password(DEMO_USER, Some("changed")));
    h.clock.advance(minutes(45));
    let report = r.pass().await;
    assert_eq!(
        report.calls,
        vec![(id.clone(), Due::Probe, Some(ErrorCode::ReoptNeeded))]
    );
    let v = views(&h);
    assert_eq!(v[0].state, ConnectionState::ReoptNeeded);
    let notes = watch.observe(&v, h.now());
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].summary, "WorldShip needs a new opt-in");

    // Never called again: its refresh token is refused; no repeat notification.
    for _ in 0..5 {
        h.clock.advance(minutes(60));
        assert!(r.pass().await.calls.is_empty());
        assert!(watch.observe(&views(&h), h.now()).is_empty());
    }
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), 1);

    // Opt in again: one "connected again".
    let started = h.svc.begin_reopt(&id, None).await.unwrap();
    h.sandbox
        .change_password(DEMO_USER, Some(ups_sandbox::DEMO_PASSWORD));
    let callback = h.sign_in(&started.info.authorize_url).await;
    h.svc.complete(&callback).await.into_result().unwrap();
    let notes = watch.observe(&views(&h), h.now());
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, NoticeKind::Recovered);
    assert_eq!(notes[0].summary, "WorldShip is connected again");
}

#[tokio::test]
async fn unreachable_backs_off_exponentially_and_recovers() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let r = renewer(&h);
    let refresh_before = h.requests_to(Endpoint::Refresh).len();
    h.sandbox
        .inject(Fault::new(FaultTarget::Refresh, FaultKind::Unavailable));
    h.clock.advance(minutes(45));

    let mut waits = Vec::new();
    for _ in 0..8 {
        let report = r.pass().await;
        assert_eq!(
            report.calls,
            vec![(id.clone(), Due::Probe, Some(ErrorCode::UpsUnreachable))]
        );
        let b = r.backoff_of(&id);
        let wait = b.not_before.unwrap() - h.now();
        waits.push(wait.whole_seconds());
        // Nothing before the backoff ends, however often the timer fires.
        h.clock.advance(wait - time::Duration::seconds(1));
        assert!(r.pass().await.calls.is_empty());
        h.clock.advance(time::Duration::seconds(1));
    }
    assert_eq!(waits, [30, 60, 120, 240, 480, 900, 900, 900]);
    assert_eq!(h.requests_to(Endpoint::Refresh).len() - refresh_before, 8);
    assert_eq!(
        h.svc.status(&id).unwrap().state,
        ConnectionState::Unreachable
    );
    assert!(!h.record().reopt_needed, "unreachable is not re-opt-in");

    h.sandbox.clear_faults();
    let report = r.pass().await;
    assert_eq!(report.calls, vec![(id.clone(), Due::Probe, None)]);
    assert_eq!(r.backoff_of(&id).failures, 0);
    assert_eq!(h.svc.status(&id).unwrap().state, ConnectionState::Connected);
}

#[tokio::test]
async fn a_refresh_by_another_process_is_not_repeated() {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    let r = renewer(&h);
    h.clock.advance(minutes(45));
    // Another process (the CLI, a product) refreshes first.
    let other = h.second_process();
    other.refresh(&id).await.unwrap();
    let n = h.requests_to(Endpoint::Refresh).len();
    let report = r.pass().await;
    assert!(report.calls.is_empty(), "not idle any more: {report:?}");
    assert_eq!(h.requests_to(Endpoint::Refresh).len(), n);
    // And each refresh spent the then-current token: all answered 200.
    assert!(h
        .requests_to(Endpoint::Refresh)
        .iter()
        .all(|r| r.status == Some(200)));
}

#[tokio::test]
async fn calls_per_pass_are_bounded() {
    let h = Harness::with(Setup {
        sandbox: ups_sandbox::SandboxConfig::default().with_client(ups_sandbox::ClientConfig::new(
            "second-client",
            "second-secret",
        )),
        ..Setup::default()
    })
    .await;
    h.opt_in().await;
    let policy = RenewalPolicy {
        max_calls_per_pass: 1,
        ..RenewalPolicy::default()
    };
    let r = Renewer::with_jitter(h.svc.clone(), policy, Box::new(|| 0.0));
    // A second connection: client credentials with another client.
    h.svc
        .login_client_credentials(optin_core::service::ClientCredentialsRequest {
            client_id: "second-client".into(),
            client_secret: optin_core::Secret::new("second-secret"),
            label: "Second".into(),
            ..h.cc_request(&[])
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.svc.statuses().unwrap().len(), 2);
    h.clock.advance(minutes(45));
    let first = r.pass().await;
    assert_eq!(first.calls.len(), 1, "{first:?}");
    assert_eq!(first.sleep, r.policy().min_sleep, "the rest soon after");
    let second = r.pass().await;
    assert_eq!(second.calls.len(), 1, "{second:?}");
    assert_ne!(first.calls[0].0, second.calls[0].0);
    assert!(first
        .calls
        .iter()
        .chain(&second.calls)
        .all(|c| c.2.is_none()));
    assert!(r.pass().await.calls.is_empty());
}

#[test]
fn the_period_can_be_shortened_for_tests_only_by_the_variable() {
    assert_eq!(
        RenewalPolicy::with_period(Duration::from_secs(2700)).probe_every,
        RenewalPolicy::default().probe_every
    );
}

fn views(h: &Harness) -> Vec<optin_core::status::ConnectionCard> {
    h.svc
        .statuses()
        .unwrap()
        .into_iter()
        .map(Into::into)
        .collect()
}
