//! How `/token` authenticates the client: chosen with the login (`login`),
//! stored with the connection (`store`), used by the UPS client (`ups`). A
//! leaf, so `login` and `ups` do not import each other.

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
