//! A faithful stand-in for UPS's OAuth service (authorization code with and
//! without PKCE, refresh with rotation, client credentials), served over HTTP on
//! a loopback port, for integration tests, the app's offline demo mode and the
//! GUI end-to-end suite.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use ups_sandbox::{Sandbox, SandboxConfig};
//! let sandbox = Sandbox::start(SandboxConfig::default()).await?;
//! let authorize = format!("{}{}", sandbox.base_url(), ups_sandbox::AUTHORIZE_PATH);
//! # let _ = authorize;
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! Besides the UPS paths ([`AUTHORIZE_PATH`], [`TOKEN_PATH`], [`REFRESH_PATH`]
//! and the sign-in page at [`SIGN_IN_PATH`]) the server answers control
//! requests under [`CONTROL_PREFIX`] so that out-of-process tests can drive it
//! like [`SandboxHandle`] does.
//!
//! Control endpoints (JSON; never logged, never faulted):
//!
//! | request | effect |
//! | --- | --- |
//! | `GET /__sandbox/health` | `{"status":"ok"}` |
//! | `POST /__sandbox/password-change` `{"username","new_password"?}` | like [`SandboxHandle::change_password`]; 404 for an unknown user |
//! | `POST /__sandbox/expire-access-tokens` | like [`SandboxHandle::expire_access_tokens`] |
//! | `POST /__sandbox/regenerate-secret` `{"client_id","new_secret"}` | like [`SandboxHandle::regenerate_secret`]; 404 for an unknown client |
//! | `GET`/`POST /__sandbox/lifetimes` `{"access_expires_in"?,"refresh_expires_in"?,"code_ttl"?}` | reads / updates lifetimes; answers the result |
//! | `GET`/`POST`/`DELETE /__sandbox/faults` | lists / adds ([`Fault`] JSON) / clears faults |
//! | `GET`/`DELETE /__sandbox/requests` | the request log ([`LoggedRequest`] JSON array) / clears it |
//! | `GET /__sandbox/whoami` with `Authorization: Bearer` | `{"client_id","username","accounts"}`, or 401 UPS error `250002` for an unknown or expired access token |
//!
//! Errors have UPS's shape, `{"response":{"errors":[{"code":"…","message":"…"}]}}`
//! (`application/json`):
//!
//! | status | code | message | when |
//! | --- | --- | --- | --- |
//! | 401 | 10400 | Invalid/Missing Authorization Header | Basic missing or malformed where required |
//! | 401 | 10401 | ClientId is Invalid | unknown client, wrong secret, body `client_id` ≠ Basic's |
//! | 400 | 10400 | Invalid redirect_uri | not registered exactly (authorize); not the authorize one (token) |
//! | 400 | 10400 | Invalid Authorization Code | unknown, spent, expired, or another client's code |
//! | 400 | 10400 | Missing code_verifier / Invalid code_verifier | a challenge was sent at authorize |
//! | 401 | 10400 | Invalid Refresh Token | unknown, spent, expired, revoked, or another client's |
//! | 403 | 10403 | The account number is not associated with this application | bad `x-merchant-id` |
//! | 400 | 10400 | Invalid response_type, Invalid code_challenge_method; only S256 is supported, Invalid grant_type, Missing code, Missing redirect_uri, Missing refresh_token, Invalid request | malformed requests |
//! | 429 | 10429 | Too Many Requests | [`FaultKind::RateLimited`] |
//! | 401 | 10401 | ClientId is Invalid | `validate-client` with an unknown client ID; [`FaultKind::InvalidClient`] |
//! | 400 | 10400 | Invalid Redirect URL | `validate-client` with a redirect URI not registered exactly; [`FaultKind::InvalidRedirect`] |
//! | 403 | 10403 | Blocked Merchant | [`FaultKind::BlockedMerchant`] |
//!
//! `GET` [`VALIDATE_CLIENT_PATH`]`?client_id=…&redirect_uri=…` answers like the
//! field (docs/ups-errors.md): `{"result":"success","type":"ups_com_api",
//! "LassoRedirectURL":"https://www.ups.com/lasso/signin"}` when the client is
//! known and the redirect URI is registered byte for byte.
//! | 401 | 250002 | Invalid Authentication Information. | `whoami` with a bad access token |

pub mod browser;
pub mod config;
pub mod faults;
mod handlers;
mod locale;
pub mod requests;
mod service;
pub mod tls;

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::{Extension, Router};
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Notify};
use tokio::task::{JoinHandle, JoinSet};

pub use browser::{BrowserError, FakeBrowser};
pub use config::{
    ClientConfig, Lifetimes, SandboxConfig, UserConfig, DEMO_ACCOUNTS, DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_REDIRECT_URIS, DEMO_USER,
};
pub use faults::{Fault, FaultKind, FaultTarget};
pub use requests::{Endpoint, LoggedRequest};
pub use service::pkce_challenge;
pub use tls::PrivateCa;

/// UPS's authorize path (`GET`).
pub const AUTHORIZE_PATH: &str = "/security/v1/oauth/authorize";
/// UPS's token path (`POST`): authorization code and client credentials.
pub const TOKEN_PATH: &str = "/security/v1/oauth/token";
/// UPS's refresh path (`POST`).
pub const REFRESH_PATH: &str = "/security/v1/oauth/refresh";
/// UPS's pre-flight check of a client ID and redirect URI (`GET`).
pub const VALIDATE_CLIENT_PATH: &str = "/security/v1/oauth/validate-client";
/// The sandbox's sign-in page (`GET ?session=`, `POST` form).
pub const SIGN_IN_PATH: &str = "/security/v1/oauth/login";
/// Prefix of the sandbox's control endpoints (never logged, never faulted).
pub const CONTROL_PREFIX: &str = "/__sandbox";

/// State shared by the handlers and the handle.
pub(crate) struct Shared {
    service: Mutex<service::Service>,
    faults: Mutex<faults::Faults>,
    log: Mutex<Vec<LoggedRequest>>,
}

impl Shared {
    fn service(&self) -> MutexGuard<'_, service::Service> {
        lock(&self.service)
    }
    fn faults(&self) -> MutexGuard<'_, faults::Faults> {
        lock(&self.faults)
    }
    fn log(&self) -> MutexGuard<'_, Vec<LoggedRequest>> {
        lock(&self.log)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Lets a handler drop its connection without answering.
#[derive(Clone)]
pub(crate) struct ConnKill(Arc<Notify>);

/// Starts sandboxes.
pub struct Sandbox;

impl Sandbox {
    /// Binds `127.0.0.1:config.port` (0 = a free port) and serves on a tokio task
    /// until [`SandboxHandle::shutdown`] or the handle is dropped.
    pub async fn start(config: SandboxConfig) -> io::Result<SandboxHandle> {
        Self::start_with(config, None).await
    }

    /// [`Self::start`] over https with `ca`'s server certificate (for
    /// `localhost` and `127.0.0.1`); the base URL is then `https://localhost:PORT`.
    pub async fn start_tls(config: SandboxConfig, ca: PrivateCa) -> io::Result<SandboxHandle> {
        Self::start_with(config, Some(ca)).await
    }

    async fn start_with(config: SandboxConfig, ca: Option<PrivateCa>) -> io::Result<SandboxHandle> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            service: Mutex::new(service::Service::new(config)),
            faults: Mutex::default(),
            log: Mutex::default(),
        });
        let (stop, stopped) = oneshot::channel();
        let acceptor = ca.as_ref().map(|c| c.acceptor.clone());
        let task = tokio::spawn(serve(
            listener,
            handlers::router(shared.clone()),
            acceptor,
            stopped,
        ));
        Ok(SandboxHandle {
            addr,
            ca,
            shared,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

async fn serve(
    listener: TcpListener,
    app: Router,
    tls: Option<tokio_rustls::TlsAcceptor>,
    mut stopped: oneshot::Receiver<()>,
) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stopped => break,
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        log::warn!("ups-sandbox: accept failed: {e}");
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let kill = Arc::new(Notify::new());
                let svc = TowerToHyperService::new(app.clone().layer(Extension(ConnKill(kill.clone()))));
                let tls = tls.clone();
                conns.spawn(async move {
                    let http = hyper::server::conn::http1::Builder::new();
                    match tls {
                        None => {
                            let conn = http.serve_connection(TokioIo::new(stream), svc);
                            tokio::select! {
                                _ = conn => {}
                                () = kill.notified() => {}
                            }
                        }
                        Some(acceptor) => {
                            // A client that does not trust the CA ends the handshake here.
                            let Ok(stream) = acceptor.accept(stream).await else {
                                return;
                            };
                            let conn = http.serve_connection(TokioIo::new(stream), svc);
                            tokio::select! {
                                _ = conn => {}
                                () = kill.notified() => {}
                            }
                        }
                    }
                });
            }
        }
    }
    // Dropping `conns` aborts the open connections.
}

/// A running sandbox. Dropping it stops the server, like [`Self::shutdown`].
pub struct SandboxHandle {
    addr: SocketAddr,
    /// Set when serving https ([`Sandbox::start_tls`]).
    ca: Option<PrivateCa>,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl SandboxHandle {
    /// `http://127.0.0.1:PORT`, or `https://localhost:PORT` over https;
    /// without a trailing slash.
    pub fn base_url(&self) -> String {
        match self.ca {
            None => format!("http://{}", self.addr),
            Some(_) => format!("https://localhost:{}", self.addr.port()),
        }
    }

    /// The private CA's certificate (PEM) when serving https.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca.as_ref().map(|c| c.ca_pem.as_str())
    }

    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// A password change on UPS.com: revokes every refresh token, unspent code
    /// and access token of the user's sign-ins, and sets `new_password` if
    /// given. Returns `false` for an unknown user.
    pub fn change_password(&self, username: &str, new_password: Option<&str>) -> bool {
        self.shared
            .service()
            .change_password(username, new_password)
    }

    /// The client secret is regenerated on the developer portal: the old
    /// secret stops working at once (UPS then answers `10401 ClientId is
    /// Invalid`); refresh tokens and codes stay valid. `false` for an unknown client.
    pub fn regenerate_secret(&self, client_id: &str, new_secret: &str) -> bool {
        self.shared
            .service()
            .regenerate_secret(client_id, new_secret)
    }

    /// Makes every access token issued so far invalid (refresh tokens live on).
    pub fn expire_access_tokens(&self) {
        self.shared.service().expire_access_tokens();
    }

    /// Sets the lifetimes of tokens and codes issued from now on.
    pub fn set_lifetimes(&self, lifetimes: Lifetimes) {
        self.shared.service().set_lifetimes(lifetimes);
    }

    /// The current lifetimes.
    pub fn lifetimes(&self) -> Lifetimes {
        self.shared.service().lifetimes()
    }

    /// Adds a fault; faults are matched in the order they were added.
    pub fn inject(&self, fault: Fault) {
        self.shared.faults().push(fault);
    }

    /// Removes all faults.
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }

    /// The faults still active, with the uses they have left.
    pub fn faults(&self) -> Vec<Fault> {
        self.shared.faults().active()
    }

    /// Every request to a UPS path or the sign-in page so far, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.log().clone()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        self.shared.log().clear();
    }

    /// Stops accepting, closes open connections and waits for the server task.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl std::fmt::Debug for SandboxHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxHandle")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}
