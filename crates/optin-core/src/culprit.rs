//! Who a failure below HTTP names, as data (a leaf: the error type and the
//! network code both use it). The English messages say it with `Display`; the
//! catalogs from the parameters.

use std::fmt;

/// Where the proxy in use comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxySource {
    /// The wizard's / `ups-optin proxy set` setting.
    Setting,
    /// This environment variable.
    Environment(&'static str),
    /// The OS settings (Windows Internet Settings, macOS network settings).
    System,
}

impl fmt::Display for ProxySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxySource::Setting => f.write_str("from the proxy setting"),
            ProxySource::Environment(var) => write!(f, "from {var}"),
            ProxySource::System => f.write_str(SYSTEM_SETTINGS),
        }
    }
}

#[cfg(windows)]
const SYSTEM_SETTINGS: &str = "from the Windows proxy settings (Internet Settings)";
#[cfg(target_os = "macos")]
const SYSTEM_SETTINGS: &str = "from the macOS network proxy settings";
#[cfg(not(any(windows, target_os = "macos")))]
const SYSTEM_SETTINGS: &str = "from the system settings";

/// The proxy a failed request went through, as data: the English messages
/// say it with [`fmt::Display`], the catalogs from [`Via::params`]. Never a login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// The proxy in use: its address and where it comes from.
    Proxy {
        address: String,
        source: ProxySource,
    },
    /// A proxy no setting names, intercepting the traffic (it answered 407
    /// to a request sent directly).
    Intercepting,
}

impl Via {
    /// The catalogs' `$proxy` (the address) and `$proxy_source`: `setting`,
    /// `system`, `intercepting`, or the environment variable's name.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            Via::Proxy { address, source } => vec![
                ("proxy", address.clone()),
                (
                    "proxy_source",
                    match source {
                        ProxySource::Setting => "setting".to_string(),
                        ProxySource::System => "system".to_string(),
                        ProxySource::Environment(var) => var.to_string(),
                    },
                ),
            ],
            Via::Intercepting => vec![("proxy_source", "intercepting".to_string())],
        }
    }
}

impl fmt::Display for Via {
    /// "the proxy http://proxy.corp:3128 (from HTTPS_PROXY)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Via::Proxy { address, source } => write!(f, "the proxy {address} ({source})"),
            Via::Intercepting => f.write_str(
                "a proxy between this computer and UPS (none is set here: it intercepts the traffic)",
            ),
        }
    }
}

/// Why a connection or a certificate failed: a closed `reason` the catalogs
/// say in the admin's language (`other` for anything else), and the English
/// words the messages quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// `dns`, `refused`, `timeout`, `blocked`, `blocked-login`, `closed`,
    /// `unknown-issuer`, `bad-signature`, `expired`, `not-valid-yet`,
    /// `revoked`, `wrong-name`, `wrong-purpose`, `certificate`, or `other`.
    pub reason: &'static str,
    /// The same in English (for `other`: the underlying error's text).
    pub text: String,
}

impl Detail {
    pub fn new(reason: &'static str, text: impl Into<String>) -> Detail {
        Detail {
            reason,
            text: text.into(),
        }
    }
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
