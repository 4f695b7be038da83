//! The request log: what each request to a UPS path looked like, for
//! assertions. It records the *presence* of credentials, never their values:
//! no secret, token, code, verifier or password is ever stored.

use serde::{Deserialize, Serialize};

/// Which endpoint a request went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    /// `GET /security/v1/oauth/authorize`.
    Authorize,
    /// The sandbox's sign-in page, `GET` or `POST`.
    SignIn,
    /// `POST /security/v1/oauth/token`.
    Token,
    /// `POST /security/v1/oauth/refresh`.
    Refresh,
    /// `GET /security/v1/oauth/validate-client`.
    ValidateClient,
    /// Any other path (answered 404).
    Other,
}

impl Endpoint {
    pub(crate) fn of_path(path: &str) -> Self {
        match path {
            crate::AUTHORIZE_PATH => Self::Authorize,
            crate::SIGN_IN_PATH => Self::SignIn,
            crate::TOKEN_PATH => Self::Token,
            crate::REFRESH_PATH => Self::Refresh,
            crate::VALIDATE_CLIENT_PATH => Self::ValidateClient,
            _ => Self::Other,
        }
    }
}

/// One logged request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedRequest {
    /// When it arrived, in milliseconds since the Unix epoch.
    pub unix_ms: u64,
    /// HTTP method.
    pub method: String,
    /// Path, without the query.
    pub path: String,
    /// Endpoint the path belongs to.
    pub endpoint: Endpoint,
    /// Whether an `Authorization: Basic` header was present (even a malformed one).
    pub basic_auth: bool,
    /// The client id the Basic header named, if it could be decoded.
    pub basic_client_id: Option<String>,
    /// `client_id` from the form body or the query (a public identifier).
    pub client_id: Option<String>,
    /// Whether the body had a `code_verifier`.
    pub code_verifier: bool,
    /// `grant_type` from the body.
    pub grant_type: Option<String>,
    /// The `x-merchant-id` header.
    pub merchant_id: Option<String>,
    /// Name of the fault applied to this request ([`crate::FaultKind::name`]).
    pub fault: Option<String>,
    /// `redirect_uri` from the form body or the query, exactly as received
    /// (a public address, compared byte for byte with the registered one).
    #[serde(default)]
    pub redirect_uri: Option<String>,
    /// Status answered; `None` when the connection was dropped.
    pub status: Option<u16>,
}
