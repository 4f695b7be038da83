//! Security round two (issue 12), at the core's public surface: connection IDs
//! checked before they become paths, the read-only "does this link answer a
//! login in progress" query the app shell asks before it focuses its window,
//! and custom environments that would share a connection key.

mod common;

use common::*;
use optin_core::store::ConnectionRecord;
use optin_core::vault::SecretKind;
use optin_core::{Environment, ErrorCode, Secret};
use ups_sandbox::Endpoint;

const TRAVERSAL: [&str; 6] = [
    "../../x",
    "../x",
    "/tmp/ups-optin-traversal",
    "x/../../../../y",
    "0123456789AB",
    "",
];

fn tree(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            out.push(e.path());
            out.extend(tree(&e.path()));
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn traversal_ids_are_refused_and_create_no_file() {
    let h = Harness::start().await;
    h.opt_in().await;
    let root = h.config_dir().parent().unwrap().to_path_buf();
    let before = tree(&root);
    let snapshot = h.snapshot();
    for id in TRAVERSAL {
        assert_code(h.svc.refresh(id).await, ErrorCode::InvalidInput);
        assert_code(h.svc.test(id).await, ErrorCode::InvalidInput);
        assert_code(h.svc.remove(id).await, ErrorCode::InvalidInput);
        assert_code(h.svc.status(id), ErrorCode::InvalidInput);
        assert_code(h.svc.access_token(id).await, ErrorCode::InvalidInput);
        assert_code(h.svc.begin_reopt(id, None).await, ErrorCode::InvalidInput);
        let e = assert_code(h.svc.status(id), ErrorCode::InvalidInput);
        assert!(e.to_string().contains("12 lowercase hexadecimal"), "{e}");
    }
    assert_eq!(tree(&root), before, "no file created, inside or outside");
    assert!(!root.join("x.lock").exists());
    assert!(!std::path::Path::new("/tmp/ups-optin-traversal.lock").exists());
    assert_eq!(h.snapshot(), snapshot, "nothing stored changed");
    // The real ID still works.
    h.svc.refresh(&h.connection_id()).await.unwrap();
}

#[tokio::test]
async fn matches_pending_is_a_read_only_check() {
    let h = Harness::start().await;
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let callback = h.sign_in(&started.info.authorize_url).await;
    let state = param(&callback, "state").unwrap();
    for bogus in [
        "upsoptin://oauth/callback?code=x&state=guess".to_string(),
        "upsoptin://evil/callback?code=x".to_string(),
        callback.replace("upsoptin://oauth/callback", "upsoptin://oauth/other"),
        format!("upsoptin://oauth/callback?code=x&state={state}&state=again"),
        "not a link".to_string(),
    ] {
        assert!(!h.svc.matches_pending(&bogus), "{bogus}");
    }
    // Asking any number of times changes nothing: the real answer still works.
    for _ in 0..3 {
        assert!(h.svc.matches_pending(&callback));
    }
    assert!(h.svc.has_pending());
    assert!(h.requests_to(Endpoint::Token).is_empty());
    h.svc.complete(&callback).await.into_result().unwrap();
    assert!(!h.svc.matches_pending(&callback), "single use");
    // An expired login matches nothing.
    let started = h.svc.begin_login(h.request(DEEP_LINK)).await.unwrap();
    let callback = h.sign_in(&started.info.authorize_url).await;
    h.clock.advance(time::Duration::minutes(11));
    assert!(!h.svc.matches_pending(&callback));
}

#[tokio::test]
async fn a_second_base_url_on_the_same_host_and_port_is_refused() {
    let h = Harness::start().await;
    let first = h
        .svc
        .login_client_credentials(h.cc_request(&[]))
        .await
        .unwrap()
        .0;
    let id = h.connection_id();
    assert_eq!(first.id, id);
    let before = h.snapshot();
    let requests = h.sandbox.requests().len();
    let other = Environment::parse(&format!("{}/other-proxy", h.sandbox.base_url())).unwrap();
    assert_eq!(other.key(), h.env.key(), "same host and port");

    let mut cc = h.cc_request(&[]);
    cc.environment = other.clone();
    cc.client_secret = Secret::new("a-different-secret");
    let e = assert_code(
        h.svc.login_client_credentials(cc).await,
        ErrorCode::InvalidInput,
    );
    let msg = e.to_string();
    assert!(
        msg.contains("same host and port") && msg.contains("Remove that connection first"),
        "{msg}"
    );
    assert!(
        msg.contains(&h.sandbox.base_url()),
        "names the existing address: {msg}"
    );

    let e = assert_code(
        h.svc.begin_login(request_for(&other, DEEP_LINK)).await,
        ErrorCode::InvalidInput,
    );
    assert!(e.to_string().contains("same host and port"), "{e}");
    assert!(!h.svc.has_pending());
    assert!(h.browser.opened.lock().unwrap().is_empty());

    assert_eq!(
        h.snapshot(),
        before,
        "keychain and connections.json unchanged"
    );
    assert_eq!(h.sandbox.requests().len(), requests, "nothing was sent");
    // The existing connection keeps its ID and its keychain entries.
    assert_eq!(
        h.record().id,
        ConnectionRecord::id_for(&h.env, ups_sandbox::DEMO_CLIENT_ID)
    );
    assert_eq!(
        h.vault_get(SecretKind::ClientSecret).await.as_deref(),
        Some(ups_sandbox::DEMO_CLIENT_SECRET)
    );
    h.svc.test(&id).await.unwrap();
    // The same base URL (trailing slash or not) is the same connection: allowed.
    let mut same = h.cc_request(&[]);
    same.environment = Environment::parse(&format!("{}/", h.sandbox.base_url())).unwrap();
    h.svc.login_client_credentials(same).await.unwrap();
    assert_eq!(h.store().load().unwrap().len(), 1);
}
