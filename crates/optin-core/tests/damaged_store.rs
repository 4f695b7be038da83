//! A damaged `connections.json` loses no connection (issue 23): truncated,
//! empty, binary garbage and valid JSON of the wrong shape; each with and
//! without the last good copy; with one connection (an opt-in with UPS.com)
//! and with three (plus two client-credentials ones, each on its own
//! environment). Every connection comes back — from the copy with its label
//! and accounts, from the keychain with its environment, client ID and tokens
//! — a token is handed out and accepted by UPS (the sandbox), the damaged
//! file is kept aside, and the notice says which path was taken.
//!
//! With `UPS_OPTIN_TEST_KEYCHAIN=1` (inside `scripts/with-session.sh`) the
//! secrets live in the real Secret Service and the rebuild lists it with
//! keyring-core's search; otherwise in the in-memory store.

mod common;

use std::sync::Arc;

use common::{request_for, Harness, DEEP_LINK};
use optin_core::recovery::RecoverySource;
use optin_core::service::ClientCredentialsRequest;
use optin_core::store::Method;
use optin_core::vault::keychain::KeychainStore;
use optin_core::vault::memory::MemoryStore;
use optin_core::vault::SecretStore;
use optin_core::{Environment, OptIn, Secret};
use ups_sandbox::{Sandbox, SandboxConfig, SandboxHandle, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

fn secrets() -> Arc<dyn SecretStore> {
    if std::env::var("UPS_OPTIN_TEST_KEYCHAIN").as_deref() == Ok("1") {
        Arc::new(KeychainStore::new())
    } else {
        Arc::new(MemoryStore::new())
    }
}

/// One connection as it was before the damage.
struct Before {
    id: String,
    label: String,
    base_url: String,
    method: Method,
    accounts: Vec<String>,
}

async fn token_works(base: &str, token: &str) -> bool {
    reqwest::Client::new()
        .get(format!("{base}/__sandbox/whoami"))
        .bearer_auth(token)
        .send()
        .await
        .expect("whoami reaches the sandbox")
        .status()
        .as_u16()
        == 200
}

async fn browser_opt_in(h: &Harness, svc: &OptIn) -> Before {
    let started = svc
        .begin_login(optin_core::service::BrowserRequest {
            label: "Browser one".into(),
            ..request_for(&h.env, DEEP_LINK)
        })
        .await
        .expect("begin_login");
    let callback = h.sign_in(&started.info.authorize_url).await;
    let s = svc
        .complete(&callback)
        .await
        .into_result()
        .expect("complete");
    Before {
        id: s.id.clone(),
        label: s.label.clone(),
        base_url: h.env.base_url(),
        method: Method::Browser,
        accounts: vec!["A1B2C3".into()],
    }
}

async fn cc_opt_in(svc: &OptIn, sandbox: &SandboxHandle, label: &str) -> Before {
    let env = Environment::parse(&sandbox.base_url()).unwrap();
    let (s, _) = svc
        .login_client_credentials(ClientCredentialsRequest {
            environment: env.clone(),
            label: label.into(),
            client_id: DEMO_CLIENT_ID.into(),
            client_secret: Secret::new(DEMO_CLIENT_SECRET),
            accounts: vec!["A1B2C3".into()],
        })
        .await
        .expect("client-credentials opt-in");
    Before {
        id: s.id.clone(),
        label: label.into(),
        base_url: env.base_url(),
        method: Method::ClientCredentials,
        accounts: vec!["A1B2C3".into()],
    }
}

fn damage(kind: &str, good: &[u8]) -> Vec<u8> {
    match kind {
        "truncated" => good[..150.min(good.len())].to_vec(),
        "empty" => Vec::new(),
        "garbage" => vec![0, 0xff, 0xfe, b'P', b'K', 3, 4, 0x80, 0x81, 0],
        "wrong shape" => br#"{"schema":1,"connections":{"damaged-one":{"label":3}}}"#.to_vec(),
        _ => unreachable!(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_connection_comes_back_after_any_damage() {
    let mut cases = 0;
    for kind in ["truncated", "empty", "garbage", "wrong shape"] {
        for with_copy in [true, false] {
            for three in [false, true] {
                one_case(kind, with_copy, three).await;
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 16);
}

async fn one_case(kind: &str, with_copy: bool, three: bool) {
    let case = format!("{kind}, copy {with_copy}, three {three}");
    let h = Harness::start().await;
    let secrets = secrets();
    let svc = h.with_secrets(secrets.clone());
    let mut extra = Vec::new();
    let mut before = vec![browser_opt_in(&h, &svc).await];
    if three {
        for label in ["CC two", "CC three"] {
            let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
            before.push(cc_opt_in(&svc, &sb, label).await);
            extra.push(sb);
        }
    }
    let store = h.store();
    if !with_copy {
        std::fs::remove_file(store.backup_path()).expect("a copy was kept");
    }
    let good = std::fs::read(store.path()).unwrap();
    let damaged = damage(kind, &good);
    std::fs::write(store.path(), &damaged).unwrap();

    // Another process finds the damage.
    let later = h.with_secrets(secrets.clone());
    let all = later.statuses().expect(&case);
    for b in &before {
        let s = all
            .iter()
            .find(|s| s.id == b.id)
            .unwrap_or_else(|| panic!("{case}: {} came back: {all:?}", b.label));
        assert_eq!(s.client_id, DEMO_CLIENT_ID, "{case}");
        assert_eq!(s.method, b.method, "{case}");
        let env = Environment::parse(&s.environment).unwrap();
        assert_eq!(env.base_url(), b.base_url, "{case}");
        if with_copy {
            assert_eq!(s.label, b.label, "{case}");
            let numbers: Vec<_> = s.accounts.iter().map(|a| a.number.clone()).collect();
            assert_eq!(numbers, b.accounts, "{case}");
            assert!(!s.recovered, "{case}");
        } else {
            assert!(s.recovered, "{case}: marked for the admin to check");
            assert!(s.label.starts_with("Recovered"), "{case}: {}", s.label);
            assert!(s.label_rebuilt, "{case}: no label chosen, the UI names it");
        }
        let token = later
            .access_token(&b.id)
            .await
            .unwrap_or_else(|e| panic!("{case}: a token for {}: {e}", b.label));
        assert!(
            token_works(&b.base_url, token.expose()).await,
            "{case}: UPS accepts the token of {}",
            b.label
        );
    }

    let notices = later.recovery_notices().unwrap();
    assert_eq!(notices.len(), 1, "{case}: {notices:?}");
    let n = &notices[0];
    let text = n.describe();
    if with_copy {
        assert_eq!(n.source, RecoverySource::Backup, "{case}");
        assert!(text.contains("from the last good copy"), "{case}: {text}");
    } else {
        assert_eq!(n.source, RecoverySource::Keychain, "{case}");
        assert!(text.contains("from the keychain"), "{case}: {text}");
        assert!(text.contains("check their labels"), "{case}: {text}");
    }
    assert_eq!(
        std::fs::read(h.config_dir().join(&n.damaged_file)).unwrap(),
        damaged,
        "{case}: the damaged file is kept aside"
    );
    assert!(!text.contains(DEMO_CLIENT_SECRET), "{case}: no secret");

    // Acknowledged once, gone for every process; nothing is left behind.
    assert!(later.acknowledge_recovery().unwrap());
    assert!(svc.recovery_notices().unwrap().is_empty());
    assert!(!svc.statuses().unwrap().iter().any(|s| s.recovered));
    for b in &before {
        later.remove(&b.id).await.unwrap();
    }
    let left = later.leftovers().await.unwrap();
    for b in &before {
        let env = Environment::parse(&b.base_url).unwrap().key();
        assert!(
            !left.iter().any(|a| a.starts_with(&format!("{env}/"))),
            "{case}: {left:?}"
        );
    }
    for sb in extra {
        sb.shutdown().await;
    }
}

#[tokio::test]
async fn leftovers_are_listed_and_removed_parts_of_used_values_are_not() {
    let h = Harness::start().await;
    let secrets = secrets();
    let svc = h.with_secrets(secrets.clone());
    let kept = browser_opt_in(&h, &svc).await;
    // A long access token of the kept connection, stored in parts.
    let vault = optin_core::vault::Vault::new(secrets.clone());
    vault
        .set(
            &optin_core::vault::VaultKey::new(
                &h.env,
                DEMO_CLIENT_ID,
                optin_core::vault::SecretKind::AccessToken,
            ),
            &Secret::new("T".repeat(2600)),
        )
        .await
        .unwrap();
    // An interrupted Remove elsewhere: entries with no record.
    let lost = Environment::parse("https://lost.example.invalid").unwrap();
    for kind in optin_core::vault::SecretKind::ALL {
        vault
            .set(
                &optin_core::vault::VaultKey::new(&lost, "GONE", kind),
                &Secret::new("x".repeat(if kind.as_str() == "access-token" {
                    1500
                } else {
                    10
                })),
            )
            .await
            .unwrap();
    }
    let left = svc.leftovers().await.unwrap();
    let mine: Vec<_> = left
        .iter()
        .filter(|a| a.starts_with("custom-lost.example.invalid-443/GONE/"))
        .cloned()
        .collect();
    assert_eq!(mine.len(), 3 + 2, "three values and two parts: {left:?}");
    let kept_env = h.env.key();
    assert!(
        !left.iter().any(|a| a.starts_with(&format!("{kept_env}/"))),
        "the kept connection's entries and parts are in use: {left:?}"
    );
    assert_eq!(svc.remove_leftovers(&mine).await.unwrap(), 5);
    let left = svc.leftovers().await.unwrap();
    assert!(!left.iter().any(|a| a.contains("GONE")), "{left:?}");
    assert!(
        svc.access_token(&kept.id).await.is_ok(),
        "the kept one still works"
    );
    svc.remove(&kept.id).await.unwrap();
}
