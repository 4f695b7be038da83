//! The harness every integration test shares: a real ups-sandbox on a loopback
//! port, the real reqwest transport, an in-memory vault, a fixed clock, a
//! recording browser and a temporary configuration folder, wired into one
//! [`OptIn`] exactly as the app shell and the CLI wire theirs.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use optin_core::browser::RecordingBrowser;
use optin_core::clock::FixedClock;
use optin_core::service::{BrowserRequest, ClientCredentialsRequest, CoreEvent, Effects};
use optin_core::status::ConnectionStatus;
use optin_core::store::{ConnectionRecord, Store};
use optin_core::tokens::TokenPolicy;
use optin_core::ups::http::{HttpTransport, ReqwestTransport};
use optin_core::ups::TokenAuth;
use optin_core::vault::memory::MemoryStore;
use optin_core::vault::{SecretKind, SecretStore, Vault, VaultKey};
use optin_core::{Environment, Error, ErrorCode, OptIn, Secret};
use time::OffsetDateTime;
use tokio::sync::broadcast;
use ups_sandbox::{
    Endpoint, FakeBrowser, LoggedRequest, Sandbox, SandboxConfig, SandboxHandle, DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USER,
};

pub const DEEP_LINK: &str = "upsoptin://oauth/callback";
pub const BOUNCE: &str = "https://example.invalid/ups-optin/bounce";

/// What a harness starts with; every field has a sensible default.
#[derive(Default)]
pub struct Setup {
    pub sandbox: SandboxConfig,
    pub policy: TokenPolicy,
    pub http: Option<Arc<dyn HttpTransport>>,
}

pub struct Harness {
    pub sandbox: SandboxHandle,
    pub env: Environment,
    pub secrets: Arc<MemoryStore>,
    pub clock: Arc<FixedClock>,
    pub browser: Arc<RecordingBrowser>,
    pub policy: TokenPolicy,
    pub svc: OptIn,
    pub fake: FakeBrowser,
    dir: tempfile::TempDir,
}

/// Now, to the whole second (so RFC 3339 round trips are exact).
pub fn whole_second_now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .expect("0 ns is valid")
}

impl Harness {
    pub async fn start() -> Harness {
        Self::with(Setup::default()).await
    }

    pub async fn with(setup: Setup) -> Harness {
        let sandbox = Sandbox::start(setup.sandbox).await.expect("sandbox starts");
        let env =
            Environment::parse(&sandbox.base_url()).expect("sandbox URL is a loopback environment");
        let dir = tempfile::tempdir().expect("temp dir");
        let secrets = Arc::new(MemoryStore::new());
        let clock = Arc::new(FixedClock::new(whole_second_now()));
        let browser = Arc::new(RecordingBrowser::default());
        let http = setup
            .http
            .unwrap_or_else(|| Arc::new(ReqwestTransport::new().expect("reqwest")));
        let svc = build(
            http,
            browser.clone(),
            clock.clone(),
            secrets.clone(),
            dir.path().join("config"),
            setup.policy.clone(),
        );
        Harness {
            sandbox,
            env,
            secrets,
            clock,
            browser,
            policy: setup.policy,
            svc,
            fake: FakeBrowser::new(),
            dir,
        }
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// Another `OptIn` over the same configuration folder and keychain, with its
    /// own HTTP client and in-process state: a second process, as far as the
    /// core can tell.
    pub fn second_process(&self) -> OptIn {
        build(
            Arc::new(ReqwestTransport::new().expect("reqwest")),
            Arc::new(RecordingBrowser::default()),
            self.clock.clone(),
            self.secrets.clone(),
            self.config_dir(),
            self.policy.clone(),
        )
    }

    /// A service over the same folder, clock and transport kind but another
    /// secret store (a wrapper around [`Self::secrets`], typically).
    pub fn with_secrets(&self, secrets: Arc<dyn SecretStore>) -> OptIn {
        build(
            Arc::new(ReqwestTransport::new().expect("reqwest")),
            self.browser.clone(),
            self.clock.clone(),
            secrets,
            self.config_dir(),
            self.policy.clone(),
        )
    }

    /// Whether UPS (the sandbox) accepts an access token: `GET /__sandbox/whoami`.
    pub async fn token_works(&self, access_token: &str) -> bool {
        let r = reqwest::Client::new()
            .get(format!("{}/__sandbox/whoami", self.sandbox.base_url()))
            .bearer_auth(access_token)
            .send()
            .await
            .expect("whoami reaches the sandbox");
        r.status().as_u16() == 200
    }

    /// A service over the same keychain and folder but another transport.
    pub fn with_transport(&self, http: Arc<dyn HttpTransport>) -> OptIn {
        build(
            http,
            self.browser.clone(),
            self.clock.clone(),
            self.secrets.clone(),
            self.config_dir(),
            self.policy.clone(),
        )
    }

    pub fn store(&self) -> Store {
        Store::new(self.config_dir())
    }

    pub fn now(&self) -> OffsetDateTime {
        optin_core::clock::Clock::now(self.clock.as_ref())
    }

    pub fn request(&self, redirect_uri: &str) -> BrowserRequest {
        request_for(&self.env, redirect_uri)
    }

    pub fn cc_request(&self, accounts: &[&str]) -> ClientCredentialsRequest {
        ClientCredentialsRequest {
            environment: self.env.clone(),
            label: "WorldShip".into(),
            client_id: DEMO_CLIENT_ID.into(),
            client_secret: Secret::new(DEMO_CLIENT_SECRET),
            accounts: accounts.iter().map(|a| a.to_string()).collect(),
        }
    }

    /// Signs in on the sandbox (as `demo`/`demo`) and returns the callback URL.
    pub async fn sign_in(&self, authorize_url: &str) -> String {
        self.fake
            .sign_in(authorize_url, DEMO_USER, DEMO_PASSWORD)
            .await
            .expect("fake browser signs in")
    }

    /// The last URL the service asked the browser to open.
    pub fn last_opened(&self) -> String {
        self.browser
            .opened
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("the browser was opened")
    }

    /// A full deep-link opt-in; returns the connection's status.
    pub async fn opt_in(&self) -> ConnectionStatus {
        self.opt_in_with(self.request(DEEP_LINK)).await
    }

    pub async fn opt_in_with(&self, req: BrowserRequest) -> ConnectionStatus {
        let started = self.svc.begin_login(req).await.expect("begin_login");
        let callback = self.sign_in(&started.info.authorize_url).await;
        self.svc
            .complete(&callback)
            .await
            .into_result()
            .expect("complete")
    }

    pub fn connection_id(&self) -> String {
        ConnectionRecord::id_for(&self.env, DEMO_CLIENT_ID)
    }

    pub fn record(&self) -> ConnectionRecord {
        self.store()
            .get(&self.connection_id())
            .expect("record stored")
    }

    pub fn key(&self, kind: SecretKind) -> VaultKey {
        VaultKey::new(&self.env, DEMO_CLIENT_ID, kind)
    }

    /// A secret as a product application would read it (chunks joined).
    pub async fn vault_get(&self, kind: SecretKind) -> Option<String> {
        Vault::new(self.secrets.clone())
            .get(&self.key(kind))
            .await
            .expect("vault read")
            .map(|s| s.expose().to_string())
    }

    /// Every raw keychain entry (account → value) and the bytes of connections.json.
    pub fn snapshot(&self) -> Snapshot {
        let vault = self
            .secrets
            .accounts()
            .into_iter()
            .map(|a| {
                let v = self
                    .secrets
                    .get(&a)
                    .expect("memory read")
                    .expect("listed entry")
                    .expose()
                    .to_string();
                (a, v)
            })
            .collect();
        Snapshot {
            vault,
            store: std::fs::read(self.store().path()).ok(),
        }
    }

    pub fn requests_to(&self, endpoint: Endpoint) -> Vec<LoggedRequest> {
        self.sandbox
            .requests()
            .into_iter()
            .filter(|r| r.endpoint == endpoint)
            .collect()
    }

    /// Spends (or tries to spend) a refresh token with a plain HTTP call, as
    /// another program holding a copy of it would. Returns status and body.
    pub async fn raw_refresh(&self, refresh_token: &str) -> (u16, String) {
        let r = reqwest::Client::new()
            .post(format!(
                "{}{}",
                self.sandbox.base_url(),
                ups_sandbox::REFRESH_PATH
            ))
            .basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!(
                "grant_type=refresh_token&refresh_token={refresh_token}"
            ))
            .send()
            .await
            .expect("raw refresh reaches the sandbox");
        let status = r.status().as_u16();
        (status, r.text().await.unwrap_or_default())
    }

    /// Moves the fixed clock past the access token's expiry (and the skew).
    pub fn expire_access(&self) {
        self.sandbox.expire_access_tokens();
        let exp = self
            .record()
            .access_token_expires_at
            .expect("an access token expiry");
        self.clock.set(exp + time::Duration::seconds(1));
    }
}

pub fn build(
    http: Arc<dyn HttpTransport>,
    browser: Arc<RecordingBrowser>,
    clock: Arc<FixedClock>,
    secrets: Arc<dyn SecretStore>,
    config_dir: PathBuf,
    policy: TokenPolicy,
) -> OptIn {
    OptIn::with_policy(
        Effects {
            http,
            browser,
            clock,
            secrets,
            config_dir,
        },
        policy,
    )
}

pub fn request_for(env: &Environment, redirect_uri: &str) -> BrowserRequest {
    BrowserRequest {
        environment: env.clone(),
        label: "WorldShip".into(),
        client_id: DEMO_CLIENT_ID.into(),
        client_secret: Secret::new(DEMO_CLIENT_SECRET),
        redirect_uri: redirect_uri.into(),
        route: route_for(redirect_uri),
        forward_uri: None,
        token_auth: TokenAuth::Basic,
        accounts: vec!["A1B2C3".into()],
        scope: None,
    }
}

/// The keychain entries and the connections file at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub vault: BTreeMap<String, String>,
    pub store: Option<Vec<u8>>,
}

/// The error of a call that must fail.
pub fn err<T: std::fmt::Debug>(r: Result<T, Error>) -> Error {
    match r {
        Ok(v) => panic!("expected an error, got Ok({v:?})"),
        Err(e) => e,
    }
}

/// Asserts the error code, showing the message on failure.
pub fn assert_code<T: std::fmt::Debug>(r: Result<T, Error>, code: ErrorCode) -> Error {
    let e = err(r);
    assert_eq!(e.code(), code, "{e}");
    e
}

/// A query parameter of a URL.
pub fn param(url: &str, name: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// A loopback port nothing listens on (bound, then released).
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    l.local_addr().expect("local addr").port()
}

/// Waits for the next event matching `pred`, with a timeout.
pub async fn next_event(
    rx: &mut broadcast::Receiver<CoreEvent>,
    pred: impl Fn(&CoreEvent) -> bool,
) -> CoreEvent {
    let wait = async {
        loop {
            match rx.recv().await {
                Ok(e) if pred(&e) => return e,
                Ok(_) => continue,
                Err(e) => panic!("event channel: {e}"),
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(20), wait)
        .await
        .expect("event within 20 s")
}

/// A secret store that fails the next `n` writes whose account ends with
/// `suffix`, then behaves like the [`MemoryStore`] it wraps.
pub struct FlakyStore {
    pub inner: Arc<MemoryStore>,
    suffix: std::sync::Mutex<(String, u32)>,
}

impl FlakyStore {
    pub fn new(inner: Arc<MemoryStore>) -> Self {
        FlakyStore {
            inner,
            suffix: std::sync::Mutex::new((String::new(), 0)),
        }
    }

    pub fn fail_writes(&self, suffix: &str, n: u32) {
        *self.suffix.lock().unwrap() = (suffix.to_string(), n);
    }

    pub fn failures_left(&self) -> u32 {
        self.suffix.lock().unwrap().1
    }
}

impl SecretStore for FlakyStore {
    fn get(&self, account: &str) -> Result<Option<Secret>, Error> {
        self.inner.get(account)
    }
    fn set(&self, account: &str, value: &Secret) -> Result<(), Error> {
        {
            let mut f = self.suffix.lock().unwrap();
            if f.1 > 0 && account.ends_with(&f.0) {
                f.1 -= 1;
                return Err(Error::Keychain("the keychain is locked (injected)".into()));
            }
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
        "flaky memory"
    }
}

/// The route the tests use for a redirect URI: the core's rule for the app
/// (http → loopback, https → paste, custom scheme → deep link). A redirect
/// URI the core refuses gets the paste route: the test is about the refusal,
/// which the opt-in itself must give.
pub fn route_for(redirect_uri: &str) -> optin_core::login::RouteKind {
    use optin_core::login::{Receiver, RouteKind};
    // Tests also send URIs the core refuses: they still need some route.
    match url::Url::parse(redirect_uri.trim()) {
        Ok(uri) => RouteKind::for_uri(&uri, Receiver::App),
        Err(_) => RouteKind::DeepLink,
    }
}

/// One pass of the background renewer (`Renewer::pass`, the path the app
/// ships): whether it saved a held token or called UPS for a connection.
pub async fn renewal_pass(svc: &OptIn) -> bool {
    use optin_core::renewal::{RenewalPolicy, Renewer};
    Renewer::new(svc.clone(), RenewalPolicy::default())
        .pass()
        .await
        .changed()
}
