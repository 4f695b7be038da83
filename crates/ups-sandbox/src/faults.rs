//! Fault injection: make an endpoint slow, broken or hostile for the next N
//! requests or until cleared.
//!
//! As JSON (the body of `POST /__sandbox/faults`), a fault is flat:
//! `{"target":"token","kind":"rate_limited","retry_after_secs":7,"times":1}`.

use std::convert::Infallible;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use crate::requests::Endpoint;
use crate::service::UpsError;

/// Host of [`FaultKind::RedirectElsewhere`]'s `Location` (never resolves).
pub const ELSEWHERE_HOST: &str = "elsewhere.ups-sandbox.invalid";

/// Which requests a fault applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultTarget {
    /// `GET /security/v1/oauth/authorize`.
    Authorize,
    /// The sign-in page (`GET` and `POST`).
    SignIn,
    /// `POST /security/v1/oauth/token`.
    Token,
    /// `POST /security/v1/oauth/refresh`.
    Refresh,
    /// `GET /security/v1/oauth/validate-client`.
    ValidateClient,
    /// All of the above.
    Any,
}

impl FaultTarget {
    fn matches(self, endpoint: Endpoint) -> bool {
        match self {
            Self::Authorize => endpoint == Endpoint::Authorize,
            Self::SignIn => endpoint == Endpoint::SignIn,
            Self::Token => endpoint == Endpoint::Token,
            Self::Refresh => endpoint == Endpoint::Refresh,
            Self::ValidateClient => endpoint == Endpoint::ValidateClient,
            Self::Any => endpoint != Endpoint::Other,
        }
    }
}

/// What goes wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Wait `ms` milliseconds, then answer normally.
    Delay {
        /// Milliseconds.
        ms: u64,
    },
    /// 500 with an HTML body.
    ServerError,
    /// 503 with a plain-text body.
    Unavailable,
    /// 429 with `Retry-After` and a UPS error body.
    RateLimited {
        /// Value of `Retry-After`, in seconds.
        #[serde(default = "one")]
        retry_after_secs: u64,
    },
    /// 200 `application/json` with a truncated body: `{"access_token":"eyJ…`.
    MalformedJson,
    /// 200 `application/json` with an empty body.
    EmptyBody,
    /// 200 with `{}`.
    EmptyJson,
    /// 200 `text/html` (a maintenance page).
    HtmlBody,
    /// Close the connection without answering.
    DropConnection,
    /// 302 to the same path on [`ELSEWHERE_HOST`].
    RedirectElsewhere,
    /// Send the real answer's headers, then its body `chunk_bytes` at a time,
    /// waiting `chunk_delay_ms` before each chunk.
    SlowBody {
        /// Delay before each chunk, in milliseconds.
        #[serde(default = "hundred")]
        chunk_delay_ms: u64,
        /// Chunk size in bytes.
        #[serde(default = "sixty_four")]
        chunk_bytes: usize,
    },
    /// 401 UPS error `10401 ClientId is Invalid` (an unknown client ID, or a
    /// secret regenerated on the developer portal).
    InvalidClient,
    /// 400 UPS error `10400 Invalid Redirect URL` (`validate-client`'s and
    /// `/authorize`'s refusal of an unregistered redirect URI).
    InvalidRedirect,
    /// 400 UPS error `10400 Invalid/Missing Refresh Token` (a spent, expired or
    /// unknown refresh token, as the field answers it).
    InvalidRefreshToken,
    /// 403 UPS error `10403 Blocked Merchant`.
    BlockedMerchant,
    /// 403 `text/html` "You don't have permission to access…": an edge or
    /// proxy answering instead of UPS.
    EdgeForbidden,
    /// 404 `text/html`: the path does not exist (an older stand-in without
    /// `validate-client`).
    NotFound,
    /// The real answer (the refresh token is spent and a new pair issued),
    /// with `"status":"pending"`.
    StatusPending,
    /// The real answer without `expires_in`.
    NoExpiresIn,
    /// The real answer with `"expires_in":"soon"`.
    GarbledExpiresIn,
    /// The real answer without `access_token`.
    NoAccessToken,
    /// The real answer without `refresh_token` (the old one is spent anyway).
    NoRefreshToken,
}

fn one() -> u64 {
    1
}
fn hundred() -> u64 {
    100
}
fn sixty_four() -> usize {
    64
}

impl FaultKind {
    /// The snake_case name used in JSON and in [`crate::LoggedRequest::fault`].
    pub fn name(&self) -> &'static str {
        match self {
            Self::Delay { .. } => "delay",
            Self::ServerError => "server_error",
            Self::Unavailable => "unavailable",
            Self::RateLimited { .. } => "rate_limited",
            Self::MalformedJson => "malformed_json",
            Self::EmptyBody => "empty_body",
            Self::EmptyJson => "empty_json",
            Self::HtmlBody => "html_body",
            Self::DropConnection => "drop_connection",
            Self::RedirectElsewhere => "redirect_elsewhere",
            Self::SlowBody { .. } => "slow_body",
            Self::InvalidClient => "invalid_client",
            Self::InvalidRedirect => "invalid_redirect",
            Self::InvalidRefreshToken => "invalid_refresh_token",
            Self::BlockedMerchant => "blocked_merchant",
            Self::EdgeForbidden => "edge_forbidden",
            Self::NotFound => "not_found",
            Self::StatusPending => "status_pending",
            Self::NoExpiresIn => "no_expires_in",
            Self::GarbledExpiresIn => "garbled_expires_in",
            Self::NoAccessToken => "no_access_token",
            Self::NoRefreshToken => "no_refresh_token",
        }
    }

    /// How the HTTP layer carries the fault out.
    pub(crate) fn action(&self, path: &str) -> Action {
        let canned = |status: StatusCode, content_type: &'static str, body: &'static str| {
            Action::Respond((status, [(header::CONTENT_TYPE, content_type)], body).into_response())
        };
        const JSON: &str = "application/json";
        const HTML: &str = "text/html; charset=utf-8";
        match *self {
            Self::Delay { ms } => Action::Proceed {
                delay: Duration::from_millis(ms),
                trickle: None,
            },
            Self::SlowBody {
                chunk_delay_ms,
                chunk_bytes,
            } => Action::Proceed {
                delay: Duration::ZERO,
                trickle: Some((Duration::from_millis(chunk_delay_ms), chunk_bytes.max(1))),
            },
            Self::DropConnection => Action::Drop,
            Self::ServerError => canned(
                StatusCode::INTERNAL_SERVER_ERROR,
                HTML,
                "<!doctype html><html><head><title>500 Internal Server Error</title></head>\
                 <body><h1>Internal Server Error</h1></body></html>",
            ),
            Self::Unavailable => canned(
                StatusCode::SERVICE_UNAVAILABLE,
                "text/plain; charset=utf-8",
                "Service Unavailable",
            ),
            Self::RateLimited { retry_after_secs } => {
                let mut response = UpsError::RATE_LIMITED.into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, retry_after_secs.into());
                Action::Respond(response)
            }
            Self::MalformedJson => canned(StatusCode::OK, JSON, r#"{"access_token":"eyJraWQiOi"#),
            Self::EmptyBody => canned(StatusCode::OK, JSON, ""),
            Self::EmptyJson => canned(StatusCode::OK, JSON, "{}"),
            Self::HtmlBody => canned(
                StatusCode::OK,
                HTML,
                "<!doctype html><html><head><title>UPS</title></head><body>\
                 <p>We're sorry. This page is temporarily unavailable.</p></body></html>",
            ),
            Self::InvalidClient => Action::Respond(UpsError::INVALID_CLIENT.into_response()),
            Self::InvalidRedirect => {
                Action::Respond(UpsError::INVALID_REDIRECT_URL.into_response())
            }
            Self::InvalidRefreshToken => {
                Action::Respond(UpsError::INVALID_MISSING_REFRESH.into_response())
            }
            Self::BlockedMerchant => Action::Respond(UpsError::BLOCKED_MERCHANT.into_response()),
            Self::EdgeForbidden => canned(
                StatusCode::FORBIDDEN,
                HTML,
                "<!doctype html><html><head><title>Access Denied</title></head><body>\
                 <h1>Access Denied</h1><p>You don't have permission to access this resource \
                 on this server.</p></body></html>",
            ),
            Self::NotFound => canned(
                StatusCode::NOT_FOUND,
                HTML,
                "<!doctype html><html><head><title>404 Not Found</title></head>\
                 <body><h1>Not Found</h1></body></html>",
            ),
            Self::StatusPending => Action::Rewrite(|m| {
                m.insert("status".into(), "pending".into());
            }),
            Self::NoExpiresIn => Action::Rewrite(|m| {
                m.remove("expires_in");
            }),
            Self::GarbledExpiresIn => Action::Rewrite(|m| {
                m.insert("expires_in".into(), "soon".into());
            }),
            Self::NoAccessToken => Action::Rewrite(|m| {
                m.remove("access_token");
            }),
            Self::NoRefreshToken => Action::Rewrite(|m| {
                m.remove("refresh_token");
            }),
            Self::RedirectElsewhere => Action::Respond(
                (
                    StatusCode::FOUND,
                    [(header::LOCATION, format!("https://{ELSEWHERE_HOST}{path}"))],
                )
                    .into_response(),
            ),
        }
    }
}

/// A fault: what goes wrong, where, and how many times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// Requests it applies to.
    pub target: FaultTarget,
    /// What goes wrong.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// Uses left; `None` = until cleared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

impl Fault {
    /// A fault that lasts until cleared.
    pub fn new(target: FaultTarget, kind: FaultKind) -> Self {
        Self {
            target,
            kind,
            times: None,
        }
    }

    /// Limits the fault to the next `n` matching requests.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }
}

/// What the HTTP layer does for a fault.
pub(crate) enum Action {
    /// Answer normally, after `delay`, optionally trickling the body.
    Proceed {
        delay: Duration,
        trickle: Option<(Duration, usize)>,
    },
    /// Drop the connection.
    Drop,
    /// Answer this instead.
    Respond(Response),
    /// Answer normally, then edit the JSON object of a 200 answer.
    Rewrite(fn(&mut serde_json::Map<String, serde_json::Value>)),
}

/// Applies `edit` to the JSON object of a 200 `response`; anything else passes unchanged.
pub(crate) async fn rewrite(
    response: Response,
    edit: fn(&mut serde_json::Map<String, serde_json::Value>),
) -> Response {
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let body = match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(serde_json::Value::Object(mut m)) => {
            edit(&mut m);
            parts.headers.remove(header::CONTENT_LENGTH);
            serde_json::to_vec(&m).unwrap_or_default().into()
        }
        _ => bytes,
    };
    Response::from_parts(parts, Body::from(body))
}

/// The active faults, in the order they were added.
#[derive(Default)]
pub(crate) struct Faults(Vec<Fault>);

impl Faults {
    pub(crate) fn push(&mut self, fault: Fault) {
        if fault.times != Some(0) {
            self.0.push(fault);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }

    pub(crate) fn active(&self) -> Vec<Fault> {
        self.0.clone()
    }

    /// The first fault matching `endpoint`, using it up once.
    pub(crate) fn take(&mut self, endpoint: Endpoint) -> Option<FaultKind> {
        let i = self.0.iter().position(|f| f.target.matches(endpoint))?;
        let fault = self.0.get_mut(i)?;
        let kind = fault.kind.clone();
        if let Some(left) = &mut fault.times {
            *left = left.saturating_sub(1);
            if *left == 0 {
                self.0.remove(i);
            }
        }
        Some(kind)
    }
}

/// Re-sends `response`'s body in `chunk`-byte pieces, `delay` before each.
pub(crate) async fn trickle(response: Response, delay: Duration, chunk: usize) -> Response {
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let pieces: Vec<Bytes> = bytes.chunks(chunk).map(Bytes::copy_from_slice).collect();
    let stream = futures_util::stream::iter(pieces).then(move |piece| async move {
        tokio::time::sleep(delay).await;
        Ok::<_, Infallible>(piece)
    });
    Response::from_parts(parts, Body::from_stream(stream))
}
