//! Where UPS lives: the CIE test environment, production, or a custom base URL
//! (a proxy, or the loopback sandbox).
//!
//! Paths follow UPS's OpenAPI files (OAuthAuthCode.yaml, OAuthClientCredentials.yaml):
//! `GET /security/v1/oauth/authorize`, `POST /security/v1/oauth/token`,
//! `POST /security/v1/oauth/refresh`.

use std::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use url::{Host, Url};

use crate::error::{Error, Result};

pub const CIE_BASE: &str = "https://wwwcie.ups.com";
pub const PRODUCTION_BASE: &str = "https://onlinetools.ups.com";

/// A UPS environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Environment {
    Cie,
    Production,
    /// A base URL: https anywhere, plain http only to a loopback host.
    Custom(Url),
}

impl Environment {
    /// Parses `cie`, `test`, `production`, `prod`, or a base URL.
    pub fn parse(input: &str) -> Result<Self> {
        let s = input.trim();
        match s.to_ascii_lowercase().as_str() {
            "cie" | "test" => return Ok(Environment::Cie),
            "production" | "prod" => return Ok(Environment::Production),
            _ => {}
        }
        let url = Url::parse(s).map_err(|_| {
            Error::invalid(
                "Environment",
                format!(
                    "\"{}\" is neither cie, production nor a URL such as https://wwwcie.ups.com.",
                    crate::display::truncate(s, 80)
                ),
            )
            .because("unknown-environment")
            .with("value", crate::display::truncate(s, 80))
        })?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::invalid(
                "Environment",
                "the URL must not contain a user name or password.",
            )
            .because("user-info"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(
                Error::invalid("Environment", "the base URL must not contain ? or #.")
                    .because("query"),
            );
        }
        require_secure("The environment URL", &url)?;
        match url.as_str().trim_end_matches('/') {
            CIE_BASE => Ok(Environment::Cie),
            PRODUCTION_BASE => Ok(Environment::Production),
            _ => Ok(Environment::Custom(url)),
        }
    }

    /// The base URL without a trailing slash.
    pub fn base_url(&self) -> String {
        match self {
            Environment::Cie => CIE_BASE.to_string(),
            Environment::Production => PRODUCTION_BASE.to_string(),
            Environment::Custom(u) => u.as_str().trim_end_matches('/').to_string(),
        }
    }

    fn endpoint(&self, path: &str) -> Url {
        // The base was validated at construction, so joining a fixed path cannot fail.
        Url::parse(&format!("{}{path}", self.base_url()))
            .unwrap_or_else(|_| unreachable!("validated base URL"))
    }

    pub fn authorize_url(&self) -> Url {
        self.endpoint("/security/v1/oauth/authorize")
    }

    pub fn token_url(&self) -> Url {
        self.endpoint("/security/v1/oauth/token")
    }

    pub fn refresh_url(&self) -> Url {
        self.endpoint("/security/v1/oauth/refresh")
    }

    /// UPS's pre-flight check of a client ID and redirect URI (not in the
    /// OpenAPI files; see docs/ups-errors.md).
    pub fn validate_client_url(&self) -> Url {
        self.endpoint("/security/v1/oauth/validate-client")
    }

    /// The keychain namespace: `cie`, `production` or `custom-<host>-<port>`.
    pub fn key(&self) -> String {
        match self {
            Environment::Cie => "cie".into(),
            Environment::Production => "production".into(),
            Environment::Custom(u) => {
                let host = u
                    .host_str()
                    .unwrap_or("unknown")
                    .trim_matches(|c| c == '[' || c == ']');
                let host: String = host
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '.' {
                            c.to_ascii_lowercase()
                        } else {
                            '_'
                        }
                    })
                    .collect();
                format!("custom-{host}-{}", u.port_or_known_default().unwrap_or(0))
            }
        }
    }

    /// The environment a keychain namespace ([`Environment::key`]) names, to
    /// rebuild a connection from its keychain entries. `cie` and `production`
    /// are exact. A custom one is a best guess with the same key (so the same
    /// connection ID and entries): `http` for a loopback host, else `https`,
    /// no path; `key` wrote `-` and `:` as `_`, read back as an IPv6 address
    /// when that parses, else as `-`. The admin is asked to check it.
    pub fn from_key(key: &str) -> Option<Environment> {
        match key {
            "cie" => return Some(Environment::Cie),
            "production" => return Some(Environment::Production),
            _ => {}
        }
        let (host, port) = key.strip_prefix("custom-")?.rsplit_once('-')?;
        let port: u16 = port.parse().ok()?;
        let v6 = host.replace('_', ":");
        let host = if v6.parse::<std::net::Ipv6Addr>().is_ok() {
            format!("[{v6}]")
        } else {
            host.replace('_', "-")
        };
        let url = Url::parse(&format!("http://{host}:{port}")).ok()?;
        let scheme = if is_loopback(&url) { "http" } else { "https" };
        let env = Environment::parse(&format!("{scheme}://{host}:{port}")).ok()?;
        (env.key() == key).then_some(env)
    }

    /// A label for people: "Test (CIE)", "Production", "Custom (host:port)".
    pub fn label(&self) -> String {
        match self {
            Environment::Cie => "Test (CIE)".into(),
            Environment::Production => "Production".into(),
            Environment::Custom(u) => format!(
                "Custom ({}:{})",
                u.host_str().unwrap_or("?"),
                u.port_or_known_default().unwrap_or(0)
            ),
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Environment::Cie => f.write_str("cie"),
            Environment::Production => f.write_str("production"),
            Environment::Custom(_) => f.write_str(&self.base_url()),
        }
    }
}

impl From<Environment> for String {
    fn from(e: Environment) -> String {
        e.to_string()
    }
}

impl TryFrom<String> for Environment {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        Environment::parse(&s)
    }
}

/// Whether a URL's host is this computer (127.0.0.0/8, ::1, localhost).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// https anywhere; http only to loopback; nothing else.
pub fn require_secure(what: &'static str, url: &Url) -> Result<()> {
    match url.scheme() {
        "https" if url.host().is_some() => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(Error::InsecureUrl {
            what,
            url: url.to_string(),
        }),
        other => Err(
            Error::invalid(what, format!("the scheme must be https, not \"{other}\"."))
                .because("not-https")
                .with("value", other),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_urls() {
        let table = [
            ("cie", Some("cie")),
            ("TEST", Some("cie")),
            ("production", Some("production")),
            ("https://wwwcie.ups.com/", Some("cie")),
            ("https://onlinetools.ups.com", Some("production")),
            ("http://127.0.0.1:4000", Some("custom-127.0.0.1-4000")),
            ("http://localhost:4000/", Some("custom-localhost-4000")),
            ("http://[::1]:4000", Some("custom-__1-4000")),
            (
                "https://proxy.example.invalid",
                Some("custom-proxy.example.invalid-443"),
            ),
            ("http://ups.example.invalid", None),
            ("ftp://127.0.0.1", None),
            ("https://u:p@host.invalid", None),
            ("https://host.invalid/?x=1", None),
            ("staging", None),
        ];
        for (input, want) in table {
            let got = Environment::parse(input).map(|e| e.key()).ok();
            assert_eq!(got.as_deref(), want, "{input}");
        }
    }

    #[test]
    fn keys_read_back_to_an_environment_with_the_same_key() {
        for input in [
            "cie",
            "production",
            "http://127.0.0.1:4000",
            "http://localhost:4000/",
            "http://[::1]:4000",
            "https://my-proxy.example.invalid",
            "https://proxy.example.invalid:8443/ups",
        ] {
            let env = Environment::parse(input).unwrap();
            let back = Environment::from_key(&env.key()).unwrap();
            assert_eq!(back.key(), env.key(), "{input}");
        }
        assert_eq!(
            Environment::from_key("custom-127.0.0.1-4000")
                .unwrap()
                .base_url(),
            "http://127.0.0.1:4000"
        );
        assert_eq!(
            Environment::from_key("custom-my_proxy.example.invalid-443")
                .unwrap()
                .base_url(),
            "https://my-proxy.example.invalid"
        );
        for bad in ["", "custom-", "custom-host", "custom-host-x", "staging"] {
            assert!(Environment::from_key(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn plain_http_elsewhere_is_refused_as_insecure() {
        let err = Environment::parse("http://ups.example.invalid").unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::InsecureUrl);
    }

    #[test]
    fn endpoints_follow_the_openapi_paths() {
        let e = Environment::parse("http://127.0.0.1:9/").unwrap();
        assert_eq!(
            e.token_url().as_str(),
            "http://127.0.0.1:9/security/v1/oauth/token"
        );
        assert_eq!(
            e.refresh_url().as_str(),
            "http://127.0.0.1:9/security/v1/oauth/refresh"
        );
        assert_eq!(
            Environment::Cie.authorize_url().as_str(),
            "https://wwwcie.ups.com/security/v1/oauth/authorize"
        );
    }

    #[test]
    fn serde_round_trip() {
        for e in [
            Environment::Cie,
            Environment::Production,
            Environment::parse("http://127.0.0.1:7").unwrap(),
        ] {
            let j = serde_json::to_string(&e).unwrap();
            assert_eq!(serde_json::from_str::<Environment>(&j).unwrap(), e);
        }
    }
}
