//! Classifying UPS's non-200 answers by evidence, not by status alone:
//! (HTTP status, UPS error code, body kind) → the core's [`Error`], in one
//! table ([`RULES`]), first matching row wins. docs/ups-errors.md is the same
//! table with the source of each row.
//!
//! A 4xx whose body is not a UPS JSON error came from something else (an edge,
//! a proxy, a captive portal) and is never read as UPS's verdict: it is
//! reported like "unreachable", saying what answered, and spends nothing, so
//! the next attempt works.

use time::OffsetDateTime;
use url::Url;

use super::http::HttpResponse;
use super::retry::parse_retry_after;
use super::wire::{describe_body, UpsError, UpsErrorBody};
use crate::error::{Endpoint, Error};

/// What kind of body came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyKind {
    /// `{"response":{"errors":[{"code","message"}]}}`: UPS's own verdict.
    Ups(UpsError),
    /// An RFC 6749 §5.2 error (`{"error":"invalid_grant"}`).
    OAuth(String),
    /// Anything else (HTML, text, empty, other JSON), described for a message.
    /// Described in English, and its kind ([`super::wire::body_kind`]).
    Other(String, &'static str),
}

impl BodyKind {
    pub fn of(r: &HttpResponse) -> BodyKind {
        if let Some(e) = UpsErrorBody::parse(r.body()).and_then(|b| b.first().cloned()) {
            return BodyKind::Ups(e);
        }
        if let Some(e) = serde_json::from_slice::<serde_json::Value>(r.body())
            .ok()
            .and_then(|v| v.get("error")?.as_str().map(str::to_string))
        {
            return BodyKind::OAuth(e);
        }
        let content_type = r
            .headers()
            .get(::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        BodyKind::Other(
            describe_body(content_type, r.body()),
            super::wire::body_kind(content_type, r.body()),
        )
    }
}

/// Which endpoints a row applies to.
#[derive(Debug, Clone, Copy)]
enum On {
    Any,
    Refresh,
    /// Renewals with the stored client secret: `/refresh` and a client-credentials
    /// renewal (not a first opt-in, where a refusal is a typing mistake).
    Renewal,
}

/// What a row asks of the body.
#[derive(Debug, Clone, Copy)]
enum Evidence {
    Any,
    /// A UPS error body with this code.
    UpsCode(&'static str),
    /// A UPS error body about the refresh token or the grant
    /// ("Invalid/Missing Refresh Token", "Invalid Refresh Token"), or an
    /// RFC 6749 `invalid_grant`.
    AboutRefreshToken,
    /// Any UPS error body.
    Ups,
    /// Not a UPS error body (HTML, text, empty, other JSON).
    NotUps,
}

/// What a row concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    RateLimited,
    Unreachable,
    Redirected,
    /// Something other than UPS answered with a 4xx.
    NotUps,
    ReoptNeeded,
    CredentialsRejected,
    Rejected,
    BadResponse,
    /// A proxy asks for a login (407).
    ProxyAuthRequired,
}

struct Rule {
    status: (u16, u16),
    on: On,
    evidence: Evidence,
    verdict: Verdict,
}

const fn rule(status: (u16, u16), on: On, evidence: Evidence, verdict: Verdict) -> Rule {
    Rule {
        status,
        on,
        evidence,
        verdict,
    }
}

/// The table. Order matters: the first row that matches wins.
const RULES: &[Rule] = &[
    rule((429, 429), On::Any, Evidence::Any, Verdict::RateLimited),
    // UPS never asks for a proxy login: a 407 is a proxy's, even one nobody
    // configured (an intercepting proxy). The transport names a configured one.
    rule(
        (407, 407),
        On::Any,
        Evidence::Any,
        Verdict::ProxyAuthRequired,
    ),
    rule((500, 599), On::Any, Evidence::Any, Verdict::Unreachable),
    rule((300, 399), On::Any, Evidence::Any, Verdict::Redirected),
    rule(
        (400, 401),
        On::Refresh,
        Evidence::AboutRefreshToken,
        Verdict::ReoptNeeded,
    ),
    rule((400, 499), On::Any, Evidence::NotUps, Verdict::NotUps),
    rule(
        (400, 401),
        On::Renewal,
        Evidence::UpsCode("10401"),
        Verdict::CredentialsRejected,
    ),
    rule((403, 403), On::Any, Evidence::Ups, Verdict::Rejected),
    rule((400, 499), On::Any, Evidence::Ups, Verdict::Rejected),
    rule((0, 999), On::Any, Evidence::Any, Verdict::BadResponse),
];

impl On {
    fn matches(self, e: Endpoint) -> bool {
        match self {
            On::Any => true,
            On::Refresh => e == Endpoint::Refresh,
            On::Renewal => matches!(e, Endpoint::Refresh | Endpoint::ClientCredentialsRenewal),
        }
    }
}

impl Evidence {
    fn matches(self, body: &BodyKind) -> bool {
        match (self, body) {
            (Evidence::Any, _) => true,
            (Evidence::UpsCode(c), BodyKind::Ups(e)) => e.code == c,
            (Evidence::AboutRefreshToken, BodyKind::Ups(e)) => {
                let m = e.message.to_ascii_lowercase();
                m.contains("refresh") || (m.contains("grant") && !m.contains("grant type"))
            }
            (Evidence::AboutRefreshToken, BodyKind::OAuth(e)) => e == "invalid_grant",
            (Evidence::Ups, BodyKind::Ups(_)) => true,
            (Evidence::NotUps, BodyKind::Ups(_)) => false,
            (Evidence::NotUps, _) => true,
            _ => false,
        }
    }
}

/// The verdict of the table for an answer.
pub fn verdict(status: u16, endpoint: Endpoint, body: &BodyKind) -> Verdict {
    RULES
        .iter()
        .find(|r| {
            (r.status.0..=r.status.1).contains(&status)
                && r.on.matches(endpoint)
                && r.evidence.matches(body)
        })
        .map_or(Verdict::BadResponse, |r| r.verdict)
}

/// Turns a non-200 UPS answer into the matching [`Error`]; `now` is the
/// clock's time, against which a `Retry-After` date is read.
pub fn classify_status(r: &HttpResponse, endpoint: Endpoint, now: OffsetDateTime) -> Error {
    let status = r.status().as_u16();
    let body = BodyKind::of(r);
    let ups = match &body {
        BodyKind::Ups(e) => Some(e.clone()),
        _ => None,
    };
    let what = match &body {
        BodyKind::Ups(e) => format!("UPS error {}: {}", e.code, e.message),
        BodyKind::OAuth(e) => format!("an OAuth error \"{e}\""),
        BodyKind::Other(d, _) => d.clone(),
    };
    let kind = match &body {
        BodyKind::Other(_, kind) => kind,
        _ => "error-body",
    };
    let ups_code = ups
        .as_ref()
        .map(|e| e.code.clone())
        .filter(|c| !c.is_empty());
    let ups_message = ups
        .as_ref()
        .map(|e| e.message.clone())
        .filter(|m| !m.is_empty());
    match verdict(status, endpoint, &body) {
        Verdict::RateLimited => Error::UpsRateLimited {
            retry_after: r
                .headers()
                .get(::http::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, now)),
            ups_message,
        },
        Verdict::Unreachable => Error::UpsUnreachable {
            status: Some(status),
            reason: "server-error",
            detail: match ups_message {
                Some(m) => format!("UPS answered HTTP {status}: {m}"),
                None => format!("UPS answered HTTP {status} with {what}"),
            },
        },
        Verdict::Redirected => Error::UpsBadResponse {
            status,
            kind: "redirect",
            what: format!(
                "a redirect to {}",
                r.headers()
                    .get(::http::header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|l| Url::parse(l).ok())
                    .and_then(|u| u.host_str().map(str::to_string))
                    .unwrap_or_else(|| "another address".into())
            ),
        },
        Verdict::NotUps => Error::UpsUnreachable {
            status: Some(status),
            reason: "not-ups",
            detail: format!(
                "HTTP {status} with {what} came back from {}: that is not UPS's error format, so a proxy, firewall, captive portal or content filter between this computer and UPS probably answered instead. Nothing was spent",
                endpoint.path()
            ),
        },
        Verdict::ReoptNeeded => Error::ReoptNeeded {
            ups_message: ups_message.unwrap_or(what),
        },
        Verdict::CredentialsRejected => Error::CredentialsRejected {
            status,
            ups_code,
            ups_message: ups_message.unwrap_or(what),
        },
        Verdict::Rejected => Error::UpsRejected {
            status,
            ups_code,
            message: ups_message.unwrap_or_else(|| format!("no UPS error message; the answer was {what}")),
            endpoint,
        },
        Verdict::BadResponse => Error::UpsBadResponse { status, what, kind },
        Verdict::ProxyAuthRequired => Error::ProxyAuthRequired {
            via: crate::network::proxy::Via::Intercepting,
            login_sent: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use time::macros::datetime;

    /// The clock's time in these tests.
    const NOW: OffsetDateTime = datetime!(2026-11-29 12:00 UTC);

    fn resp(status: u16, body: &str, headers: &[(&str, &str)]) -> HttpResponse {
        let mut b = ::http::Response::builder().status(status);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(body.as_bytes().to_vec()).unwrap()
    }

    const UPS_401: &str =
        r#"{"response":{"errors":[{"code":"10401","message":"ClientId is Invalid"}]}}"#;

    const SPENT: &str =
        r#"{"response":{"errors":[{"code":"10400","message":"Invalid/Missing Refresh Token"}]}}"#;
    const SANDBOX_SPENT: &str =
        r#"{"response":{"errors":[{"code":"10400","message":"Invalid Refresh Token"}]}}"#;
    const GRANT_TYPE: &str =
        r#"{"response":{"errors":[{"code":"10400","message":"Unsupported Grant Type"}]}}"#;
    const BLOCKED: &str =
        r#"{"response":{"errors":[{"code":"10403","message":"Blocked Merchant"}]}}"#;

    #[test]
    fn classify_table() {
        use crate::ErrorCode::*;
        let table = [
            (resp(401, UPS_401, &[]), Endpoint::Token, UpsRejected),
            (
                resp(401, UPS_401, &[]),
                Endpoint::Refresh,
                CredentialsRejected,
            ),
            (
                resp(401, UPS_401, &[]),
                Endpoint::ClientCredentials,
                UpsRejected,
            ),
            (
                resp(401, UPS_401, &[]),
                Endpoint::ClientCredentialsRenewal,
                CredentialsRejected,
            ),
            (resp(400, SPENT, &[]), Endpoint::Refresh, ReoptNeeded),
            (
                resp(401, SANDBOX_SPENT, &[]),
                Endpoint::Refresh,
                ReoptNeeded,
            ),
            (
                resp(400, r#"{"error":"invalid_grant"}"#, &[]),
                Endpoint::Refresh,
                ReoptNeeded,
            ),
            (resp(400, GRANT_TYPE, &[]), Endpoint::Refresh, UpsRejected),
            (resp(403, BLOCKED, &[]), Endpoint::Refresh, UpsRejected),
            (resp(400, "", &[]), Endpoint::Refresh, UpsUnreachable),
            (
                resp(
                    403,
                    "<html>You don't have permission</html>",
                    &[("content-type", "text/html")],
                ),
                Endpoint::Refresh,
                UpsUnreachable,
            ),
            (
                resp(404, "<html>", &[("content-type", "text/html")]),
                Endpoint::Refresh,
                UpsUnreachable,
            ),
            (
                resp(403, "<html>", &[("content-type", "text/html")]),
                Endpoint::Token,
                UpsUnreachable,
            ),
            (
                resp(403, UPS_401, &[]),
                Endpoint::ClientCredentials,
                UpsRejected,
            ),
            (
                resp(429, UPS_401, &[("retry-after", "7")]),
                Endpoint::Refresh,
                UpsRateLimited,
            ),
            (
                resp(500, "<html>oops</html>", &[("content-type", "text/html")]),
                Endpoint::Token,
                UpsUnreachable,
            ),
            (resp(503, "", &[]), Endpoint::Refresh, UpsUnreachable),
            (
                resp(302, "", &[("location", "https://evil.invalid/x")]),
                Endpoint::Token,
                UpsBadResponse,
            ),
            (resp(204, "", &[]), Endpoint::Token, UpsBadResponse),
            (
                resp(407, "<html>login</html>", &[("content-type", "text/html")]),
                Endpoint::Refresh,
                ProxyAuthRequired,
            ),
            (resp(407, UPS_401, &[]), Endpoint::Token, ProxyAuthRequired),
        ];
        for (r, ep, want) in table {
            let e = classify_status(&r, ep, NOW);
            assert_eq!(e.code(), want, "{} {ep:?}: {e}", r.status());
        }
    }

    #[test]
    fn rejected_keeps_status_code_and_message() {
        let e = classify_status(&resp(401, UPS_401, &[]), Endpoint::Token, NOW);
        let m = e.to_string();
        assert!(
            m.contains("HTTP 401") && m.contains("10401") && m.contains("ClientId is Invalid"),
            "{m}"
        );
    }

    #[test]
    fn not_ups_says_what_answered_and_blocked_keeps_ups_message() {
        let e = classify_status(
            &resp(403, "<html>denied</html>", &[("content-type", "text/html")]),
            Endpoint::Refresh,
            NOW,
        );
        let m = e.to_string();
        assert!(
            m.contains("HTTP 403") && m.contains("an HTML page") && m.contains("proxy"),
            "{m}"
        );
        assert!(!m.contains("password") && !m.contains("denied"), "{m}");
        let m = classify_status(&resp(403, BLOCKED, &[]), Endpoint::Refresh, NOW).to_string();
        assert!(m.contains("Blocked Merchant") && m.contains("10403"), "{m}");
        let m = classify_status(&resp(401, UPS_401, &[]), Endpoint::Refresh, NOW).to_string();
        assert!(m.contains("regenerated") && !m.contains("password"), "{m}");
    }

    #[test]
    fn retry_after_is_kept() {
        match classify_status(
            &resp(429, "", &[("retry-after", "7")]),
            Endpoint::Token,
            NOW,
        ) {
            Error::UpsRateLimited { retry_after, .. } => {
                assert_eq!(retry_after, Some(Duration::from_secs(7)))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", NOW),
            Some(Duration::ZERO),
            "a date in the past is now"
        );
        assert_eq!(
            parse_retry_after("Sun, 29 Nov 2026 12:01:30 GMT", NOW),
            Some(Duration::from_secs(90)),
            "a date is read against the clock's time"
        );
        assert_eq!(parse_retry_after("soon", NOW), None);
    }

    #[test]
    fn redirect_names_only_the_host() {
        let e = classify_status(
            &resp(
                302,
                "",
                &[("location", "https://evil.invalid/steal?code=abc")],
            ),
            Endpoint::Token,
            NOW,
        );
        let m = e.to_string();
        assert!(m.contains("evil.invalid") && !m.contains("code=abc"), "{m}");
    }
}
