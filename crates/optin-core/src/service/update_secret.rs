//! Replace a regenerated client secret without a new opt-in.
//!
//! UPS answers `10401 ClientId is Invalid` once the secret was regenerated on
//! the developer portal; the connection is then "credentials rejected". The
//! opt-in itself (the refresh token, the shipper accounts) is still good, so
//! only the secret is replaced, and only after UPS accepted the new one.

use super::{CoreEvent, OptIn};
use crate::error::Result;
use crate::input;
use crate::secret::Secret;
use crate::status::ConnectionStatus;

impl OptIn {
    /// Checks `secret` with UPS (a refresh for a browser opt-in, a token
    /// request for client credentials) and stores it only if UPS accepts it.
    /// A refused secret changes nothing ([`crate::Error::NewSecretRefused`]).
    pub async fn update_secret(&self, id: &str, secret: &Secret) -> Result<ConnectionStatus> {
        let secret = input::client_secret(secret)?;
        self.keychain_health().await?;
        let result = self
            .inner
            .tokens
            .replace_client_secret(id, secret.value)
            .await;
        self.emit(CoreEvent::ConnectionsChanged);
        result?;
        self.status(id)
    }
}
