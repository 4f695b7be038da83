//! End-to-end tests of the `ups-optin` binary against an in-process UPS
//! sandbox on loopback, each with its own configuration folder.
//!
//! Tests that store secrets need a real Secret Service: they run only when
//! `UPS_OPTIN_TEST_KEYCHAIN=1` (the project's test script runs the suite in
//! `dbus-run-session` with an unlocked gnome-keyring) and otherwise print that
//! they were skipped.

mod common;

use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;
use ups_sandbox::{
    FakeBrowser, Lifetimes, Sandbox, SandboxConfig, SandboxHandle, DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USER,
};

// ---- the sandbox ----------------------------------------------------------------

struct Sb {
    rt: tokio::runtime::Runtime,
    handle: Option<SandboxHandle>,
    base: String,
}

impl Sb {
    fn start(config: SandboxConfig) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let handle = rt.block_on(Sandbox::start(config)).expect("sandbox starts");
        let base = handle.base_url();
        Sb {
            rt,
            handle: Some(handle),
            base,
        }
    }

    fn handle(&self) -> &SandboxHandle {
        self.handle.as_ref().expect("running")
    }

    /// The keychain namespace of this sandbox.
    fn key(&self) -> String {
        format!("custom-127.0.0.1-{}", self.handle().local_addr().port())
    }

    fn sign_in(&self, authorize_url: &str) -> String {
        self.rt
            .block_on(FakeBrowser::new().sign_in(authorize_url, DEMO_USER, DEMO_PASSWORD))
            .expect("the fake browser signs in")
    }

    fn get(&self, url: &str) -> u16 {
        self.rt
            .block_on(async { reqwest::get(url).await.expect("GET").status().as_u16() })
    }

    fn whoami(&self, token: &str) -> (u16, String) {
        let url = format!("{}/__sandbox/whoami", self.base);
        self.rt.block_on(async {
            let r = reqwest::Client::new()
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .expect("whoami");
            (r.status().as_u16(), r.text().await.unwrap_or_default())
        })
    }
}

impl Drop for Sb {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            self.rt.block_on(h.shutdown());
        }
    }
}

/// The demo setup plus a loopback redirect URI on a free port.
fn sandbox_with_loopback() -> (Sb, String) {
    let redirect = format!("http://127.0.0.1:{}/callback", free_port());
    let sb =
        Sb::start(SandboxConfig::default().with_redirect_uri(DEMO_CLIENT_ID, redirect.clone()));
    (sb, redirect)
}

// ---- running the binary ---------------------------------------------------------

/// One configuration folder, like one machine's user.
struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Self {
        Cli {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        self.setup(&mut c, args);
        c
    }

    fn setup(&self, c: &mut Command, args: &[&str]) {
        c.args(args)
            .env("UPS_OPTIN_CONFIG_DIR", self.dir.path())
            // Never a real browser from a test: `true` "opens" nothing.
            .env("BROWSER", "true")
            .env_remove("RUST_LOG");
    }

    fn spawn(&self, c: Command) -> Running {
        spawn(c)
    }

    fn run_with(&self, c: Command, stdin: &str) -> Out {
        run_with(c, stdin)
    }

    fn run(&self, args: &[&str], stdin: &str) -> Out {
        self.run_with(self.command(args), stdin)
    }

    fn status_json(&self) -> Vec<Value> {
        let out = self.run(&["status", "--json"], "");
        assert_eq!(out.code, Some(0), "{out:?}");
        serde_json::from_str::<Value>(&out.stdout)
            .expect("status --json is JSON")
            .as_array()
            .expect("an array")
            .clone()
    }
}

/// `login` on `sb` for the demo client with `redirect`, browser route.
fn browser_login_args<'a>(sb: &'a Sb, redirect: &'a str) -> Vec<&'a str> {
    vec![
        "login",
        "--env",
        &sb.base,
        "--client-id",
        DEMO_CLIENT_ID,
        "--redirect-uri",
        redirect,
    ]
}

/// A browser login with the loopback route: the sandbox's `ups-sandbox` binary
/// as `$BROWSER` when `use_browse_binary` and it is built, otherwise the test
/// plays the browser with the authorize URL the CLI prints.
fn browser_login(
    cli: &Cli,
    sb: &Sb,
    redirect: &str,
    use_browse_binary: bool,
    extra: &[&str],
) -> Out {
    let mut args = browser_login_args(sb, redirect);
    args.extend_from_slice(extra);
    let mut c = cli.command(&args);
    let browse = sandbox_binary().filter(|_| use_browse_binary);
    if let Some(bin) = &browse {
        c.env("BROWSER", bin);
    }
    let mut r = cli.spawn(c);
    r.write(&format!("{DEMO_CLIENT_SECRET}\n"));
    r.close_stdin();
    if browse.is_none() {
        let prefix = format!("{}/security/v1/oauth/authorize?", sb.base);
        let authorize = r.wait_line(|l| l.starts_with(&prefix));
        r.wait_line(|l| l.contains("Waiting for the sign-in"));
        let callback = sb.sign_in(&authorize);
        assert!(callback.starts_with(redirect), "{callback}");
        assert_eq!(
            sb.get(&callback),
            200,
            "the loopback listener accepts the callback"
        );
    }
    r.finish()
}

/// `ups-optin login` with `redirect` on the paste route, without a controlling
/// terminal (`setsid`, so the pasted address is read from stdin after the
/// secret): the secret written, the sign-in done on the sandbox; returns the
/// waiting login and the address the sign-in ended on.
fn paste_route_login(cli: &Cli, sb: &Sb, redirect: &str) -> (Running, String) {
    let mut c = Command::new("/usr/bin/setsid");
    c.arg("-w").arg(BIN);
    cli.setup(&mut c, &browser_login_args(sb, redirect));
    let mut r = cli.spawn(c);
    r.write(&format!("{DEMO_CLIENT_SECRET}\n"));
    let prefix = format!("{}/security/v1/oauth/authorize?", sb.base);
    let authorize = r.wait_line(|l| l.starts_with(&prefix));
    let callback = sb.sign_in(&authorize);
    (r, callback)
}

/// `ups-sandbox` next to `ups-optin` in the target folder, when it was built
/// (it is when the whole workspace's tests run).
fn sandbox_binary() -> Option<PathBuf> {
    let p = Path::new(BIN).with_file_name(format!("ups-sandbox{}", std::env::consts::EXE_SUFFIX));
    p.is_file().then_some(p)
}

/// Every keychain entry of service `ups-optin` whose account starts with `prefix`.
/// A search can fail when another test deletes an item while it is listed, so
/// it is retried until secret-tool succeeds cleanly.
fn keychain_entries(prefix: &str) -> Vec<String> {
    let mut last = String::new();
    for _ in 0..10 {
        let out = Command::new("secret-tool")
            .args(["search", "--all", "service", "ups-optin"])
            .output()
            .expect("secret-tool (libsecret-tools) is installed");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        // secret-tool prints the attributes on stderr and the secret on stdout.
        // Some versions exit 1 for "nothing found", so only a reported error counts.
        let clean = !stderr.contains("secret-tool:");
        if clean {
            return format!("{stdout}\n{stderr}")
                .lines()
                .filter_map(|l| l.trim().strip_prefix("attribute.username = "))
                .filter(|a| a.starts_with(prefix))
                .map(str::to_string)
                .collect();
        }
        last = format!("{:?}: {stderr}", out.status);
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("secret-tool search kept failing: {last}");
}

// ---- tests ----------------------------------------------------------------------

#[test]
fn help_documents_commands_and_exit_codes() {
    let cli = Cli::new();
    let out = cli.run(&["--help"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    for cmd in ["login", "status", "token", "refresh", "logout", "demo"] {
        assert!(out.stdout.contains(cmd), "{cmd} missing: {out:?}");
    }
    for code in [
        "0  success",
        "2  usage",
        "3  re-opt-in",
        "4  UPS unreachable",
        "5  UPS rejected",
        "6  keychain",
        "7  login",
        "8  configuration",
    ] {
        assert!(out.stdout.contains(code), "{code} missing: {out:?}");
    }
    let out = cli.run(&["login", "--help"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    for flag in [
        "--env",
        "--client-id",
        "--method",
        "--redirect-uri",
        "--account",
        "--label",
        "--pkce-body",
    ] {
        assert!(out.stdout.contains(flag), "{flag} missing: {out:?}");
    }
    let out = cli.run(&["demo", "--help"], "");
    assert!(
        out.stdout.contains("--headless") && out.stdout.contains("--keep"),
        "{out:?}"
    );
    // clap's own usage errors are 2.
    assert_eq!(cli.run(&["frobnicate"], "").code, Some(2));
    assert_eq!(cli.run(&["login", "--env", "cie"], "").code, Some(2));
}

#[test]
fn client_secret_is_never_taken_from_argv() {
    let cli = Cli::new();
    let help = cli.run(&["login", "--help"], "");
    assert!(
        !help.stdout.contains("--client-secret") && !help.stdout.contains("--secret"),
        "{help:?}"
    );
    for flag in ["--client-secret", "--secret", "--password"] {
        let out = cli.run(
            &[
                "login",
                "--env",
                "cie",
                "--client-id",
                "abc",
                flag,
                "s3cr3t-value",
            ],
            "",
        );
        assert_eq!(out.code, Some(2), "{flag}: {out:?}");
        assert!(
            out.stderr.contains("unexpected argument"),
            "{flag}: {out:?}"
        );
        assert!(!out.stdout.contains("s3cr3t-value"));
    }
    let out = cli.run(
        &[
            "login",
            "--env",
            "cie",
            "--client-id",
            "abc",
            "--client-secret=s3cr3t-value",
        ],
        "",
    );
    assert_eq!(out.code, Some(2), "{out:?}");
}

#[test]
fn invalid_input_exits_2_before_asking_for_the_secret() {
    let cli = Cli::new();
    let out = cli.run(
        &[
            "login",
            "--env",
            "cie",
            "--client-id",
            "abc",
            "--account",
            "12345",
        ],
        "secret\n",
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr.starts_with("error: ") && out.stderr.contains("12345"),
        "{out:?}"
    );
    let out = cli.run(
        &[
            "login",
            "--env",
            "cie",
            "--client-id",
            "abc",
            "--method",
            "client-credentials",
            "--account",
            "A1-B2C",
        ],
        "secret\n",
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    // Plain http to a host that is not this computer.
    let out = cli.run(
        &[
            "login",
            "--env",
            "http://ups.example.invalid",
            "--client-id",
            "abc",
        ],
        "secret\n",
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    let out = cli.run(
        &["login", "--env", "staging", "--client-id", "abc"],
        "secret\n",
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    let out = cli.run(
        &[
            "login",
            "--env",
            "cie",
            "--client-id",
            "abc",
            "--redirect-uri",
            "javascript://x/y",
        ],
        "secret\n",
    );
    assert_eq!(out.code, Some(2), "{out:?}");
}

#[test]
fn commands_without_a_connection_exit_8_and_status_is_empty() {
    let cli = Cli::new();
    for cmd in ["token", "refresh", "logout"] {
        let out = cli.run(&[cmd], "");
        assert_eq!(out.code, Some(8), "{cmd}: {out:?}");
        assert!(
            out.stderr.starts_with("error: ") && out.stderr.contains("ups-optin login"),
            "{out:?}"
        );
        assert!(out.stdout.is_empty(), "{out:?}");
    }
    let out = cli.run(&["token", "--connection", "0123456789ab"], "");
    assert_eq!(out.code, Some(8), "{out:?}");
    assert_eq!(cli.status_json(), Vec::<Value>::new());
    let out = cli.run(&["status"], "");
    assert!(out.stdout.contains("No connections"), "{out:?}");
    let out = cli.run(&["diagnostics"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout.contains("Keychain: ") && out.stdout.contains("Connections: none"),
        "{out:?}"
    );
}

#[test]
fn client_credentials_login_then_status_token_and_logout() {
    if !keychain("client_credentials_login_then_status_token_and_logout") {
        return;
    }
    let sb = Sb::start(SandboxConfig::default());
    let cli = Cli::new();
    let out = cli.run(
        &[
            "login",
            "--env",
            &sb.base,
            "--client-id",
            DEMO_CLIENT_ID,
            "--method",
            "client-credentials",
            "--account",
            "a1b2c3",
            "--account",
            "ZZZ999",
            "--label",
            "Shipping app",
        ],
        &format!("  {DEMO_CLIENT_SECRET} \n"),
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stderr
            .contains("Spaces around the client secret were removed."),
        "{out:?}"
    );
    assert!(out.stdout.contains("A1B2C3  verified"), "{out:?}");
    assert!(out.stdout.contains("ZZZ999  refused by UPS: "), "{out:?}");
    assert!(
        !out.stdout.contains(DEMO_CLIENT_SECRET) && !out.stderr.contains(DEMO_CLIENT_SECRET),
        "{out:?}"
    );

    let list = cli.status_json();
    assert_eq!(list.len(), 1, "{list:?}");
    let c = &list[0];
    for field in [
        "id",
        "label",
        "environment",
        "client_id",
        "method",
        "state",
        "access_token_expires_at",
        "refresh_token_expires_at",
        "accounts",
        "last_refresh_at",
        "last_error",
    ] {
        assert!(c.get(field).is_some(), "{field} missing in {c}");
    }
    assert_eq!(c["label"], "Shipping app");
    assert_eq!(c["environment"], sb.base.as_str());
    assert_eq!(c["client_id"], DEMO_CLIENT_ID);
    assert_eq!(c["method"], "client_credentials");
    assert_eq!(c["state"], "connected");
    assert!(
        c["access_token_expires_at"]
            .as_str()
            .is_some_and(|t| t.contains('T')),
        "{c}"
    );
    assert!(c["refresh_token_expires_at"].is_null());
    assert!(c["last_error"].is_null());
    let accounts = c["accounts"].as_array().expect("accounts");
    assert_eq!(accounts[0]["number"], "A1B2C3");
    assert_eq!(accounts[0]["verified"], true);
    assert_eq!(accounts[1]["number"], "ZZZ999");
    assert_eq!(accounts[1]["verified"], false);
    let json = cli.run(&["status", "--json"], "").stdout;
    assert!(!json.contains(DEMO_CLIENT_SECRET), "{json}");

    let table = cli.run(&["status"], "");
    assert!(
        table.stdout.contains("Shipping app") && table.stdout.contains("connected"),
        "{table:?}"
    );

    let out = cli.run(&["token"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    let token = out.stdout.strip_suffix('\n').expect("ends with a newline");
    assert!(
        !token.is_empty() && !token.contains(char::is_whitespace),
        "only the token on stdout: {out:?}"
    );
    let (status, who) = sb.whoami(token);
    assert_eq!(status, 200, "{who}");
    assert!(who.contains(DEMO_CLIENT_ID), "{who}");
    assert!(!out.stderr.contains(token), "the token goes to stdout only");

    let id = c["id"].as_str().unwrap();
    let out = cli.run(&["refresh", "--connection", id], "");
    assert_eq!(out.code, Some(0), "{out:?}");

    let key = sb.key();
    let entries = keychain_entries(&key);
    assert!(
        entries.iter().any(|e| e.ends_with("/client-secret")),
        "{entries:?}"
    );
    assert!(
        entries.iter().any(|e| e.ends_with("/access-token")),
        "{entries:?}"
    );
    let out = cli.run(&["logout", "--connection", id], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(
        keychain_entries(&key),
        Vec::<String>::new(),
        "logout removes every keychain entry"
    );
    assert!(cli.status_json().is_empty());
}

#[test]
fn client_credentials_with_a_wrong_secret_exits_5() {
    if !keychain("client_credentials_with_a_wrong_secret_exits_5") {
        return;
    }
    let sb = Sb::start(SandboxConfig::default());
    let cli = Cli::new();
    let out = cli.run(
        &[
            "login",
            "--env",
            &sb.base,
            "--client-id",
            DEMO_CLIENT_ID,
            "--method",
            "client-credentials",
        ],
        "not-the-secret\n",
    );
    assert_eq!(out.code, Some(5), "{out:?}");
    assert!(out.stderr.contains("\nerror: UPS refused"), "{out:?}");
    assert!(!out.stderr.contains("not-the-secret"), "{out:?}");
    assert!(keychain_entries(&sb.key()).is_empty());
}

#[test]
fn browser_login_via_loopback_then_logout() {
    if !keychain("browser_login_via_loopback_then_logout") {
        return;
    }
    let (sb, redirect) = sandbox_with_loopback();
    let cli = Cli::new();
    if sandbox_binary().is_none() {
        println!("note: ups-sandbox binary not built; the test drives the loopback with the fake browser itself");
    }
    let out = browser_login(
        &cli,
        &sb,
        &redirect,
        true,
        &["--account", "A1B2C3", "--pkce-body"],
    );
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stderr.contains("/security/v1/oauth/authorize?"),
        "the authorize URL is printed: {out:?}"
    );
    assert!(out.stdout.contains("Connected: "), "{out:?}");

    let list = cli.status_json();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["method"], "browser");
    assert_eq!(list[0]["state"], "connected");
    assert!(
        list[0]["refresh_token_expires_at"].as_str().is_some(),
        "{:?}",
        list[0]
    );
    assert_eq!(
        list[0]["accounts"][0]["verified"],
        Value::Null,
        "not checked with the browser method"
    );

    let out = cli.run(&["token"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(sb.whoami(out.stdout.trim_end()).0, 200);

    let key = sb.key();
    let entries = keychain_entries(&key);
    assert!(
        entries.iter().any(|e| e.ends_with("/refresh-token")),
        "{entries:?}"
    );
    let out = cli.run(&["logout"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(keychain_entries(&key), Vec::<String>::new());
}

#[test]
fn token_after_a_password_change_exits_3_and_says_opt_in_again() {
    if !keychain("token_after_a_password_change_exits_3_and_says_opt_in_again") {
        return;
    }
    let (sb, redirect) = sandbox_with_loopback();
    // Access tokens shorter than the refresh skew: every `token` must refresh.
    sb.handle().set_lifetimes(Lifetimes {
        access_expires_in: 60,
        ..Lifetimes::default()
    });
    let cli = Cli::new();
    let out = browser_login(&cli, &sb, &redirect, false, &[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let out = cli.run(&["token"], "");
    assert_eq!(
        out.code,
        Some(0),
        "a refresh works before the change: {out:?}"
    );

    assert!(sb.handle().change_password(DEMO_USER, Some("new-password")));
    let out = cli.run(&["token"], "");
    assert_eq!(out.code, Some(3), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    assert!(
        out.stderr.to_ascii_lowercase().contains("opt in again"),
        "{out:?}"
    );
    assert!(out.stderr.contains("ups-optin login --env"), "{out:?}");
    let list = cli.status_json();
    assert_eq!(list[0]["state"], "reopt_needed");
    // `--json` is unchanged: the error's parameters (for the wizard's
    // screens, kept in connections.json) are not printed.
    let last_error = list[0]["last_error"].as_object().expect("a last error");
    let mut keys: Vec<&str> = last_error.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["at", "code", "message"], "{last_error:?}");
    let out = cli.run(&["refresh"], "");
    assert_eq!(out.code, Some(3), "{out:?}");
    assert!(
        out.stderr.to_ascii_lowercase().contains("opt in again"),
        "{out:?}"
    );
    assert_eq!(cli.run(&["logout"], "").code, Some(0));
}

#[test]
fn ctrl_c_cancels_a_waiting_login() {
    if !keychain("ctrl_c_cancels_a_waiting_login") {
        return;
    }
    let (sb, redirect) = sandbox_with_loopback();
    let cli = Cli::new();
    let mut r = cli.spawn(cli.command(&[
        "login",
        "--env",
        &sb.base,
        "--client-id",
        DEMO_CLIENT_ID,
        "--redirect-uri",
        &redirect,
    ]));
    r.write(&format!("{DEMO_CLIENT_SECRET}\n"));
    r.close_stdin();
    r.wait_line(|l| l.contains("Waiting for the sign-in"));
    let pid = r.child.id().to_string();
    let killed = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    let out = r.finish();
    assert_eq!(out.code, Some(7), "{out:?}");
    assert!(out.stderr.contains("cancelled"), "{out:?}");
    assert!(cli.status_json().is_empty());
    // The listener is gone: the port is free again.
    let port: u16 = redirect
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches("/callback")
        .parse()
        .unwrap();
    assert!(TcpListener::bind((Ipv4Addr::LOCALHOST, port)).is_ok());
}

#[test]
fn https_redirect_uses_the_paste_route() {
    if !keychain("https_redirect_uses_the_paste_route") {
        return;
    }
    if !Path::new("/usr/bin/setsid").is_file() {
        println!("skipped https_redirect_uses_the_paste_route: needs setsid (no controlling terminal for the child)");
        return;
    }
    let sb = Sb::start(SandboxConfig::default());
    let cli = Cli::new();
    let redirect = "https://example.invalid/ups-optin/bounce";
    // Without a controlling terminal the pasted address is read from stdin after the secret.
    let (mut r, callback) = paste_route_login(&cli, &sb, redirect);
    assert!(callback.starts_with(redirect), "{callback}");
    // A wrong address first: the login keeps waiting.
    r.write("https://example.invalid/ups-optin/bounce?code=x&state=nope\n");
    r.write(&format!("{callback}\n"));
    r.close_stdin();
    let out = r.finish();
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stderr
            .contains("Paste the address your browser ended on:"),
        "{out:?}"
    );
    assert!(
        out.stderr.contains("error: "),
        "the wrong address was reported: {out:?}"
    );
    let list = cli.status_json();
    assert_eq!(list[0]["state"], "connected");
    assert_eq!(list[0]["redirect_uri"], redirect);
    assert_eq!(cli.run(&["logout"], "").code, Some(0));
}

/// Without the `demo` feature (the installed packages), `demo` says that this
/// build has no demo, exits 2 and starts nothing.
#[cfg(not(feature = "demo"))]
#[test]
fn demo_without_the_feature_says_so() {
    let cli = Cli::new();
    let out = cli.run(&["demo", "--headless"], "");
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr.contains("This build of ups-optin has no demo"),
        "{out:?}"
    );
    assert!(out.stderr.contains("make demo"), "{out:?}");
    assert!(!out.stdout.contains("Started the UPS sandbox"), "{out:?}");
    assert!(cli.status_json().is_empty());
}

/// `make test-rust` runs this with `cargo test -p optin-cli --features demo`.
#[cfg(feature = "demo")]
#[test]
fn demo_headless_end_to_end() {
    if !keychain("demo_headless_end_to_end") {
        return;
    }
    let cli = Cli::new();
    let out = cli.run(&["demo", "--headless"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains("SANDBOX"), "{out:?}");
    assert!(out.stdout.contains("Connected: Sandbox demo"), "{out:?}");
    assert!(out.stdout.contains("ups-optin token"), "{out:?}");
    assert!(
        out.stdout.contains("Removed the demo connection"),
        "{out:?}"
    );
    assert!(
        !out.stdout.contains(DEMO_CLIENT_SECRET) && !out.stderr.contains(DEMO_CLIENT_SECRET),
        "{out:?}"
    );
    let base = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("1. Started the UPS sandbox at "))
        .and_then(|l| l.strip_suffix('.'))
        .expect("the sandbox URL is printed");
    let port = base.rsplit(':').next().unwrap();
    assert_eq!(
        keychain_entries(&format!("custom-127.0.0.1-{port}/")),
        Vec::<String>::new()
    );
    assert!(keychain_entries("cie/").is_empty() && keychain_entries("production/").is_empty());
    // The demo used its own configuration folder, not ours.
    assert!(cli.status_json().is_empty());
}

// ---- real-UPS fidelity: pre-flight, verbatim redirect URI, refresh table ------------

fn requests_to(sb: &Sb, endpoint: ups_sandbox::Endpoint) -> Vec<ups_sandbox::LoggedRequest> {
    sb.handle()
        .requests()
        .into_iter()
        .filter(|r| r.endpoint == endpoint)
        .collect()
}

#[test]
fn preflight_refusals_exit_5_before_authorize() {
    use ups_sandbox::Endpoint;
    let sb = Sb::start(SandboxConfig::default());
    let cli = Cli::new();
    let unregistered = "https://www.acme-shipping.example/not-registered";
    let out = cli.run(
        &[
            "login",
            "--env",
            &sb.base,
            "--client-id",
            DEMO_CLIENT_ID,
            "--redirect-uri",
            unregistered,
        ],
        &format!("{DEMO_CLIENT_SECRET}\n"),
    );
    assert_eq!(out.code, Some(5), "{out:?}");
    assert!(
        out.stderr.contains("Invalid Redirect URL") && out.stderr.contains(unregistered),
        "{out:?}"
    );
    assert!(out.stderr.contains("Callback URL"), "{out:?}");
    let out = cli.run(
        &["login", "--env", &sb.base, "--client-id", "no-such-client"],
        "secret\n",
    );
    assert_eq!(out.code, Some(5), "{out:?}");
    assert!(out.stderr.contains("ClientId is Invalid"), "{out:?}");
    assert_eq!(requests_to(&sb, Endpoint::ValidateClient).len(), 2);
    assert!(requests_to(&sb, Endpoint::Authorize).is_empty());
    assert!(
        !out.stderr.contains("/security/v1/oauth/authorize?"),
        "{out:?}"
    );
}

#[test]
fn redirect_uri_without_a_path_completes_on_the_paste_route_unchanged() {
    use ups_sandbox::Endpoint;
    if !keychain("redirect_uri_without_a_path_completes_on_the_paste_route_unchanged") {
        return;
    }
    if !Path::new("/usr/bin/setsid").is_file() {
        println!("skipped: needs setsid");
        return;
    }
    let redirect = "https://www.acme-shipping.example";
    let sb = Sb::start(SandboxConfig::default().with_redirect_uri(DEMO_CLIENT_ID, redirect));
    let cli = Cli::new();
    let (mut r, callback) = paste_route_login(&cli, &sb, redirect);
    r.write(&format!("{callback}\n"));
    r.close_stdin();
    let out = r.finish();
    assert_eq!(out.code, Some(0), "{out:?}");
    for endpoint in [
        Endpoint::ValidateClient,
        Endpoint::Authorize,
        Endpoint::Token,
    ] {
        let sent = requests_to(&sb, endpoint);
        assert_eq!(sent.len(), 1, "{endpoint:?}");
        assert_eq!(
            sent[0].redirect_uri.as_deref(),
            Some(redirect),
            "{endpoint:?}"
        );
    }
    let list = cli.status_json();
    assert_eq!(list[0]["state"], "connected");
    assert_eq!(list[0]["redirect_uri"], redirect);
    assert_eq!(cli.run(&["logout"], "").code, Some(0));
}

#[test]
fn refresh_failures_exit_by_cause() {
    use ups_sandbox::{Endpoint, Fault, FaultKind, FaultTarget};
    if !keychain("refresh_failures_exit_by_cause") {
        return;
    }
    let (sb, redirect) = sandbox_with_loopback();
    let cli = Cli::new();
    let out = browser_login(&cli, &sb, &redirect, false, &[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let fault = |kind: FaultKind| {
        sb.handle()
            .inject(Fault::new(FaultTarget::Refresh, kind).times(1))
    };

    // HTML 403 from an edge: exit 4, never reopt_needed, and the next refresh works.
    fault(FaultKind::EdgeForbidden);
    let out = cli.run(&["refresh"], "");
    assert_eq!(out.code, Some(4), "{out:?}");
    assert!(
        out.stderr.contains("HTTP 403") && out.stderr.contains("HTML"),
        "{out:?}"
    );
    assert!(
        !out.stderr.to_ascii_lowercase().contains("password"),
        "{out:?}"
    );
    assert_eq!(cli.status_json()[0]["state"], "unreachable");
    assert_eq!(cli.run(&["refresh"], "").code, Some(0));

    // 403 with a UPS body: exit 5 with UPS's message.
    fault(FaultKind::BlockedMerchant);
    let out = cli.run(&["refresh"], "");
    assert_eq!(out.code, Some(5), "{out:?}");
    assert!(out.stderr.contains("Blocked Merchant"), "{out:?}");
    assert_eq!(cli.run(&["refresh"], "").code, Some(0));

    // Odd 200 answers: the connection is kept, and there is no refresh storm.
    for kind in [
        FaultKind::StatusPending,
        FaultKind::NoExpiresIn,
        FaultKind::GarbledExpiresIn,
    ] {
        fault(kind.clone());
        let out = cli.run(&["refresh"], "");
        assert_eq!(out.code, Some(0), "{kind:?}: {out:?}");
        sb.handle().clear_requests();
        for _ in 0..3 {
            let out = cli.run(&["token"], "");
            assert_eq!(out.code, Some(0), "{kind:?}: {out:?}");
            assert_eq!(sb.whoami(out.stdout.trim_end()).0, 200);
        }
        assert!(requests_to(&sb, Endpoint::Refresh).len() <= 1, "{kind:?}");
        assert_eq!(cli.status_json()[0]["state"], "connected");
    }

    // A regenerated secret: exit 5 about the secret; update-secret fixes it.
    assert!(sb
        .handle()
        .regenerate_secret(DEMO_CLIENT_ID, "regenerated-secret"));
    let out = cli.run(&["refresh"], "");
    assert_eq!(out.code, Some(5), "{out:?}");
    assert!(
        out.stderr.contains("secret") && out.stderr.contains("ups-optin update-secret"),
        "{out:?}"
    );
    assert!(
        !out.stderr.to_ascii_lowercase().contains("password"),
        "{out:?}"
    );
    assert_eq!(cli.status_json()[0]["state"], "credentials_rejected");
    let out = cli.run(&["update-secret"], "not-the-secret\n");
    assert_eq!(out.code, Some(5), "{out:?}");
    assert!(out.stderr.contains("Nothing was changed"), "{out:?}");
    let out = cli.run(&["update-secret"], "regenerated-secret\n");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        !out.stdout.contains("regenerated-secret") && !out.stderr.contains("regenerated-secret")
    );
    assert_eq!(cli.status_json()[0]["state"], "connected");
    let out = cli.run(&["refresh"], "");
    assert_eq!(
        out.code,
        Some(0),
        "the next refresh works without a new opt-in: {out:?}"
    );

    // A spent refresh token: reopt_needed and exit 3.
    fault(FaultKind::InvalidRefreshToken);
    let out = cli.run(&["refresh"], "");
    assert_eq!(out.code, Some(3), "{out:?}");
    assert_eq!(cli.status_json()[0]["state"], "reopt_needed");
    assert_eq!(cli.run(&["logout"], "").code, Some(0));
}

// ---- ups-optin check --------------------------------------------------------------

/// `check` and `check --json`: the exit code, the lines and the JSON verdict.
fn check(cli: &Cli, extra: &[&str]) -> (Out, Value) {
    let mut args = vec!["check"];
    args.extend_from_slice(extra);
    let out = cli.run(&args, "");
    let mut json_args = args.clone();
    json_args.push("--json");
    let json_out = cli.run(&json_args, "");
    assert_eq!(json_out.code, out.code, "{json_out:?}");
    let v: Value = serde_json::from_str(&json_out.stdout).expect("check --json is JSON");
    assert_eq!(
        v["exit_code"].as_i64().map(|c| c as i32),
        out.code,
        "{json_out:?}"
    );
    (out, v)
}

fn cc_login(cli: &Cli, sb: &Sb) {
    cc_login_with(cli, sb, &["--label", "Acme WorldShip"]);
}

/// A client-credentials opt-in on `sb` that must succeed, with `extra` options.
fn cc_login_with(cli: &Cli, sb: &Sb, extra: &[&str]) {
    let mut args = vec![
        "login",
        "--env",
        &sb.base,
        "--client-id",
        DEMO_CLIENT_ID,
        "--method",
        "client-credentials",
    ];
    args.extend_from_slice(extra);
    let out = cli.run(&args, &format!("{DEMO_CLIENT_SECRET}\n"));
    assert_eq!(out.code, Some(0), "{out:?}");
}

#[test]
fn check_without_a_secret_service_exits_6() {
    let cli = Cli::new();
    let dir = tempfile::tempdir().unwrap();
    for json in [false, true] {
        let mut c = cli.command(if json {
            &["check", "--json"]
        } else {
            &["check"]
        });
        c.env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}/no-such-bus", dir.path().display()),
        );
        let out = cli.run_with(c, "");
        assert_eq!(out.code, Some(6), "{out:?}");
        if json {
            let v: Value = serde_json::from_str(&out.stdout).expect("JSON");
            assert_eq!(v["verdict"], "keychain_unavailable");
        } else {
            assert!(out.stdout.starts_with("KEYCHAIN "), "{out:?}");
        }
    }
}

#[test]
fn check_with_no_connection_exits_3() {
    if !keychain("check_with_no_connection_exits_3") {
        return;
    }
    let cli = Cli::new();
    let (out, v) = check(&cli, &[]);
    assert_eq!(out.code, Some(3), "{out:?}");
    assert!(out.stdout.contains("ups-optin login"), "{out:?}");
    assert_eq!(v["verdict"], "attention_needed");
}

#[test]
fn check_connected_exits_0_and_makes_no_call_without_probe() {
    if !keychain("check_connected_exits_0_and_makes_no_call_without_probe") {
        return;
    }
    let sb = Sb::start(SandboxConfig::default());
    let cli = Cli::new();
    cc_login(&cli, &sb);
    sb.handle().clear_requests();
    let (out, v) = check(&cli, &[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(
        out.stdout.lines().count(),
        1,
        "one line per connection: {out:?}"
    );
    assert!(out.stdout.starts_with("OK Acme WorldShip ("), "{out:?}");
    assert!(!out.stdout.contains(DEMO_CLIENT_ID), "{out:?}");
    assert_eq!(v["verdict"], "ok");
    assert_eq!(v["connections"][0]["state"], "connected");
    assert!(sb.handle().requests().is_empty(), "no network by default");
    // --probe asks UPS even when nothing is due: one call per connection.
    let out = cli.run(&["check", "--probe"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(
        sb.handle().requests().len(),
        1,
        "one refresh per connection"
    );
}

#[test]
fn check_probe_when_ups_is_unreachable_exits_4() {
    if !keychain("check_probe_when_ups_is_unreachable_exits_4") {
        return;
    }
    let sb = Sb::start(SandboxConfig::default());
    // Access tokens shorter than the renewal skew: always due.
    sb.handle().set_lifetimes(Lifetimes {
        access_expires_in: 60,
        ..Lifetimes::default()
    });
    let cli = Cli::new();
    cc_login(&cli, &sb);
    sb.handle().inject(ups_sandbox::Fault::new(
        ups_sandbox::FaultTarget::Token,
        ups_sandbox::FaultKind::Unavailable,
    ));
    let out = cli.run(&["check", "--probe"], "");
    assert_eq!(out.code, Some(4), "{out:?}");
    assert!(
        out.stdout.starts_with("UNREACHABLE Acme WorldShip"),
        "{out:?}"
    );
    // The stored state, without a call.
    let before = sb.handle().requests().len();
    let (out, v) = check(&cli, &[]);
    assert_eq!(out.code, Some(4), "{out:?}");
    assert_eq!(v["verdict"], "unreachable");
    assert_eq!(sb.handle().requests().len(), before);
    // UPS is back: the probe renews and all is well.
    sb.handle().clear_faults();
    let out = cli.run(&["check", "--probe"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
}

#[test]
fn check_probe_after_a_password_change_exits_3() {
    if !keychain("check_probe_after_a_password_change_exits_3") {
        return;
    }
    // Default lifetimes: the access token is valid for hours and the opt-in
    // was refreshed a moment ago, so the background's probe period says
    // nothing is due. An explicit probe asks UPS all the same.
    let (sb, redirect) = sandbox_with_loopback();
    let cli = Cli::new();
    let out = browser_login(&cli, &sb, &redirect, false, &[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let (out, _) = check(&cli, &[]);
    assert_eq!(out.code, Some(0), "{out:?}");

    assert!(sb.handle().change_password(DEMO_USER, Some("new-password")));
    // Without --probe the stored state is still connected: no call was made.
    assert_eq!(cli.run(&["check"], "").code, Some(0));
    let out = cli.run(&["check", "--probe"], "");
    assert_eq!(out.code, Some(3), "{out:?}");
    assert!(out.stdout.starts_with("ATTENTION "), "{out:?}");
    assert!(out.stdout.contains("reopt_needed"), "{out:?}");
    assert!(out.stdout.contains("Opt in again"), "{out:?}");
    let (out, v) = check(&cli, &[]);
    assert_eq!(out.code, Some(3), "{out:?}");
    assert_eq!(v["verdict"], "attention_needed");
    assert_eq!(v["connections"][0]["verdict"], "attention_needed");
    assert_eq!(cli.run(&["logout"], "").code, Some(0));
}

#[test]
fn check_with_an_opt_in_ending_within_a_week_exits_3() {
    if !keychain("check_with_an_opt_in_ending_within_a_week_exits_3") {
        return;
    }
    let (sb, redirect) = sandbox_with_loopback();
    sb.handle().set_lifetimes(Lifetimes {
        refresh_expires_in: 3 * 86_400,
        ..Lifetimes::default()
    });
    let cli = Cli::new();
    let out = browser_login(&cli, &sb, &redirect, false, &[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let (out, v) = check(&cli, &[]);
    assert_eq!(out.code, Some(3), "{out:?}");
    assert!(out.stdout.contains("expiring"), "{out:?}");
    assert_eq!(v["connections"][0]["state"], "expiring");
    assert_eq!(cli.run(&["logout"], "").code, Some(0));
}

// ---- a damaged connections.json (issue 23) -------------------------------------

fn cc_login_on(cli: &Cli, sb: &Sb, label: &str) {
    cc_login_with(cli, sb, &["--label", label, "--account", "A1B2C3"]);
}

fn damaged(kind: &str, good: &[u8]) -> Vec<u8> {
    match kind {
        "truncated" => good[..150.min(good.len())].to_vec(),
        "empty" => Vec::new(),
        "garbage" => vec![0, 0xff, 0xfe, b'P', b'K', 3, 4, 0x80, 0x81, 0],
        "wrong shape" => br#"{"schema":1,"connections":{"damaged-one":{"label":3}}}"#.to_vec(),
        _ => unreachable!(),
    }
}

/// Damages the file of `cli` (after removing the copy unless `with_copy`),
/// then checks what every command says and that every connection in
/// `before` (`(id, label, sandbox)`) comes back and hands out a working token.
fn after_damage(cli: &Cli, kind: &str, with_copy: bool, before: &[(String, String, &Sb)]) {
    let case = format!("{kind}, copy {with_copy}, {} connection(s)", before.len());
    let file = cli.dir.path().join("connections.json");
    if !with_copy {
        std::fs::remove_file(cli.dir.path().join("connections.json.bak"))
            .expect("the last good copy was kept");
    }
    let bad = damaged(kind, &std::fs::read(&file).unwrap());
    std::fs::write(&file, &bad).unwrap();
    let path = if with_copy { "restored" } else { "rebuilt" };

    let status = cli.run(&["status"], "");
    assert_eq!(status.code, Some(0), "{case}: {status:?}");
    assert!(
        status
            .stderr
            .contains("note: The connections file was damaged on"),
        "{case}: {status:?}"
    );
    assert!(
        status.stderr.contains(path),
        "{case}: says which path: {status:?}"
    );
    assert!(
        status.stderr.contains("--ack-recovery"),
        "{case}: {status:?}"
    );
    for (id, label, _) in before {
        assert!(status.stdout.contains(id.as_str()), "{case}: {status:?}");
        if with_copy {
            assert!(status.stdout.contains(label.as_str()), "{case}: {status:?}");
        } else {
            assert!(
                status.stdout.contains("was rebuilt from the keychain"),
                "{case}: {status:?}"
            );
        }
    }
    let json = cli.status_json();
    for (id, label, sb) in before {
        let c = json
            .iter()
            .find(|c| c["id"] == id.as_str())
            .unwrap_or_else(|| panic!("{case}: {label} in status --json: {json:?}"));
        assert_eq!(c["client_id"], DEMO_CLIENT_ID, "{case}");
        assert_eq!(c["environment"], sb.base.as_str(), "{case}");
        assert_eq!(c["recovered"], !with_copy, "{case}");
        if with_copy {
            assert_eq!(c["label"], label.as_str(), "{case}");
            assert_eq!(c["accounts"][0]["number"], "A1B2C3", "{case}");
        }
        let token = cli.run(&["token", "--connection", id], "");
        assert_eq!(token.code, Some(0), "{case}: {token:?}");
        let (code, _) = sb.whoami(token.stdout.trim());
        assert_eq!(code, 200, "{case}: UPS accepts the token of {label}");
        assert!(token.stderr.contains("note: "), "{case}: on every command");
    }

    let (check, report) = check(cli, &[]);
    assert_eq!(check.code, Some(3), "{case}: {check:?}");
    let message = report["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("connections file was damaged"),
        "{case}: {report}"
    );
    assert!(
        !message.contains("No connection is set up"),
        "{case}: {report}"
    );
    let plain = cli.run(&["check"], "");
    assert!(
        plain
            .stdout
            .starts_with("ATTENTION The connections file was damaged"),
        "{case}: {plain:?}"
    );

    let diag = cli.run(&["diagnostics"], "");
    assert_eq!(diag.code, Some(0), "{case}: {diag:?}");
    assert!(
        diag.stdout.contains("connections.json.corrupt-"),
        "{case}: {diag:?}"
    );
    assert!(diag.stdout.contains(path), "{case}: {diag:?}");
    let aside = std::fs::read_dir(cli.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("connections.json.corrupt-")
        })
        .expect("the damaged file is kept aside");
    assert_eq!(std::fs::read(aside.path()).unwrap(), bad, "{case}");

    let ack = cli.run(&["status", "--ack-recovery"], "");
    assert_eq!(ack.code, Some(0), "{case}: {ack:?}");
    let quiet = cli.run(&["status"], "");
    assert!(
        !quiet.stderr.contains("note: "),
        "{case}: acknowledged: {quiet:?}"
    );
    for (id, _, _) in before {
        let out = cli.run(&["logout", "--connection", id], "");
        assert_eq!(out.code, Some(0), "{case}: {out:?}");
    }
}

#[test]
fn a_truncated_file_with_one_connection_loses_nothing() {
    if !keychain("a_truncated_file_with_one_connection_loses_nothing") {
        return;
    }
    for with_copy in [true, false] {
        let sb = Sb::start(SandboxConfig::default());
        let cli = Cli::new();
        cc_login_on(&cli, &sb, "damaged-one");
        let id = cli.status_json()[0]["id"].as_str().unwrap().to_string();
        after_damage(
            &cli,
            "truncated",
            with_copy,
            &[(id, "damaged-one".into(), &sb)],
        );
    }
}

#[test]
fn every_damage_with_three_connections_loses_nothing() {
    if !keychain("every_damage_with_three_connections_loses_nothing") {
        return;
    }
    for kind in ["truncated", "empty", "garbage", "wrong shape"] {
        for with_copy in [true, false] {
            let (browser_sb, redirect) = sandbox_with_loopback();
            let (two, three) = (
                Sb::start(SandboxConfig::default()),
                Sb::start(SandboxConfig::default()),
            );
            let cli = Cli::new();
            let out = browser_login(
                &cli,
                &browser_sb,
                &redirect,
                false,
                &["--label", "Browser one", "--account", "A1B2C3"],
            );
            assert_eq!(out.code, Some(0), "{out:?}");
            cc_login_on(&cli, &two, "CC two");
            cc_login_on(&cli, &three, "CC three");
            let json = cli.status_json();
            let id_of = |label: &str| {
                json.iter()
                    .find(|c| c["label"] == label)
                    .and_then(|c| c["id"].as_str())
                    .unwrap()
                    .to_string()
            };
            let before = [
                (id_of("Browser one"), "Browser one".to_string(), &browser_sb),
                (id_of("CC two"), "CC two".to_string(), &two),
                (id_of("CC three"), "CC three".to_string(), &three),
            ];
            after_damage(&cli, kind, with_copy, &before);
        }
    }
}

// ---- a rotated refresh token the keychain refuses (issue 19, item 2) -------------
//
// The real Secret Service, made to refuse writes from outside the process
// while a flag file exists (optin-core's `test-faults` feature, on in this
// test build only: `vault::refusing`).

const REFUSE_WRITES_ENV: &str = "UPS_OPTIN_TEST_REFUSE_KEYCHAIN_WRITES";

/// The stored refresh token, read by another process (secret-tool).
fn stored_refresh_token(sb: &Sb) -> String {
    let account = format!("{}/{DEMO_CLIENT_ID}/refresh-token", sb.key());
    let out = Command::new("secret-tool")
        .args(["lookup", "service", "ups-optin", "username", &account])
        .output()
        .expect("secret-tool (libsecret-tools) is installed");
    let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        !value.is_empty(),
        "no refresh token in the keychain: {out:?}"
    );
    value
}

fn refresh_statuses(sb: &Sb) -> Vec<Option<u16>> {
    requests_to(sb, ups_sandbox::Endpoint::Refresh)
        .iter()
        .map(|r| r.status)
        .collect()
}

/// The connection's record as written in connections.json.
fn record_on_disk(cli: &Cli) -> Value {
    let text =
        std::fs::read_to_string(cli.dir.path().join("connections.json")).expect("connections.json");
    serde_json::from_str::<Value>(&text).expect("JSON")["connections"][0].clone()
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < TIMEOUT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_rotation_the_keychain_refuses_for_a_while_is_saved_by_the_cli_and_never_spent_stale() {
    if !keychain("a_rotation_the_keychain_refuses_for_a_while_is_saved_by_the_cli") {
        return;
    }
    let (sb, redirect) = sandbox_with_loopback();
    let cli = Cli::new();
    assert_eq!(
        browser_login(&cli, &sb, &redirect, false, &[]).code,
        Some(0)
    );
    let first = stored_refresh_token(&sb);
    let flag = cli.dir.path().join("refuse-writes");
    std::fs::write(&flag, "").unwrap();

    // Process A refreshes; UPS rotates; the keychain refuses the new token.
    let mut a = cli.command(&["refresh"]);
    a.env(REFUSE_WRITES_ENV, &flag);
    let mut a = cli.spawn(a);
    a.close_stdin();
    // The durable mark is in connections.json while A keeps trying.
    wait_until("the rotation-not-saved mark", || {
        record_on_disk(&cli)["unsaved_rotation"].is_string()
    });
    // Any other process sees it: check says keychain (6), not a new opt-in.
    let (out, v) = check(&cli, &[]);
    assert_eq!(out.code, Some(6), "{out:?}");
    assert!(out.stdout.starts_with("KEYCHAIN "), "{out:?}");
    assert_eq!(v["verdict"], "keychain_unavailable");
    assert_eq!(
        stored_refresh_token(&sb),
        first,
        "the spent token is still stored"
    );
    // Process B wants a refresh too: it waits for A's lock, never sending the spent token.
    let b = cli.spawn(cli.command(&["refresh"]));

    // The keychain recovers: A saves the rotated token and succeeds.
    std::fs::remove_file(&flag).unwrap();
    let out = a.finish();
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.starts_with("Refreshed "), "{out:?}");
    let out = b.finish();
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_ne!(stored_refresh_token(&sb), first);
    assert!(record_on_disk(&cli).get("unsaved_rotation").is_none());
    assert_eq!(check(&cli, &[]).0.code, Some(0));
    // A final refresh works: no opt-in needed, and UPS never saw an invalid grant.
    assert_eq!(cli.run(&["refresh"], "").code, Some(0));
    let statuses = refresh_statuses(&sb);
    assert_eq!(statuses.len(), 3, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == Some(200)), "{statuses:?}");
    assert_eq!(cli.run(&["logout"], "").code, Some(0));
}

#[test]
fn a_rotation_lost_with_the_cli_is_reported_by_every_process_and_the_spent_token_never_sent() {
    if !keychain("a_rotation_lost_with_the_cli_is_reported_by_every_process") {
        return;
    }
    let (sb, redirect) = sandbox_with_loopback();
    // Access tokens shorter than the refresh skew: every `token` must refresh.
    sb.handle().set_lifetimes(Lifetimes {
        access_expires_in: 60,
        ..Lifetimes::default()
    });
    let cli = Cli::new();
    assert_eq!(
        browser_login(&cli, &sb, &redirect, false, &[]).code,
        Some(0)
    );
    let first = stored_refresh_token(&sb);
    let flag = cli.dir.path().join("refuse-writes");
    std::fs::write(&flag, "").unwrap();

    // The keychain refuses for longer than the CLI waits (seconds).
    let mut c = cli.command(&["token"]);
    c.env(REFUSE_WRITES_ENV, &flag);
    let out = cli.run_with(c, "");
    assert_eq!(out.code, Some(6), "{out:?}");
    // UPS issued an access token: it is printed all the same, and it works.
    let token = out.stdout.trim();
    assert_eq!(sb.whoami(token).0, 200, "{out:?}");
    assert!(out.stderr.contains("keychain refused"), "{out:?}");
    assert!(out.stderr.contains("opt in again"), "{out:?}");
    assert!(!out.stderr.contains("keep the wizard open"), "{out:?}");
    assert_eq!(refresh_statuses(&sb), [Some(200)]);

    // Other processes, with a keychain that works again: none sends the
    // spent token; each says why (keychain, 6), none marks a new opt-in.
    std::fs::remove_file(&flag).unwrap();
    for args in [&["refresh"][..], &["token"][..]] {
        let out = cli.run(args, "");
        assert_eq!(out.code, Some(6), "{args:?}: {out:?}");
        assert!(out.stderr.contains("not saved in the keychain"), "{out:?}");
    }
    let (out, v) = check(&cli, &["--probe"]);
    assert_eq!(out.code, Some(6), "{out:?}");
    assert_eq!(v["verdict"], "keychain_unavailable");
    assert_eq!(
        refresh_statuses(&sb),
        [Some(200)],
        "the spent token was sent"
    );
    assert_eq!(stored_refresh_token(&sb), first);
    assert_ne!(cli.status_json()[0]["state"], "reopt_needed");
    assert_eq!(cli.run(&["logout"], "").code, Some(0));
}

#[test]
fn a_rotation_held_by_a_long_lived_process_is_not_spent_by_the_cli_and_saved_when_the_keychain_recovers(
) {
    if !keychain("a_rotation_held_by_a_long_lived_process") {
        return;
    }
    let (sb, redirect) = sandbox_with_loopback();
    let cli = Cli::new();
    assert_eq!(
        browser_login(&cli, &sb, &redirect, false, &[]).code,
        Some(0)
    );
    let first = stored_refresh_token(&sb);
    let id = cli.status_json()[0]["id"].as_str().unwrap().to_string();
    // The long-lived process (as the wizard is): this test process, on the
    // same keychain and configuration folder, its writes refused by the flag.
    let flag = cli.dir.path().join("refuse-writes");
    let mut fx = optin_core::Effects::system().expect("effects");
    fx.secrets = optin_core::vault::refusing::while_exists(fx.secrets, flag.clone());
    fx.config_dir = cli.dir.path().to_path_buf();
    let holder = optin_core::OptIn::new(fx);
    std::fs::write(&flag, "").unwrap();
    let e = sb
        .rt
        .block_on(holder.refresh(&id))
        .expect_err("the keychain refused");
    assert_eq!(e.code(), optin_core::ErrorCode::TokenNotSaved, "{e}");

    // The CLI (another process) neither sends the spent token nor turns the
    // connection into a new opt-in; check says keychain.
    let out = cli.run(&["refresh"], "");
    assert_eq!(out.code, Some(6), "{out:?}");
    assert_eq!(check(&cli, &[]).0.code, Some(6));
    assert_eq!(refresh_statuses(&sb), [Some(200)]);
    assert_ne!(cli.status_json()[0]["state"], "reopt_needed");

    // The keychain recovers: the holder saves its token (under both locks).
    std::fs::remove_file(&flag).unwrap();
    assert_eq!(sb.rt.block_on(holder.retry_unsaved()), [id]);
    assert_ne!(stored_refresh_token(&sb), first);
    assert_eq!(check(&cli, &[]).0.code, Some(0));
    // And the connection still refreshes, from any process, without a new opt-in.
    assert_eq!(cli.run(&["refresh"], "").code, Some(0));
    assert_eq!(refresh_statuses(&sb), [Some(200), Some(200)]);
    assert_eq!(cli.run(&["logout"], "").code, Some(0));
}

// ---- Remove and Opt in again against a refresh in another process (item 4) ------

/// Whether another process holds the connection's lock file now.
fn lock_taken(cli: &Cli, id: &str) -> bool {
    let path = cli.dir.path().join("locks").join(format!("{id}.lock"));
    let Ok(f) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
    else {
        return false;
    };
    match f.try_lock() {
        Ok(()) => {
            let _ = f.unlock();
            false
        }
        Err(_) => true,
    }
}

/// Starts `ups-optin refresh` with UPS's answer held back, and returns once
/// that process holds the connection's lock (its refresh is in flight).
fn refresh_in_flight(cli: &Cli, sb: &Sb, id: &str) -> Running {
    sb.handle().inject(
        ups_sandbox::Fault::new(
            ups_sandbox::FaultTarget::Refresh,
            ups_sandbox::FaultKind::Delay { ms: 5_000 },
        )
        .times(1),
    );
    let mut a = cli.spawn(cli.command(&["refresh"]));
    a.close_stdin();
    wait_until("the refresh holding the lock", || lock_taken(cli, id));
    a
}

#[test]
fn remove_while_another_process_refreshes_leaves_no_token_behind() {
    if !keychain("remove_while_another_process_refreshes_leaves_no_token_behind") {
        return;
    }
    let (sb, redirect) = sandbox_with_loopback();
    let cli = Cli::new();
    assert_eq!(
        browser_login(&cli, &sb, &redirect, false, &[]).code,
        Some(0)
    );
    let id = cli.status_json()[0]["id"].as_str().unwrap().to_string();
    // Refresh first (in flight), Remove during it: Remove waits, then removes all.
    let a = refresh_in_flight(&cli, &sb, &id);
    let out = cli.run(&["logout"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    let out = a.finish();
    assert_eq!(out.code, Some(0), "the refresh finished first: {out:?}");
    assert_eq!(
        keychain_entries(&format!("{}/", sb.key())),
        Vec::<String>::new(),
        "a refresh re-created tokens after Remove"
    );
    assert!(cli.status_json().is_empty());
    // Remove first, then a refresh: it finds no connection and writes nothing.
    let out = cli.run(&["refresh", "--connection", &id], "");
    assert_eq!(out.code, Some(8), "{out:?}");
    assert_eq!(
        keychain_entries(&format!("{}/", sb.key())),
        Vec::<String>::new()
    );
}

#[test]
fn opt_in_again_while_another_process_refreshes_keeps_the_new_opt_in() {
    if !keychain("opt_in_again_while_another_process_refreshes_keeps_the_new_opt_in") {
        return;
    }
    let (sb, redirect) = sandbox_with_loopback();
    let cli = Cli::new();
    assert_eq!(
        browser_login(&cli, &sb, &redirect, false, &[]).code,
        Some(0)
    );
    let id = cli.status_json()[0]["id"].as_str().unwrap().to_string();
    // A refresh of the old opt-in is in flight when the password changes and
    // the admin opts in again in another process.
    let a = refresh_in_flight(&cli, &sb, &id);
    assert!(sb.handle().change_password(DEMO_USER, None));
    let out = browser_login(&cli, &sb, &redirect, false, &[]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let out = a.finish();
    assert_eq!(
        out.code,
        Some(3),
        "the old opt-in's refresh was refused: {out:?}"
    );
    // The new opt-in was saved after that refresh, not under it: connected,
    // and its refresh token works.
    assert_eq!(cli.status_json()[0]["state"], "connected");
    let out = cli.run(&["refresh"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(check(&cli, &[]).0.code, Some(0));
    // Opt in again first, then a refresh: it uses the new opt-in's token.
    assert_eq!(
        browser_login(&cli, &sb, &redirect, false, &[]).code,
        Some(0)
    );
    assert_eq!(cli.run(&["refresh"], "").code, Some(0));
    assert_eq!(cli.run(&["logout"], "").code, Some(0));
}
