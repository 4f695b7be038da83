//! Client ID and secret only: the client-credentials grant (RFC 6749 §4.4).
//! A token request proves the client ID and secret; each shipper account is
//! then checked with `x-merchant-id`.

use super::OptIn;
use crate::environment::Environment;
use crate::error::{Error, Result};
use crate::input;
use crate::secret::Secret;
use crate::status::ConnectionStatus;
use crate::store::{AccountRecord, ConnectionRecord, OptedInWith};
use crate::ups::ClientCredentials;

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
        let input::LoginFields {
            client_id,
            accounts,
            label,
        } = input::login_fields(&req.client_id, &req.accounts, &req.label)?;
        let secret = input::client_secret(&req.client_secret)?;
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
        let accounts = self
            .verify_accounts(&req.environment, &creds, &accounts)
            .await;
        let record = ConnectionRecord::opted_in(
            req.environment,
            creds.client_id.clone(),
            label,
            OptedInWith::ClientCredentials,
            accounts,
            &set,
            self.inner.clock.now(),
        );
        let status = self
            .save_connection(record, &creds.client_secret, &set)
            .await?;
        let mut notices = client_id.notices;
        notices.extend(secret.notices);
        Ok((status, notices))
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
            let (verified, message, error) = match self
                .inner
                .ups
                .client_credentials(env, creds, Some(number))
                .await
            {
                Ok(_) => (Some(true), None, None),
                Err(Error::UpsRejected { message, .. }) => (Some(false), Some(message), None),
                Err(e) => (
                    None,
                    Some(e.to_string()),
                    Some(crate::error::ErrorView::from(&e)),
                ),
            };
            out.push(AccountRecord {
                number: number.clone(),
                verified,
                message,
                checked_at,
                error,
            });
        }
        out
    }
}
