//! Windows semantics, run as Windows binaries: `ups-optin.exe` and this test
//! program against the UPS sandbox, with the real Windows Credential Manager,
//! `%APPDATA%`, Windows file locking and Windows rename rules.
//!
//! `make test-windows` (scripts/test-windows.sh) builds this for
//! `x86_64-pc-windows-gnu` and runs it under Wine, with the sandbox running
//! natively on Linux on loopback (`UPS_OPTIN_WIN_SANDBOX` = its base URL,
//! `UPS_OPTIN_WIN_REDIRECT` = a loopback redirect URI registered for the demo
//! client, access tokens of 4,000 characters). On a real Windows machine
//! (hosted CI) it starts the same sandbox in-process when those are unset.
//!
//! The browser stand-in is `ups-sandbox.exe` (a Windows build of the sandbox's
//! fake browser, next to `ups-optin.exe`): given the authorize URL as
//! `$BROWSER`, it signs in on the sandbox and GETs the loopback callback.
//!
//! The tests share one keychain namespace (the sandbox's), so they run one at
//! a time.
#![cfg(windows)]

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use common::{ok, run_with, Out, BIN};
use optin_core::store::Store;
use optin_core::vault::keychain::KeychainStore;
use optin_core::vault::{SecretKind, SecretStore, Vault, VaultKey, SERVICE};
use optin_core::{Environment, Error, Secret};
use serde_json::Value;
use ups_sandbox::{
    Sandbox, SandboxConfig, SandboxHandle, DEMO_ACCOUNTS, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
};

/// The access token length the sandbox issues here (over Windows' 2,560-byte
/// credential blob even as UTF-8; 8,000 bytes as the UTF-16 Windows stores).
const TOKEN_LEN: usize = 4000;
/// Windows Credential Manager's CRED_MAX_CREDENTIAL_BLOB_SIZE, in bytes.
const WINDOWS_BLOB_MAX: usize = 2560;

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|p| p.into_inner())
}

// ---- the sandbox ---------------------------------------------------------------

struct Sb {
    base: String,
    redirect: String,
    _local: Option<SandboxHandle>,
}

fn rt() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime")
    })
}

fn sandbox() -> &'static Sb {
    static SB: OnceLock<Sb> = OnceLock::new();
    SB.get_or_init(|| {
        if let (Ok(base), Ok(redirect)) = (
            std::env::var("UPS_OPTIN_WIN_SANDBOX"),
            std::env::var("UPS_OPTIN_WIN_REDIRECT"),
        ) {
            println!("sandbox: {base} (outside this process)");
            return Sb {
                base,
                redirect,
                _local: None,
            };
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let redirect = format!("http://127.0.0.1:{port}/callback");
        let config = SandboxConfig::default()
            .with_access_token_len(TOKEN_LEN)
            .with_redirect_uri(DEMO_CLIENT_ID, redirect.clone());
        let handle = rt().block_on(Sandbox::start(config)).expect("sandbox");
        println!("sandbox: {} (in this process)", handle.base_url());
        Sb {
            base: handle.base_url(),
            redirect,
            _local: Some(handle),
        }
    })
}

impl Sb {
    fn env(&self) -> Environment {
        Environment::parse(&self.base).expect("a loopback environment")
    }

    fn control(&self, method: reqwest::Method, path: &str) -> Value {
        let url = format!("{}/__sandbox/{path}", self.base);
        rt().block_on(async {
            let r = reqwest::Client::new()
                .request(method, &url)
                .send()
                .await
                .unwrap_or_else(|e| panic!("{url}: {e}"));
            assert!(r.status().is_success(), "{url}: {}", r.status());
            let body = r.text().await.unwrap_or_default();
            serde_json::from_str::<Value>(&body).unwrap_or(Value::Null)
        })
    }

    fn clear_requests(&self) {
        self.control(reqwest::Method::DELETE, "requests");
    }

    /// How many requests of one endpoint (`"refresh"`, `"token"`, …) the sandbox logged.
    fn count(&self, endpoint: &str) -> Vec<Option<u64>> {
        self.control(reqwest::Method::GET, "requests")
            .as_array()
            .expect("the request log is an array")
            .iter()
            .filter(|r| r["endpoint"] == endpoint)
            .map(|r| r["status"].as_u64())
            .collect()
    }

    fn whoami(&self, token: &str) -> u16 {
        let url = format!("{}/__sandbox/whoami", self.base);
        rt().block_on(async {
            reqwest::Client::new()
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .expect("whoami")
                .status()
                .as_u16()
        })
    }
}

// ---- the Credential Manager -----------------------------------------------------

/// Every generic credential whose target starts with `prefix`, as Windows
/// lists them: `cmdkey /list` on Windows, Wine's credential registry key
/// under Wine (Wine has no cmdkey). keyring names a credential
/// `<account>.<service>`.
fn credential_targets(prefix: &str) -> BTreeSet<String> {
    let out = Command::new("cmdkey").arg("/list").output();
    let targets: Vec<String> = match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter_map(|l| l.trim().strip_prefix("Target:"))
            .map(|t| {
                let t = t.trim();
                t.split_once("target=").map_or(t, |(_, t)| t).to_string()
            })
            .collect(),
        _ => {
            let o = Command::new("reg")
                .args(["query", r"HKCU\Software\Wine\Credential Manager"])
                .output()
                .expect("reg.exe runs");
            // A missing key (nothing stored yet) is an empty list.
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .filter_map(|l| l.trim().split_once("Generic: ").map(|(_, t)| t.to_string()))
                .collect()
        }
    };
    let suffix = format!(".{SERVICE}");
    targets
        .into_iter()
        .filter_map(|t| t.strip_suffix(&suffix).map(str::to_string))
        .filter(|a| a.starts_with(prefix))
        .collect()
}

/// The keychain, failing the `n`-th write (0-based) as a full or refusing
/// Credential Manager would; counts writes.
struct FailingWrite {
    inner: KeychainStore,
    fail_at: usize,
    writes: AtomicUsize,
}

impl SecretStore for FailingWrite {
    fn get(&self, account: &str) -> Result<Option<Secret>, Error> {
        self.inner.get(account)
    }
    fn set(&self, account: &str, value: &Secret) -> Result<(), Error> {
        if self.writes.fetch_add(1, Ordering::SeqCst) == self.fail_at {
            return Err(Error::Keychain(
                "injected: the credential write failed".into(),
            ));
        }
        self.inner.set(account, value)
    }
    fn delete(&self, account: &str) -> Result<(), Error> {
        self.inner.delete(account)
    }
    fn health(&self) -> Result<(), Error> {
        self.inner.health()
    }
    fn backend(&self) -> &'static str {
        self.inner.backend()
    }
}

fn unique(tag: &str) -> String {
    let ns = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("win-{tag}-{}-{ns}", std::process::id())
}

/// A token-like value of `len` ASCII characters, distinct per `seed`.
fn token(seed: char, len: usize) -> Secret {
    let body: String = (0..len)
        .map(|i| match i % 3 {
            0 => seed,
            1 => char::from(b'a' + (i % 26) as u8),
            _ => char::from(b'0' + (i % 10) as u8),
        })
        .collect();
    Secret::new(body)
}

// ---- running ups-optin.exe ------------------------------------------------------

fn cli(dir: Option<&Path>, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env_remove("RUST_LOG")
        .env("BROWSER", "cmd /c rem");
    match dir {
        Some(d) => c.env("UPS_OPTIN_CONFIG_DIR", d),
        None => c.env_remove("UPS_OPTIN_CONFIG_DIR"),
    };
    c
}

fn client_credentials_login(dir: Option<&Path>, sb: &Sb) -> String {
    let c = cli(
        dir,
        &[
            "login",
            "--env",
            &sb.base,
            "--client-id",
            DEMO_CLIENT_ID,
            "--method",
            "client-credentials",
            "--account",
            DEMO_ACCOUNTS[0],
        ],
    );
    ok(run_with(c, &format!("{DEMO_CLIENT_SECRET}\n")));
    optin_core::store::ConnectionRecord::id_for(&sb.env(), DEMO_CLIENT_ID)
}

/// `ups-sandbox.exe`, the Windows browser stand-in, next to `ups-optin.exe`.
fn browser_stand_in() -> PathBuf {
    let p = Path::new(BIN).with_file_name("ups-sandbox.exe");
    assert!(
        p.is_file(),
        "{} is missing: build it with `cargo build -p ups-sandbox --target x86_64-pc-windows-gnu`",
        p.display()
    );
    p
}

fn browser_login(dir: &Path, sb: &Sb) -> String {
    let mut c = cli(
        Some(dir),
        &[
            "login",
            "--env",
            &sb.base,
            "--client-id",
            DEMO_CLIENT_ID,
            "--redirect-uri",
            &sb.redirect,
            "--account",
            DEMO_ACCOUNTS[0],
        ],
    );
    c.env("BROWSER", browser_stand_in());
    let out = run_with(c, &format!("{DEMO_CLIENT_SECRET}\n"));
    let stderr = out.stderr.clone();
    ok(out);
    assert!(
        !stderr.contains("Paste"),
        "the loopback route received the answer itself: {stderr}"
    );
    optin_core::store::ConnectionRecord::id_for(&sb.env(), DEMO_CLIENT_ID)
}

fn status(dir: &Path) -> Vec<Value> {
    let out = ok(run_with(cli(Some(dir), &["status", "--json"]), ""));
    serde_json::from_str::<Value>(&out)
        .expect("status --json is JSON")
        .as_array()
        .expect("an array")
        .clone()
}

fn prefix(sb: &Sb) -> String {
    format!("{}/{DEMO_CLIENT_ID}/", sb.env().key())
}

// ---- tests ------------------------------------------------------------------------

#[test]
fn config_folder_is_under_appdata_and_the_keychain_is_credential_manager() {
    let _s = serial();
    let sb = sandbox();
    let appdata = PathBuf::from(std::env::var_os("APPDATA").expect("Windows sets %APPDATA%"));
    let folder = appdata.join("ups-optin");
    let report = ok(run_with(cli(None, &["diagnostics"]), ""));
    println!("{report}");
    assert!(
        report.contains("Keychain: Windows Credential Manager (ok)"),
        "{report}"
    );
    assert!(
        report.contains(&format!("Configuration folder: {}", folder.display())),
        "the configuration folder is %APPDATA%\\ups-optin ({}): {report}",
        folder.display()
    );
    // A login without UPS_OPTIN_CONFIG_DIR writes there, and logout removes it again.
    let id = client_credentials_login(None, sb);
    let file = std::fs::read_to_string(folder.join("connections.json"))
        .expect("connections.json is in %APPDATA%\\ups-optin");
    assert!(file.contains(&id), "{file}");
    ok(run_with(cli(None, &["logout", "--connection", &id]), ""));
    let file = std::fs::read_to_string(folder.join("connections.json")).unwrap_or_default();
    assert!(!file.contains(&id), "{file}");
    assert!(credential_targets(&prefix(sb)).is_empty());
}

#[test]
fn credential_manager_refuses_blobs_over_2560_bytes_and_the_vault_chunks() {
    let _s = serial();
    let store = KeychainStore::new();
    let account = unique("limit");
    // UTF-16: 1,280 characters are exactly 2,560 bytes.
    let fits = token('F', WINDOWS_BLOB_MAX / 2);
    store.set(&account, &fits).expect("2,560 bytes fit");
    assert_eq!(store.get(&account).unwrap().unwrap(), fits);
    let over = token('O', WINDOWS_BLOB_MAX / 2 + 1);
    let refused = store.set(&account, &over);
    println!("a 2,562-byte credential blob: {refused:?}");
    assert!(refused.is_err(), "Windows refuses blobs over 2,560 bytes");
    assert_eq!(
        store.get(&account).unwrap().unwrap(),
        fits,
        "the refused write changed nothing"
    );
    store.delete(&account).unwrap();

    // Through the vault, a 4,000-character token is stored in parts and read back.
    let vault = Vault::new(Arc::new(KeychainStore::new()));
    let env = Environment::parse("http://127.0.0.1:9").unwrap();
    let client = unique("chunks");
    let key = VaultKey::new(&env, &client, SecretKind::AccessToken);
    let account = key.to_string();
    let long = token('L', TOKEN_LEN);
    rt().block_on(vault.set(&key, &long))
        .expect("a long token is stored");
    assert_eq!(rt().block_on(vault.get(&key)).unwrap().unwrap(), long);
    let header = store.get(&account).unwrap().unwrap();
    assert!(
        header.expose().starts_with("ups-optin-chunked:v1:1:"),
        "the entry is a header"
    );
    let entries = credential_targets(&account);
    println!("stored as: {entries:?}");
    assert_eq!(
        entries.len(),
        1 + TOKEN_LEN.div_ceil(optin_core::vault::CHUNK)
    );

    // Rotation to a longer token: a new generation, the old parts gone.
    let longer = token('M', TOKEN_LEN + 1500);
    rt().block_on(vault.set(&key, &longer)).unwrap();
    assert_eq!(rt().block_on(vault.get(&key)).unwrap().unwrap(), longer);
    let entries = credential_targets(&account);
    assert!(
        entries.iter().all(|e| e == &account || e.contains("#2.")),
        "only generation 2 remains: {entries:?}"
    );
    rt().block_on(vault.delete(&key)).unwrap();
    assert!(credential_targets(&account).is_empty());
}

#[test]
fn an_interrupted_generation_switch_never_mixes_old_and_new_parts() {
    let _s = serial();
    let env = Environment::parse("http://127.0.0.1:9").unwrap();
    let key = VaultKey::new(&env, &unique("switch"), SecretKind::AccessToken);
    let account = key.to_string();
    let plain = Vault::new(Arc::new(KeychainStore::new()));
    let old = token('A', TOKEN_LEN);
    rt().block_on(plain.set(&key, &old)).unwrap();
    let before = credential_targets(&account);
    let new = token('B', TOKEN_LEN + 700);
    let new_parts = (TOKEN_LEN + 700).div_ceil(optin_core::vault::CHUNK);
    // Fail each write of the switch in turn (parts 0..n, then the header).
    for fail_at in 0..=new_parts {
        let failing = Vault::new(Arc::new(FailingWrite {
            inner: KeychainStore::new(),
            fail_at,
            writes: AtomicUsize::new(0),
        }));
        assert!(rt().block_on(failing.set(&key, &new)).is_err());
        let read = rt().block_on(plain.get(&key)).unwrap().unwrap();
        assert!(
            read == old,
            "write {fail_at} failed: the old value reads back whole"
        );
        assert_eq!(
            credential_targets(&account),
            before,
            "write {fail_at} failed: nothing of the new generation is left behind"
        );
    }
    rt().block_on(plain.set(&key, &new)).unwrap();
    assert_eq!(rt().block_on(plain.get(&key)).unwrap().unwrap(), new);
    let after = credential_targets(&account);
    assert!(
        after.iter().all(|e| e == &account || e.contains("#2.")),
        "after the switch only the new generation remains: {after:?}"
    );
    assert_eq!(after.len(), 1 + new_parts);

    // A reader racing a writer: every value it reads is one whole value.
    let values = [token('C', TOKEN_LEN), token('D', TOKEN_LEN + 1200)];
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (stop, key, values) = (stop.clone(), key.clone(), values.clone());
        std::thread::spawn(move || {
            let vault = Vault::new(Arc::new(KeychainStore::new()));
            let (mut whole, mut missing) = (0, 0);
            while !stop.load(Ordering::SeqCst) {
                match vault_get_blocking(&vault, &key) {
                    Ok(v) => {
                        assert!(
                            v == new || values.contains(&v),
                            "a read returned a mix of parts"
                        );
                        whole += 1;
                    }
                    // Refused reads are allowed (they change nothing); mixes are not.
                    Err(Error::Keychain(_)) => missing += 1,
                    Err(e) => panic!("{e:?}"),
                }
            }
            (whole, missing)
        })
    };
    for i in 0..20 {
        rt().block_on(plain.set(&key, &values[i % 2])).unwrap();
    }
    stop.store(true, Ordering::SeqCst);
    let (whole, missing) = reader.join().expect("the reader saw no mix");
    println!("racing reader: {whole} whole values, {missing} refused reads, 0 mixes");
    assert!(whole > 0);
    rt().block_on(plain.delete(&key)).unwrap();
    assert!(credential_targets(&account).is_empty());
}

fn vault_get_blocking(vault: &Vault, key: &VaultKey) -> Result<Secret, Error> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    rt.block_on(vault.get(key))
        .map(|v| v.expect("the value exists"))
}

#[test]
fn browser_opt_in_through_the_loopback_route_then_logout_removes_every_part() {
    let _s = serial();
    let sb = sandbox();
    let dir = tempfile::tempdir().unwrap();
    let id = browser_login(dir.path(), sb);
    let all = status(dir.path());
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["id"], id.as_str());
    assert_eq!(all[0]["state"], "connected", "{all:?}");
    let token = ok(run_with(cli(Some(dir.path()), &["token"]), ""));
    let token = token.trim_end();
    assert_eq!(token.len(), TOKEN_LEN, "the whole long token comes back");
    assert_eq!(sb.whoami(token), 200, "UPS accepts it");
    let entries = credential_targets(&prefix(sb));
    println!("after the opt-in: {entries:?}");
    let p = prefix(sb);
    for kind in ["client-secret", "refresh-token", "access-token"] {
        assert!(
            entries.contains(&format!("{p}{kind}")),
            "{kind}: {entries:?}"
        );
    }
    assert!(
        entries.iter().any(|e| e.contains("access-token#")),
        "the access token is in parts: {entries:?}"
    );
    ok(run_with(cli(Some(dir.path()), &["logout"]), ""));
    assert!(
        credential_targets(&p).is_empty(),
        "logout removes every credential, parts included"
    );
    assert!(status(dir.path()).is_empty());
}

#[test]
fn fifty_token_processes_across_an_expiry_refresh_once() {
    let _s = serial();
    let sb = sandbox();
    let dir = tempfile::tempdir().unwrap();
    let id = browser_login(dir.path(), sb);
    let first = ok(run_with(cli(Some(dir.path()), &["token"]), ""));
    // Expired at UPS and in the record.
    sb.control(reqwest::Method::POST, "expire-access-tokens");
    Store::new(dir.path())
        .modify(&id, |r| {
            r.access_token_expires_at =
                Some(time::OffsetDateTime::now_utc() - time::Duration::hours(1))
        })
        .unwrap();
    sb.clear_requests();
    // Two launchers, 25 `ups-optin.exe token` processes each, all at once.
    let launchers: Vec<_> = (0..2)
        .map(|_| {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let kids: Vec<_> = (0..25)
                    .map(|_| {
                        let mut c = cli(Some(&dir), &["token"]);
                        c.stdout(Stdio::piped()).stderr(Stdio::piped());
                        c.spawn().expect("ups-optin.exe token starts")
                    })
                    .collect();
                kids.into_iter()
                    .map(|k| Out::from(k.wait_with_output().expect("finishes")))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let outs: Vec<Out> = launchers
        .into_iter()
        .flat_map(|l| l.join().expect("launcher"))
        .collect();
    let mut tokens = BTreeSet::new();
    for o in &outs {
        tokens.insert(ok(o.clone()).trim_end().to_string());
    }
    let refreshes = sb.count("refresh");
    println!(
        "{} token processes: /refresh requests {refreshes:?}, distinct tokens {}",
        outs.len(),
        tokens.len()
    );
    assert_eq!(outs.len(), 50);
    assert_eq!(refreshes, vec![Some(200)], "exactly one refresh");
    assert_eq!(tokens.len(), 1, "every process printed the same token");
    let new = tokens.into_iter().next().unwrap();
    assert_ne!(new, first.trim_end(), "a new token after the expiry");
    assert_eq!(sb.whoami(&new), 200);
    ok(run_with(cli(Some(dir.path()), &["logout"]), ""));
    assert!(credential_targets(&prefix(sb)).is_empty());
}

#[test]
fn connections_json_is_replaced_atomically_over_an_existing_file() {
    let _s = serial();
    let sb = sandbox();
    let dir = tempfile::tempdir().unwrap();
    let id = client_credentials_login(Some(dir.path()), sb);
    let store = Store::new(dir.path());
    let path = store.path();
    assert!(path.is_file());
    // A reader (as a product application would) reads the file over and over
    // while it is replaced 200 times: it always finds a whole file, and every
    // replace succeeds (retried while the reader has the file open).
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (stop, path) = (stop.clone(), path.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(Ordering::SeqCst) {
                let mut s = String::new();
                std::fs::File::open(&path)
                    .and_then(|mut f| f.read_to_string(&mut s))
                    .unwrap_or_else(|e| panic!("connections.json unreadable mid-replace: {e}"));
                let v: Value = serde_json::from_str(&s)
                    .unwrap_or_else(|e| panic!("a torn connections.json: {e}"));
                assert_eq!(v["connections"].as_array().map(Vec::len), Some(1));
                reads += 1;
                // A product application polls; it does not hold the file open
                // in a tight loop (Wine refuses a replace while it is open).
                std::thread::sleep(Duration::from_millis(5));
            }
            reads
        })
    };
    for i in 0..200 {
        store
            .modify(&id, |r| r.label = format!("label {i}"))
            .expect("replaced over the existing file");
    }
    stop.store(true, Ordering::SeqCst);
    let reads = reader.join().expect("every read saw a whole file");
    println!("200 replacements, {reads} concurrent whole reads");
    assert_eq!(store.get(&id).unwrap().label, "label 199");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
    // The CLI replaces it too: status shows the last label.
    let all = status(dir.path());
    assert_eq!(all[0]["label"], "label 199");
    ok(run_with(cli(Some(dir.path()), &["logout"]), ""));
    assert!(credential_targets(&prefix(sb)).is_empty());
}

// ---- company networks: the proxy from the registry (issue 22) ---------------------

/// `HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings` set to
/// a proxy for as long as this lives (what Internet Options writes); put
/// back to "no proxy" when dropped, so the other tests go direct.
struct InternetSettings;

const INTERNET_SETTINGS: &str = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings";

fn reg(args: &[&str]) {
    let o = Command::new("reg")
        .args(args)
        .output()
        .expect("reg.exe runs");
    let o = Out::from(o);
    assert_eq!(o.code, Some(0), "reg {args:?}: {o:?}");
}

impl InternetSettings {
    fn proxy(server: &str) -> InternetSettings {
        reg(&[
            "add",
            INTERNET_SETTINGS,
            "/v",
            "ProxyServer",
            "/t",
            "REG_SZ",
            "/d",
            server,
            "/f",
        ]);
        reg(&[
            "add",
            INTERNET_SETTINGS,
            "/v",
            "ProxyEnable",
            "/t",
            "REG_DWORD",
            "/d",
            "1",
            "/f",
        ]);
        InternetSettings
    }
}

impl Drop for InternetSettings {
    fn drop(&mut self) {
        let _ = Command::new("reg")
            .args([
                "add",
                INTERNET_SETTINGS,
                "/v",
                "ProxyEnable",
                "/t",
                "REG_DWORD",
                "/d",
                "0",
                "/f",
            ])
            .output();
        let _ = Command::new("reg")
            .args(["delete", INTERNET_SETTINGS, "/v", "ProxyServer", "/f"])
            .output();
    }
}

/// `ups-optin.exe` with no proxy variable: only the registry names a proxy.
fn cli_without_proxy_variables(dir: &Path, args: &[&str]) -> Command {
    let mut c = cli(Some(dir), args);
    for var in optin_core::network::proxy::PROXY_VARIABLES {
        c.env_remove(var);
    }
    c
}

#[test]
fn the_proxy_from_the_windows_registry_is_used() {
    let _s = serial();
    // scripts/test-windows.sh runs a tinyproxy natively (its address and log).
    let (Ok(proxy), Ok(log)) = (
        std::env::var("UPS_OPTIN_WIN_PROXY"),
        std::env::var("UPS_OPTIN_WIN_PROXY_LOG"),
    ) else {
        println!("skipped the_proxy_from_the_windows_registry_is_used: no proxy (UPS_OPTIN_WIN_PROXY) from scripts/test-windows.sh");
        return;
    };
    let sb = sandbox();
    let dir = tempfile::tempdir().unwrap();
    let _settings = InternetSettings::proxy(&proxy);

    let shown = ok(run_with(
        cli_without_proxy_variables(dir.path(), &["proxy", "show"]),
        "",
    ));
    let from_registry =
        format!("proxy http://{proxy} (from the Windows proxy settings (Internet Settings))");
    let want = format!("Test (CIE) https://wwwcie.ups.com: {from_registry}, no proxy login");
    assert!(shown.contains(&want), "{want}\n{shown}");

    let before = std::fs::read_to_string(&log).unwrap_or_default();
    let c = cli_without_proxy_variables(
        dir.path(),
        &[
            "login",
            "--env",
            &sb.base,
            "--client-id",
            DEMO_CLIENT_ID,
            "--method",
            "client-credentials",
        ],
    );
    ok(run_with(c, &format!("{DEMO_CLIENT_SECRET}\n")));
    let after = std::fs::read_to_string(&log).unwrap_or_default();
    let forwarded = format!("POST {}/security/v1/oauth/token", sb.base);
    assert!(
        after[before.len().min(after.len())..].contains(&forwarded),
        "the proxy did not forward the token request:\n{after}"
    );
    // Now that it is in use, the sandbox's environment is listed too.
    let shown = ok(run_with(
        cli_without_proxy_variables(dir.path(), &["proxy", "show"]),
        "",
    ));
    let want = format!("{}: {from_registry}", sb.base);
    assert!(shown.contains(&want), "{want}\n{shown}");
    ok(run_with(
        cli_without_proxy_variables(dir.path(), &["logout"]),
        "",
    ));
}
