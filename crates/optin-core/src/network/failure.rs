//! What a failure below HTTP means, and who caused it: the proxy, TLS, DNS,
//! UPS's host, or time. Read from reqwest's error and its sources (hyper-util's
//! connector and CONNECT tunnel, rustls), together with the [`Route`] the
//! request took — the same error text means "the proxy is down" through a proxy
//! and "UPS is down" without one.
//!
//! One table, first match wins (docs/ups-errors.md, "Below HTTP"):
//!
//! | evidence in the error's sources | route | error code |
//! |---|---|---|
//! | rustls: invalid peer certificate (unknown issuer, …) | any | `tls_untrusted` |
//! | tunnel: proxy authorization required (407 to CONNECT) | proxy | `proxy_auth_required` |
//! | tunnel: unsuccessful, closed, headers too long (403, 502 … to CONNECT) | proxy | `proxy_refused` |
//! | tunnel: failed to create underlying connection, io error | proxy | `proxy_unreachable` |
//! | timed out | any | `timed_out` (naming the proxy when there is one) |
//! | connect error (no tunnel: an http address through the proxy) | proxy | `proxy_unreachable` |
//! | dns error | direct | `dns_failed` |
//! | connection refused | direct | `connection_refused` |
//! | anything else | any | `ups_unreachable` |
//!
//! hyper-util does not export its tunnel's error type, so the tunnel's cases
//! are told apart by their `Display` text; `tests/company_network.rs` drives
//! each one through a real proxy, so a hyper-util that words them differently
//! fails there.

use std::error::Error as StdError;

use url::Url;

use super::proxy::Route;
pub use crate::culprit::Detail;
use crate::error::Error;

/// Every error in `e`'s chain, including the error an `io::Error` wraps
/// (`io::Error::source` skips it, and rustls's errors travel inside one).
fn chain<'a>(e: &'a (dyn StdError + 'static)) -> Vec<&'a (dyn StdError + 'static)> {
    let mut out = Vec::new();
    let mut next = Some(e);
    while let Some(e) = next {
        out.push(e);
        next = match e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            // An io::Error in an io::Error (rustls's inside tokio-rustls's inside hyper's).
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => e.source(),
        };
    }
    out
}

/// The first rustls error in the chain.
fn rustls_error<'a>(chain: &[&'a (dyn StdError + 'static)]) -> Option<&'a rustls::Error> {
    chain.iter().find_map(|e| e.downcast_ref::<rustls::Error>())
}

fn io_kind(chain: &[&(dyn StdError + 'static)]) -> Option<std::io::ErrorKind> {
    chain
        .iter()
        .find_map(|e| e.downcast_ref::<std::io::Error>().map(|io| io.kind()))
}

fn has_text(chain: &[&(dyn StdError + 'static)], text: &str) -> bool {
    chain.iter().any(|e| e.to_string().starts_with(text))
}

fn is_timeout(chain: &[&(dyn StdError + 'static)]) -> bool {
    io_kind(chain) == Some(std::io::ErrorKind::TimedOut)
        || chain.iter().any(|e| e.to_string() == "operation timed out")
}

/// Why a connection to a host (the proxy, or UPS's) could not be made.
fn connect_detail(chain: &[&(dyn StdError + 'static)]) -> Detail {
    if has_text(chain, "dns error") {
        Detail::new("dns", "its name could not be found (DNS)")
    } else if io_kind(chain) == Some(std::io::ErrorKind::ConnectionRefused) {
        Detail::new(
            "refused",
            "the connection was refused: nothing answers at that address",
        )
    } else if is_timeout(chain) {
        Detail::new("timeout", "it did not answer in time")
    } else {
        Detail::new(
            "other",
            chain
                .last()
                .map(|e| e.to_string())
                .unwrap_or_else(|| "the connection failed".into()),
        )
    }
}

/// A certificate problem; the unknown issuer (TLS inspection) first.
fn certificate_detail(e: &rustls::Error) -> Option<Detail> {
    use rustls::CertificateError as C;
    let rustls::Error::InvalidCertificate(c) = e else {
        return None;
    };
    let (reason, text) = match c {
        C::UnknownIssuer => ("unknown-issuer", "unknown issuer"),
        C::BadSignature => ("bad-signature", "bad signature"),
        C::Expired | C::ExpiredContext { .. } => ("expired", "the certificate has expired"),
        C::NotValidYet | C::NotValidYetContext { .. } => {
            ("not-valid-yet", "the certificate is not valid yet")
        }
        C::Revoked => ("revoked", "the certificate was revoked"),
        C::NotValidForName | C::NotValidForNameContext { .. } => {
            ("wrong-name", "the certificate is for another name")
        }
        C::InvalidPurpose | C::InvalidPurposeContext { .. } => {
            ("wrong-purpose", "the certificate is not for a server")
        }
        _ => ("certificate", "the certificate was refused"),
    };
    Some(Detail::new(reason, text))
}

/// The core's error for a failed request to `url` that took `route`;
/// `login_sent`: a proxy login went with it.
pub(crate) fn classify(e: &reqwest::Error, url: &Url, route: &Route, login_sent: bool) -> Error {
    let chain = chain(e);
    let host = url.host_str().unwrap_or("UPS").to_string();
    let via = route.via();

    if let Some(detail) = rustls_error(&chain).and_then(certificate_detail) {
        return Error::TlsUntrusted { host, detail, via };
    }
    if let Some(via) = &via {
        let tunnel = |what: &str| has_text(&chain, &format!("tunnel error: {what}"));
        if tunnel("proxy authorization required") {
            return Error::ProxyAuthRequired {
                via: via.clone(),
                login_sent,
            };
        }
        if tunnel("unsuccessful") {
            return Error::ProxyRefused {
                via: via.clone(),
                host,
                detail: if login_sent {
                    // Some proxies (tinyproxy) answer a wrong login with 401, not 407.
                    Detail::new("blocked-login", "it did not answer 200 to CONNECT: the proxy blocks it, could not reach it (HTTP 403 or 502), or did not accept the proxy login sent (HTTP 401): if the login is wrong, enter it again under Proxy login in the wizard or with `ups-optin proxy login`")
                } else {
                    Detail::new("blocked", "it did not answer 200 to CONNECT: the proxy blocks it, or could not reach it (HTTP 403 or 502)")
                },
            };
        }
        if tunnel("unexpected end of file") || tunnel("proxy response headers too long") {
            return Error::ProxyRefused {
                via: via.clone(),
                host,
                detail: Detail::new("closed", "it ended the connection without opening a tunnel"),
            };
        }
        if tunnel("failed to create underlying connection") || tunnel("io error") {
            return Error::ProxyUnreachable {
                via: via.clone(),
                detail: connect_detail(&chain),
            };
        }
    }
    if e.is_timeout() || is_timeout(&chain) {
        return Error::TimedOut { host, via };
    }
    if let Some(via) = via {
        if e.is_connect() {
            return Error::ProxyUnreachable {
                via,
                detail: connect_detail(&chain),
            };
        }
        return Error::UpsUnreachable {
            status: None,
            reason: "request-failed",
            detail: format!("the request to {host} through {via} failed"),
        };
    }
    if e.is_connect() && has_text(&chain, "dns error") {
        return Error::DnsFailed { host };
    }
    if e.is_connect() && io_kind(&chain) == Some(std::io::ErrorKind::ConnectionRefused) {
        return Error::ConnectionRefused {
            host,
            port: url.port_or_known_default().unwrap_or(443),
        };
    }
    if let Some(r) = rustls_error(&chain) {
        return Error::UpsUnreachable {
            status: None,
            reason: "tls-failed",
            detail: format!("the secure connection to {host} failed: {r}"),
        };
    }
    let (reason, detail) = if e.is_connect() {
        (
            "connect-failed",
            format!("could not connect to {host}: {}", connect_detail(&chain)),
        )
    } else if e.is_body() || e.is_decode() {
        (
            "connection-broke",
            format!("the connection to {host} broke while reading the answer"),
        )
    } else {
        ("request-failed", format!("the request to {host} failed"))
    };
    Error::UpsUnreachable {
        status: None,
        reason,
        detail,
    }
}
