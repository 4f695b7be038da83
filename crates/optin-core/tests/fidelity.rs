//! Real-UPS fidelity against the sandbox: the `validate-client` pre-flight, the
//! redirect URI sent verbatim, refresh failures classified by cause (one test
//! per row of docs/ups-errors.md's refresh table), malformed refresh answers
//! that never lose the rotated token, and replacing a regenerated secret.

mod common;

use common::*;
use optin_core::status::ConnectionState;
use optin_core::ups::ClientCheck;
use optin_core::vault::SecretKind;
use optin_core::{ErrorCode, Secret};
use ups_sandbox::{
    Endpoint, Fault, FaultKind, FaultTarget, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
};

const ACME: &str = "https://www.acme-shipping.example";

async fn with_redirects(uris: &[&str]) -> Harness {
    let sandbox = uris.iter().fold(SandboxConfig::default(), |c, u| {
        c.with_redirect_uri(DEMO_CLIENT_ID, *u)
    });
    Harness::with(Setup {
        sandbox,
        ..Setup::default()
    })
    .await
}

fn opened(h: &Harness) -> usize {
    h.browser.opened.lock().unwrap().len()
}

// ---- pre-flight ---------------------------------------------------------------

#[tokio::test]
async fn unregistered_redirect_uri_is_refused_before_authorize() {
    let h = Harness::start().await;
    let before = h.snapshot();
    let uri = "https://www.acme-shipping.example/not-registered";
    let e = assert_code(
        h.svc.begin_login(h.request(uri)).await,
        ErrorCode::ClientRefused,
    );
    let m = e.to_string();
    assert!(
        m.contains("10400") && m.contains("Invalid Redirect URL"),
        "{m}"
    );
    assert!(m.contains(&format!("\"{uri}\"")), "the exact URI sent: {m}");
    assert!(
        m.contains("Callback URL") && m.contains("developer.ups.com"),
        "{m}"
    );
    let checks = h.requests_to(Endpoint::ValidateClient);
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].redirect_uri.as_deref(), Some(uri));
    assert!(h.requests_to(Endpoint::Authorize).is_empty());
    assert_eq!(opened(&h), 0, "no browser");
    assert!(!h.svc.has_pending(), "no pending login");
    assert_eq!(h.snapshot(), before, "nothing stored");
}

#[tokio::test]
async fn unknown_client_id_is_refused_before_authorize() {
    let h = Harness::start().await;
    let mut req = h.request(DEEP_LINK);
    req.client_id = "not-a-registered-client".into();
    let e = assert_code(h.svc.begin_login(req).await, ErrorCode::ClientRefused);
    let m = e.to_string();
    assert!(
        m.contains("10401") && m.contains("ClientId is Invalid"),
        "{m}"
    );
    assert!(m.contains("client ID"), "{m}");
    assert_eq!(h.requests_to(Endpoint::ValidateClient).len(), 1);
    assert!(h.requests_to(Endpoint::Authorize).is_empty());
    assert_eq!(opened(&h), 0);
}

#[tokio::test]
async fn each_refusal_fault_is_quoted() {
    let h = Harness::start().await;
    for (kind, words) in [
        (FaultKind::InvalidRedirect, "Invalid Redirect URL"),
        (FaultKind::InvalidClient, "ClientId is Invalid"),
    ] {
        h.sandbox
            .inject(Fault::new(FaultTarget::ValidateClient, kind).times(1));
        let e = assert_code(
            h.svc.begin_login(h.request(DEEP_LINK)).await,
            ErrorCode::ClientRefused,
        );
        assert!(e.to_string().contains(words), "{e}");
    }
    assert!(h.requests_to(Endpoint::Authorize).is_empty());
    assert_eq!(opened(&h), 0);
}

#[tokio::test]
async fn unreachable_validate_client_opens_no_browser() {
    let h = Harness::start().await;
    h.sandbox
        .inject(Fault::new(FaultTarget::ValidateClient, FaultKind::DropConnection).times(1));
    assert_code(
        h.svc.begin_login(h.request(DEEP_LINK)).await,
        ErrorCode::UpsUnreachable,
    );
    assert_eq!(opened(&h), 0);
    assert!(!h.svc.has_pending());
}

#[tokio::test]
async fn missing_or_non_json_validate_client_is_logged_and_skipped() {
    let h = Harness::start().await;
    for kind in [FaultKind::NotFound, FaultKind::HtmlBody] {
        h.sandbox
            .inject(Fault::new(FaultTarget::ValidateClient, kind).times(1));
        let status = h.opt_in().await;
        assert_eq!(status.state, ConnectionState::Connected);
    }
    assert_eq!(h.requests_to(Endpoint::Authorize).len(), 2);
}

#[tokio::test]
async fn check_with_ups_accepts_and_refuses() {
    let h = Harness::start().await;
    let ok = h
        .svc
        .check_client(&h.env, DEMO_CLIENT_ID, DEEP_LINK)
        .await
        .unwrap();
    assert!(
        matches!(ok, ClientCheck::Accepted { ref kind, .. } if kind.as_deref() == Some("ups_com_api")),
        "{ok:?}"
    );
    assert_code(
        h.svc
            .check_client(&h.env, DEMO_CLIENT_ID, "upsoptin://oauth/other")
            .await,
        ErrorCode::ClientRefused,
    );
    assert!(h.requests_to(Endpoint::Authorize).is_empty());
    assert_eq!(opened(&h), 0);
}

// ---- the redirect URI verbatim ----------------------------------------------------

#[tokio::test]
async fn redirect_uri_reaches_authorize_and_token_unchanged_on_the_paste_route() {
    let uris = [
        ACME,
        "https://WWW.Acme-Shipping.example/Callback",
        "https://www.acme-shipping.example:443/cb",
    ];
    let h = with_redirects(&uris).await;
    for uri in uris {
        h.sandbox.clear_requests();
        let started = h.svc.begin_login(h.request(uri)).await.expect(uri);
        assert_eq!(started.info.route, optin_core::login::RouteKind::Paste);
        assert_eq!(started.info.redirect_uri, uri);
        let callback = h.sign_in(&started.info.authorize_url).await;
        let status = h.svc.complete(&callback).await.into_result().expect(uri);
        assert_eq!(status.state, ConnectionState::Connected, "{uri}");
        assert_eq!(status.redirect_uri.as_deref(), Some(uri));
        for endpoint in [
            Endpoint::ValidateClient,
            Endpoint::Authorize,
            Endpoint::Token,
        ] {
            let sent = h.requests_to(endpoint);
            assert_eq!(sent.len(), 1, "{uri} {endpoint:?}");
            assert_eq!(sent[0].redirect_uri.as_deref(), Some(uri), "{endpoint:?}");
            let ok = if endpoint == Endpoint::Authorize {
                302
            } else {
                200
            };
            assert_eq!(sent[0].status, Some(ok), "{uri} {endpoint:?}");
        }
    }
}

#[tokio::test]
async fn a_normalised_variant_is_not_what_was_registered() {
    // Registered without a path: the `/` that `url` adds would be refused by UPS.
    let h = with_redirects(&[ACME]).await;
    assert_code(
        h.svc.begin_login(h.request(&format!("{ACME}/"))).await,
        ErrorCode::ClientRefused,
    );
    assert!(h.requests_to(Endpoint::Authorize).is_empty());
}

#[tokio::test]
async fn addresses_that_cannot_travel_unchanged_are_refused_as_input() {
    let h = Harness::start().await;
    for uri in [
        "https://www.acme-shipping.example/a b",
        "https://www.acme-shipping.example/caf\u{e9}",
        "https://www.acme-shipping.example\\cb",
    ] {
        assert_code(
            h.svc.begin_login(h.request(uri)).await,
            ErrorCode::InvalidInput,
        );
    }
    assert!(h.sandbox.requests().is_empty(), "nothing sent");
}

// ---- refresh failures by cause ----------------------------------------------------

async fn connected() -> (Harness, String) {
    let h = Harness::start().await;
    h.opt_in().await;
    let id = h.connection_id();
    h.expire_access();
    (h, id)
}

#[tokio::test]
async fn row_spent_refresh_token_is_reopt_needed() {
    let (h, id) = connected().await;
    assert!(h.sandbox.change_password(ups_sandbox::DEMO_USER, None));
    assert_code(h.svc.access_token(&id).await, ErrorCode::ReoptNeeded);
    assert_eq!(
        h.svc.status(&id).unwrap().state,
        ConnectionState::ReoptNeeded
    );

    let (h, id) = connected().await;
    h.sandbox
        .inject(Fault::new(FaultTarget::Refresh, FaultKind::InvalidRefreshToken).times(1));
    let e = assert_code(h.svc.access_token(&id).await, ErrorCode::ReoptNeeded);
    assert!(
        e.to_string().contains("Invalid/Missing Refresh Token"),
        "{e}"
    );
}

#[tokio::test]
async fn row_client_id_invalid_is_credentials_rejected_then_update_secret() {
    let (h, id) = connected().await;
    let accounts = h.record().accounts;
    assert!(h
        .sandbox
        .regenerate_secret(DEMO_CLIENT_ID, "regenerated-secret"));
    let e = assert_code(
        h.svc.access_token(&id).await,
        ErrorCode::CredentialsRejected,
    );
    let m = e.to_string();
    assert!(
        m.contains("10401") && m.contains("secret") && m.contains("regenerated"),
        "{m}"
    );
    assert!(!m.to_ascii_lowercase().contains("password"), "{m}");
    assert_eq!(
        h.svc.status(&id).unwrap().state,
        ConnectionState::CredentialsRejected
    );
    assert!(!h.record().reopt_needed);

    // A wrong new secret changes nothing and says so.
    let before = h.snapshot();
    let e = assert_code(
        h.svc.update_secret(&id, &Secret::new("still-wrong")).await,
        ErrorCode::CredentialsRejected,
    );
    assert!(e.to_string().contains("Nothing was changed"), "{e}");
    assert_eq!(h.snapshot(), before);

    // The right one is checked with UPS, stored, and the opt-in is kept.
    let status = h
        .svc
        .update_secret(&id, &Secret::new("regenerated-secret"))
        .await
        .unwrap();
    assert_eq!(status.state, ConnectionState::Connected);
    assert_eq!(
        h.vault_get(SecretKind::ClientSecret).await.as_deref(),
        Some("regenerated-secret")
    );
    assert_eq!(h.record().accounts, accounts);
    h.expire_access();
    let token = h.svc.access_token(&id).await.unwrap();
    assert!(h.token_works(token.expose()).await);
    h.svc.refresh(&id).await.unwrap();
}

#[tokio::test]
async fn client_credentials_secret_is_replaced_after_a_token_request() {
    let h = Harness::start().await;
    h.svc
        .login_client_credentials(h.cc_request(&["A1B2C3"]))
        .await
        .unwrap();
    let id = h.connection_id();
    assert!(h.sandbox.regenerate_secret(DEMO_CLIENT_ID, "new-cc-secret"));
    h.clock.advance(time::Duration::days(1));
    assert_code(
        h.svc.access_token(&id).await,
        ErrorCode::CredentialsRejected,
    );
    assert_code(
        h.svc
            .update_secret(&id, &Secret::new(DEMO_CLIENT_SECRET))
            .await,
        ErrorCode::CredentialsRejected,
    );
    let status = h
        .svc
        .update_secret(&id, &Secret::new("new-cc-secret"))
        .await
        .unwrap();
    assert_eq!(status.state, ConnectionState::Connected);
    assert!(
        h.token_works(h.svc.access_token(&id).await.unwrap().expose())
            .await
    );
}

#[tokio::test]
async fn row_blocked_merchant_keeps_ups_message() {
    let (h, id) = connected().await;
    h.sandbox
        .inject(Fault::new(FaultTarget::Refresh, FaultKind::BlockedMerchant).times(1));
    let e = assert_code(h.svc.access_token(&id).await, ErrorCode::UpsRejected);
    assert!(e.to_string().contains("Blocked Merchant"), "{e}");
    assert!(!h.record().reopt_needed);
    h.svc
        .access_token(&id)
        .await
        .expect("the token was not spent");
}

#[tokio::test]
async fn row_html_4xx_is_never_reopt_and_the_next_refresh_works() {
    let (h, id) = connected().await;
    for kind in [FaultKind::EdgeForbidden, FaultKind::NotFound] {
        h.sandbox
            .inject(Fault::new(FaultTarget::Refresh, kind).times(1));
        let e = assert_code(h.svc.access_token(&id).await, ErrorCode::UpsUnreachable);
        let m = e.to_string();
        assert!(m.contains("an HTML page") && m.contains("proxy"), "{m}");
        assert!(!m.to_ascii_lowercase().contains("password"), "{m}");
        assert!(!h.record().reopt_needed);
        assert_eq!(
            h.svc.status(&id).unwrap().state,
            ConnectionState::Unreachable
        );
    }
    let token = h
        .svc
        .access_token(&id)
        .await
        .expect("the next refresh works");
    assert!(h.token_works(token.expose()).await);
}

// ---- malformed refresh answers ----------------------------------------------------

/// Three `access_token` calls after the fault: all work, and at most one refresh.
async fn odd_answer_keeps_the_connection(kind: FaultKind) {
    let (h, id) = connected().await;
    h.sandbox.clear_requests();
    h.sandbox
        .inject(Fault::new(FaultTarget::Refresh, kind.clone()).times(1));
    for _ in 0..3 {
        let token = h
            .svc
            .access_token(&id)
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert!(h.token_works(token.expose()).await, "{kind:?}");
    }
    assert_eq!(
        h.requests_to(Endpoint::Refresh).len(),
        1,
        "{kind:?}: no refresh storm"
    );
    assert_eq!(h.svc.status(&id).unwrap().state, ConnectionState::Connected);
    // The rotated token was kept: the next refresh works.
    h.expire_access();
    h.svc
        .refresh(&id)
        .await
        .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
}

#[tokio::test]
async fn status_pending_keeps_the_connection() {
    odd_answer_keeps_the_connection(FaultKind::StatusPending).await;
}

#[tokio::test]
async fn missing_expires_in_keeps_the_connection_without_a_storm() {
    odd_answer_keeps_the_connection(FaultKind::NoExpiresIn).await;
    let (h, id) = connected().await;
    h.sandbox
        .inject(Fault::new(FaultTarget::Refresh, FaultKind::NoExpiresIn).times(1));
    h.svc.access_token(&id).await.unwrap();
    let exp = h.record().access_token_expires_at.unwrap();
    assert_eq!(
        exp - h.now(),
        time::Duration::minutes(15),
        "the conservative lifetime"
    );
}

#[tokio::test]
async fn garbled_expires_in_keeps_the_connection() {
    odd_answer_keeps_the_connection(FaultKind::GarbledExpiresIn).await;
}

#[tokio::test]
async fn no_access_token_saves_the_rotated_refresh_token() {
    let (h, id) = connected().await;
    let old = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    h.sandbox
        .inject(Fault::new(FaultTarget::Refresh, FaultKind::NoAccessToken).times(1));
    assert_code(h.svc.access_token(&id).await, ErrorCode::UpsBadResponse);
    let rotated = h.vault_get(SecretKind::RefreshToken).await.unwrap();
    assert_ne!(rotated, old, "the rotated token reached the keychain");
    let token = h
        .svc
        .access_token(&id)
        .await
        .expect("usable: the next refresh works");
    assert!(h.token_works(token.expose()).await);
}

#[tokio::test]
async fn no_refresh_token_keeps_the_stored_one_and_uses_the_access_token() {
    let (h, id) = connected().await;
    h.sandbox
        .inject(Fault::new(FaultTarget::Refresh, FaultKind::NoRefreshToken).times(1));
    let token = h.svc.access_token(&id).await.unwrap();
    assert!(h.token_works(token.expose()).await);
    assert_eq!(h.svc.status(&id).unwrap().state, ConnectionState::Connected);
}
