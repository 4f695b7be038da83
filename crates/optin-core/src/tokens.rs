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
//! 4. if that write fails, the new token stays in memory, the error is
//!    reported, the connection shows "token not saved", and saving is retried
//!    ([`TokenManager::retry_unsaved`]) — it is never dropped while the process lives.
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
    /// What the UPS client does on HTTP 429 (default: up to 2 bounded retries).
    pub rate_limit: RateLimitRetry,
}

impl Default for TokenPolicy {
    fn default() -> Self {
        TokenPolicy {
            skew: Duration::from_secs(120),
            lock_wait: Duration::from_secs(30),
            save_attempts: 3,
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
    unsaved: Mutex<HashMap<String, Secret>>,
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

    fn local_lock(&self, id: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut m = self.local_locks.lock().unwrap_or_else(|p| p.into_inner());
        Arc::clone(m.entry(id.to_string()).or_default())
    }

    fn unsaved_map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
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
        let r = self.store.get(id)?;
        if r.reopt_needed {
            return Err(reopt_error(&r));
        }
        if let Some(t) = self.valid_access_token(&r).await? {
            return Ok(t);
        }
        self.renew(id, Renew::IfDue).await
    }

    /// Refreshes now, whatever the expiry, and returns the new access token.
    pub async fn refresh(&self, id: &str) -> Result<Secret> {
        self.renew(id, Renew::Always).await
    }

    /// Refreshes unless a refresh happened after `since` (in this or
    /// another process: checked under the lock), so a background probe never
    /// adds a refresh right after someone else's. Returns whether UPS was called.
    pub async fn probe(&self, id: &str, since: time::OffsetDateTime) -> Result<bool> {
        let before = self.store.get(id)?.last_refresh_at;
        self.renew(id, Renew::IfNotSince(since)).await?;
        Ok(self.store.get(id)?.last_refresh_at != before)
    }

    /// How long before expiry an access token is renewed.
    pub fn skew(&self) -> Duration {
        self.policy.skew
    }

    async fn renew(&self, id: &str, mode: Renew) -> Result<Secret> {
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
                return Ok(t);
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
                Ok(set.access_token)
            }
        }
    }

    async fn refresh_locked(
        &self,
        r: &ConnectionRecord,
        creds: &ClientCredentials,
    ) -> Result<Secret> {
        self.refresh_with(r, creds, true).await
    }

    /// Spends the refresh token with `creds`. `record`: whether a refusal is
    /// written to the connection (not when a new secret is being tried).
    async fn refresh_with(
        &self,
        r: &ConnectionRecord,
        creds: &ClientCredentials,
        record: bool,
    ) -> Result<Secret> {
        let held = self.unsaved_map().get(&r.id).cloned();
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
            Some(rotated) => {
                let saved = self.save_refresh_token(r, rotated).await;
                match &saved {
                    Ok(()) => self.forget(&r.id),
                    Err(_) => {
                        self.unsaved_map().insert(r.id.clone(), rotated.clone());
                    }
                }
                saved
            }
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
        match not_saved {
            Some(e) => {
                log::error!("connection {}: {e}", r.id);
                Err(e)
            }
            None => Ok(access_token),
        }
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
                let result = self.refresh_with(&r, &creds, false).await;
                match result {
                    Ok(_) | Err(Error::TokenNotSaved(_)) => {}
                    Err(e) => return Err(refused(e)),
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

    /// Retries saving every rotated refresh token held in memory. Returns the
    /// IDs whose token is now in the keychain.
    pub async fn retry_unsaved(&self) -> Vec<String> {
        let pending: Vec<(String, Secret)> = self
            .unsaved_map()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut saved = Vec::new();
        for (id, token) in pending {
            let Ok(r) = self.store.get(&id) else {
                self.forget(&id);
                continue;
            };
            if self
                .vault
                .set(&key(&r, SecretKind::RefreshToken), &token)
                .await
                .is_ok()
            {
                // Only forget it if no newer token replaced it meanwhile.
                let mut m = self.unsaved_map();
                if m.get(&id) == Some(&token) {
                    m.remove(&id);
                }
                drop(m);
                let _ = self.store.modify(&id, |rec| {
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
