//! Client ID and secret only: the client-credentials grant (RFC 6749 §4.4).
//! A token request proves the client ID and secret; each shipper account is
//! then checked with `x-merchant-id`.

use super::{CoreEvent, OptIn};
use crate::environment::Environment;
use crate::error::{Error, Result};
use crate::input;
use crate::secret::Secret;
use crate::status::ConnectionStatus;
use crate::store::{AccountRecord, ConnectionRecord, Method};
use crate::ups::{ClientCredentials, TokenAuth};

/// A client-credentials opt-in request.
#[derive(Debug, Clone)]
pub struct ClientCredentialsRequest {
    pub environment: Environment,
    pub label: String,
    pub client_id: String,
    pub client_secret: Secret,
    pub accounts: Vec<String>,
}

impl OptIn {
    // ---- client ID and secret only ----------------------------------------------

    /// Client credentials: a token request proves the client ID and secret;
    /// each shipper account is then checked with `x-merchant-id`.
    pub async fn login_client_credentials(
        &self,
        req: ClientCredentialsRequest,
    ) -> Result<(ConnectionStatus, Vec<String>)> {
        let client_id = input::client_id(&req.client_id)?;
        let secret = input::client_secret(&req.client_secret)?;
        let accounts = input::accounts(&req.accounts)?;
        let label = input::label(&req.label)?;
        self.check_key_free(&req.environment, &client_id.value)?;
        self.keychain_health().await?;
        let creds = ClientCredentials {
            client_id: client_id.value.clone(),
            client_secret: secret.value.clone(),
        };
        let set = self
            .inner
            .ups
            .client_credentials(&req.environment, &creds, None)
            .await?;
        let now = self.inner.clock.now();
        let accounts = self
            .verify_accounts(&req.environment, &creds, &accounts)
            .await;
        self.save_secrets(
            &req.environment,
            &creds.client_id,
            &creds.client_secret,
            None,
            &set.access_token,
        )
        .await?;
        let id = ConnectionRecord::id_for(&req.environment, &creds.client_id);
        let previous = self.inner.store.load()?.into_iter().find(|r| r.id == id);
        self.inner.store.upsert(ConnectionRecord {
            id: id.clone(),
            label,
            environment: req.environment,
            client_id: creds.client_id.clone(),
            method: Method::ClientCredentials,
            redirect_uri: None,
            route: None,
            token_auth: TokenAuth::Basic,
            accounts,
            access_token_expires_at: set.expires_in.map(|d| now + d),
            refresh_token_expires_at: None,
            last_refresh_at: Some(now),
            created_at: previous.map_or(now, |p| p.created_at),
            last_error: None,
            reopt_needed: false,
            connected: true,
        })?;
        self.inner.tokens.forget(&id);
        self.emit(CoreEvent::ConnectionsChanged);
        let mut notices = client_id.notices;
        notices.extend(secret.notices);
        Ok((self.status(&id)?, notices))
    }

    pub(super) async fn verify_accounts(
        &self,
        env: &Environment,
        creds: &ClientCredentials,
        numbers: &[String],
    ) -> Vec<AccountRecord> {
        let mut out = Vec::with_capacity(numbers.len());
        for number in numbers {
            let checked_at = Some(self.inner.clock.now());
            let (verified, message) = match self
                .inner
                .ups
                .client_credentials(env, creds, Some(number))
                .await
            {
                Ok(_) => (Some(true), None),
                Err(Error::UpsRejected { message, .. }) => (Some(false), Some(message)),
                Err(e) => (None, Some(e.to_string())),
            };
            out.push(AccountRecord {
                number: number.clone(),
                verified,
                message,
                checked_at,
            });
        }
        out
    }
}
