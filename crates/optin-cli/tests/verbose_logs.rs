//! `-vvv` is safe to paste into a support ticket: a whole browser opt-in
//! (loopback route), `token` and `refresh` at the highest verbosity, against the
//! sandbox and the real Secret Service, with every secret the run handled
//! searched for in what the CLI printed; and no dependency (HTTP, TLS, D-Bus,
//! keychain) logs below info, where request and message bodies would appear.
//!
//! Needs a Secret Service: `scripts/with-session.sh env UPS_OPTIN_TEST_KEYCHAIN=1 cargo test -p optin-cli`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{Out, BIN};
use ups_sandbox::{
    FakeBrowser, Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PASSWORD,
    DEMO_USER,
};

/// The crates whose debug and trace lines `-vvv` shows (see src/logger.rs).
const OWN: [&str; 3] = ["optin_core", "ups_optin", "ups_sandbox"];

fn command(dir: &std::path::Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("UPS_OPTIN_CONFIG_DIR", dir)
        .env("BROWSER", "true")
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn run(dir: &std::path::Path, args: &[&str]) -> Out {
    Out::from(command(dir, args).output().expect("run ups-optin"))
}

fn keychain_value(account_suffix: &str, prefix: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["search", "--all", "service", "ups-optin"])
        .output()
        .expect("secret-tool (libsecret-tools) is installed");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let account = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("attribute.username = "))
        .find(|a| a.starts_with(prefix) && a.ends_with(account_suffix))?
        .to_string();
    let out = Command::new("secret-tool")
        .args(["lookup", "service", "ups-optin", "username", &account])
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
}

/// Log lines (`[ts LEVEL target] …`) below info from a crate that is not ours.
fn dependency_debug_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            let Some(rest) = l.strip_prefix('[') else {
                return false;
            };
            let mut parts = rest.split_whitespace();
            let (_ts, level, target) = (parts.next(), parts.next(), parts.next());
            let target = target.unwrap_or("").trim_end_matches(']');
            matches!(level, Some("DEBUG") | Some("TRACE"))
                && !OWN.iter().any(|o| target.starts_with(o))
        })
        .collect()
}

#[test]
fn verbose_output_carries_no_secret_and_no_dependency_trace() {
    if std::env::var("UPS_OPTIN_TEST_KEYCHAIN").as_deref() != Ok("1") {
        println!("skipped: needs a Secret Service; set UPS_OPTIN_TEST_KEYCHAIN=1 inside a D-Bus session with an unlocked keyring");
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let sb = rt
        .block_on(Sandbox::start(
            SandboxConfig::default().with_redirect_uri(DEMO_CLIENT_ID, redirect.clone()),
        ))
        .unwrap();
    let base = sb.base_url();
    let key = format!("custom-127.0.0.1-{}/", sb.local_addr().port());
    let dir = tempfile::tempdir().unwrap();

    // 1. A browser opt-in on the loopback route, at -vvv.
    let mut child = command(
        dir.path(),
        &[
            "-vvv",
            "login",
            "--env",
            &base,
            "--client-id",
            DEMO_CLIENT_ID,
            "--redirect-uri",
            &redirect,
        ],
    )
    .spawn()
    .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{DEMO_CLIENT_SECRET}\n").as_bytes())
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let stdout = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let (tx, lines) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut login_err = String::new();
    let prefix = format!("{base}/security/v1/oauth/authorize?");
    let authorize = loop {
        let line = lines
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no authorize URL: {login_err}"));
        login_err.push_str(&line);
        login_err.push('\n');
        if let Some(i) = line.find(&prefix) {
            break line[i..].split_whitespace().next().unwrap().to_string();
        }
    };
    let callback = rt
        .block_on(FakeBrowser::new().sign_in(&authorize, DEMO_USER, DEMO_PASSWORD))
        .unwrap();
    let status = rt.block_on(async { reqwest::get(&callback).await.unwrap().status().as_u16() });
    assert_eq!(status, 200);
    let code = child.wait().unwrap().code();
    while let Ok(line) = lines.recv_timeout(Duration::from_secs(5)) {
        login_err.push_str(&line);
        login_err.push('\n');
    }
    let login = Out {
        code,
        stdout: stdout.join().unwrap(),
        stderr: login_err,
    };
    assert_eq!(login.code, Some(0), "{}\n{}", login.stdout, login.stderr);
    let auth_code = reqwest::Url::parse(&callback)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let first_refresh = keychain_value("/refresh-token", &key).expect("a refresh token is stored");

    // 2. token and refresh at -vvv.
    let token = run(dir.path(), &["-vvv", "token"]);
    assert_eq!(token.code, Some(0), "{}", token.stderr);
    let access = token.stdout.trim_end().to_string();
    let refresh = run(dir.path(), &["-vvv", "refresh"]);
    assert_eq!(refresh.code, Some(0), "{}", refresh.stderr);
    let second_refresh = keychain_value("/refresh-token", &key).expect("rotated refresh token");
    let token2 = run(dir.path(), &["-vvv", "token"]);
    let access2 = token2.stdout.trim_end().to_string();

    let secrets = [
        ("client secret", DEMO_CLIENT_SECRET.to_string()),
        ("authorization code", auth_code),
        ("first refresh token", first_refresh),
        ("rotated refresh token", second_refresh),
        ("access token", access.clone()),
        ("renewed access token", access2.clone()),
    ];
    // `token` prints the access token on stdout by design; nothing else may.
    let outputs = [
        ("login stdout", &login.stdout),
        ("login stderr", &login.stderr),
        ("token stderr", &token.stderr),
        ("refresh stdout", &refresh.stdout),
        ("refresh stderr", &refresh.stderr),
        ("second token stderr", &token2.stderr),
    ];
    for (what, text) in outputs {
        for (name, secret) in &secrets {
            assert!(secret.len() >= 8, "{name} was captured");
            assert!(
                !text.contains(secret.as_str()),
                "the {name} appears in {what}"
            );
        }
        let deps = dependency_debug_lines(text);
        assert!(
            deps.is_empty(),
            "dependency debug/trace lines in {what}: {deps:#?}"
        );
    }
    assert!(
        login.stderr.contains(" INFO ") || login.stderr.contains(" DEBUG "),
        "-vvv does log: {}",
        login.stderr
    );
    assert_eq!(token.stdout.lines().count(), 1);
    assert_eq!(run(dir.path(), &["logout"]).code, Some(0));
    rt.block_on(sb.shutdown());
}
