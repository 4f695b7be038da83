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

pub mod classify;
mod client;
pub mod http;
mod retry;
mod validate;
pub mod wire;

pub use classify::classify_status;
pub use client::{Refreshed, UpsClient, CONSERVATIVE_LIFETIME, MAX_LIFETIME};
pub use retry::{parse_retry_after, RateLimitRetry};
pub use validate::ClientCheck;

use std::fmt;
use std::time::Duration;

use oauth2::{CsrfToken, PkceCodeChallenge, PkceCodeVerifier};
use url::Url;

use self::http::{HttpResponse, TransportError};
use crate::environment::Environment;
use crate::login::RedirectUri;
use crate::secret::Secret;

/// How `/token` authenticates the client (its home is the leaf `token_auth`,
/// which `login` reads too).
pub use crate::token_auth::TokenAuth;

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

/// What the browser is sent to, and the two values the wizard keeps in memory.
pub struct AuthorizeRequest {
    pub url: Url,
    pub state: CsrfToken,
    pub verifier: PkceCodeVerifier,
}

/// Builds the authorize URL: client_id, redirect_uri, response_type=code,
/// state (256 random bits), scope (when given), code_challenge and
/// code_challenge_method=S256.
///
/// The URL is assembled here rather than by oauth2's `RedirectUrl::from_url`,
/// which re-serialises the address through `url` (adding a `/` path, folding
/// the host's case, dropping `:443`): `redirect_uri` carries the admin's string
/// byte for byte, as UPS compares it.
pub fn authorize_request(
    env: &Environment,
    client_id: &str,
    redirect_uri: &RedirectUri,
    scope: Option<&str>,
) -> AuthorizeRequest {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let state = CsrfToken::new_random_len(32);
    let mut url = env.authorize_url();
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("response_type", "code")
            .append_pair("client_id", client_id)
            .append_pair("state", state.secret())
            .append_pair("code_challenge", challenge.as_str())
            .append_pair("code_challenge_method", challenge.method().as_str())
            .append_pair("redirect_uri", redirect_uri.as_str());
        if let Some(scope) = scope.filter(|s| !s.is_empty()) {
            q.append_pair("scope", scope);
        }
    }
    AuthorizeRequest {
        url,
        state,
        verifier,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorize_url_carries_pkce_s256_and_state() {
        let env = Environment::Cie;
        let redirect = RedirectUri::parse("upsoptin://oauth/callback").unwrap();
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

    #[test]
    fn authorize_url_sends_the_redirect_uri_verbatim() {
        for raw in [
            "https://www.acme-shipping.example",
            "https://WWW.Acme-Shipping.example/cb",
            "https://www.acme-shipping.example:443/cb",
        ] {
            let redirect = RedirectUri::parse(raw).unwrap();
            let a = authorize_request(&Environment::Cie, "CID", &redirect, Some("read"));
            let q: std::collections::HashMap<_, _> = a.url.query_pairs().into_owned().collect();
            assert_eq!(q["redirect_uri"], raw);
            assert_eq!(q["scope"], "read");
        }
    }
}
