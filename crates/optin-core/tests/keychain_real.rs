//! The real OS keychain (Secret Service on Linux). Runs only with
//! `UPS_OPTIN_TEST_KEYCHAIN=1`, inside a D-Bus session with an unlocked
//! keyring, for instance:
//!
//! ```sh
//! dbus-run-session -- sh -c 'export XDG_DATA_HOME=$(mktemp -d); \
//!   eval "$(printf pw | gnome-keyring-daemon --daemonize --unlock --components=secrets)"; \
//!   UPS_OPTIN_TEST_KEYCHAIN=1 CARGO_TARGET_DIR=/work/target-core cargo test -p optin-core --test keychain_real'
//! ```
//!
//! keyring initialises its store once per process, so the "no Secret Service"
//! case runs in a child process of this test binary with its own environment.

use std::process::Command;
use std::sync::Arc;

use optin_core::vault::keychain::KeychainStore;
use optin_core::vault::{SecretKind, SecretStore, Vault, VaultKey, CHUNK, SERVICE};
use optin_core::{Environment, ErrorCode, Secret};

const FLAG: &str = "UPS_OPTIN_TEST_KEYCHAIN";
const CHILD: &str = "UPS_OPTIN_TEST_KEYCHAIN_CHILD";

fn enabled(test: &str) -> bool {
    if std::env::var(FLAG).as_deref() == Ok("1") {
        return true;
    }
    println!("{test} skipped: set {FLAG}=1 (inside a D-Bus session with an unlocked Secret Service) to run the real keychain tests");
    false
}

/// A client ID no one else uses, so parallel runs do not collide.
fn unique_client() -> String {
    format!("it-{}-{}", std::process::id(), rand_suffix())
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// The account names (`username` attribute) of every `ups-optin` item, from
/// `secret-tool search --all` (which prints attributes on stderr).
fn secret_tool_accounts() -> Vec<String> {
    let out = Command::new("secret-tool")
        .args(["search", "--all", "service", SERVICE])
        .output()
        .expect("secret-tool runs (apt install libsecret-tools)");
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter_map(|l| l.strip_prefix("attribute.username = "))
        .map(str::to_string)
        .collect()
}

/// What a product application reads: `secret-tool lookup service ups-optin username <account>`.
fn secret_tool_lookup(account: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", SERVICE, "username", account])
        .output()
        .expect("secret-tool runs");
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .trim_end_matches('\n')
            .to_string()
    })
}

#[test]
fn set_get_delete_round_trip() {
    if !enabled("set_get_delete_round_trip") {
        return;
    }
    let store = KeychainStore::new();
    store.health().expect("the Secret Service is reachable");
    assert_eq!(store.backend(), "Secret Service");
    let account = format!("custom-127.0.0.1-9/{}/client-secret", unique_client());
    assert!(store.get(&account).unwrap().is_none(), "missing is None");
    store.set(&account, &Secret::new("first value")).unwrap();
    assert_eq!(
        store.get(&account).unwrap().unwrap().expose(),
        "first value"
    );
    store.set(&account, &Secret::new("second value")).unwrap();
    assert_eq!(
        store.get(&account).unwrap().unwrap().expose(),
        "second value",
        "set replaces"
    );
    assert!(
        secret_tool_accounts().contains(&account),
        "secret-tool lists it"
    );
    assert_eq!(
        secret_tool_lookup(&account).as_deref(),
        Some("second value")
    );
    store.delete(&account).unwrap();
    assert!(store.get(&account).unwrap().is_none());
    store.delete(&account).unwrap();
    store.delete(&account).unwrap();
    assert!(!secret_tool_accounts().contains(&account));
    assert_eq!(secret_tool_lookup(&account), None);
}

#[tokio::test]
async fn a_4_kib_token_through_the_vault_uses_the_documented_layout() {
    if !enabled("a_4_kib_token_through_the_vault_uses_the_documented_layout") {
        return;
    }
    let env = Environment::parse("http://127.0.0.1:4010").unwrap();
    let client = unique_client();
    let vault = Vault::new(Arc::new(KeychainStore::new()));
    let key = |kind| VaultKey::new(&env, &client, kind);
    let token: String = (0..4096)
        .map(|i| char::from(b'A' + (i % 26) as u8))
        .collect();
    vault
        .set(&key(SecretKind::AccessToken), &Secret::new(token.clone()))
        .await
        .unwrap();
    vault
        .set(&key(SecretKind::RefreshToken), &Secret::new("rt-short"))
        .await
        .unwrap();
    vault
        .set(&key(SecretKind::ClientSecret), &Secret::new("cs-short"))
        .await
        .unwrap();
    assert_eq!(
        vault
            .get(&key(SecretKind::AccessToken))
            .await
            .unwrap()
            .unwrap()
            .expose(),
        token
    );
    assert_eq!(
        vault
            .get(&key(SecretKind::RefreshToken))
            .await
            .unwrap()
            .unwrap()
            .expose(),
        "rt-short"
    );

    let base = format!("custom-127.0.0.1-4010/{client}");
    let parts = token.len().div_ceil(CHUNK);
    let mut expected: Vec<String> = ["client-secret", "refresh-token", "access-token"]
        .iter()
        .map(|k| format!("{base}/{k}"))
        .collect();
    expected.extend((0..parts).map(|i| format!("{base}/access-token#1.{i}")));
    expected.sort();
    // `secret-tool search` fails as a whole (and lists nothing) when another
    // test deletes an item while it walks the collection: list again.
    let mut listed = Vec::new();
    for _ in 0..20 {
        listed = secret_tool_accounts()
            .into_iter()
            .filter(|a| a.starts_with(&base))
            .collect();
        listed.sort();
        if listed == expected {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(listed, expected, "exactly the documented account names");
    assert_eq!(
        secret_tool_lookup(&format!("{base}/refresh-token")).as_deref(),
        Some("rt-short")
    );
    assert_eq!(
        secret_tool_lookup(&format!("{base}/client-secret")).as_deref(),
        Some("cs-short")
    );
    assert_eq!(
        secret_tool_lookup(&format!("{base}/access-token")),
        Some(format!("ups-optin-chunked:v1:1:{parts}"))
    );
    let joined: String = (0..parts)
        .map(|i| secret_tool_lookup(&format!("{base}/access-token#1.{i}")).expect("part"))
        .collect();
    assert_eq!(joined, token);
    assert!((0..parts).all(
        |i| secret_tool_lookup(&format!("{base}/access-token#1.{i}"))
            .is_some_and(|p| p.len() <= CHUNK)
    ));

    // Rotation to another long value switches generation and removes the old parts.
    let token2: String = "Z".repeat(2500);
    vault
        .set(&key(SecretKind::AccessToken), &Secret::new(token2.clone()))
        .await
        .unwrap();
    assert_eq!(
        vault
            .get(&key(SecretKind::AccessToken))
            .await
            .unwrap()
            .unwrap()
            .expose(),
        token2
    );
    let listed: Vec<String> = secret_tool_accounts()
        .into_iter()
        .filter(|a| a.starts_with(&format!("{base}/access-token#")))
        .collect();
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert!(listed.iter().all(|a| a.contains("#2.")), "{listed:?}");

    vault.delete_all(&env, &client).await.unwrap();
    vault.delete_all(&env, &client).await.unwrap();
    assert!(vault
        .get(&key(SecretKind::AccessToken))
        .await
        .unwrap()
        .is_none());
    assert!(
        !secret_tool_accounts().iter().any(|a| a.starts_with(&base)),
        "cleaned up"
    );
}

#[test]
fn no_secret_service_is_keychain_unavailable_with_the_fix() {
    if std::env::var(CHILD).as_deref() == Ok("1") {
        // In the child: the session bus points nowhere.
        let e = KeychainStore::new()
            .health()
            .expect_err("no Secret Service");
        println!("CHILD-CODE={:?}", e.code());
        println!("CHILD-MESSAGE={e}");
        return;
    }
    if !enabled("no_secret_service_is_keychain_unavailable_with_the_fix") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "no_secret_service_is_keychain_unavailable_with_the_fix",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}/no-such-bus", dir.path().display()),
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("CHILD-CODE={:?}", ErrorCode::KeychainUnavailable)),
        "{stdout}"
    );
    let message = stdout
        .lines()
        .find_map(|l| l.strip_prefix("CHILD-MESSAGE="))
        .expect("message line");
    assert!(
        message.contains("gnome-keyring"),
        "the fix is named: {message}"
    );
    assert!(message.contains("Secret Service"), "{message}");
}
