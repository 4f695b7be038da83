//! `ups-optin logout --leftovers` and `diagnostics` against the real Secret
//! Service: keychain entries under service `ups-optin` that no connection
//! uses are listed (client ID masked) and removed only after confirmation;
//! the entries and parts of a connection in use are never touched.
//!
//! Its own test binary: removing leftovers removes every unused `ups-optin`
//! entry of the session's keychain, so it must not run beside the tests of
//! `cli.rs` (cargo runs test binaries one after the other). Runs only with
//! `UPS_OPTIN_TEST_KEYCHAIN=1` (inside `scripts/with-session.sh`).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{Out, BIN};

fn store(account: &str, value: &str) {
    let mut c = Command::new("secret-tool")
        .args([
            "store",
            "--label",
            "test",
            "service",
            "ups-optin",
            "username",
            account,
        ])
        .stdin(Stdio::piped())
        .spawn()
        .expect("secret-tool (libsecret-tools) is installed");
    c.stdin.take().unwrap().write_all(value.as_bytes()).unwrap();
    assert!(c.wait().unwrap().success());
}

fn exists(account: &str) -> bool {
    Command::new("secret-tool")
        .args(["lookup", "service", "ups-optin", "username", account])
        .output()
        .unwrap()
        .status
        .success()
}

fn run(dir: &std::path::Path, args: &[&str]) -> Out {
    Out::from(
        Command::new(BIN)
            .args(args)
            .env("UPS_OPTIN_CONFIG_DIR", dir)
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    )
}

#[test]
fn leftovers_are_listed_then_removed_after_confirmation() {
    if std::env::var("UPS_OPTIN_TEST_KEYCHAIN").as_deref() != Ok("1") {
        println!("skipped: needs UPS_OPTIN_TEST_KEYCHAIN=1 inside a D-Bus session with an unlocked keyring");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A connection in use, its access token in two parts.
    let used = "custom-127.0.0.1-9/USEDCLIENT";
    let record = serde_json::json!({"schema": 1, "connections": [{
        "id": "000000000000", "label": "In use", "environment": "http://127.0.0.1:9",
        "client_id": "USEDCLIENT", "method": "client_credentials", "redirect_uri": null,
        "created_at": "2026-12-01T00:00:00Z"}]});
    std::fs::write(dir.path().join("connections.json"), record.to_string()).unwrap();
    store(&format!("{used}/client-secret"), "s");
    store(&format!("{used}/access-token"), "ups-optin-chunked:v1:4:2");
    store(&format!("{used}/access-token#4.0"), "part0");
    store(&format!("{used}/access-token#4.1"), "part1");
    // Left by a lost file or an interrupted Remove.
    let lost = [
        "cie/LOSTCLIENT9/client-secret",
        "cie/LOSTCLIENT9/refresh-token",
    ];
    for a in lost {
        store(a, "x");
    }

    let diag = run(dir.path(), &["diagnostics"]);
    let out = diag.stdout.clone();
    assert!(
        out.contains("Keychain entries no connection uses: "),
        "{diag:?}"
    );
    assert!(out.contains("cie/••••ENT9/client-secret"), "{diag:?}");
    assert!(
        !out.contains("LOSTCLIENT9"),
        "client IDs are masked: {diag:?}"
    );
    assert!(!out.contains("USEDCLIENT"), "{diag:?}");

    // Not a terminal and no --yes: listed, nothing removed.
    let asked = run(dir.path(), &["logout", "--leftovers"]);
    assert_eq!(asked.code, Some(2), "{asked:?}");
    assert!(asked.stderr.contains("--yes"), "{asked:?}");
    assert!(
        lost.iter().all(|a| exists(a)),
        "nothing removed without confirmation"
    );

    let removed = run(dir.path(), &["logout", "--leftovers", "--yes"]);
    assert_eq!(removed.code, Some(0), "{removed:?}");
    assert!(removed.stdout.contains("Removed "), "{removed:?}");
    assert!(lost.iter().all(|a| !exists(a)), "{removed:?}");
    for a in [
        "client-secret",
        "access-token",
        "access-token#4.0",
        "access-token#4.1",
    ] {
        assert!(
            exists(&format!("{used}/{a}")),
            "{a} of the connection in use is kept"
        );
    }
    let again = run(dir.path(), &["logout", "--leftovers"]);
    assert_eq!(again.code, Some(0), "{again:?}");
    assert!(again.stdout.contains("No leftover"), "{again:?}");
    let gone = run(dir.path(), &["logout", "--connection", "000000000000"]);
    assert_eq!(gone.code, Some(0), "{gone:?}");
}
