//! Classifying UPS's non-200 answers: (HTTP status, UPS error code, body kind)
//! → the core's [`Error`]. A 4xx whose body is not a UPS JSON error came from
//! something else (an edge, a proxy) and is never read as UPS's verdict.

use time::OffsetDateTime;
use url::Url;

use super::http::HttpResponse;
use super::retry::parse_retry_after;
use super::wire::{describe_body, UpsErrorBody};
use crate::error::{Endpoint, Error};

/// Turns a non-200 UPS answer into the matching [`Error`]; `now` is the
/// clock's time, against which a `Retry-After` date is read.
pub fn classify_status(r: &HttpResponse, endpoint: Endpoint, now: OffsetDateTime) -> Error {
    let status = r.status().as_u16();
    let ups = UpsErrorBody::parse(r.body());
    let ups_first = ups.as_ref().and_then(|b| b.first().cloned());
    let content_type = r
        .headers()
        .get(::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    match status {
        429 => Error::UpsRateLimited {
            retry_after: r
                .headers()
                .get(::http::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, now)),
            ups_message: ups_first.map(|e| e.message),
        },
        500..=599 => Error::UpsUnreachable {
            status: Some(status),
            detail: match ups_first {
                Some(e) => format!("UPS answered HTTP {status}: {}", e.message),
                None => format!(
                    "UPS answered HTTP {status} with {}",
                    describe_body(content_type, r.body())
                ),
            },
        },
        300..=399 => Error::UpsBadResponse {
            status,
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
        400 | 401 | 403 if endpoint == Endpoint::Refresh => Error::ReoptNeeded {
            ups_message: ups_first
                .map(|e| e.message)
                .unwrap_or_else(|| format!("HTTP {status}")),
        },
        400..=499 => Error::UpsRejected {
            status,
            ups_code: ups_first
                .as_ref()
                .map(|e| e.code.clone())
                .filter(|c| !c.is_empty()),
            message: ups_first
                .map(|e| e.message)
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| {
                    format!(
                        "no UPS error message; the answer was {}",
                        describe_body(content_type, r.body())
                    )
                }),
            endpoint,
        },
        _ => Error::UpsBadResponse {
            status,
            what: describe_body(content_type, r.body()),
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

    #[test]
    fn classify_table() {
        use crate::ErrorCode::*;
        let table = [
            (resp(401, UPS_401, &[]), Endpoint::Token, UpsRejected),
            (resp(401, UPS_401, &[]), Endpoint::Refresh, ReoptNeeded),
            (resp(400, "", &[]), Endpoint::Refresh, ReoptNeeded),
            (
                resp(404, "<html>", &[("content-type", "text/html")]),
                Endpoint::Refresh,
                UpsRejected,
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
