//! The opt-in service: the one object the app shell and the CLI build, through
//! one constructor that takes every side effect ([`Effects`]: HTTP, browser,
//! clock, keychain, configuration folder). Tests replace any of them.
//!
//! One file per use case: [`browser_login`] (opt in with UPS.com: authorization
//! code + PKCE), [`client_credentials`] (client ID and secret only), and
//! [`connections`] (status, tokens, renewal, removal).

mod browser_login;
mod client_credentials;
mod connections;
mod network;
mod recovery;
mod update_secret;

pub use browser_login::{BrowserRequest, Completion};
pub use client_credentials::ClientCredentialsRequest;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;
use tokio::task::AbortHandle;

use crate::browser::{Browser, SystemBrowser};
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};
use crate::login::{PendingInfo, PendingLogins};
use crate::network::NetworkSource;
use crate::secret::Secret;
use crate::status::ConnectionStatus;
use crate::store::{ConnectionRecord, Store};
use crate::tokens::{TokenManager, TokenPolicy};
use crate::ups::http::{HttpTransport, ReqwestTransport};
use crate::ups::{TokenSet, UpsClient};
use crate::vault::keychain::KeychainStore;
use crate::vault::{SecretKind, SecretStore, Vault, VaultKey};

/// Every side effect the core has.
pub struct Effects {
    pub http: Arc<dyn HttpTransport>,
    pub browser: Arc<dyn Browser>,
    pub clock: Arc<dyn Clock>,
    pub secrets: Arc<dyn SecretStore>,
    /// Where `connections.json` and the lock files live.
    pub config_dir: PathBuf,
}

impl Effects {
    /// The real ones: reqwest, the system browser, the system clock, the OS
    /// keychain, and [`default_config_dir`].
    pub fn system() -> Result<Self> {
        Ok(Self::system_with_transport()?.0)
    }

    /// [`Effects::system`], with a clone of its HTTP transport (the app keeps
    /// it to build the client ahead of use). The transport reads the proxy
    /// setting and the proxy login from this configuration folder and keychain.
    pub fn system_with_transport() -> Result<(Self, ReqwestTransport)> {
        let config_dir = default_config_dir()?;
        let secrets: Arc<dyn SecretStore> = Arc::new(KeychainStore::new());
        #[cfg(feature = "test-faults")]
        let secrets = crate::vault::refusing::from_env(secrets);
        let http = ReqwestTransport::new()?
            .with_network(NetworkSource::new(&config_dir, Arc::clone(&secrets)));
        let effects = Effects {
            http: Arc::new(http.clone()),
            browser: Arc::new(SystemBrowser),
            clock: Arc::new(SystemClock),
            secrets,
            config_dir,
        };
        Ok((effects, http))
    }
}

/// `$UPS_OPTIN_CONFIG_DIR`, else the OS config directory + `ups-optin`.
pub fn default_config_dir() -> Result<PathBuf> {
    if let Some(d) = std::env::var_os("UPS_OPTIN_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d));
    }
    dirs::config_dir()
        .map(|d| d.join("ups-optin"))
        .ok_or_else(|| Error::configuration("This system has no configuration folder. Set UPS_OPTIN_CONFIG_DIR to a folder the wizard may write to.").because("no-config-dir"))
}

/// What happens in the background, for the app shell (and the CLI) to follow.
#[derive(Debug, Clone)]
pub enum CoreEvent {
    /// A callback was accepted; the code is being exchanged.
    Exchanging { login_id: String },
    /// The login finished and the connection is saved.
    Completed {
        login_id: String,
        status: Box<ConnectionStatus>,
    },
    /// The login is over with this error (declined, exchange failed, expired,
    /// cancelled, timed out). A refused callback is not an event: the login
    /// still waits, and only the one who handed the callback over is told.
    Failed { login_id: String, error: Error },
    /// Connections changed (saved, refreshed, removed, marked).
    ConnectionsChanged,
}

/// The started login, and notices about the input (e.g. trimmed spaces).
#[derive(Debug, Clone)]
pub struct Started {
    pub info: PendingInfo,
    pub notices: Vec<String>,
}

struct Inner {
    ups: UpsClient,
    vault: Vault,
    store: Store,
    clock: Arc<dyn Clock>,
    browser: Arc<dyn Browser>,
    tokens: TokenManager,
    pending: PendingLogins,
    listeners: Mutex<HashMap<String, AbortHandle>>,
    events: broadcast::Sender<CoreEvent>,
}

/// The opt-in service. Cheap to clone.
#[derive(Clone)]
pub struct OptIn {
    inner: Arc<Inner>,
}

impl OptIn {
    pub fn new(effects: Effects) -> Self {
        Self::with_policy(effects, TokenPolicy::default())
    }

    pub fn with_policy(effects: Effects, policy: TokenPolicy) -> Self {
        let ups = UpsClient::with_rate_limit(effects.http, policy.rate_limit)
            .with_clock(Arc::clone(&effects.clock));
        let store = Store::with_keychain(effects.config_dir, Arc::clone(&effects.secrets));
        let vault = Vault::new(effects.secrets);
        let tokens = TokenManager::new(
            ups.clone(),
            vault.clone(),
            store.clone(),
            Arc::clone(&effects.clock),
            policy,
        );
        let (events, _) = broadcast::channel(64);
        OptIn {
            inner: Arc::new(Inner {
                ups,
                vault,
                store,
                clock: effects.clock,
                browser: effects.browser,
                tokens,
                pending: PendingLogins::default(),
                listeners: Mutex::new(HashMap::new()),
                events,
            }),
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<CoreEvent> {
        self.inner.events.subscribe()
    }

    fn emit(&self, e: CoreEvent) {
        let _ = self.inner.events.send(e);
    }

    /// The time on the service's clock: login expiry, the loopback listener's
    /// deadline and token expiry are all read against it, and so is the CLI's
    /// countdown.
    pub fn now(&self) -> time::OffsetDateTime {
        self.inner.clock.now()
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn keychain_backend(&self) -> &'static str {
        self.inner.vault.backend()
    }

    /// Whether the keychain can be used now; the error says how to fix it.
    /// Checks a login's client ID, shipper accounts and label the way both
    /// opt-in use cases will ([`crate::input::login_fields`]), so a front end
    /// that asks for the secret afterwards (the CLI) can refuse bad input first.
    pub fn check_login_fields(
        &self,
        client_id: &str,
        accounts: &[String],
        label: &str,
    ) -> Result<()> {
        crate::input::login_fields(client_id, accounts, label).map(drop)
    }

    pub async fn keychain_health(&self) -> Result<()> {
        self.inner.vault.health().await
    }

    /// Saves a connection just opted in: its secrets in the keychain (the
    /// client secret, the refresh token when there is one, the access token),
    /// then its record, keeping the first `created_at` when the same connection
    /// is opted in again. The one place both opt-in methods save.
    async fn save_connection(
        &self,
        mut record: ConnectionRecord,
        client_secret: &Secret,
        tokens: &TokenSet,
    ) -> Result<ConnectionStatus> {
        // Under the connection's locks: a refresh of the old opt-in in flight
        // (in any process) finishes first, and one that waits re-reads the
        // new record and refresh token after this.
        let _lock = self.inner.tokens.lock_connection(&record.id).await?;
        let env = &record.environment;
        let client_id = &record.client_id;
        let v = &self.inner.vault;
        v.set(
            &VaultKey::new(env, client_id, SecretKind::ClientSecret),
            client_secret,
        )
        .await?;
        if let Some(rt) = &tokens.refresh_token {
            v.set(&VaultKey::new(env, client_id, SecretKind::RefreshToken), rt)
                .await?;
        }
        v.set(
            &VaultKey::new(env, client_id, SecretKind::AccessToken),
            &tokens.access_token,
        )
        .await?;
        let id = record.id.clone();
        self.inner.store.update(|all| {
            match all.iter_mut().find(|c| c.id == id) {
                Some(slot) => {
                    record.created_at = slot.created_at;
                    *slot = record;
                }
                None => all.push(record),
            }
            Ok(())
        })?;
        self.inner.tokens.forget(&id);
        self.emit(CoreEvent::ConnectionsChanged);
        self.status(&id)
    }
}
