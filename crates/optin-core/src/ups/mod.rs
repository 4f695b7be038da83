//! The UPS OAuth client: authorize URL, code exchange, refresh, client credentials.
//!
//! Built on the `oauth2` crate's typed requests (RFC 6749 §4.1, §4.4, §6; PKCE
//! RFC 7636) with UPS's own answer types (see [`wire`]). The HTTP adapter hands
//! oauth2 only `200` answers; anything else comes back as an [`HttpFailure`]
//! carrying status, headers and body, so the HTTP status, UPS's code and message
//! and `Retry-After` all survive into [`Error`].
//!
//! UPS specifics (OAuthAuthCode.yaml): `/token` takes Basic `client_id:secret`,
//! or in PKCE mode `client_id` + `code_verifier` in the body and no
//! Authorization header; `/refresh` is a separate URL and always takes Basic.
//!
//! HTTP 429 is retried, boundedly ([`RateLimitRetry`]): a 429 means UPS did not
//! process the request, so sending the same request again (even the same
//! single-use authorization code or refresh token) is safe. Nothing else is
//! retried: a 5xx or a dropped connection may have been processed.

pub mod http;
pub mod wire;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use oauth2::basic::{BasicRevocationErrorResponse, BasicTokenIntrospectionResponse};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet,
    EndpointSet, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError,
    Scope, StandardRevocableToken, TokenResponse, TokenUrl,
};
use url::Url;

use self::http::{HttpRequest, HttpResponse, HttpTransport, TransportError};
use self::wire::{describe_body, UpsErrorBody, UpsTokenResponse};
use crate::environment::Environment;
use crate::error::{Endpoint, Error, Result};
use crate::secret::Secret;

/// How `/token` authenticates the client in the authorization-code exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenAuth {
    /// `Authorization: Basic client_id:secret` (and the PKCE verifier in the body).
    #[default]
    Basic,
    /// `client_id` + `code_verifier` in the body, no Authorization header.
    PkceBody,
}

/// A client ID and its secret.
#[derive(Debug, Clone)]
pub struct ClientCredentials {
    pub client_id: String,
    pub client_secret: Secret,
}

/// Tokens from one UPS answer, with their lifetimes as UPS stated them.
#[derive(Debug)]
pub struct TokenSet {
    pub access_token: Secret,
    pub expires_in: Option<Duration>,
    pub refresh_token: Option<Secret>,
    pub refresh_expires_in: Option<Duration>,
}

/// A non-200 answer or a transport failure, as the oauth2 adapter reports it.
/// `Debug` shows the status only: the body could hold a token.
pub enum HttpFailure {
    Transport(TransportError),
    Status(HttpResponse),
}

impl fmt::Debug for HttpFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpFailure::Transport(e) => write!(f, "Transport({e})"),
            HttpFailure::Status(r) => write!(f, "Status({})", r.status()),
        }
    }
}

impl fmt::Display for HttpFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for HttpFailure {}

type UpsOAuthClient = oauth2::Client<
    UpsErrorBody,
    UpsTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// What the browser is sent to, and the two values the wizard keeps in memory.
pub struct AuthorizeRequest {
    pub url: Url,
    pub state: CsrfToken,
    pub verifier: PkceCodeVerifier,
}

/// Builds the authorize URL: client_id, redirect_uri, response_type=code,
/// state (256 random bits), scope (when given), code_challenge and
/// code_challenge_method=S256.
pub fn authorize_request(
    env: &Environment,
    client_id: &str,
    redirect_uri: &Url,
    scope: Option<&str>,
) -> AuthorizeRequest {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let client = oauth2::basic::BasicClient::new(ClientId::new(client_id.to_string()))
        .set_auth_uri(AuthUrl::from_url(env.authorize_url()))
        .set_redirect_uri(RedirectUrl::from_url(redirect_uri.clone()));
    let mut req = client
        .authorize_url(|| CsrfToken::new_random_len(32))
        .set_pkce_challenge(challenge);
    if let Some(scope) = scope.filter(|s| !s.is_empty()) {
        req = req.add_scope(Scope::new(scope.to_string()));
    }
    let (url, state) = req.url();
    AuthorizeRequest {
        url,
        state,
        verifier,
    }
}

/// What the client does when UPS answers HTTP 429 (Too Many Requests).
///
/// A 429 means UPS did not process the request, so the same request (the same
/// authorization code, the same refresh token) may be sent again. The client
/// retries up to [`Self::max_retries`] times, waiting what `Retry-After` asks
/// for when that is at most [`Self::max_wait`]; without a usable `Retry-After`
/// it waits [`Self::backoff`], then twice that, and so on (default 1 s, 2 s).
/// A `Retry-After` longer than `max_wait`, or a 429 after the last retry, is
/// reported as [`Error::UpsRateLimited`] with UPS's `Retry-After`. Worst case
/// with the defaults: 3 requests and 20 s of waiting. No other status and no
/// transport failure is ever retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitRetry {
    /// Retries after the first 429; 0 turns retrying off.
    pub max_retries: u32,
    /// The longest `Retry-After` honoured.
    pub max_wait: Duration,
    /// The first pause when UPS sends no usable `Retry-After`; doubles per retry.
    pub backoff: Duration,
}

impl RateLimitRetry {
    /// No retry: a 429 is reported at once.
    pub const OFF: RateLimitRetry = RateLimitRetry {
        max_retries: 0,
        max_wait: Duration::ZERO,
        backoff: Duration::ZERO,
    };

    /// How long to wait before retry number `retry` (0-based) after a 429 whose
    /// `Retry-After` was `retry_after`; `None`: give up now.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if retry >= self.max_retries {
            return None;
        }
        match retry_after {
            Some(d) if d <= self.max_wait => Some(d),
            Some(_) => None,
            None => Some(
                self.backoff
                    .saturating_mul(2u32.saturating_pow(retry))
                    .min(self.max_wait),
            ),
        }
    }
}

impl Default for RateLimitRetry {
    fn default() -> Self {
        RateLimitRetry {
            max_retries: 2,
            max_wait: Duration::from_secs(10),
            backoff: Duration::from_secs(1),
        }
    }
}

/// The UPS OAuth client.
#[derive(Clone)]
pub struct UpsClient {
    http: Arc<dyn HttpTransport>,
    rate_limit: RateLimitRetry,
}

impl UpsClient {
    /// A client with the default 429 policy ([`RateLimitRetry::default`]).
    pub fn new(http: Arc<dyn HttpTransport>) -> Self {
        Self::with_rate_limit(http, RateLimitRetry::default())
    }

    pub fn with_rate_limit(http: Arc<dyn HttpTransport>, rate_limit: RateLimitRetry) -> Self {
        UpsClient { http, rate_limit }
    }

    pub fn rate_limit(&self) -> RateLimitRetry {
        self.rate_limit
    }

    fn oauth(
        &self,
        token_url: Url,
        creds: &ClientCredentials,
        auth: TokenAuth,
        redirect: Option<&Url>,
    ) -> UpsOAuthClient {
        let mut c = oauth2::Client::new(ClientId::new(creds.client_id.clone()))
            .set_token_uri(TokenUrl::from_url(token_url));
        match auth {
            TokenAuth::Basic => {
                c = c
                    .set_client_secret(ClientSecret::new(creds.client_secret.expose().to_string()))
                    .set_auth_type(AuthType::BasicAuth)
            }
            TokenAuth::PkceBody => c = c.set_auth_type(AuthType::RequestBody),
        }
        if let Some(r) = redirect {
            c = c.set_redirect_uri(RedirectUrl::from_url(r.clone()));
        }
        c
    }

    /// Exchanges an authorization code at `/token`.
    pub async fn exchange_code(
        &self,
        env: &Environment,
        creds: &ClientCredentials,
        code: &Secret,
        redirect_uri: &Url,
        verifier: PkceCodeVerifier,
        auth: TokenAuth,
    ) -> Result<TokenSet> {
        let client = self.oauth(env.token_url(), creds, auth, Some(redirect_uri));
        let adapter = self.adapter(None);
        let answer = client
            .exchange_code(AuthorizationCode::new(code.expose().to_string()))
            .set_pkce_verifier(verifier)
            .request_async(&adapter)
            .await;
        into_token_set(answer, Endpoint::Token)
    }

    /// Spends a refresh token at `/refresh` (Basic auth) and returns the rotated pair.
    pub async fn refresh(
        &self,
        env: &Environment,
        creds: &ClientCredentials,
        refresh_token: &Secret,
    ) -> Result<TokenSet> {
        let client = self.oauth(env.refresh_url(), creds, TokenAuth::Basic, None);
        let adapter = self.adapter(None);
        let rt = RefreshToken::new(refresh_token.expose().to_string());
        let answer = client
            .exchange_refresh_token(&rt)
            .request_async(&adapter)
            .await;
        into_token_set(answer, Endpoint::Refresh)
    }

    /// Client credentials at `/token` (Basic auth), optionally for one shipper
    /// account (`x-merchant-id`).
    pub async fn client_credentials(
        &self,
        env: &Environment,
        creds: &ClientCredentials,
        merchant_id: Option<&str>,
    ) -> Result<TokenSet> {
        let client = self.oauth(env.token_url(), creds, TokenAuth::Basic, None);
        let adapter = self.adapter(merchant_id.map(str::to_string));
        let answer = client
            .exchange_client_credentials()
            .request_async(&adapter)
            .await;
        into_token_set(answer, Endpoint::ClientCredentials)
    }

    fn adapter(
        &self,
        merchant_id: Option<String>,
    ) -> impl Fn(HttpRequest) -> http::BoxFuture<'static, Result<HttpResponse, HttpFailure>> + '_
    {
        move |mut request: HttpRequest| {
            let http = Arc::clone(&self.http);
            let merchant_id = merchant_id.clone();
            let policy = self.rate_limit;
            Box::pin(async move {
                if let Some(m) = merchant_id
                    .as_deref()
                    .and_then(|m| ::http::HeaderValue::from_str(m).ok())
                {
                    request.headers_mut().insert("x-merchant-id", m);
                }
                let mut retry = 0;
                let response = loop {
                    let again = (retry < policy.max_retries).then(|| copy_request(&request));
                    let response = http.send(request).await.map_err(HttpFailure::Transport)?;
                    if response.status() != ::http::StatusCode::TOO_MANY_REQUESTS {
                        break response;
                    }
                    let retry_after = response
                        .headers()
                        .get(::http::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(parse_retry_after);
                    let (Some(delay), Some(again)) = (policy.delay(retry, retry_after), again)
                    else {
                        break response;
                    };
                    retry += 1;
                    log::info!(
                        "UPS answered HTTP 429 at {}; retrying in {} ms (retry {retry} of {})",
                        again.uri().path(),
                        delay.as_millis(),
                        policy.max_retries
                    );
                    tokio::time::sleep(delay).await;
                    request = again;
                };
                if response.status() == ::http::StatusCode::OK {
                    Ok(response)
                } else {
                    Err(HttpFailure::Status(response))
                }
            })
        }
    }
}

/// The same request again (method, URI, version, headers, body).
fn copy_request(r: &HttpRequest) -> HttpRequest {
    let mut copy = ::http::Request::new(r.body().clone());
    *copy.method_mut() = r.method().clone();
    *copy.uri_mut() = r.uri().clone();
    *copy.version_mut() = r.version();
    *copy.headers_mut() = r.headers().clone();
    copy
}

fn into_token_set(
    answer: Result<UpsTokenResponse, RequestTokenError<HttpFailure, UpsErrorBody>>,
    endpoint: Endpoint,
) -> Result<TokenSet> {
    let t = answer.map_err(|e| map_request_error(e, endpoint))?;
    if t.access_token().secret().trim().is_empty() {
        return Err(Error::UpsBadResponse {
            status: 200,
            what: "an empty access token".into(),
        });
    }
    if t.status
        .as_deref()
        .is_some_and(|s| !s.eq_ignore_ascii_case("approved"))
    {
        return Err(Error::UpsBadResponse {
            status: 200,
            what: "a token whose status is not \"approved\"".into(),
        });
    }
    if endpoint == Endpoint::Refresh && t.refresh_token().is_none() {
        return Err(Error::UpsBadResponse {
            status: 200,
            what: "a refreshed token without the rotated refresh token".into(),
        });
    }
    Ok(TokenSet {
        access_token: Secret::new(t.access_token().secret().clone()),
        expires_in: lifetime(t.expires_in),
        refresh_token: t.refresh_token().map(|r| Secret::new(r.secret().clone())),
        refresh_expires_in: lifetime(t.refresh_token_expires_in),
    })
}

/// The longest token lifetime taken from an answer (10 years; UPS states 4 hours
/// and 60 days). A longer one is cut to it, so that adding it to a date can
/// never overflow.
pub const MAX_LIFETIME: Duration = Duration::from_secs(10 * 366 * 24 * 60 * 60);

fn lifetime(secs: Option<u64>) -> Option<Duration> {
    secs.map(|s| Duration::from_secs(s).min(MAX_LIFETIME))
}

fn map_request_error(e: RequestTokenError<HttpFailure, UpsErrorBody>, endpoint: Endpoint) -> Error {
    match e {
        RequestTokenError::Request(HttpFailure::Transport(t)) => Error::UpsUnreachable {
            status: None,
            detail: t.0,
        },
        RequestTokenError::Request(HttpFailure::Status(r)) => classify_status(&r, endpoint),
        RequestTokenError::Parse(_, body) => Error::UpsBadResponse {
            status: 200,
            what: describe_body(None, &body),
        },
        RequestTokenError::ServerResponse(_) => Error::UpsBadResponse {
            status: 200,
            what: "an error body".into(),
        },
        RequestTokenError::Other(_) => Error::UpsBadResponse {
            status: 200,
            what: "an answer that is not JSON".into(),
        },
    }
}

/// Turns a non-200 UPS answer into the matching [`Error`].
pub fn classify_status(r: &HttpResponse, endpoint: Endpoint) -> Error {
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
                .and_then(parse_retry_after),
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

/// `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3), relative to now.
pub fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc2822).ok()?;
    let delta = at - time::OffsetDateTime::now_utc();
    Some(Duration::from_secs(delta.whole_seconds().max(0) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let e = classify_status(&r, ep);
            assert_eq!(e.code(), want, "{} {ep:?}: {e}", r.status());
        }
    }

    #[test]
    fn rejected_keeps_status_code_and_message() {
        let e = classify_status(&resp(401, UPS_401, &[]), Endpoint::Token);
        let m = e.to_string();
        assert!(
            m.contains("HTTP 401") && m.contains("10401") && m.contains("ClientId is Invalid"),
            "{m}"
        );
    }

    #[test]
    fn retry_after_is_kept() {
        match classify_status(&resp(429, "", &[("retry-after", "7")]), Endpoint::Token) {
            Error::UpsRateLimited { retry_after, .. } => {
                assert_eq!(retry_after, Some(Duration::from_secs(7)))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
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
        );
        let m = e.to_string();
        assert!(m.contains("evil.invalid") && !m.contains("code=abc"), "{m}");
    }

    #[test]
    fn authorize_url_carries_pkce_s256_and_state() {
        let env = Environment::Cie;
        let redirect = Url::parse("upsoptin://oauth/callback").unwrap();
        let a = authorize_request(&env, "CID", &redirect, None);
        let q: std::collections::HashMap<_, _> = a.url.query_pairs().into_owned().collect();
        assert_eq!(q["client_id"], "CID");
        assert_eq!(q["redirect_uri"], "upsoptin://oauth/callback");
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["state"], *a.state.secret());
        assert!(a.state.secret().len() >= 43, "≥256 bits of state");
        assert_eq!(
            q["code_challenge"],
            *PkceCodeChallenge::from_code_verifier_sha256(&a.verifier).as_str()
        );
        assert!(!a.url.as_str().contains(a.verifier.secret()));
        assert!(a
            .url
            .as_str()
            .starts_with("https://wwwcie.ups.com/security/v1/oauth/authorize?"));
    }
}
