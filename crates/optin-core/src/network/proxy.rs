//! Which proxy a request to UPS goes through, and why.
//!
//! Precedence (README, "Company networks"), first match wins:
//!
//! 1. **The proxy setting** (`settings.json`, set in the wizard under
//!    *Advanced* or with `ups-optin proxy set`): a proxy address, or *no proxy*.
//! 2. **The environment**, read as curl and reqwest read it: for an `https`
//!    address `HTTPS_PROXY` then `https_proxy`, for `http` `HTTP_PROXY` then
//!    `http_proxy`, then `ALL_PROXY`/`all_proxy` (the first one *set* counts,
//!    upper case first). Ignored in a CGI process (`REQUEST_METHOD` set).
//! 3. **The OS settings**: on Windows `HKCU\Software\Microsoft\Windows\
//!    CurrentVersion\Internet Settings` (`ProxyEnable`, `ProxyServer`,
//!    `ProxyOverride`), on macOS the HTTP/HTTPS proxies of the system network
//!    settings — read by hyper-util exactly as reqwest reads them.
//! 4. Otherwise no proxy.
//!
//! `NO_PROXY`/`no_proxy` (curl's rules: `host`, `.domain`, IP, CIDR, `*`)
//! applies to 1–3. The proxy's login comes from the proxy address in the
//! environment (`http://user:pass@host:port`) or else from the keychain
//! ([`super::proxy_login`]), and is never shown: every address printed here is
//! `scheme://host:port`.
//!
//! The transport ([`crate::ups::http::ReqwestTransport`]) and the diagnostics
//! both ask [`ProxyRules::route`], so what diagnostics shows is what is used.

use std::collections::BTreeMap;
use std::fmt;

use hyper_util::client::proxy::matcher::Matcher;
use url::Url;

pub use crate::culprit::{ProxySource, Via};
use crate::error::{Error, Result};

pub use crate::settings::ProxySetting;

impl ProxySetting {
    /// A manual setting from what the administrator typed: checked, and kept
    /// as `scheme://host:port` (a login in the address is refused: it belongs
    /// in the keychain, not in `settings.json`).
    pub fn manual(input: &str) -> Result<ProxySetting> {
        let address = ProxyAddress::parse_setting(input)?;
        Ok(ProxySetting::Manual {
            url: address.to_string(),
        })
    }
}

/// A proxy's address without any login: what is shown and what keys the
/// keychain entry of its login.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProxyAddress {
    pub scheme: String,
    pub host: String,
    pub port: u16,
}

impl fmt::Display for ProxyAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = if self.host.contains(':') && !self.host.starts_with('[') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        write!(f, "{}://{}:{}", self.scheme, host, self.port)
    }
}

/// A proxy address as the environment gives it, with its login if it has one.
#[derive(Clone)]
struct ParsedProxy {
    address: ProxyAddress,
    /// `user:password` from the address, percent-decoded.
    login: Option<(String, String)>,
}

impl ProxyAddress {
    /// Reads an address the way hyper-util reads a proxy variable: no scheme
    /// means `http`; `http` and `https` only.
    fn parse_lenient(raw: &str) -> Option<ParsedProxy> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let with_scheme = if raw.contains("://") {
            raw.to_string()
        } else {
            format!("http://{raw}")
        };
        let url = Url::parse(&with_scheme).ok()?;
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let host = url
            .host_str()?
            .trim_start_matches('[')
            .trim_end_matches(']');
        let port = url.port_or_known_default()?;
        let login = (!url.username().is_empty() || url.password().is_some()).then(|| {
            (
                percent_decode(url.username()),
                percent_decode(url.password().unwrap_or("")),
            )
        });
        Some(ParsedProxy {
            address: ProxyAddress {
                scheme: url.scheme().to_string(),
                host: host.to_string(),
                port,
            },
            login,
        })
    }

    /// What a manual setting accepts: `http(s)://host:port`, nothing else.
    fn parse_setting(input: &str) -> Result<ProxyAddress> {
        let input = input.trim();
        let bad = |problem: &str| Error::invalid("proxy", problem.to_string());
        if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("the proxy address must not contain spaces or control characters. Enter it as http://host:port.").because("spaces"));
        }
        let with_scheme = if input.contains("://") {
            input.to_string()
        } else {
            format!("http://{input}")
        };
        let url = Url::parse(&with_scheme).map_err(|e| {
            Error::invalid(
                "proxy",
                format!("\"{input}\" is not a proxy address ({e}). Enter it as http://host:port."),
            )
            .because("not-proxy-address")
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(bad(
                "only http:// and https:// proxies are supported. Enter it as http://host:port.",
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad("the proxy address must not contain a user name or password: enter the proxy login separately (it is kept in the keychain)."));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(bad(
                "a proxy address has no path or query. Enter it as http://host:port.",
            ));
        }
        let Some(host) = url.host_str() else {
            return Err(bad(
                "the proxy address has no host. Enter it as http://host:port.",
            ));
        };
        let Some(port) = url.port_or_known_default() else {
            return Err(bad(
                "the proxy address has no port. Enter it as http://host:port.",
            ));
        };
        Ok(ProxyAddress {
            scheme: url.scheme().to_string(),
            host: host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string(),
            port,
        })
    }

    /// The URL handed to reqwest, with the login when there is one.
    pub(crate) fn to_url(&self, login: Option<(&str, &str)>) -> Option<Url> {
        let mut url = Url::parse(&self.to_string()).ok()?;
        if let Some((user, password)) = login {
            url.set_username(user).ok()?;
            url.set_password(Some(password)).ok()?;
        }
        Some(url)
    }
}

/// `%XX` decoded (a proxy variable's user name and password, as hyper-util reads them).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 3 <= b.len() {
            if let Some(v) = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The address in a stored manual setting.
pub(crate) fn address_of(url: &str) -> Option<ProxyAddress> {
    ProxyAddress::parse_lenient(url).map(|p| p.address)
}

/// Why a request goes straight to its host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectReason {
    /// The proxy setting says "no proxy".
    Setting,
    /// The host is in this variable (`NO_PROXY` or `no_proxy`).
    Excluded(&'static str),
    /// Nothing names a proxy (or the OS settings exclude the host).
    NoneConfigured,
}

/// Where the login sent to the proxy comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginFrom {
    None,
    /// In the proxy address (an environment variable).
    Address,
    Keychain,
}

/// The way to one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Direct(DirectReason),
    Proxy {
        address: ProxyAddress,
        source: ProxySource,
        login: LoginFrom,
    },
}

impl Route {
    /// The proxy this route goes through, for messages (`None`: direct).
    pub fn via(&self) -> Option<Via> {
        match self {
            Route::Direct(_) => None,
            Route::Proxy {
                address, source, ..
            } => Some(Via::Proxy {
                address: address.to_string(),
                source: source.clone(),
            }),
        }
    }
}

impl Route {
    /// The route as the catalogs' `proxy-route` parameters: `case` (`proxy`,
    /// `direct-setting`, `direct-excluded`, `direct`), with `variable` (the
    /// excluding variable), or `proxy`, `proxy_source` (see [`Via::params`])
    /// and `login` (`none`, `address`, `keychain`). Never a login.
    pub fn params(&self) -> BTreeMap<String, String> {
        let mut p = BTreeMap::new();
        let case = match self {
            Route::Direct(DirectReason::Setting) => "direct-setting",
            Route::Direct(DirectReason::Excluded(var)) => {
                p.insert("variable".to_string(), var.to_string());
                "direct-excluded"
            }
            Route::Direct(DirectReason::NoneConfigured) => "direct",
            Route::Proxy { login, .. } => {
                for (k, v) in self.via().iter().flat_map(Via::params) {
                    p.insert(k.to_string(), v);
                }
                let login = match login {
                    LoginFrom::None => "none",
                    LoginFrom::Address => "address",
                    LoginFrom::Keychain => "keychain",
                };
                p.insert("login".to_string(), login.to_string());
                "proxy"
            }
        };
        p.insert("case".to_string(), case.to_string());
        p
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Route::Direct(DirectReason::Setting) => {
                f.write_str("direct (the proxy setting says no proxy)")
            }
            Route::Direct(DirectReason::Excluded(var)) => write!(f, "direct ({var} excludes it)"),
            Route::Direct(DirectReason::NoneConfigured) => f.write_str(
                "direct (no proxy in the proxy setting, the environment or the system settings)",
            ),
            Route::Proxy {
                address,
                source,
                login,
            } => {
                write!(f, "proxy {address} ({source})")?;
                match login {
                    LoginFrom::None => f.write_str(", no proxy login"),
                    LoginFrom::Address => f.write_str(", login from the address [redacted]"),
                    LoginFrom::Keychain => f.write_str(", login from the keychain"),
                }
            }
        }
    }
}

/// The environment variables that choose a proxy, read once.
#[derive(Debug, Clone, Default)]
pub struct ProxyEnv {
    vars: Vec<(&'static str, String)>,
}

/// Every variable read, in the order they count.
pub const PROXY_VARIABLES: [&str; 8] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

impl ProxyEnv {
    /// This process's environment. Empty in a CGI process (`REQUEST_METHOD`
    /// set), as hyper-util ignores proxy variables there (httpoxy).
    pub fn from_process() -> ProxyEnv {
        if std::env::var_os("REQUEST_METHOD").is_some() {
            return ProxyEnv::default();
        }
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> ProxyEnv {
        ProxyEnv {
            vars: PROXY_VARIABLES
                .iter()
                .filter_map(|k| get(k).map(|v| (*k, v)))
                .collect(),
        }
    }

    /// The first of `names` that is set, and its value.
    fn first(&self, names: &[&'static str]) -> Option<(&'static str, &str)> {
        names.iter().find_map(|n| {
            self.vars
                .iter()
                .find(|(k, _)| k == n)
                .map(|(k, v)| (*k, v.as_str()))
        })
    }

    /// The variables that are set, values with their logins redacted.
    pub fn shown(&self) -> Vec<(&'static str, String)> {
        self.vars
            .iter()
            .map(|(k, v)| {
                let shown = if k.eq_ignore_ascii_case("NO_PROXY") {
                    v.clone()
                } else {
                    match ProxyAddress::parse_lenient(v) {
                        Some(p) if p.login.is_some() => format!("{} (login [redacted])", p.address),
                        Some(p) => p.address.to_string(),
                        None if v.trim().is_empty() => "(empty)".into(),
                        None => "(not a proxy address: ignored)".into(),
                    }
                };
                (*k, shown)
            })
            .collect()
    }

    fn no_proxy(&self) -> Option<(&'static str, &str)> {
        self.first(&["NO_PROXY", "no_proxy"])
    }

    /// The variable and proxy the environment names for `scheme`.
    fn proxy_for(&self, scheme: &str) -> Option<(&'static str, ParsedProxy)> {
        let own: [&'static str; 2] = if scheme == "https" {
            ["HTTPS_PROXY", "https_proxy"]
        } else {
            ["HTTP_PROXY", "http_proxy"]
        };
        if let Some((var, value)) = self.first(&own) {
            if let Some(p) = ProxyAddress::parse_lenient(value) {
                return Some((var, p));
            }
        }
        let (var, value) = self.first(&["ALL_PROXY", "all_proxy"])?;
        ProxyAddress::parse_lenient(value).map(|p| (var, p))
    }
}

/// Whether `NO_PROXY`-style `list` excludes `url`'s host (hyper-util's own
/// matcher, so the rules are exactly reqwest's).
fn excluded(list: &str, url: &Url) -> bool {
    let Ok(uri) = url.as_str().parse::<http::Uri>() else {
        return false;
    };
    Matcher::builder()
        .all("http://proxy.invalid:1")
        .no(list)
        .build()
        .intercept(&uri)
        .is_none()
}

/// Asks the OS settings for `url` (a function so tests can stand in for it).
pub type SystemLookup = dyn Fn(&Url) -> Option<ProxyAddress> + Send + Sync;

/// The OS settings as hyper-util reads them for reqwest (the environment is
/// consulted first by the caller, so what this adds is the OS's answer).
pub fn system_lookup() -> Box<SystemLookup> {
    let matcher = Matcher::from_system();
    Box::new(move |url| {
        let uri = url.as_str().parse::<http::Uri>().ok()?;
        let hit = matcher.intercept(&uri)?;
        let p = ProxyAddress::parse_lenient(&hit.uri().to_string())?;
        Some(p.address)
    })
}

/// Everything that decides the route: the setting, the environment, the OS
/// settings, and the proxy logins found in the keychain.
pub struct ProxyRules {
    pub setting: ProxySetting,
    pub env: ProxyEnv,
    system: Box<SystemLookup>,
    /// Logins from the keychain, per proxy address.
    keychain_logins: Vec<(ProxyAddress, crate::Secret)>,
}

impl fmt::Debug for ProxyRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyRules")
            .field("setting", &self.setting)
            .field("env", &self.env.shown())
            .field(
                "keychain_logins",
                &self
                    .keychain_logins
                    .iter()
                    .map(|(a, _)| a.to_string())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl ProxyRules {
    pub fn new(setting: ProxySetting, env: ProxyEnv, system: Box<SystemLookup>) -> Self {
        ProxyRules {
            setting,
            env,
            system,
            keychain_logins: Vec::new(),
        }
    }

    /// The proxies a request could go through (to look up their logins):
    /// the setting's, the environment's and the OS's for https and http.
    pub fn candidates(&self) -> Vec<ProxyAddress> {
        let mut out: Vec<ProxyAddress> = Vec::new();
        for probe in ["https://ups-optin.invalid/", "http://ups-optin.invalid/"] {
            if let Ok(url) = Url::parse(probe) {
                if let Some((address, _, _)) = self.pick(&url) {
                    if !out.contains(&address) {
                        out.push(address);
                    }
                }
            }
        }
        out
    }

    /// Adds the keychain's login for `address`.
    pub fn add_keychain_login(&mut self, address: ProxyAddress, login: crate::Secret) {
        self.keychain_logins.push((address, login));
    }

    /// The proxy for `url` before any exclusion: address, source, login in the address.
    fn pick(&self, url: &Url) -> Option<Picked> {
        match &self.setting {
            ProxySetting::Direct => None,
            ProxySetting::Manual { url: proxy } => {
                ProxyAddress::parse_lenient(proxy).map(|p| (p.address, ProxySource::Setting, None))
            }
            ProxySetting::Automatic => {
                if let Some((var, p)) = self.env.proxy_for(url.scheme()) {
                    return Some((p.address, ProxySource::Environment(var), p.login));
                }
                (self.system)(url).map(|a| (a, ProxySource::System, None))
            }
        }
    }

    /// The route to `url`.
    pub fn route(&self, url: &Url) -> Route {
        self.resolve(url).0
    }

    /// The route to `url`, and the login to send to its proxy.
    pub(crate) fn resolve(&self, url: &Url) -> (Route, Option<(String, crate::Secret)>) {
        if self.setting == ProxySetting::Direct {
            return (Route::Direct(DirectReason::Setting), None);
        }
        let Some((address, source, url_login)) = self.pick(url) else {
            return (Route::Direct(DirectReason::NoneConfigured), None);
        };
        if let Some((var, list)) = self.env.no_proxy() {
            if excluded(list, url) {
                return (Route::Direct(DirectReason::Excluded(var)), None);
            }
        }
        let (login_from, login) = match url_login {
            Some((user, password)) => (
                LoginFrom::Address,
                Some((user, crate::Secret::new(password))),
            ),
            None => match self.keychain_logins.iter().find(|(a, _)| *a == address) {
                Some((_, secret)) => match split_login(secret) {
                    Some((user, password)) => (LoginFrom::Keychain, Some((user, password))),
                    None => (LoginFrom::None, None),
                },
                None => (LoginFrom::None, None),
            },
        };
        (
            Route::Proxy {
                address,
                source,
                login: login_from,
            },
            login,
        )
    }
}

/// The proxy for an address before any exclusion, with the login its address carries.
type Picked = (ProxyAddress, ProxySource, Option<(String, String)>);

/// `user:password` (RFC 7617: the user name has no colon) → its two parts.
pub(crate) fn split_login(secret: &crate::Secret) -> Option<(String, crate::Secret)> {
    let (user, password) = secret.expose().split_once(':')?;
    Some((user.to_string(), crate::Secret::new(password.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> ProxyEnv {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ProxyEnv::from_lookup(move |k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    fn no_system() -> Box<SystemLookup> {
        Box::new(|_| None)
    }

    fn system(host: &'static str) -> Box<SystemLookup> {
        Box::new(move |_| {
            Some(ProxyAddress {
                scheme: "http".into(),
                host: host.into(),
                port: 8080,
            })
        })
    }

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    const CIE: &str = "https://wwwcie.ups.com/security/v1/oauth/token";

    /// What the catalogs' `proxy-route` and network errors are given: the
    /// address and where it comes from as data, never a sentence or a login.
    #[test]
    fn a_route_and_its_proxy_as_catalog_parameters() {
        let params = |r: &Route| -> Vec<(String, String)> { r.params().into_iter().collect() };
        let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
            p.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let r = ProxyRules::new(
            ProxySetting::Automatic,
            env(&[("HTTPS_PROXY", "http://alice:pw@env.corp:3128")]),
            no_system(),
        );
        let route = r.route(&url(CIE));
        assert_eq!(
            params(&route),
            pairs(&[
                ("case", "proxy"),
                ("login", "address"),
                ("proxy", "http://env.corp:3128"),
                ("proxy_source", "HTTPS_PROXY"),
            ])
        );
        assert_eq!(
            route.via().unwrap().to_string(),
            "the proxy http://env.corp:3128 (from HTTPS_PROXY)"
        );
        let r = ProxyRules::new(
            ProxySetting::Automatic,
            env(&[
                ("HTTPS_PROXY", "http://env.corp:3128"),
                ("NO_PROXY", "wwwcie.ups.com"),
            ]),
            no_system(),
        );
        assert_eq!(
            params(&r.route(&url(CIE))),
            pairs(&[("case", "direct-excluded"), ("variable", "NO_PROXY")])
        );
        let r = ProxyRules::new(ProxySetting::Direct, env(&[]), system("os.corp"));
        assert_eq!(
            params(&r.route(&url(CIE))),
            pairs(&[("case", "direct-setting")])
        );
        assert_eq!(
            Via::Intercepting.params().to_vec(),
            vec![("proxy_source", "intercepting".to_string())]
        );
    }

    #[test]
    fn precedence_setting_then_environment_then_system() {
        let e = env(&[("HTTPS_PROXY", "http://env.corp:3128")]);
        let r = ProxyRules::new(
            ProxySetting::manual("http://set.corp:8080").unwrap(),
            e.clone(),
            system("os.corp"),
        );
        assert_eq!(
            r.route(&url(CIE)).to_string(),
            "proxy http://set.corp:8080 (from the proxy setting), no proxy login"
        );
        let r = ProxyRules::new(ProxySetting::Automatic, e, system("os.corp"));
        assert_eq!(
            r.route(&url(CIE)).to_string(),
            "proxy http://env.corp:3128 (from HTTPS_PROXY), no proxy login"
        );
        let r = ProxyRules::new(ProxySetting::Automatic, env(&[]), system("os.corp"));
        assert!(matches!(
            r.route(&url(CIE)),
            Route::Proxy {
                source: ProxySource::System,
                ..
            }
        ));
        let r = ProxyRules::new(
            ProxySetting::Direct,
            env(&[("HTTPS_PROXY", "http://env.corp:3128")]),
            system("os.corp"),
        );
        assert_eq!(r.route(&url(CIE)), Route::Direct(DirectReason::Setting));
        let r = ProxyRules::new(ProxySetting::Automatic, env(&[]), no_system());
        assert_eq!(
            r.route(&url(CIE)),
            Route::Direct(DirectReason::NoneConfigured)
        );
    }

    #[test]
    fn environment_names_as_curl_reads_them() {
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Option<&'a str>);
        let cases: &[Case] = &[
            (&[("https_proxy", "lower.corp:1")], CIE, Some("https_proxy")),
            (
                &[
                    ("HTTPS_PROXY", "up.corp:1"),
                    ("https_proxy", "lower.corp:1"),
                ],
                CIE,
                Some("HTTPS_PROXY"),
            ),
            (&[("HTTP_PROXY", "h.corp:1")], CIE, None),
            (
                &[("HTTP_PROXY", "h.corp:1")],
                "http://127.0.0.1:9/x",
                Some("HTTP_PROXY"),
            ),
            (&[("ALL_PROXY", "a.corp:1")], CIE, Some("ALL_PROXY")),
            (
                &[("all_proxy", "a.corp:1")],
                "http://127.0.0.1:9/",
                Some("all_proxy"),
            ),
            (
                &[
                    ("HTTPS_PROXY", "socks5://s.corp:1"),
                    ("ALL_PROXY", "a.corp:1"),
                ],
                CIE,
                Some("ALL_PROXY"),
            ),
        ];
        for (vars, target, want) in cases {
            let r = ProxyRules::new(ProxySetting::Automatic, env(vars), no_system());
            let got = match r.route(&url(target)) {
                Route::Proxy {
                    source: ProxySource::Environment(v),
                    ..
                } => Some(v),
                _ => None,
            };
            assert_eq!(got, *want, "{vars:?} {target}");
        }
    }

    #[test]
    fn no_proxy_excludes_hosts_and_domains_for_every_source() {
        for (list, target, excluded) in [
            ("wwwcie.ups.com", CIE, true),
            (".ups.com", CIE, true),
            ("ups.com", CIE, true),
            ("*", CIE, true),
            ("onlinetools.ups.com", CIE, false),
            ("127.0.0.0/8", "https://127.0.0.1:4443/", true),
            ("localhost", "https://localhost:4443/", true),
        ] {
            for setting in [
                ProxySetting::Automatic,
                ProxySetting::manual("http://set.corp:1").unwrap(),
            ] {
                let r = ProxyRules::new(
                    setting,
                    env(&[("HTTPS_PROXY", "http://env.corp:1"), ("no_proxy", list)]),
                    system("os.corp"),
                );
                assert_eq!(
                    r.route(&url(target)) == Route::Direct(DirectReason::Excluded("no_proxy")),
                    excluded,
                    "{list} {target}"
                );
            }
        }
    }

    #[test]
    fn logins_come_from_the_address_or_the_keychain_and_are_never_shown() {
        let r = ProxyRules::new(
            ProxySetting::Automatic,
            env(&[("HTTPS_PROXY", "http://alice:p%40ss@env.corp:3128")]),
            no_system(),
        );
        let (route, login) = r.resolve(&url(CIE));
        let (user, password) = login.unwrap();
        assert_eq!((user.as_str(), password.expose()), ("alice", "p@ss"));
        let shown = format!("{route} {:?} {:?}", r.env.shown(), r);
        assert!(
            !shown.contains("alice") && !shown.contains("p@ss") && !shown.contains("p%40ss"),
            "{shown}"
        );
        assert!(shown.contains("http://env.corp:3128"), "{shown}");

        let mut r = ProxyRules::new(
            ProxySetting::manual("proxy.corp:3128").unwrap(),
            env(&[]),
            no_system(),
        );
        assert_eq!(r.candidates().len(), 1);
        let address = r.candidates().remove(0);
        r.add_keychain_login(address, crate::Secret::new("bob:hunter2"));
        let (route, login) = r.resolve(&url(CIE));
        assert_eq!(
            route.to_string(),
            "proxy http://proxy.corp:3128 (from the proxy setting), login from the keychain"
        );
        assert_eq!(login.unwrap().1.expose(), "hunter2");
        assert!(!format!("{r:?}").contains("hunter2"));
    }

    #[test]
    fn a_manual_setting_is_an_address_and_never_a_login() {
        assert_eq!(
            ProxySetting::manual(" proxy.corp:3128 ").unwrap(),
            ProxySetting::Manual {
                url: "http://proxy.corp:3128".into()
            }
        );
        assert_eq!(
            ProxySetting::manual("https://[::1]:8443").unwrap(),
            ProxySetting::Manual {
                url: "https://[::1]:8443".into()
            }
        );
        for bad in [
            "http://alice:secret@proxy.corp:3128",
            "socks5://proxy.corp:1080",
            "http://proxy.corp:3128/path",
            "http://",
            "proxy corp",
        ] {
            let e = ProxySetting::manual(bad).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::InvalidInput, "{bad}");
            assert!(!e.to_string().contains("secret"), "{e}");
        }
    }
}
