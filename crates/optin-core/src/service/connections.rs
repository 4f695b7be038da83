//! The connections once opted in: status, tokens on demand, refresh, test,
//! background renewal and removal.

use super::{CoreEvent, OptIn};
use crate::environment::Environment;
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::status::{status_of, ConnectionStatus};
use crate::store::{ConnectionRecord, Method};
use crate::tokens::Renewed;

impl OptIn {
    // ---- status -------------------------------------------------------------

    pub fn statuses(&self) -> Result<Vec<ConnectionStatus>> {
        let now = self.inner.clock.now();
        let records = self.inner.store.load()?;
        let recoveries = self.pending_recoveries();
        Ok(records
            .iter()
            .map(|r| self.status_with(r, now, &recoveries))
            .collect())
    }

    pub fn status(&self, id: &str) -> Result<ConnectionStatus> {
        let r = self.inner.store.get(id)?;
        Ok(self.status_with(&r, self.inner.clock.now(), &self.pending_recoveries()))
    }

    fn status_with(
        &self,
        r: &ConnectionRecord,
        now: time::OffsetDateTime,
        recoveries: &[crate::recovery::RecoveryEvent],
    ) -> ConnectionStatus {
        let mut s = status_of(r, now, self.token_unsaved(r));
        s.view.recovered = crate::recovery::is_rebuilt(recoveries, &r.id);
        s
    }

    fn pending_recoveries(&self) -> Vec<crate::recovery::RecoveryEvent> {
        crate::recovery::pending(self.inner.store.dir()).unwrap_or_else(|e| {
            log::warn!("{e}");
            Vec::new()
        })
    }

    /// Whether a rotated refresh token of this connection is not in the
    /// keychain: held by this process, or marked by any process.
    fn token_unsaved(&self, r: &ConnectionRecord) -> bool {
        self.inner.tokens.has_unsaved(&r.id) || r.unsaved_rotation.is_some()
    }

    /// Whether this process holds a rotated refresh token the keychain
    /// refused (the app warns before quitting then: it would be lost).
    pub fn holds_unsaved(&self) -> bool {
        self.inner
            .store
            .load()
            .map(|all| all.iter().any(|r| self.inner.tokens.has_unsaved(&r.id)))
            .unwrap_or(false)
    }

    // ---- tokens -------------------------------------------------------------------

    /// A valid access token (refreshing as needed). Never give it to the UI.
    pub async fn access_token(&self, id: &str) -> Result<Secret> {
        let r = self.inner.tokens.access_token(id).await;
        self.emit(CoreEvent::ConnectionsChanged);
        r
    }

    /// A valid access token, refreshing as needed, kept even when the
    /// rotated refresh token could not be saved ([`Renewed::unsaved`]): the
    /// CLI prints it either way. Never give it to the UI.
    pub async fn access_token_renewed(&self, id: &str) -> Result<Renewed> {
        let r = self.inner.tokens.access_token_renewed(id).await;
        self.emit(CoreEvent::ConnectionsChanged);
        r
    }

    /// Refreshes now; the access token is kept even when the rotated refresh
    /// token could not be saved.
    pub async fn refresh_renewed(&self, id: &str) -> Result<Renewed> {
        let r = self.inner.tokens.refresh_renewed(id).await;
        self.emit(CoreEvent::ConnectionsChanged);
        r
    }

    /// Refreshes now.
    pub async fn refresh(&self, id: &str) -> Result<ConnectionStatus> {
        let r = self.inner.tokens.refresh(id).await;
        self.emit(CoreEvent::ConnectionsChanged);
        r.and_then(|_| self.status(id))
    }

    /// Proves the connection works: a valid access token, and for client
    /// credentials a fresh check of every shipper account.
    pub async fn test(&self, id: &str) -> Result<ConnectionStatus> {
        let r = self.inner.store.get(id)?;
        if r.method == Method::ClientCredentials {
            self.inner.tokens.refresh(id).await?;
            let creds = self.inner.tokens.client_credentials_of(&r).await?;
            let numbers: Vec<String> = r.accounts.iter().map(|a| a.number.clone()).collect();
            let accounts = self.verify_accounts(&r.environment, &creds, &numbers).await;
            self.inner.store.modify(id, |rec| rec.accounts = accounts)?;
        } else {
            self.inner.tokens.access_token(id).await?;
        }
        self.emit(CoreEvent::ConnectionsChanged);
        self.status(id)
    }

    /// How long before expiry the token manager renews an access token.
    pub fn renewal_skew(&self) -> std::time::Duration {
        self.inner.tokens.skew()
    }

    /// Retries saving rotated refresh tokens held in memory; the IDs now saved.
    pub async fn retry_unsaved(&self) -> Vec<String> {
        let saved = self.inner.tokens.retry_unsaved().await;
        if !saved.is_empty() {
            self.emit(CoreEvent::ConnectionsChanged);
        }
        saved
    }

    /// Checks with UPS that a connection still works, by renewing its token
    /// unless some process already did so after `since`: the only way to
    /// learn of a UPS.com password change before the next shipment. Returns
    /// whether UPS was called. See [`crate::renewal`].
    pub async fn probe(&self, id: &str, since: time::OffsetDateTime) -> Result<bool> {
        let r = self.inner.tokens.probe(id, since).await;
        self.emit(CoreEvent::ConnectionsChanged);
        r
    }

    /// Asks UPS about every connection that can be refreshed (connected, no
    /// new opt-in needed), now: one refresh each, under the per-connection
    /// locks, whatever the background timer's probe period says. An explicit
    /// probe (`ups-optin check --probe`) must learn of a password change made a
    /// minute ago. Returns each connection called and its result.
    pub async fn probe_all(&self) -> Result<Vec<(String, Result<()>)>> {
        self.inner.tokens.retry_unsaved().await;
        let mut results = Vec::new();
        for r in self.inner.store.load()? {
            if !crate::renewal::callable(&r) {
                continue;
            }
            let result = self.inner.tokens.refresh(&r.id).await.map(drop);
            if let Err(e) = &result {
                log::warn!("connection {}: probe failed: {e}", r.id);
            }
            results.push((r.id, result));
        }
        self.emit(CoreEvent::ConnectionsChanged);
        Ok(results)
    }

    /// Removes a connection: keychain entries first, then its metadata, under
    /// the connection's locks (a refresh in flight finishes first; one that
    /// waits finds no connection and writes nothing).
    pub async fn remove(&self, id: &str) -> Result<()> {
        self.inner.store.get(id)?;
        let _lock = self.inner.tokens.lock_connection(id).await?;
        // Re-read under the lock.
        let r = self.inner.store.get(id)?;
        self.inner
            .vault
            .delete_all(&r.environment, &r.client_id)
            .await?;
        self.inner.store.remove(id)?;
        self.inner.tokens.forget(id);
        self.emit(CoreEvent::ConnectionsChanged);
        Ok(())
    }

    /// Refuses a connection whose key another one already uses.
    ///
    /// A connection (its ID and its keychain entries) is keyed by the
    /// environment's key and the client ID, and a custom environment's key is
    /// its host and port. Two base URLs on one host and port that differ only
    /// in their path (two proxies behind one server) would therefore share
    /// keychain entries: the second opt-in would silently overwrite the
    /// first's tokens. Keys stay as they are (existing keychain entries and
    /// connection IDs keep working unchanged) and the second one is refused
    /// before anything is sent or stored.
    pub(crate) fn check_key_free(&self, env: &Environment, client_id: &str) -> Result<()> {
        let id = ConnectionRecord::id_for(env, client_id);
        match self.inner.store.load()?.into_iter().find(|r| r.id == id) {
            Some(r) if r.environment.base_url() != env.base_url() => Err(Error::invalid(
                "Environment",
                format!(
                    "the connection \"{}\" already uses this client ID at {} (same host and port, another path), and the wizard keeps one connection per host, port and client ID. Nothing was changed. Remove that connection first, or reach the second address through another host name or port.",
                    r.label,
                    r.environment.base_url()
                ),
            )
            .because("client-id-in-use")
            .with("label", &r.label)
            .with("url", r.environment.base_url())),
            _ => Ok(()),
        }
    }
}
