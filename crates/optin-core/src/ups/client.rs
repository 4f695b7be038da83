//! The UPS OAuth client: code exchange, refresh and client credentials, on
//! oauth2's typed requests with UPS's own answer types.

use std::sync::Arc;
use std::time::Duration;

use oauth2::basic::{BasicRevocationErrorResponse, BasicTokenIntrospectionResponse};
use oauth2::{
    AuthType, AuthorizationCode, ClientId, ClientSecret, EndpointNotSet, EndpointSet,
    PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError, StandardRevocableToken,
    TokenResponse, TokenUrl,
};
use time::OffsetDateTime;
use url::Url;

use super::classify::classify_status;
use super::http::{self, HttpRequest, HttpResponse, HttpTransport};
use super::retry::{copy_request, parse_retry_after, RateLimitRetry};
use super::wire::{describe_body, UpsErrorBody, UpsTokenResponse};
use super::{ClientCredentials, HttpFailure, TokenAuth, TokenSet};
use crate::clock::{Clock, SystemClock};
use crate::environment::Environment;
use crate::error::{Endpoint, Error, Result};
use crate::login::RedirectUri;
use crate::secret::Secret;

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

/// The UPS OAuth client.
#[derive(Clone)]
pub struct UpsClient {
    http: Arc<dyn HttpTransport>,
    rate_limit: RateLimitRetry,
    /// The time `Retry-After` dates are read against: the service's clock.
    pub(super) clock: Arc<dyn Clock>,
}

impl UpsClient {
    /// A client with the default 429 policy ([`RateLimitRetry::default`]).
    pub fn new(http: Arc<dyn HttpTransport>) -> Self {
        Self::with_rate_limit(http, RateLimitRetry::default())
    }

    pub fn with_rate_limit(http: Arc<dyn HttpTransport>, rate_limit: RateLimitRetry) -> Self {
        UpsClient {
            http,
            rate_limit,
            clock: Arc::new(SystemClock),
        }
    }

    /// Reads `Retry-After` dates against `clock` (the one the service injects).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub(super) fn transport(&self) -> &dyn HttpTransport {
        self.http.as_ref()
    }

    /// The proxy setting or a proxy login changed: the transport's next
    /// request uses the new ones.
    pub(crate) fn network_changed(&self) {
        self.http.network_changed();
    }

    fn oauth(
        &self,
        token_url: Url,
        creds: &ClientCredentials,
        auth: TokenAuth,
        redirect: Option<&RedirectUri>,
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
            // `RedirectUrl::new` keeps the string it is given and sends it as is
            // (`from_url` would re-serialise it); it was parsed already, so this cannot fail.
            if let Ok(r) = RedirectUrl::new(r.as_str().to_string()) {
                c = c.set_redirect_uri(r);
            }
        }
        c
    }

    /// Exchanges an authorization code at `/token`.
    pub async fn exchange_code(
        &self,
        env: &Environment,
        creds: &ClientCredentials,
        code: &Secret,
        redirect_uri: &RedirectUri,
        verifier: PkceCodeVerifier,
        auth: TokenAuth,
    ) -> Result<TokenSet> {
        let client = self.oauth(env.token_url(), creds, auth, Some(redirect_uri));
        let adapter = self.adapter(None, None);
        let answer = client
            .exchange_code(AuthorizationCode::new(code.expose().to_string()))
            .set_pkce_verifier(verifier)
            .request_async(&adapter)
            .await;
        into_token_set(answer, Endpoint::Token, self.clock.now())
    }

    /// Spends a refresh token at `/refresh` (Basic auth).
    ///
    /// An `Err` means UPS did not answer 200, so nothing was spent that the
    /// caller could lose. A 200 answer is read leniently ([`Refreshed`]): UPS has
    /// already spent the old refresh token, so the rotated one is handed back
    /// whatever else is wrong with the answer (a `status` other than
    /// "approved", a lifetime that does not parse, a missing access token).
    pub async fn refresh(
        &self,
        env: &Environment,
        creds: &ClientCredentials,
        refresh_token: &Secret,
    ) -> Result<Refreshed> {
        let client = self.oauth(env.refresh_url(), creds, TokenAuth::Basic, None);
        let body = Arc::new(std::sync::Mutex::new(None));
        let adapter = self.adapter(None, Some(Arc::clone(&body)));
        let rt = RefreshToken::new(refresh_token.expose().to_string());
        let answer = client
            .exchange_refresh_token(&rt)
            .request_async(&adapter)
            .await;
        let ok_body = body.lock().unwrap_or_else(|p| p.into_inner()).take();
        match (answer, ok_body) {
            (_, Some(body)) => Ok(Refreshed::from_body(&body)),
            (Err(e), None) => Err(map_request_error(e, Endpoint::Refresh, self.clock.now())),
            (Ok(_), None) => Err(Error::UpsBadResponse {
                status: 200,
                what: "an answer that could not be read".into(),
                kind: "unreadable",
            }),
        }
    }

    /// Client credentials at `/token` (Basic auth), optionally for one shipper
    /// account (`x-merchant-id`).
    pub async fn client_credentials(
        &self,
        env: &Environment,
        creds: &ClientCredentials,
        merchant_id: Option<&str>,
    ) -> Result<TokenSet> {
        self.client_credentials_for(env, creds, merchant_id, Endpoint::ClientCredentials)
            .await
    }

    /// Client credentials to renew a stored connection: a refused client ID or
    /// secret is then [`Error::CredentialsRejected`] (e.g. a regenerated secret).
    pub async fn renew_client_credentials(
        &self,
        env: &Environment,
        creds: &ClientCredentials,
    ) -> Result<TokenSet> {
        self.client_credentials_for(env, creds, None, Endpoint::ClientCredentialsRenewal)
            .await
    }

    async fn client_credentials_for(
        &self,
        env: &Environment,
        creds: &ClientCredentials,
        merchant_id: Option<&str>,
        endpoint: Endpoint,
    ) -> Result<TokenSet> {
        let client = self.oauth(env.token_url(), creds, TokenAuth::Basic, None);
        let adapter = self.adapter(merchant_id.map(str::to_string), None);
        let answer = client
            .exchange_client_credentials()
            .request_async(&adapter)
            .await;
        into_token_set(answer, endpoint, self.clock.now())
    }

    /// The HTTP function handed to oauth2. With `ok_body`, the body of a 200
    /// answer is also kept there, for a caller that reads it itself.
    fn adapter(
        &self,
        merchant_id: Option<String>,
        ok_body: Option<Arc<std::sync::Mutex<Option<Vec<u8>>>>>,
    ) -> impl Fn(HttpRequest) -> http::BoxFuture<'static, Result<HttpResponse, HttpFailure>> + '_
    {
        move |mut request: HttpRequest| {
            let http = Arc::clone(&self.http);
            let merchant_id = merchant_id.clone();
            let ok_body = ok_body.clone();
            let policy = self.rate_limit;
            let clock = Arc::clone(&self.clock);
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
                        .and_then(|v| parse_retry_after(v, clock.now()));
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
                    if let Some(keep) = ok_body {
                        *keep.lock().unwrap_or_else(|p| p.into_inner()) =
                            Some(response.body().clone());
                    }
                    Ok(response)
                } else {
                    Err(HttpFailure::Status(response))
                }
            })
        }
    }
}

fn into_token_set(
    answer: Result<UpsTokenResponse, RequestTokenError<HttpFailure, UpsErrorBody>>,
    endpoint: Endpoint,
    now: OffsetDateTime,
) -> Result<TokenSet> {
    let t = answer.map_err(|e| map_request_error(e, endpoint, now))?;
    if t.access_token().secret().trim().is_empty() {
        return Err(Error::UpsBadResponse {
            status: 200,
            what: "an empty access token".into(),
            kind: "empty-token",
        });
    }
    if t.status
        .as_deref()
        .is_some_and(|s| !s.eq_ignore_ascii_case("approved"))
    {
        return Err(Error::UpsBadResponse {
            status: 200,
            what: "a token whose status is not \"approved\"".into(),
            kind: "not-approved",
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

/// The access-token lifetime assumed when an answer states none (or one that
/// does not parse): short enough that a token UPS meant to live less is not
/// handed out long after, long enough that it is not refreshed on every call.
/// UPS states 14399 s (4 hours) today, and shortened it in 2026.
pub const CONSERVATIVE_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// A 200 answer of `/refresh`, read field by field so that nothing UPS sent is
/// lost to one bad field (UPS spent the old refresh token when it answered).
#[derive(Debug)]
pub struct Refreshed {
    /// The rotated refresh token, when the answer has a non-empty one.
    pub refresh_token: Option<Secret>,
    pub refresh_expires_in: Option<Duration>,
    /// The new access token, when the answer has a non-empty one.
    pub access_token: Option<Secret>,
    /// `None` when `expires_in` is missing or does not parse.
    pub expires_in: Option<Duration>,
    /// What was odd about the answer, for the log (never a token).
    pub problems: Vec<String>,
}

impl Refreshed {
    pub fn from_body(body: &[u8]) -> Refreshed {
        let mut problems = Vec::new();
        let json: serde_json::Value = match serde_json::from_slice(body) {
            Ok(v @ serde_json::Value::Object(_)) => v,
            _ => {
                problems.push(format!("the answer was {}", describe_body(None, body)));
                serde_json::Value::Null
            }
        };
        let token = |name: &str| {
            json.get(name)
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| Secret::new(t.to_string()))
        };
        let refresh_token = token("refresh_token");
        let access_token = token("access_token");
        if refresh_token.is_none() {
            problems.push("no rotated refresh_token".into());
        }
        if access_token.is_none() {
            problems.push("no access_token".into());
        }
        let mut seconds = |name: &str| match json.get(name) {
            None | Some(serde_json::Value::Null) => {
                problems.push(format!("no {name}"));
                None
            }
            Some(v) => match v
                .as_u64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
            {
                Some(s) => lifetime(Some(s)),
                None => {
                    problems.push(format!("{name} is not a number of seconds"));
                    None
                }
            },
        };
        let expires_in = seconds("expires_in");
        let refresh_expires_in = seconds("refresh_token_expires_in");
        if let Some(status) = json.get("status").and_then(|v| v.as_str()) {
            if !status.eq_ignore_ascii_case("approved") {
                problems.push(format!("status is {status:?}, not \"approved\""));
            }
        }
        Refreshed {
            refresh_token,
            refresh_expires_in,
            access_token,
            expires_in,
            problems,
        }
    }
}

fn map_request_error(
    e: RequestTokenError<HttpFailure, UpsErrorBody>,
    endpoint: Endpoint,
    now: OffsetDateTime,
) -> Error {
    match e {
        RequestTokenError::Request(HttpFailure::Transport(t)) => t.0,
        RequestTokenError::Request(HttpFailure::Status(r)) => classify_status(&r, endpoint, now),
        RequestTokenError::Parse(_, body) => Error::UpsBadResponse {
            status: 200,
            what: describe_body(None, &body),
            kind: super::wire::body_kind(None, &body),
        },
        RequestTokenError::ServerResponse(_) => Error::UpsBadResponse {
            status: 200,
            what: "an error body".into(),
            kind: "error-body",
        },
        RequestTokenError::Other(_) => Error::UpsBadResponse {
            status: 200,
            what: "an answer that is not JSON".into(),
            kind: "not-json",
        },
    }
}
