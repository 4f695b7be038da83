//! What `ups-optin diagnostics` and the wizard's *Copy diagnostics* say about
//! the network: the proxy setting, the proxy variables (logins redacted), the
//! route to each environment in use, and where certificates are trusted from.

use std::collections::BTreeMap;

use serde::Serialize;

use super::proxy::{ProxyRules, ProxySetting};
use crate::environment::Environment;

/// The route to one environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RouteLine {
    /// "Test (CIE)", "Production", "Custom (localhost:4443)".
    pub environment: String,
    pub base_url: String,
    /// "proxy http://proxy.corp:3128 (from HTTPS_PROXY), login from the keychain",
    /// "direct (NO_PROXY excludes it)". Never a login.
    pub route: String,
    /// The environment as stored: `cie`, `production` or the base URL (the
    /// UI names it in the admin's language).
    pub environment_id: String,
    /// The route as data: the parameters of the catalogs' `proxy-route`
    /// message (optin-core's `Route::params`).
    pub route_params: BTreeMap<String, String>,
}

/// The network part of the diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct NetworkReport {
    pub setting: ProxySetting,
    /// Proxy variables that are set, as `NAME=value` with logins redacted.
    pub variables: Vec<String>,
    pub routes: Vec<RouteLine>,
    /// Where trusted certificate authorities come from.
    pub certificates: String,
}

impl NetworkReport {
    /// The report for `environments` (CIE and Production first, then each
    /// custom one in use).
    pub fn new(rules: &ProxyRules, environments: &[Environment]) -> NetworkReport {
        let mut all = vec![Environment::Cie, Environment::Production];
        for e in environments {
            if !all.contains(e) {
                all.push(e.clone());
            }
        }
        let routes = all
            .iter()
            .map(|e| {
                let route = rules.route(&e.token_url());
                RouteLine {
                    environment: e.label(),
                    base_url: e.base_url(),
                    route: route.to_string(),
                    environment_id: e.to_string(),
                    route_params: route.params(),
                }
            })
            .collect();
        NetworkReport {
            setting: rules.setting.clone(),
            variables: rules
                .env
                .shown()
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect(),
            routes,
            certificates: certificates(),
        }
    }

    /// The lines of the text report.
    pub fn text(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "Proxy setting: {}\n",
            match &self.setting {
                ProxySetting::Automatic =>
                    "automatic (environment variables, then the system settings)".to_string(),
                ProxySetting::Manual { url } => format!("manual, {url}"),
                ProxySetting::Direct => "no proxy".to_string(),
            }
        ));
        if self.variables.is_empty() {
            s.push_str("Proxy variables: none set\n");
        } else {
            s.push_str(&format!("Proxy variables: {}\n", self.variables.join("; ")));
        }
        s.push_str("Route to UPS per environment:\n");
        for r in &self.routes {
            s.push_str(&format!(
                "- {} {}: {}\n",
                r.environment, r.base_url, r.route
            ));
        }
        s.push_str(&format!("Certificates: {}\n", self.certificates));
        s
    }
}

/// The trust store reqwest loads: the OS store (or the files named by
/// `SSL_CERT_FILE`/`SSL_CERT_DIR`, which replace it) plus Mozilla's roots.
fn certificates() -> String {
    let file = std::env::var("SSL_CERT_FILE")
        .ok()
        .filter(|v| !v.is_empty());
    let dir = std::env::var("SSL_CERT_DIR").ok().filter(|v| !v.is_empty());
    match (file, dir) {
        (None, None) => "the system certificate store and Mozilla's roots".into(),
        (f, d) => {
            let named: Vec<String> = f
                .map(|f| format!("SSL_CERT_FILE={f}"))
                .into_iter()
                .chain(d.map(|d| format!("SSL_CERT_DIR={d}")))
                .collect();
            format!(
                "{} (instead of the system certificate store) and Mozilla's roots",
                named.join(", ")
            )
        }
    }
}
