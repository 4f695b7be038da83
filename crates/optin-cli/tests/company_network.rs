//! `ups-optin` on a company network, with real parts: a real proxy (Debian's
//! tinyproxy, started by each test on a free loopback port from a generated
//! configuration, with and without Basic auth; never the system service) and
//! the UPS sandbox served over https with a certificate from a private CA made
//! at test time, that CA in a throwaway trust store the CLI reads
//! (`SSL_CERT_FILE`; `SSL_CERT_DIR` removed so the system store is not read).
//!
//! Tests that store secrets need a real Secret Service: they run only when
//! `UPS_OPTIN_TEST_KEYCHAIN=1` (`scripts/with-session.sh`), like tests/cli.rs.

mod common;

use std::net::{Ipv4Addr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use ups_sandbox::{
    PrivateCa, Sandbox, SandboxConfig, SandboxHandle, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
};

// ---- the sandbox over https ---------------------------------------------------

struct Ups {
    rt: tokio::runtime::Runtime,
    handle: Option<SandboxHandle>,
}

impl Ups {
    fn start() -> Ups {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let ca = PrivateCa::generate().expect("a private CA");
        let handle = rt
            .block_on(Sandbox::start_tls(SandboxConfig::default(), ca))
            .expect("the sandbox starts");
        Ups {
            rt,
            handle: Some(handle),
        }
    }

    fn handle(&self) -> &SandboxHandle {
        self.handle.as_ref().unwrap()
    }

    fn base(&self) -> String {
        self.handle().base_url()
    }

    fn port(&self) -> u16 {
        self.handle().local_addr().port()
    }

    fn requests(&self) -> usize {
        self.handle().requests().len()
    }
}

impl Drop for Ups {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            self.rt.block_on(h.shutdown());
        }
    }
}

// ---- tinyproxy ------------------------------------------------------------------

/// A tinyproxy of this test's own, on a free loopback port.
struct Proxy {
    child: Child,
    port: u16,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

fn tinyproxy_bin() -> PathBuf {
    ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .expect("tinyproxy is not installed: run scripts/setup.sh (Debian package tinyproxy)")
}

impl Proxy {
    /// `login`: require this Basic login (tinyproxy's BasicAuth).
    fn start(login: Option<(&str, &str)>) -> Proxy {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let log = dir.path().join("tinyproxy.log");
        let mut conf = format!(
            "Port {port}\nListen 127.0.0.1\nTimeout 30\nMaxClients 20\nAllow 127.0.0.1\n\
             LogFile \"{}\"\nLogLevel Info\nPidFile \"{}\"\n",
            log.display(),
            dir.path().join("tinyproxy.pid").display()
        );
        if let Some((user, password)) = login {
            conf.push_str(&format!("BasicAuth {user} {password}\n"));
        }
        let conf_path = dir.path().join("tinyproxy.conf");
        std::fs::write(&conf_path, conf).unwrap();
        let child = Command::new(tinyproxy_bin())
            .arg("-d")
            .arg("-c")
            .arg(&conf_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tinyproxy starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tinyproxy did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Proxy {
            child,
            port,
            log,
            _dir: dir,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The CONNECT requests the proxy received for `host_port`.
    fn connects_to(&self, host_port: &str) -> usize {
        self.log()
            .lines()
            .filter(|l| l.contains(&format!("CONNECT {host_port} HTTP/1.1")))
            .count()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---- the CLI, as on one machine -------------------------------------------------

struct Machine {
    dir: tempfile::TempDir,
    trust: PathBuf,
    env: Vec<(&'static str, String)>,
}

impl Machine {
    /// A computer whose trust store holds `ca_pem` only.
    fn trusting(ca_pem: &str) -> Machine {
        let dir = tempfile::tempdir().unwrap();
        let trust = dir.path().join("trust.pem");
        std::fs::write(&trust, ca_pem).unwrap();
        Machine {
            dir,
            trust,
            env: Vec::new(),
        }
    }

    fn with(mut self, var: &'static str, value: impl Into<String>) -> Machine {
        self.env.push((var, value.into()));
        self
    }

    fn config(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str], stdin: &str) -> Out {
        let mut c = Command::new(BIN);
        c.args(args)
            .env("UPS_OPTIN_CONFIG_DIR", self.dir.path().join("config"))
            .env("SSL_CERT_FILE", &self.trust)
            .env_remove("SSL_CERT_DIR")
            .env("BROWSER", "true")
            .env_remove("RUST_LOG");
        for var in optin_core_proxy_variables() {
            c.env_remove(var);
        }
        for (k, v) in &self.env {
            c.env(k, v);
        }
        run_with(c, stdin)
    }

    fn opt_in(&self, ups: &Ups) -> Out {
        self.run(
            &[
                "login",
                "--env",
                &ups.base(),
                "--client-id",
                DEMO_CLIENT_ID,
                "--method",
                "client-credentials",
                "--label",
                "Through the proxy",
            ],
            &format!("{DEMO_CLIENT_SECRET}\n"),
        )
    }

    /// Everything written to the configuration folder.
    fn files(&self) -> String {
        let mut all = String::new();
        if let Ok(entries) = std::fs::read_dir(self.config().join("config")) {
            for e in entries.flatten() {
                if let Ok(s) = std::fs::read_to_string(e.path()) {
                    all.push_str(&s);
                }
            }
        }
        all
    }

    /// Removes the connections and the proxy login this test stored.
    fn clean_up(&self) {
        let _ = self.run(&["logout"], "");
        let _ = self.run(&["proxy", "logout"], "");
    }
}

fn optin_core_proxy_variables() -> [&'static str; 8] {
    optin_core::network::proxy::PROXY_VARIABLES
}

// ---- the tests --------------------------------------------------------------------

#[test]
fn opt_in_and_token_go_through_the_proxy_and_diagnostics_names_it() {
    if !keychain("opt_in_and_token_go_through_the_proxy_and_diagnostics_names_it") {
        return;
    }
    let ups = Ups::start();
    let proxy = Proxy::start(None);
    let m = Machine::trusting(ups.handle().ca_pem().unwrap()).with("HTTPS_PROXY", proxy.url());
    let out = m.opt_in(&ups);
    assert_eq!(out.code, Some(0), "{out:?}");
    let tunnel = format!("localhost:{}", ups.port());
    let after_login = proxy.connects_to(&tunnel);
    assert!(
        after_login >= 1,
        "the proxy saw no CONNECT:\n{}",
        proxy.log()
    );

    let out = m.run(&["token"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.trim().len() > 100, "{out:?}");
    assert!(ups.requests() >= 1);

    let out = m.run(&["diagnostics"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    let want = format!(
        "{}: proxy {} (from HTTPS_PROXY), no proxy login",
        ups.base(),
        proxy.url()
    );
    assert!(out.stdout.contains(&want), "{want}\n{out:?}");
    assert!(
        out.stdout.contains(&format!("HTTPS_PROXY={}", proxy.url())),
        "{out:?}"
    );
    m.clean_up();
}

#[test]
fn a_proxy_that_wants_a_login_says_so_and_takes_it_from_the_keychain() {
    if !keychain("a_proxy_that_wants_a_login_says_so_and_takes_it_from_the_keychain") {
        return;
    }
    let ups = Ups::start();
    let proxy = Proxy::start(Some(("alice", "Proxy-Pass-7")));
    let m = Machine::trusting(ups.handle().ca_pem().unwrap()).with("https_proxy", proxy.url());

    // No login yet: 407 is its own code, naming the proxy and where to enter it.
    let out = m.opt_in(&ups);
    assert_eq!(out.code, Some(4), "{out:?}\n{}", proxy.log());
    let via = format!("the proxy {} (from https_proxy)", proxy.url());
    assert!(
        out.stderr
            .contains(&format!("A login is needed for {via} (HTTP 407"))
            && out.stderr.contains("ups-optin proxy login")
            && !out.stderr.contains("UPS could not be reached"),
        "{out:?}"
    );
    assert_eq!(ups.requests(), 0, "nothing reached UPS");

    // A wrong login: tinyproxy answers it with 401 (squid with 407 again);
    // either way the message says the login may be wrong and where to fix it.
    let out = m.run(&["proxy", "login", "--user", "alice"], "wrong\n");
    assert_eq!(out.code, Some(0), "{out:?}");
    let out = m.opt_in(&ups);
    assert_eq!(out.code, Some(4), "{out:?}");
    assert!(
        out.stderr
            .contains(&format!("{via} refused to open a connection"))
            && out.stderr.contains("did not accept the proxy login sent")
            && out.stderr.contains("ups-optin proxy login"),
        "{out:?}"
    );

    // The right one, from the keychain: opt-in and token go through.
    let out = m.run(&["proxy", "login", "--user", "alice"], "Proxy-Pass-7\n");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(out.stdout.contains(&proxy.url()), "{out:?}");
    let out = m.opt_in(&ups);
    assert_eq!(out.code, Some(0), "{out:?}");
    let out = m.run(&["token"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(proxy.connects_to(&format!("localhost:{}", ups.port())) >= 2);

    // The login is in the keychain only: never in a file, never shown.
    let files = m.files();
    assert!(files.contains("Through the proxy"), "{files}");
    assert!(
        !files.contains("Proxy-Pass-7") && !files.contains("alice"),
        "{files}"
    );
    let out = m.run(&["diagnostics"], "");
    assert!(
        out.stdout.contains("login from the keychain")
            && !out.stdout.contains("Proxy-Pass-7")
            && !out.stdout.contains("alice"),
        "{out:?}"
    );
    m.clean_up();
}

#[test]
fn a_login_in_the_proxy_variable_is_used_and_never_shown() {
    if !keychain("a_login_in_the_proxy_variable_is_used_and_never_shown") {
        return;
    }
    let ups = Ups::start();
    let proxy = Proxy::start(Some(("bob", "Var-Pass-9")));
    let with_login = format!("http://bob:Var-Pass-9@127.0.0.1:{}", proxy.port);
    let m = Machine::trusting(ups.handle().ca_pem().unwrap()).with("ALL_PROXY", with_login);
    let out = m.opt_in(&ups);
    assert_eq!(out.code, Some(0), "{out:?}");
    let out = m.run(&["proxy", "show"], "");
    assert!(
        out.stdout
            .contains("(from ALL_PROXY), login from the address [redacted]")
            && !out.stdout.contains("Var-Pass-9")
            && !out.stdout.contains("bob"),
        "{out:?}"
    );
    m.clean_up();
}

#[test]
fn a_dead_proxy_is_blamed_not_ups() {
    // The CLI checks the keychain before it calls UPS.
    if !keychain("a_dead_proxy_is_blamed_not_ups") {
        return;
    }
    let ups = Ups::start();
    let dead = format!("http://127.0.0.1:{}", free_port());
    let m = Machine::trusting(ups.handle().ca_pem().unwrap()).with("HTTPS_PROXY", dead.clone());
    let out = m.opt_in(&ups);
    assert_eq!(out.code, Some(4), "{out:?}");
    assert!(
        out.stderr.contains(&format!(
            "This computer could not reach the proxy {dead} (from HTTPS_PROXY) (the connection was refused"
        )) && !out.stderr.contains("UPS could not be reached"),
        "{out:?}"
    );
    assert_eq!(ups.requests(), 0);
    assert!(!m.files().contains("Through the proxy"), "nothing stored");
}

#[test]
fn a_proxy_that_cannot_reach_the_host_refuses_and_says_so() {
    // The CLI checks the keychain before it calls UPS.
    if !keychain("a_proxy_that_cannot_reach_the_host_refuses_and_says_so") {
        return;
    }
    let proxy = Proxy::start(None);
    let closed = free_port();
    let m = Machine::trusting("").with("HTTPS_PROXY", proxy.url());
    let out = m.run(
        &[
            "login",
            "--env",
            &format!("https://localhost:{closed}"),
            "--client-id",
            DEMO_CLIENT_ID,
            "--method",
            "client-credentials",
        ],
        "secret\n",
    );
    assert_eq!(out.code, Some(4), "{out:?}");
    assert!(
        out.stderr.contains(&format!(
            "localhost could not be reached: the proxy {} (from HTTPS_PROXY) refused to open a connection to it",
            proxy.url()
        )),
        "{out:?}"
    );
    assert_eq!(proxy.connects_to(&format!("localhost:{closed}")), 1);
}

#[test]
fn a_certificate_authority_this_computer_does_not_trust_is_named() {
    // The CLI checks the keychain before it calls UPS.
    if !keychain("a_certificate_authority_this_computer_does_not_trust_is_named") {
        return;
    }
    let ups = Ups::start();
    let other_ca = PrivateCa::generate().unwrap();
    // Direct, and through the proxy (TLS inspection looks like this).
    let proxy = Proxy::start(None);
    for m in [
        Machine::trusting(&other_ca.ca_pem),
        Machine::trusting(&other_ca.ca_pem).with("HTTPS_PROXY", proxy.url()),
    ] {
        let out = m.opt_in(&ups);
        assert_eq!(out.code, Some(4), "{out:?}");
        assert!(
            out.stderr.contains("localhost answered with a certificate signed by a certificate authority this computer does not trust (unknown issuer)")
                && out.stderr.contains("ask IT to install the company's root certificate")
                && !out.stderr.contains("UPS could not be reached"),
            "{out:?}"
        );
        assert!(!m.files().contains("Through the proxy"), "nothing stored");
    }
    assert!(proxy.connects_to(&format!("localhost:{}", ups.port())) >= 1);
    assert_eq!(ups.requests(), 0, "no request got through the handshake");
}

#[test]
fn no_proxy_sends_the_host_around_the_proxy() {
    if !keychain("no_proxy_sends_the_host_around_the_proxy") {
        return;
    }
    let ups = Ups::start();
    let dead = format!("http://127.0.0.1:{}", free_port());
    let m = Machine::trusting(ups.handle().ca_pem().unwrap())
        .with("HTTPS_PROXY", dead)
        .with("NO_PROXY", "example.invalid, localhost");
    let out = m.opt_in(&ups);
    assert_eq!(out.code, Some(0), "{out:?}");
    let out = m.run(&["proxy", "show"], "");
    assert!(
        out.stdout
            .contains(&format!("{}: direct (NO_PROXY excludes it)", ups.base())),
        "{out:?}"
    );
    m.clean_up();
}

#[test]
fn the_proxy_setting_comes_first_and_none_means_direct() {
    if !keychain("the_proxy_setting_comes_first_and_none_means_direct") {
        return;
    }
    let ups = Ups::start();
    let proxy = Proxy::start(None);
    let dead = format!("http://127.0.0.1:{}", free_port());
    let m = Machine::trusting(ups.handle().ca_pem().unwrap()).with("HTTPS_PROXY", dead);
    let out = m.run(&["proxy", "set", &proxy.url()], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    let out = m.opt_in(&ups);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(proxy.connects_to(&format!("localhost:{}", ups.port())) >= 1);
    let out = m.run(&["proxy", "show"], "");
    assert!(
        out.stdout
            .contains(&format!("Proxy setting: manual, {}", proxy.url()))
            && out.stdout.contains("(from the proxy setting)"),
        "{out:?}"
    );
    // "none": straight to the host, whatever HTTPS_PROXY says.
    let out = m.run(&["proxy", "set", "none"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    let before = proxy.connects_to(&format!("localhost:{}", ups.port()));
    let out = m.run(&["refresh"], "");
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(
        proxy.connects_to(&format!("localhost:{}", ups.port())),
        before
    );
    // A login in the address is refused: it belongs in the keychain.
    let out = m.run(
        &["proxy", "set", "http://alice:pw@proxy.example.invalid:3128"],
        "",
    );
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(!m.files().contains("alice"), "{}", m.files());
    m.clean_up();
}

#[test]
fn a_name_that_does_not_resolve_is_a_dns_failure() {
    // The CLI checks the keychain before it calls UPS.
    if !keychain("a_name_that_does_not_resolve_is_a_dns_failure") {
        return;
    }
    let m = Machine::trusting("");
    let out = m.run(
        &[
            "login",
            "--env",
            "https://ups.example.invalid",
            "--client-id",
            DEMO_CLIENT_ID,
            "--method",
            "client-credentials",
        ],
        "secret\n",
    );
    assert_eq!(out.code, Some(4), "{out:?}");
    assert!(
        out.stderr
            .contains("The name ups.example.invalid could not be found (DNS)"),
        "{out:?}"
    );
}
