//! The `ups-sandbox` binary: `serve` and `browse` (also as `$BROWSER`).

mod common;

use std::process::Stdio;

use common::*;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::process::Command;
use ups_sandbox::{ClientConfig, SandboxConfig, DEMO_CLIENT_ID};

const BIN: &str = env!("CARGO_BIN_EXE_ups-sandbox");

fn browse_cmd() -> Command {
    let mut cmd = Command::new(BIN);
    for var in ["USER", "PASSWORD", "DECLINE", "HANDOFF", "LOG"] {
        cmd.env_remove(format!("UPS_SANDBOX_BROWSER_{var}"));
    }
    cmd
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_prints_json_and_stops_on_sigterm() {
    let mut child = Command::new(BIN)
        .args(["serve", "--print-json"])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .await
        .unwrap();
    let info: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(info["client_id"], DEMO_CLIENT_ID);
    assert_eq!(info["username"], "demo");
    let base = info["base_url"].as_str().unwrap();
    assert!(base.starts_with("http://127.0.0.1:"));
    let health = reqwest::get(format!("{base}/__sandbox/health"))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);

    let pid = child.id().unwrap().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap()
        .success());
    let status = tokio::time::timeout(std::time::Duration::from_secs(10), child.wait())
        .await
        .expect("exits on SIGTERM")
        .unwrap();
    assert!(status.success(), "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_prints_declines_and_logs_without_queries() {
    let env = start().await;
    let dir = std::env::temp_dir().join(format!("ups-sandbox-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("browser.log");
    let url = env.authorize_url(APP_REDIRECT, Some("st8"), None);

    let out = browse_cmd()
        .args(["browse", &url, "--handoff", "print"])
        .env("UPS_SANDBOX_BROWSER_LOG", &log)
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let callback = String::from_utf8(out.stdout).unwrap();
    assert!(
        callback.starts_with("upsoptin://oauth/callback?code="),
        "{callback}"
    );
    assert_eq!(param(callback.trim(), "state").as_deref(), Some("st8"));

    // As $BROWSER: just the URL, everything else from the environment.
    let out = browse_cmd()
        .arg(&url)
        .env("UPS_SANDBOX_BROWSER_DECLINE", "1")
        .env("UPS_SANDBOX_BROWSER_HANDOFF", "print")
        .env("UPS_SANDBOX_BROWSER_LOG", &log)
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("error=access_denied"));

    let out = browse_cmd()
        .arg(&url)
        .env("UPS_SANDBOX_BROWSER_PASSWORD", "wrong")
        .env("UPS_SANDBOX_BROWSER_HANDOFF", "print")
        .env("UPS_SANDBOX_BROWSER_LOG", &log)
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("sign-in rejected"), "{stderr}");

    let lines = std::fs::read_to_string(&log).unwrap();
    assert_eq!(lines.lines().count(), 3, "{lines}");
    assert!(
        !lines.contains('?') && !lines.contains("code=") && !lines.contains("wrong"),
        "{lines}"
    );
    assert!(lines
        .lines()
        .all(|l| l.contains("/security/v1/oauth/authorize")));
    assert!(lines.lines().last().unwrap().contains(" error "));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_delivers_loopback_callbacks_over_http() {
    let app = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let redirect = format!(
        "http://127.0.0.1:{}/callback",
        app.local_addr().unwrap().port()
    );
    let client = ClientConfig::new("loopback-app", "secret").with_redirect_uri(&redirect);
    let env = start_with(SandboxConfig::default().with_client(client)).await;
    let url = env
        .authorize_url(&redirect, Some("abc"), None)
        .replace(DEMO_CLIENT_ID, "loopback-app");

    let received = tokio::spawn(async move {
        let (mut conn, _) = app.accept().await.unwrap();
        let mut buf = vec![0; 4096];
        let n = conn.read(&mut buf).await.unwrap();
        let body = "<p>You may close this window.</p>";
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        conn.write_all(answer.as_bytes()).await.unwrap();
        String::from_utf8_lossy(&buf[..n]).into_owned()
    });
    let out = browse_cmd().arg(&url).output().await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("answered 200"));
    let request = received.await.unwrap();
    assert!(request.starts_with("GET /callback?code="), "{request}");
    assert!(request.contains("&state=abc "), "{request}");
}
