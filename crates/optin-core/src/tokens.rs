//! The token manager: a valid access token on demand, refreshing within a skew
//! window before expiry, never losing a rotated refresh token.
//!
//! UPS refresh tokens are single use and rotate (OAuthAuthCode.yaml, `/refresh`).
//! So, per connection:
//! 1. one refresh at a time — an async mutex within the process and a file
//!    lock across processes ([`crate::lock`]);
//! 2. after taking the locks, re-read the record and the refresh token: another
//!    process may have refreshed already, and then its fresh access token is used;
//! 3. the rotated refresh token is written to the keychain (one write that
//!    replaces the spent one) before anything else and before the call returns;
//! 4. if that write fails, the new token stays in memory and a durable mark
//!    goes into `connections.json` under the lock
//!    ([`ConnectionRecord::unsaved_rotation`]): every other process then
//!    refuses to send the spent copy the keychain still holds
//!    ([`Error::RotationNotSaved`], a keychain problem, not a new opt-in), and
//!    `ups-optin check` reports it from any process. The save is retried under
//!    the lock for [`TokenPolicy::save_patience`] (the CLI waits seconds, as
//!    its process ends with the command), then, in a long-lived process,
//!    by [`TokenManager::retry_unsaved`] (both locks, re-reading the mark
//!    first, so an old token never lands over a newer one); the token is
//!    never dropped while the process lives.
//!
//! A refresh failure is classified by its cause ([`crate::ups::classify`]): a
//! spent or unknown refresh token marks the connection "re-opt-in needed" (a
//! UPS.com password change does that); `10401 ClientId is Invalid` is
//! "credentials rejected" (a regenerated client secret: replace it with
//! [`TokenManager::replace_client_secret`], no new opt-in); an answer from
//! something other than UPS is "unreachable" and spends nothing.
//! Lifetimes come from `expires_in` / `refresh_token_expires_in`; an answer
//! without a usable `expires_in` gets [`CONSERVATIVE_LIFETIME`], so that it
//! does not cause a refresh on every call.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::lock;
use crate::secret::Secret;
use crate::store::{ConnectionRecord, Method, Store};
use crate::ups::{ClientCredentials, RateLimitRetry, TokenSet, UpsClient, CONSERVATIVE_LIFETIME};
use crate::vault::{SecretKind, Vault, VaultKey};

/// Tunables of the token manager (and of the UPS client the service builds).
#[derive(Debug, Clone)]
pub struct TokenPolicy {
    /// Refresh this long before the access token expires.
    pub skew: Duration,
    /// How long to wait for another process's refresh.
    pub lock_wait: Duration,
    /// Attempts at saving a rotated refresh token before reporting failure.
    pub save_attempts: u32,
    /// After those attempts failed, keep trying (under the lock, with
    /// backoff) this long before reporting. Zero in the app, which holds the
    /// token and retries in the background; seconds in the CLI, whose process
    /// (and the token it holds) ends with the command.
    pub save_patience: Duration,
    /// What the UPS client does on HTTP 429 (default: up to 2 bounded retries).
    pub rate_limit: RateLimitRetry,
}

impl TokenPolicy {
    /// For a process that ends with its command (the CLI): a rotated refresh
    /// token the keychain refuses is retried for ten seconds under the lock,
    /// since it is lost when the process exits.
    pub fn command_line() -> Self {
        TokenPolicy {
            save_patience: Duration::from_secs(10),
            ..TokenPolicy::default()
        }
    }
}

impl Default for TokenPolicy {
    fn default() -> Self {
        TokenPolicy {
            skew: Duration::from_secs(120),
            lock_wait: Duration::from_secs(30),
            save_attempts: 3,
            save_patience: Duration::ZERO,
            rate_limit: RateLimitRetry::default(),
        }
    }
}

pub struct TokenManager {
    ups: UpsClient,
    vault: Vault,
    store: Store,
    clock: Arc<dyn Clock>,
    policy: TokenPolicy,
    local_locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Rotated refresh tokens the keychain refused, by connection ID.
    unsaved: Mutex<HashMap<String, Held>>,
}

/// A connection's locks, held until dropped ([`TokenManager::lock_connection`]).
pub struct ConnectionLock {
    _file: lock::RefreshLock,
    _local: tokio::sync::OwnedMutexGuard<()>,
}

/// A rotated refresh token the keychain refused, and the mark it left in
/// the connection's record ([`ConnectionRecord::unsaved_rotation`]).
#[derive(Clone)]
struct Held {
    token: Secret,
    rotation: String,
}

/// A new access token, and whether the rotated refresh token that came with
/// it is still unsaved (`Some`: the error saying so; the access token is
/// valid all the same).
#[derive(Debug)]
pub struct Renewed {
    pub token: Secret,
    pub unsaved: Option<Error>,
}

impl Renewed {
    fn saved(token: Secret) -> Self {
        Renewed {
            token,
            unsaved: None,
        }
    }

    /// The token, or the error when the rotation is unsaved.
    pub fn into_result(self) -> Result<Secret> {
        match self.unsaved {
            None => Ok(self.token),
            Some(e) => Err(e),
        }
    }
}

fn key(r: &ConnectionRecord, kind: SecretKind) -> VaultKey {
    VaultKey::new(&r.environment, &r.client_id, kind)
}

impl TokenManager {
    pub fn new(
        ups: UpsClient,
        vault: Vault,
        store: Store,
        clock: Arc<dyn Clock>,
        policy: TokenPolicy,
    ) -> Self {
        TokenManager {
            ups,
            vault,
            store,
            clock,
            policy,
            local_locks: Mutex::new(HashMap::new()),
            unsaved: Mutex::new(HashMap::new()),
        }
    }

    /// Both locks of a connection (in-process, then the file lock across
    /// processes), for anything else that writes its keychain entries or
    /// replaces its record: Remove and a new opt-in. So they never interleave
    /// with a refresh (which would re-create tokens after Remove, or put the
    /// old family's refresh token over the new opt-in's), and two writers of
    /// one chunked entry never pick the same generation.
    pub async fn lock_connection(&self, id: &str) -> Result<ConnectionLock> {
        let local = self.local_lock(id).lock_owned().await;
        let file = lock::acquire(self.store.dir(), id, self.policy.lock_wait).await?;
        Ok(ConnectionLock {
            _file: file,
            _local: local,
        })
    }

    fn local_lock(&self, id: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut m = self.local_locks.lock().unwrap_or_else(|p| p.into_inner());
        Arc::clone(m.entry(id.to_string()).or_default())
    }

    fn unsaved_map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Held>> {
        self.unsaved.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether a rotated token for `id` waits in memory for the keychain.
    pub fn has_unsaved(&self, id: &str) -> bool {
        self.unsaved_map().contains_key(id)
    }

    /// Drops what is held in memory for a connection (after remove or a new opt-in).
    pub fn forget(&self, id: &str) {
        self.unsaved_map().remove(id);
    }

    pub async fn client_credentials_of(&self, r: &ConnectionRecord) -> Result<ClientCredentials> {
        let secret = self
            .vault
            .get(&key(r, SecretKind::ClientSecret))
            .await?
            .ok_or(Error::NotConnected("client secret"))?;
        Ok(ClientCredentials {
            client_id: r.client_id.clone(),
            client_secret: secret,
        })
    }

    /// The stored access token if it is valid beyond the skew window.
    async fn valid_access_token(&self, r: &ConnectionRecord) -> Result<Option<Secret>> {
        let Some(exp) = r.access_token_expires_at else {
            return Ok(None);
        };
        if exp - self.clock.now() <= self.policy.skew {
            return Ok(None);
        }
        self.vault.get(&key(r, SecretKind::AccessToken)).await
    }

    /// A valid access token for the connection, refreshing (or, for client
    /// credentials, requesting a new one) when it expires within the skew window.
    pub async fn access_token(&self, id: &str) -> Result<Secret> {
        self.access_token_renewed(id).await?.into_result()
    }

    /// [`Self::access_token`], keeping the access token when the rotated
    /// refresh token could not be saved (the CLI prints it either way).
    pub async fn access_token_renewed(&self, id: &str) -> Result<Renewed> {
        let r = self.store.get(id)?;
        if r.reopt_needed {
            return Err(reopt_error(&r));
        }
        if let Some(t) = self.valid_access_token(&r).await? {
            return Ok(Renewed::saved(t));
        }
        self.renew(id, Renew::IfDue).await
    }

    /// Refreshes now, whatever the expiry, and returns the new access token.
    pub async fn refresh(&self, id: &str) -> Result<Secret> {
        self.refresh_renewed(id).await?.into_result()
    }

    /// [`Self::refresh`], keeping the access token when the rotated refresh
    /// token could not be saved.
    pub async fn refresh_renewed(&self, id: &str) -> Result<Renewed> {
        self.renew(id, Renew::Always).await
    }

    /// Refreshes unless a refresh happened after `since` (in this or
    /// another process: checked under the lock), so a background probe never
    /// adds a refresh right after someone else's. Returns whether UPS was called.
    pub async fn probe(&self, id: &str, since: time::OffsetDateTime) -> Result<bool> {
        let before = self.store.get(id)?.last_refresh_at;
        self.renew(id, Renew::IfNotSince(since))
            .await?
            .into_result()?;
        Ok(self.store.get(id)?.last_refresh_at != before)
    }

    /// How long before expiry an access token is renewed.
    pub fn skew(&self) -> Duration {
        self.policy.skew
    }

    async fn renew(&self, id: &str, mode: Renew) -> Result<Renewed> {
        let local = self.local_lock(id);
        let _local = local.lock().await;
        let _file = lock::acquire(self.store.dir(), id, self.policy.lock_wait).await?;
        // Re-read under the lock: another process may have refreshed meanwhile.
        let r = self.store.get(id)?;
        if r.reopt_needed {
            return Err(reopt_error(&r));
        }
        let reuse = match mode {
            Renew::IfDue => true,
            Renew::Always => false,
            Renew::IfNotSince(since) => r.last_refresh_at.is_some_and(|t| t > since),
        };
        if reuse {
            if let Some(t) = self.valid_access_token(&r).await? {
                return Ok(Renewed::saved(t));
            }
        }
        let creds = match self.client_credentials_of(&r).await {
            Ok(c) => c,
            Err(e) => return Err(self.record_failure(&r, e)),
        };
        match r.method {
            Method::Browser => self.refresh_locked(&r, &creds).await,
            Method::ClientCredentials => {
                let set = match self
                    .ups
                    .renew_client_credentials(&r.environment, &creds)
                    .await
                {
                    Ok(s) => s,
                    Err(e) => return Err(self.record_failure(&r, e)),
                };
                let access_saved = self.save_access(&r, &set).await;
                self.store.modify(&r.id, |rec| {
                    let now = self.clock.now();
                    rec.access_token_expires_at =
                        access_saved.then(|| now + set.expires_in.unwrap_or(CONSERVATIVE_LIFETIME));
                    rec.last_refresh_at = Some(now);
                    rec.last_error = None;
                    rec.connected = true;
                })?;
                Ok(Renewed::saved(set.access_token))
            }
        }
    }

    async fn refresh_locked(
        &self,
        r: &ConnectionRecord,
        creds: &ClientCredentials,
    ) -> Result<Renewed> {
        self.refresh_with(r, creds, true).await
    }

    /// Spends the refresh token with `creds`. `record`: whether a refusal is
    /// written to the connection (not when a new secret is being tried).
    async fn refresh_with(
        &self,
        r: &ConnectionRecord,
        creds: &ClientCredentials,
        record: bool,
    ) -> Result<Renewed> {
        let held = self.unsaved_map().get(&r.id).cloned();
        let held = match (held, r.unsaved_rotation.as_deref()) {
            // The token this process holds, and the mark it left: spend it.
            (Some(h), Some(mark)) if h.rotation == mark => Some(h.token),
            // Marked by another process (or by this one for an older token):
            // the keychain's copy is spent, and the live token is elsewhere.
            (_, Some(_)) => {
                self.forget(&r.id);
                return Err(Error::RotationNotSaved);
            }
            // Held but no longer marked: a new opt-in (in another process)
            // replaced the connection; the keychain has the live token.
            (Some(_), None) => {
                self.forget(&r.id);
                None
            }
            (None, None) => None,
        };
        let refresh_token = match held {
            Some(t) => t,
            None => match self.vault.get(&key(r, SecretKind::RefreshToken)).await {
                Ok(Some(t)) => t,
                Ok(None) => {
                    let e = Error::NotConnected("refresh token");
                    let _ = self.store.modify(&r.id, |rec| {
                        rec.connected = false;
                        rec.set_error(&e, self.clock.now());
                    });
                    return Err(e);
                }
                Err(e) => return Err(self.record_failure(r, e)),
            },
        };
        let answer = match self
            .ups
            .refresh(&r.environment, creds, &refresh_token)
            .await
        {
            Ok(a) => a,
            Err(e) if record => return Err(self.record_failure(r, e)),
            Err(e) => return Err(e),
        };
        drop(refresh_token);
        let now = self.clock.now();
        // UPS spent the old token when it answered 200: the rotated one goes to
        // the keychain first, before any other field of the answer is looked at.
        let saved = match &answer.refresh_token {
            Some(rotated) => self.save_rotated(r, rotated).await,
            None => Ok(()),
        };
        if !answer.problems.is_empty() {
            log::warn!(
                "connection {}: UPS's refresh answer was odd ({}); {}",
                r.id,
                answer.problems.join("; "),
                if answer.refresh_token.is_some() {
                    "the rotated refresh token was saved first"
                } else {
                    "the stored refresh token is kept"
                }
            );
        }
        let not_saved = saved
            .as_ref()
            .err()
            .map(|e| Error::TokenNotSaved(e.to_string()));
        let Some(access_token) = answer.access_token else {
            let e = not_saved.unwrap_or(Error::UpsBadResponse {
                status: 200,
                what: "a refresh answer without an access token (the rotated refresh token was kept; the next request refreshes again)".into(),
                kind: "no-access-token",
            });
            return Err(self.record_failure(r, e));
        };
        let lifetime = answer.expires_in.unwrap_or_else(|| {
            log::warn!(
                "connection {}: UPS stated no usable access-token lifetime; assuming {} s",
                r.id,
                CONSERVATIVE_LIFETIME.as_secs()
            );
            CONSERVATIVE_LIFETIME
        });
        let access_saved = self.save_access_token(r, &access_token).await;
        self.store.modify(&r.id, |rec| {
            // No expiry when the keychain kept the old access token: it must not be handed out.
            rec.access_token_expires_at = access_saved.then_some(now + lifetime);
            if let Some(d) = answer.refresh_expires_in {
                rec.refresh_token_expires_at = Some(now + d);
            }
            rec.last_refresh_at = Some(now);
            rec.reopt_needed = false;
            rec.connected = true;
            rec.last_error = None;
            if let Some(e) = &not_saved {
                rec.set_error(e, now);
            }
        })?;
        if let Some(e) = &not_saved {
            log::error!("connection {}: {e}", r.id);
        }
        Ok(Renewed {
            token: access_token,
            unsaved: not_saved,
        })
    }

    /// Saves a rotated refresh token (UPS already spent the old one). When the
    /// keychain refuses: the token is held in memory and the record marked
    /// (the caller holds the connection's locks), then the save is retried
    /// for [`TokenPolicy::save_patience`]. On success the mark is cleared.
    async fn save_rotated(&self, r: &ConnectionRecord, rotated: &Secret) -> Result<()> {
        let mut last = match self.save_refresh_token(r, rotated).await {
            Ok(()) => return self.rotation_saved(&r.id, r.unsaved_rotation.is_some()),
            Err(e) => e,
        };
        let rotation = format!("{:016x}", rand::random::<u64>());
        self.unsaved_map().insert(
            r.id.clone(),
            Held {
                token: rotated.clone(),
                rotation: rotation.clone(),
            },
        );
        if let Err(e) = self
            .store
            .modify(&r.id, |rec| rec.unsaved_rotation = Some(rotation.clone()))
        {
            log::error!(
                "connection {}: the rotated refresh token is not saved and that could not be recorded: {e}",
                r.id
            );
        }
        let deadline = tokio::time::Instant::now() + self.policy.save_patience;
        let mut wait = Duration::from_millis(250);
        while tokio::time::Instant::now() < deadline {
            tokio::time::sleep(wait.min(deadline - tokio::time::Instant::now())).await;
            wait = (wait * 2).min(Duration::from_secs(2));
            match self
                .vault
                .set(&key(r, SecretKind::RefreshToken), rotated)
                .await
            {
                Ok(()) => {
                    log::info!(
                        "connection {}: the rotated refresh token is saved after all",
                        r.id
                    );
                    return self.rotation_saved(&r.id, true);
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    /// The rotated token is in the keychain: nothing held, and no mark
    /// (`marked`: whether the record may carry one).
    fn rotation_saved(&self, id: &str, marked: bool) -> Result<()> {
        self.forget(id);
        if marked {
            self.store.modify(id, |rec| rec.unsaved_rotation = None)?;
        }
        Ok(())
    }

    /// Replaces a connection's client secret with `secret`, once UPS accepted
    /// it: a refresh with it (browser opt-ins) or a token request with it
    /// (client credentials). A refused secret changes nothing and is reported
    /// as [`Error::NewSecretRefused`]. On success the secret is stored, the
    /// refresh token and accounts are kept, and the connection is Connected.
    pub async fn replace_client_secret(&self, id: &str, secret: Secret) -> Result<()> {
        let local = self.local_lock(id);
        let _local = local.lock().await;
        let _file = lock::acquire(self.store.dir(), id, self.policy.lock_wait).await?;
        let r = self.store.get(id)?;
        let creds = ClientCredentials {
            client_id: r.client_id.clone(),
            client_secret: secret,
        };
        let refused = |e: Error| match e {
            Error::CredentialsRejected {
                status,
                ups_code,
                ups_message,
            } => Error::NewSecretRefused {
                status,
                ups_code,
                ups_message,
            },
            other => other,
        };
        match r.method {
            Method::Browser => {
                if r.reopt_needed {
                    return Err(reopt_error(&r));
                }
                // The refresh spends the old token only when UPS accepts the secret.
                // An unsaved rotation is reported by the token manager; the
                // secret was accepted all the same.
                if let Err(e) = self.refresh_with(&r, &creds, false).await {
                    return Err(refused(e));
                }
            }
            Method::ClientCredentials => {
                let set = self
                    .ups
                    .renew_client_credentials(&r.environment, &creds)
                    .await
                    .map_err(refused)?;
                let access_saved = self.save_access_token(&r, &set.access_token).await;
                let now = self.clock.now();
                self.store.modify(&r.id, |rec| {
                    rec.access_token_expires_at =
                        access_saved.then(|| now + set.expires_in.unwrap_or(CONSERVATIVE_LIFETIME));
                    rec.last_refresh_at = Some(now);
                    rec.connected = true;
                })?;
            }
        }
        self.vault
            .set(&key(&r, SecretKind::ClientSecret), &creds.client_secret)
            .await?;
        self.store.modify(&r.id, |rec| {
            if rec
                .last_error
                .as_ref()
                .is_some_and(|e| e.code == crate::ErrorCode::CredentialsRejected)
            {
                rec.last_error = None;
            }
            rec.connected = true;
        })?;
        log::info!("connection {id}: the new client secret was accepted by UPS and stored");
        Ok(())
    }

    async fn save_refresh_token(&self, r: &ConnectionRecord, token: &Secret) -> Result<()> {
        let mut last = None;
        for attempt in 0..self.policy.save_attempts.max(1) {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(100 * 4u64.pow(attempt - 1))).await;
            }
            match self
                .vault
                .set(&key(r, SecretKind::RefreshToken), token)
                .await
            {
                Ok(()) => return Ok(()),
                Err(e) => {
                    log::warn!(
                        "connection {}: saving the rotated refresh token failed (attempt {}): {e}",
                        r.id,
                        attempt + 1
                    );
                    last = Some(e);
                }
            }
        }
        Err(last.unwrap_or_else(|| Error::Keychain("no attempt was made".into())))
    }

    /// Stores an access token; a failure only costs an extra refresh later
    /// (the caller then records no access-token expiry). Returns whether it was stored.
    async fn save_access(&self, r: &ConnectionRecord, set: &TokenSet) -> bool {
        self.save_access_token(r, &set.access_token).await
    }

    async fn save_access_token(&self, r: &ConnectionRecord, token: &Secret) -> bool {
        match self
            .vault
            .set(&key(r, SecretKind::AccessToken), token)
            .await
        {
            Ok(()) => true,
            Err(e) => {
                log::warn!("connection {}: the access token could not be stored ({e}); it will be requested again when needed", r.id);
                false
            }
        }
    }

    fn record_failure(&self, r: &ConnectionRecord, e: Error) -> Error {
        let now = self.clock.now();
        let reopt = matches!(e, Error::ReoptNeeded { .. });
        let res = self.store.modify(&r.id, |rec| {
            rec.set_error(&e, now);
            if reopt {
                rec.reopt_needed = true;
            }
        });
        if let Err(store_err) = res {
            log::warn!(
                "connection {}: the error could not be recorded: {store_err}",
                r.id
            );
        }
        e
    }

    /// Retries saving every rotated refresh token held in memory, each under
    /// the connection's locks (in-process and file), re-reading the record
    /// first: a token whose mark is gone or names another rotation was
    /// superseded (a newer token saved, a new opt-in, a removal) and is
    /// dropped, never written over the newer one. Returns the IDs whose
    /// token is now in the keychain.
    pub async fn retry_unsaved(&self) -> Vec<String> {
        let pending: Vec<String> = self.unsaved_map().keys().cloned().collect();
        let mut saved = Vec::new();
        for id in pending {
            let local = self.local_lock(&id);
            let _local = local.lock().await;
            let _file = match lock::acquire(self.store.dir(), &id, self.policy.lock_wait).await {
                Ok(f) => f,
                Err(e) => {
                    log::warn!("connection {id}: saving the held token waits: {e}");
                    continue;
                }
            };
            let Some(held) = self.unsaved_map().get(&id).cloned() else {
                continue;
            };
            let r = match self.store.get(&id) {
                Ok(r) if r.unsaved_rotation.as_deref() == Some(held.rotation.as_str()) => r,
                Ok(_) | Err(Error::ConnectionNotFound(_)) => {
                    log::info!("connection {id}: the held refresh token was superseded; dropped");
                    self.forget(&id);
                    continue;
                }
                Err(e) => {
                    log::warn!("connection {id}: saving the held token waits: {e}");
                    continue;
                }
            };
            if self
                .vault
                .set(&key(&r, SecretKind::RefreshToken), &held.token)
                .await
                .is_ok()
            {
                self.forget(&id);
                let _ = self.store.modify(&id, |rec| {
                    rec.unsaved_rotation = None;
                    if rec
                        .last_error
                        .as_ref()
                        .is_some_and(|e| e.code == crate::ErrorCode::TokenNotSaved)
                    {
                        rec.last_error = None;
                    }
                });
                log::info!(
                    "connection {id}: the rotated refresh token is now saved in the keychain"
                );
                saved.push(id);
            }
        }
        saved
    }
}

/// When [`TokenManager::renew`] may hand out the stored access token instead of calling UPS.
#[derive(Debug, Clone, Copy)]
enum Renew {
    /// While it is valid beyond the skew window.
    IfDue,
    /// Never: always call UPS.
    Always,
    /// While it is valid and the last refresh happened after this instant.
    IfNotSince(time::OffsetDateTime),
}

fn reopt_error(r: &ConnectionRecord) -> Error {
    Error::ReoptNeeded {
        ups_message: r
            .last_error
            .as_ref()
            .filter(|e| e.code == crate::ErrorCode::ReoptNeeded)
            .map(|_| "the refresh token was refused".to_string())
            .unwrap_or_else(|| "the refresh token is no longer valid".to_string()),
    }
}
