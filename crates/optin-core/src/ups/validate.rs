//! UPS's pre-flight check, `GET /security/v1/oauth/validate-client`.
//!
//! Not in UPS's OpenAPI files, but called by the integrations that work against
//! UPS before they send anyone to sign in (docs/ups-errors.md lists the public
//! sources). It answers `{"result":"success","type":"ups_com_api",
//! "LassoRedirectURL":"https://www.ups.com/lasso/signin"}` for a client ID and
//! redirect URI UPS knows, and a UPS error body (400 `10400 Invalid Redirect
//! URL`, 401 `10401 ClientId is Invalid`) otherwise. Asking first turns an
//! error page in the browser, and a wait for a callback that can never come,
//! into an immediate message that says what to register.

use super::client::UpsClient;
use super::http::HttpRequest;
use super::retry::parse_retry_after;
use super::wire::{describe_body, UpsErrorBody};
use crate::environment::Environment;
use crate::error::{Error, Result};
use crate::login::RedirectUri;

/// What `validate-client` said about a client ID and redirect URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientCheck {
    /// UPS accepts this redirect URI for this client ID.
    Accepted {
        /// `type` of the answer (`ups_com_api`).
        kind: Option<String>,
        /// `LassoRedirectURL`: UPS's sign-in page.
        sign_in_url: Option<String>,
    },
    /// The environment has no usable `validate-client` (404, or an answer that
    /// is not JSON): nothing was learned, and the login goes on to `/authorize`.
    NotAvailable {
        what: String,
        /// The HTTP status that came instead of a verdict.
        status: u16,
        /// What the answer was: a [`super::wire::body_kind`], or
        /// `json-without-result`.
        answer: &'static str,
    },
}

impl UpsClient {
    /// Asks UPS whether it accepts `redirect_uri` (sent byte for byte) for
    /// `client_id`. A refusal is [`Error::ClientRefused`] quoting UPS's code
    /// and message; a network failure or 5xx is [`Error::UpsUnreachable`].
    pub async fn validate_client(
        &self,
        env: &Environment,
        client_id: &str,
        redirect_uri: &RedirectUri,
    ) -> Result<ClientCheck> {
        let mut url = env.validate_client_url();
        url.query_pairs_mut()
            .append_pair("client_id", client_id)
            .append_pair("redirect_uri", redirect_uri.as_str());
        let mut request = HttpRequest::new(Vec::new());
        *request.method_mut() = ::http::Method::GET;
        *request.uri_mut() = url.as_str().parse().map_err(|e| Error::UpsUnreachable {
            status: None,
            reason: "other",
            detail: format!("bad validate-client URL: {e}"),
        })?;
        request.headers_mut().insert(
            ::http::header::ACCEPT,
            ::http::HeaderValue::from_static("application/json"),
        );
        let response = self.transport().send(request).await.map_err(|t| t.0)?;
        let now = self.clock.now();
        let status = response.status().as_u16();
        let body = response.body();
        let content_type = response
            .headers()
            .get(::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        let refused = |code: Option<String>, message: String| Error::ClientRefused {
            status,
            ups_code: code,
            ups_message: message,
            client_id: client_id.to_string(),
            redirect_uri: redirect_uri.as_str().to_string(),
        };
        if status == 429 {
            return Err(Error::UpsRateLimited {
                retry_after: response
                    .headers()
                    .get(::http::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| parse_retry_after(v, now)),
                ups_message: UpsErrorBody::parse(body)
                    .and_then(|b| b.first().map(|e| e.message.clone())),
            });
        }
        if matches!(status, 404 | 405 | 501) {
            return Ok(not_available(
                format!("HTTP {status} with {}", describe_body(content_type, body)),
                status,
                super::wire::body_kind(content_type, body),
            ));
        }
        if (500..=599).contains(&status) {
            return Err(Error::UpsUnreachable {
                status: Some(status),
                reason: "server-error",
                detail: format!(
                    "validate-client answered HTTP {status} with {}",
                    describe_body(content_type, body)
                ),
            });
        }
        if let Some(ups) = UpsErrorBody::parse(body) {
            let first = ups.first().cloned().unwrap_or_default();
            return Err(refused(
                Some(first.code).filter(|c| !c.is_empty()),
                first.message,
            ));
        }
        let json = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .filter(serde_json::Value::is_object);
        match (status, json) {
            (200, Some(v)) => {
                let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
                match field("result") {
                    Some(r) if r.eq_ignore_ascii_case("success") => Ok(ClientCheck::Accepted {
                        kind: field("type"),
                        sign_in_url: field("LassoRedirectURL"),
                    }),
                    Some(r) => Err(refused(None, format!("result \"{r}\""))),
                    None => Ok(not_available(
                        "HTTP 200 with JSON that has no \"result\"".into(),
                        status,
                        "json-without-result",
                    )),
                }
            }
            (400..=499, Some(_)) => Err(refused(
                None,
                format!("HTTP {status} without a UPS message"),
            )),
            (_, _) => Ok(not_available(
                format!("HTTP {status} with {}", describe_body(content_type, body)),
                status,
                super::wire::body_kind(content_type, body),
            )),
        }
    }
}

fn not_available(what: String, status: u16, answer: &'static str) -> ClientCheck {
    log::info!(
        "validate-client gave no verdict ({what}); going on to the sign-in page without the pre-flight check"
    );
    ClientCheck::NotAvailable {
        what,
        status,
        answer,
    }
}
