//! Company networks: which proxy a request to UPS goes through and why
//! ([`proxy`]), the proxy's login in the keychain ([`proxy_login`]), and who
//! caused a failure below HTTP — the proxy, TLS, DNS, UPS's host or time
//! ([`failure`]). Certificates are the OS store's (plus Mozilla's roots), so a
//! company root certificate installed by IT is trusted; verification is never
//! turned off.

pub mod failure;
pub mod proxy;
pub mod proxy_login;
pub mod report;

use std::path::PathBuf;
use std::sync::Arc;

use crate::settings::SettingsFile;
use crate::vault::SecretStore;

use self::proxy::{system_lookup, ProxyEnv, ProxyRules};

/// Where the transport finds the proxy setting (`settings.json`) and the
/// proxy logins (the keychain).
#[derive(Clone)]
pub struct NetworkSource {
    config_dir: PathBuf,
    secrets: Arc<dyn SecretStore>,
}

impl std::fmt::Debug for NetworkSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NetworkSource")
            .field("config_dir", &self.config_dir)
            .finish_non_exhaustive()
    }
}

impl NetworkSource {
    pub fn new(config_dir: impl Into<PathBuf>, secrets: Arc<dyn SecretStore>) -> Self {
        NetworkSource {
            config_dir: config_dir.into(),
            secrets,
        }
    }

    /// Everything that decides routes: the setting, this process's
    /// environment, the OS settings and the logins of the proxies that may be
    /// used. Blocking (a file and the keychain); a keychain that cannot be read
    /// is logged and leaves the proxy without a login (its 407 then says so).
    pub fn load_rules(&self) -> ProxyRules {
        load_rules(Some(self))
    }
}

/// [`NetworkSource::load_rules`], or without one (a transport built without
/// a configuration folder: tests, benchmarks) the environment and the OS only.
pub(crate) fn load_rules(source: Option<&NetworkSource>) -> ProxyRules {
    let setting = source
        .map(|s| SettingsFile::new(&s.config_dir).load().proxy)
        .unwrap_or_default();
    let mut rules = ProxyRules::new(setting, ProxyEnv::from_process(), system_lookup());
    if let Some(source) = source {
        for address in rules.candidates() {
            let account = proxy_login::account(&address);
            match crate::vault::read_value(source.secrets.as_ref(), &account) {
                Ok(Some(login)) => rules.add_keychain_login(address, login),
                Ok(None) => {}
                Err(e) => log::warn!(
                    "the login for the proxy {address} could not be read from the keychain: {e}"
                ),
            }
        }
    }
    rules
}
