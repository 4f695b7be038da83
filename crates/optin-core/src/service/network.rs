//! Company networks: the proxy setting, the proxy's login in the keychain, and
//! the network part of the diagnostics. A change takes effect at the next
//! request (the transport builds its client again).

use super::OptIn;
use crate::error::{Error, Result};
use crate::network::proxy::{ProxyAddress, ProxySetting};
use crate::network::report::NetworkReport;
use crate::network::{proxy_login, NetworkSource};
use crate::secret::Secret;
use crate::settings::SettingsFile;

impl OptIn {
    fn network_source(&self) -> NetworkSource {
        NetworkSource::new(self.inner.store.dir(), self.inner.vault.store())
    }

    pub fn proxy_setting(&self) -> ProxySetting {
        SettingsFile::new(self.inner.store.dir()).load().proxy
    }

    /// Stores the proxy setting (a manual one was checked by
    /// [`ProxySetting::manual`]; it is checked again here).
    pub fn set_proxy(&self, setting: ProxySetting) -> Result<ProxySetting> {
        let setting = match setting {
            ProxySetting::Manual { url } => ProxySetting::manual(&url)?,
            other => other,
        };
        let saved = SettingsFile::new(self.inner.store.dir())
            .update(|s| s.proxy = setting.clone())?
            .proxy;
        self.inner.ups.network_changed();
        Ok(saved)
    }

    /// The proxy that requests to UPS use now (for https), to which a login applies.
    async fn proxy_in_use(&self) -> Result<ProxyAddress> {
        let source = self.network_source();
        let rules = tokio::task::spawn_blocking(move || source.load_rules())
            .await
            .map_err(|e| Error::config("The proxy settings could not be read", e))?;
        rules.candidates().into_iter().next().ok_or_else(|| {
            Error::invalid(
                "proxy",
                "no proxy is in use (none in the proxy setting, the environment or the system settings), so there is nothing to log in to. Set the proxy first.",
            )
            .because("no-proxy-in-use")
        })
    }

    /// Stores the login for `proxy` (default: the proxy in use) in the
    /// keychain; returns the proxy's address.
    pub async fn set_proxy_login(
        &self,
        proxy: Option<&str>,
        user: &str,
        password: &Secret,
    ) -> Result<String> {
        let value = proxy_login::login_value(user, password)?;
        let address = self.login_address(proxy).await?;
        self.inner
            .vault
            .set_account(proxy_login::account(&address), &value)
            .await?;
        self.inner.ups.network_changed();
        Ok(address.to_string())
    }

    /// Removes the login of `proxy` (default: the proxy in use); idempotent.
    pub async fn remove_proxy_login(&self, proxy: Option<&str>) -> Result<String> {
        let address = self.login_address(proxy).await?;
        self.inner
            .vault
            .delete_account_value(proxy_login::account(&address))
            .await?;
        self.inner.ups.network_changed();
        Ok(address.to_string())
    }

    /// Whether the keychain holds a login for the proxy in use.
    pub async fn has_proxy_login(&self) -> Result<bool> {
        let Ok(address) = self.proxy_in_use().await else {
            return Ok(false);
        };
        Ok(self
            .inner
            .vault
            .get_account(proxy_login::account(&address))
            .await?
            .is_some())
    }

    async fn login_address(&self, proxy: Option<&str>) -> Result<ProxyAddress> {
        match proxy {
            Some(p) => match ProxySetting::manual(p)? {
                ProxySetting::Manual { url } => {
                    crate::network::proxy::address_of(&url).ok_or_else(|| {
                        Error::invalid("proxy", "not a proxy address").because("not-proxy-address")
                    })
                }
                _ => unreachable!("manual() returns Manual"),
            },
            None => self.proxy_in_use().await,
        }
    }

    /// The route to each environment in use, and where it comes from.
    pub async fn network_report(&self) -> Result<NetworkReport> {
        let environments: Vec<_> = self
            .inner
            .store
            .load()
            .unwrap_or_default()
            .into_iter()
            .map(|r| r.environment)
            .collect();
        let source = self.network_source();
        tokio::task::spawn_blocking(move || NetworkReport::new(&source.load_rules(), &environments))
            .await
            .map_err(|e| Error::config("The network report could not be made", e))
    }
}
