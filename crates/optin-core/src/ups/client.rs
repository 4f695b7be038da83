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
    clock: Arc<dyn Clock>,
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
        into_token_set(answer, Endpoint::Token, self.clock.now())
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
        into_token_set(answer, Endpoint::Refresh, self.clock.now())
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
        into_token_set(answer, Endpoint::ClientCredentials, self.clock.now())
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

fn map_request_error(
    e: RequestTokenError<HttpFailure, UpsErrorBody>,
    endpoint: Endpoint,
    now: OffsetDateTime,
) -> Error {
    match e {
        RequestTokenError::Request(HttpFailure::Transport(t)) => Error::UpsUnreachable {
            status: None,
            detail: t.0,
        },
        RequestTokenError::Request(HttpFailure::Status(r)) => classify_status(&r, endpoint, now),
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
