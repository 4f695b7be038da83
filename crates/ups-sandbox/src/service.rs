//! The OAuth logic, free of HTTP transport: sign-in sessions, codes, tokens,
//! users. Every call runs under one lock, so concurrent refreshes of the same
//! token cannot both succeed.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::StatusCode;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::distributions::{Alphanumeric, DistString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::{ClientConfig, Lifetimes, SandboxConfig};

/// `BASE64URL-NOPAD(SHA256(verifier))`, the S256 code challenge of a PKCE verifier.
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// An error as UPS answers it: `{"response":{"errors":[{"code","message"}]}}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct UpsError {
    pub(crate) status: StatusCode,
    pub(crate) code: &'static str,
    pub(crate) message: &'static str,
}

impl UpsError {
    const fn new(status: StatusCode, code: &'static str, message: &'static str) -> Self {
        Self {
            status,
            code,
            message,
        }
    }

    const fn bad_request(message: &'static str) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "10400", message)
    }

    pub(crate) const MISSING_AUTH: Self = Self::new(
        StatusCode::UNAUTHORIZED,
        "10400",
        "Invalid/Missing Authorization Header",
    );
    pub(crate) const INVALID_CLIENT: Self =
        Self::new(StatusCode::UNAUTHORIZED, "10401", "ClientId is Invalid");
    /// The field's answer to a spent or unknown refresh token (docs/ups-errors.md).
    pub(crate) const INVALID_MISSING_REFRESH: Self =
        Self::bad_request("Invalid/Missing Refresh Token");
    pub(crate) const INVALID_REFRESH: Self =
        Self::new(StatusCode::UNAUTHORIZED, "10400", "Invalid Refresh Token");
    pub(crate) const NOT_ASSOCIATED: Self = Self::new(
        StatusCode::FORBIDDEN,
        "10403",
        "The account number is not associated with this application",
    );
    pub(crate) const RATE_LIMITED: Self =
        Self::new(StatusCode::TOO_MANY_REQUESTS, "10429", "Too Many Requests");
    pub(crate) const INVALID_ACCESS: Self = Self::new(
        StatusCode::UNAUTHORIZED,
        "250002",
        "Invalid Authentication Information.",
    );
    pub(crate) const INVALID_REQUEST: Self = Self::bad_request("Invalid request");
    /// `validate-client`'s refusal of a redirect URI (the field's wording).
    pub(crate) const INVALID_REDIRECT_URL: Self = Self::bad_request("Invalid Redirect URL");
    pub(crate) const BLOCKED_MERCHANT: Self =
        Self::new(StatusCode::FORBIDDEN, "10403", "Blocked Merchant");
    pub(crate) const INVALID_REDIRECT: Self = Self::bad_request("Invalid redirect_uri");
    pub(crate) const INVALID_RESPONSE_TYPE: Self = Self::bad_request("Invalid response_type");
    const INVALID_CHALLENGE_METHOD: Self =
        Self::bad_request("Invalid code_challenge_method; only S256 is supported");
    const INVALID_GRANT_TYPE: Self = Self::bad_request("Invalid grant_type");
    const MISSING_CODE: Self = Self::bad_request("Missing code");
    const MISSING_REDIRECT: Self = Self::bad_request("Missing redirect_uri");
    const MISSING_REFRESH: Self = Self::bad_request("Missing refresh_token");
    const INVALID_CODE: Self = Self::bad_request("Invalid Authorization Code");
    const MISSING_VERIFIER: Self = Self::bad_request("Missing code_verifier");
    const INVALID_VERIFIER: Self = Self::bad_request("Invalid code_verifier");
}

/// Query of `GET /authorize`; every field optional so that validation, not
/// extraction, answers bad requests.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct AuthorizeParams {
    client_id: Option<String>,
    redirect_uri: Option<String>,
    response_type: Option<String>,
    state: Option<String>,
    scope: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

/// Form body of `/token` and `/refresh`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TokenForm {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    client_id: Option<String>,
    refresh_token: Option<String>,
}

/// Decoded HTTP Basic credentials.
pub(crate) struct Basic {
    pub(crate) client_id: String,
    pub(crate) secret: String,
}

/// A success body; every number is a string, as UPS sends them. Fields in the
/// order of UPS's `generateTokenSuccessResponse`; the refresh-token fields are
/// absent for client credentials (`tokenSuccessResponse`).
#[derive(Debug, Serialize)]
pub(crate) struct TokenResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token_expires_in: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token_status: Option<&'static str>,
    token_type: &'static str,
    issued_at: String,
    client_id: String,
    access_token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    scope: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token_issued_at: Option<String>,
    expires_in: String,
    refresh_count: String,
    status: &'static str,
}

/// Who an access token speaks for (the sandbox's `whoami`).
#[derive(Debug, Serialize)]
pub(crate) struct Whoami {
    client_id: String,
    username: Option<String>,
    accounts: Vec<String>,
}

/// An authorize request waiting for the user on the sign-in page.
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    pub(crate) client_id: String,
    redirect_uri: String,
    state: Option<String>,
    scope: String,
    challenge: Option<String>,
}

impl Pending {
    /// The redirect URI with `params` and then `state` appended to its query.
    fn callback(&self, params: &[(&str, &str)]) -> String {
        let extra = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .extend_pairs(self.state.iter().map(|s| ("state", s)))
            .finish();
        match url::Url::parse(&self.redirect_uri) {
            Ok(mut url) if url.fragment().is_none() => {
                let query = match url.query() {
                    Some(q) if !q.is_empty() => format!("{q}&{extra}"),
                    _ => extra,
                };
                url.set_query(Some(&query));
                url.into()
            }
            _ => {
                let sep = if self.redirect_uri.contains('?') {
                    '&'
                } else {
                    '?'
                };
                format!("{}{sep}{extra}", self.redirect_uri)
            }
        }
    }
}

struct CodeGrant {
    pending: Pending,
    user: String,
    expires: Instant,
}

struct RefreshGrant {
    client_id: String,
    user: String,
    scope: String,
    count: u64,
    expires: Instant,
}

struct AccessGrant {
    client_id: String,
    user: Option<String>,
    expires: Instant,
}

/// Why a sign-in form was not accepted.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SignInError {
    UnknownSession,
    WrongCredentials,
}

pub(crate) struct Service {
    clients: Vec<ClientConfig>,
    passwords: HashMap<String, String>,
    lifetimes: Lifetimes,
    access_token_len: usize,
    sessions: HashMap<String, Pending>,
    codes: HashMap<String, CodeGrant>,
    refresh: HashMap<String, RefreshGrant>,
    access: HashMap<String, AccessGrant>,
}

impl Service {
    pub(crate) fn new(config: SandboxConfig) -> Self {
        Self {
            clients: config.clients,
            passwords: config
                .users
                .into_iter()
                .map(|u| (u.username, u.password))
                .collect(),
            lifetimes: config.lifetimes,
            access_token_len: config.access_token_len,
            sessions: HashMap::new(),
            codes: HashMap::new(),
            refresh: HashMap::new(),
            access: HashMap::new(),
        }
    }

    fn client(&self, client_id: &str) -> Option<&ClientConfig> {
        self.clients.iter().find(|c| c.client_id == client_id)
    }

    fn authenticate(&self, basic: &Basic) -> Result<String, UpsError> {
        self.client(&basic.client_id)
            .filter(|c| c.client_secret == basic.secret)
            .map(|c| c.client_id.clone())
            .ok_or(UpsError::INVALID_CLIENT)
    }

    /// `GET validate-client`: the client must be known and the redirect URI
    /// registered byte for byte.
    pub(crate) fn validate_client(
        &self,
        client_id: Option<&str>,
        redirect_uri: Option<&str>,
    ) -> Result<(), UpsError> {
        let client = client_id
            .and_then(|id| self.client(id))
            .ok_or(UpsError::INVALID_CLIENT)?;
        redirect_uri
            .filter(|uri| client.redirect_uris.iter().any(|r| r == uri))
            .map(|_| ())
            .ok_or(UpsError::INVALID_REDIRECT_URL)
    }

    /// Replaces a client's secret; the old one stops working at once.
    pub(crate) fn regenerate_secret(&mut self, client_id: &str, new_secret: &str) -> bool {
        match self.clients.iter_mut().find(|c| c.client_id == client_id) {
            Some(c) => {
                new_secret.clone_into(&mut c.client_secret);
                true
            }
            None => false,
        }
    }

    /// Validates an authorize request and opens a sign-in session; returns its id.
    pub(crate) fn authorize(&mut self, p: AuthorizeParams) -> Result<String, UpsError> {
        let client = p
            .client_id
            .as_deref()
            .and_then(|id| self.client(id))
            .ok_or(UpsError::INVALID_CLIENT)?;
        let redirect_uri = p
            .redirect_uri
            .filter(|uri| client.redirect_uris.contains(uri))
            .ok_or(UpsError::INVALID_REDIRECT)?;
        if p.response_type.as_deref() != Some("code") {
            return Err(UpsError::INVALID_RESPONSE_TYPE);
        }
        // UPS documents no code_challenge_method: S256 is implied; anything else is refused.
        if p.code_challenge.is_some() && p.code_challenge_method.is_some_and(|m| m != "S256") {
            return Err(UpsError::INVALID_CHALLENGE_METHOD);
        }
        let pending = Pending {
            client_id: client.client_id.clone(),
            redirect_uri,
            state: p.state,
            scope: p.scope.unwrap_or_default(),
            challenge: p.code_challenge,
        };
        let session = random(32);
        self.sessions.insert(session.clone(), pending);
        Ok(session)
    }

    pub(crate) fn pending(&self, session: &str) -> Option<&Pending> {
        self.sessions.get(session)
    }

    /// Checks the user's credentials; on success spends the session and
    /// returns the callback URL carrying a fresh code.
    pub(crate) fn sign_in(
        &mut self,
        session: &str,
        username: &str,
        password: &str,
    ) -> Result<String, SignInError> {
        if !self.sessions.contains_key(session) {
            return Err(SignInError::UnknownSession);
        }
        if self.passwords.get(username).map(String::as_str) != Some(password) {
            return Err(SignInError::WrongCredentials);
        }
        let pending = self
            .sessions
            .remove(session)
            .ok_or(SignInError::UnknownSession)?;
        let code = random(64);
        let callback = pending.callback(&[("code", &code)]);
        let expires = Instant::now() + secs(self.lifetimes.code_ttl);
        self.codes.insert(
            code,
            CodeGrant {
                pending,
                user: username.to_owned(),
                expires,
            },
        );
        Ok(callback)
    }

    /// Spends the session and returns the callback URL carrying `access_denied`.
    pub(crate) fn decline(&mut self, session: &str) -> Result<String, SignInError> {
        let pending = self
            .sessions
            .remove(session)
            .ok_or(SignInError::UnknownSession)?;
        Ok(pending.callback(&[
            ("error", "access_denied"),
            (
                "error_description",
                "The user declined to authorize the application",
            ),
        ]))
    }

    /// `POST /token`: authorization code or client credentials.
    pub(crate) fn token(
        &mut self,
        basic: Option<&Basic>,
        merchant_id: Option<&str>,
        form: &TokenForm,
    ) -> Result<TokenResponse, UpsError> {
        match form.grant_type.as_deref() {
            Some("authorization_code") => self.exchange_code(basic, form),
            Some("client_credentials") => {
                let client_id = self.authenticate(basic.ok_or(UpsError::MISSING_AUTH)?)?;
                if let Some(merchant) = merchant_id {
                    let associated = self.client(&client_id).is_some_and(|c| {
                        c.accounts
                            .iter()
                            .any(|a| a.eq_ignore_ascii_case(merchant.trim()))
                    });
                    if !associated {
                        return Err(UpsError::NOT_ASSOCIATED);
                    }
                }
                Ok(self.issue(client_id, None, String::new(), 0))
            }
            _ => Err(UpsError::INVALID_GRANT_TYPE),
        }
    }

    fn exchange_code(
        &mut self,
        basic: Option<&Basic>,
        form: &TokenForm,
    ) -> Result<TokenResponse, UpsError> {
        let client_id = match (basic, &form.client_id) {
            (Some(basic), body_id) => {
                let id = self.authenticate(basic)?;
                if body_id.as_ref().is_some_and(|b| *b != id) {
                    return Err(UpsError::INVALID_CLIENT);
                }
                id
            }
            // PKCE: client_id and code_verifier in the body, no Authorization header.
            (None, Some(id)) if form.code_verifier.is_some() => self
                .client(id)
                .map(|c| c.client_id.clone())
                .ok_or(UpsError::INVALID_CLIENT)?,
            (None, _) => return Err(UpsError::MISSING_AUTH),
        };
        let code = form.code.as_deref().ok_or(UpsError::MISSING_CODE)?;
        let redirect_uri = form
            .redirect_uri
            .as_deref()
            .ok_or(UpsError::MISSING_REDIRECT)?;
        // The first exchange attempt spends the code, whatever its outcome.
        let grant = self
            .codes
            .remove(code)
            .filter(|g| g.expires > Instant::now() && g.pending.client_id == client_id)
            .ok_or(UpsError::INVALID_CODE)?;
        if grant.pending.redirect_uri != redirect_uri {
            return Err(UpsError::INVALID_REDIRECT);
        }
        match (&grant.pending.challenge, &form.code_verifier) {
            (Some(_), None) => return Err(UpsError::MISSING_VERIFIER),
            (Some(challenge), Some(verifier)) if pkce_challenge(verifier) != *challenge => {
                return Err(UpsError::INVALID_VERIFIER)
            }
            (None, _) if basic.is_none() => return Err(UpsError::MISSING_AUTH),
            _ => {}
        }
        Ok(self.issue(client_id, Some(grant.user), grant.pending.scope, 0))
    }

    /// `POST /refresh`: spends the refresh token and issues a new pair.
    pub(crate) fn refresh(
        &mut self,
        basic: Option<&Basic>,
        form: &TokenForm,
    ) -> Result<TokenResponse, UpsError> {
        let client_id = self.authenticate(basic.ok_or(UpsError::MISSING_AUTH)?)?;
        if form.grant_type.as_deref() != Some("refresh_token") {
            return Err(UpsError::INVALID_GRANT_TYPE);
        }
        let token = form
            .refresh_token
            .as_deref()
            .ok_or(UpsError::MISSING_REFRESH)?;
        let valid = self
            .refresh
            .get(token)
            .is_some_and(|g| g.client_id == client_id && g.expires > Instant::now());
        // A token presented by another client is refused without being spent.
        let grant = valid
            .then(|| self.refresh.remove(token))
            .flatten()
            .ok_or(UpsError::INVALID_REFRESH)?;
        Ok(self.issue(client_id, Some(grant.user), grant.scope, grant.count + 1))
    }

    /// Issues an access token, and a refresh token when a user signed in.
    fn issue(
        &mut self,
        client_id: String,
        user: Option<String>,
        scope: String,
        refresh_count: u64,
    ) -> TokenResponse {
        let now = Instant::now();
        let issued_at = now_ms().to_string();
        let lifetimes = self.lifetimes;
        let access_token = access_token(self.access_token_len, &client_id);
        self.access.insert(
            access_token.clone(),
            AccessGrant {
                client_id: client_id.clone(),
                user: user.clone(),
                expires: now + secs(lifetimes.access_expires_in),
            },
        );
        let refresh_token = user.map(|user| {
            let token = random(32);
            self.refresh.insert(
                token.clone(),
                RefreshGrant {
                    client_id: client_id.clone(),
                    user,
                    scope: scope.clone(),
                    count: refresh_count,
                    expires: now + secs(lifetimes.refresh_expires_in),
                },
            );
            token
        });
        let has_refresh = refresh_token.is_some();
        TokenResponse {
            refresh_token_expires_in: has_refresh.then(|| lifetimes.refresh_expires_in.to_string()),
            refresh_token_status: has_refresh.then_some("approved"),
            token_type: "Bearer",
            issued_at: issued_at.clone(),
            client_id,
            access_token,
            refresh_token,
            scope,
            refresh_token_issued_at: has_refresh.then_some(issued_at),
            expires_in: lifetimes.access_expires_in.to_string(),
            refresh_count: refresh_count.to_string(),
            status: "approved",
        }
    }

    /// Who a bearer access token speaks for, if it is valid.
    pub(crate) fn whoami(&self, access_token: &str) -> Option<Whoami> {
        let grant = self
            .access
            .get(access_token)
            .filter(|g| g.expires > Instant::now())?;
        Some(Whoami {
            client_id: grant.client_id.clone(),
            username: grant.user.clone(),
            accounts: self
                .client(&grant.client_id)
                .map(|c| c.accounts.clone())
                .unwrap_or_default(),
        })
    }

    pub(crate) fn change_password(&mut self, username: &str, new_password: Option<&str>) -> bool {
        let Some(password) = self.passwords.get_mut(username) else {
            return false;
        };
        if let Some(new) = new_password {
            new.clone_into(password);
        }
        self.codes.retain(|_, g| g.user != username);
        self.refresh.retain(|_, g| g.user != username);
        self.access
            .retain(|_, g| g.user.as_deref() != Some(username));
        true
    }

    pub(crate) fn expire_access_tokens(&mut self) {
        self.access.clear();
    }

    pub(crate) fn set_lifetimes(&mut self, lifetimes: Lifetimes) {
        self.lifetimes = lifetimes;
    }

    pub(crate) fn lifetimes(&self) -> Lifetimes {
        self.lifetimes
    }
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis()
}

fn random(len: usize) -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), len)
}

/// A JWT-shaped opaque token of about `len` characters (never shorter than its
/// header and claims plus a 43-character "signature").
fn access_token(len: usize, client_id: &str) -> String {
    let header = URL_SAFE_NO_PAD.encode(r#"{"kid":"ups-sandbox","typ":"JWT","alg":"RS256"}"#);
    let claims = serde_json::json!({
        "iss": "ups-sandbox",
        "client_id": client_id,
        "iat": now_ms() / 1000,
        "jti": random(16),
    });
    let mut token = format!("{header}.{}.", URL_SAFE_NO_PAD.encode(claims.to_string()));
    token.push_str(&random(len.saturating_sub(token.len()).max(43)));
    token
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(redirect_uri: &str, state: Option<&str>) -> Pending {
        Pending {
            client_id: "c".into(),
            redirect_uri: redirect_uri.into(),
            state: state.map(Into::into),
            scope: String::new(),
            challenge: None,
        }
    }

    #[test]
    fn callback_keeps_existing_query_and_encodes() {
        let p = pending("https://example.invalid/cb?x=1&y=a%20b", Some("s t&u=v"));
        assert_eq!(
            p.callback(&[("code", "a+b/c")]),
            "https://example.invalid/cb?x=1&y=a%20b&code=a%2Bb%2Fc&state=s+t%26u%3Dv"
        );
        let p = pending("upsoptin://oauth/callback", None);
        assert_eq!(
            p.callback(&[("code", "k")]),
            "upsoptin://oauth/callback?code=k"
        );
    }

    #[test]
    fn pkce_is_base64url_nopad_sha256() {
        // Computed independently with Python's hashlib and base64.
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gXgFkEjXk"),
            "ZKjTVCkIMgz1Pu6YDiqsD1O-k8zt2aOC1xqgKVUuTeY"
        );
    }

    #[test]
    fn access_token_has_requested_length() {
        assert_eq!(access_token(1200, "sandbox-demo-client").len(), 1200);
        assert_eq!(access_token(1600, "c").len(), 1600);
        assert_eq!(access_token(0, "c").split('.').count(), 3);
    }
}
