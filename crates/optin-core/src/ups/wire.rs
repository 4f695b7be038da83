//! UPS's wire format for token answers and errors.
//!
//! UPS differs from RFC 6749 §5.1/§5.2: every number in a token body is a
//! string (`"expires_in":"14399"`), and errors are
//! `{"response":{"errors":[{"code":"…","message":"…"}]}}`. These types accept
//! both strings and numbers, and a `token_type` in any case.

use std::fmt;
use std::time::Duration;

use oauth2::basic::BasicTokenType;
use oauth2::{AccessToken, RefreshToken, Scope, TokenResponse};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

/// A UPS token answer (generateTokenSuccessResponse, refreshTokenSuccessResponse,
/// tokenSuccessResponse). `Serialize` exists only because oauth2's trait asks for
/// it; the core never serializes it.
#[derive(Debug, Deserialize, Serialize)]
pub struct UpsTokenResponse {
    pub access_token: AccessToken,
    #[serde(default = "bearer", deserialize_with = "token_type_any_case")]
    pub token_type: BasicTokenType,
    #[serde(default, deserialize_with = "string_or_number")]
    pub expires_in: Option<u64>,
    #[serde(default)]
    pub refresh_token: Option<RefreshToken>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub refresh_token_expires_in: Option<u64>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(skip)]
    scopes: Option<Vec<Scope>>,
}

fn bearer() -> BasicTokenType {
    BasicTokenType::Bearer
}

fn token_type_any_case<'de, D: Deserializer<'de>>(d: D) -> Result<BasicTokenType, D::Error> {
    let s = String::deserialize(d)?;
    Ok(match s.to_ascii_lowercase().as_str() {
        "bearer" => BasicTokenType::Bearer,
        "mac" => BasicTokenType::Mac,
        _ => BasicTokenType::Extension(s),
    })
}

/// Accepts `"14399"`, `14399`, `""` (as absent) and `null`.
fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        S(String),
        N(u64),
        F(f64),
    }
    match Option::<Raw>::deserialize(d)? {
        None => Ok(None),
        Some(Raw::N(n)) => Ok(Some(n)),
        Some(Raw::F(f)) if f >= 0.0 && f.fract() == 0.0 && f < 1e15 => Ok(Some(f as u64)),
        Some(Raw::F(_)) => Err(de::Error::custom(
            "a lifetime must be a whole number of seconds",
        )),
        Some(Raw::S(s)) if s.trim().is_empty() => Ok(None),
        Some(Raw::S(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| de::Error::custom("a lifetime must be a number of seconds")),
    }
}

impl TokenResponse for UpsTokenResponse {
    type TokenType = BasicTokenType;
    fn access_token(&self) -> &AccessToken {
        &self.access_token
    }
    fn token_type(&self) -> &BasicTokenType {
        &self.token_type
    }
    fn expires_in(&self) -> Option<Duration> {
        self.expires_in.map(Duration::from_secs)
    }
    fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
    }
    fn scopes(&self) -> Option<&Vec<Scope>> {
        self.scopes.as_ref()
    }
}

/// One entry of a UPS error body.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct UpsError {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
}

/// `{"response":{"errors":[…]}}`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub struct UpsErrorBody {
    pub response: UpsErrorList,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub struct UpsErrorList {
    #[serde(default)]
    pub errors: Vec<UpsError>,
}

impl UpsErrorBody {
    /// Parses a UPS error body; `None` when the body is anything else.
    pub fn parse(body: &[u8]) -> Option<UpsErrorBody> {
        let parsed: UpsErrorBody = serde_json::from_slice(body).ok()?;
        (!parsed.response.errors.is_empty()).then_some(parsed)
    }

    pub fn first(&self) -> Option<&UpsError> {
        self.response.errors.first()
    }
}

impl fmt::Display for UpsErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.first() {
            Some(e) => write!(f, "{} ({})", e.message, e.code),
            None => f.write_str("UPS error"),
        }
    }
}

impl oauth2::ErrorResponse for UpsErrorBody {}

/// Describes a body that is not what was expected, for an error message
/// ("an HTML page", "an empty body", "malformed JSON"). Never quotes the body:
/// it could hold a token.
pub fn describe_body(content_type: Option<&str>, body: &[u8]) -> String {
    match body_kind(content_type, body) {
        "empty" => "an empty body",
        "html" => "an HTML page",
        "json-without-token" => "JSON without a token",
        "malformed-json" => "malformed JSON",
        _ => "text that is not JSON",
    }
    .into()
}

/// What a body that is not a token is, for the catalogs: `empty`, `html`,
/// `json-without-token`, `malformed-json` or `not-json`.
pub fn body_kind(content_type: Option<&str>, body: &[u8]) -> &'static str {
    let text = String::from_utf8_lossy(body);
    let t = text.trim_start();
    if t.is_empty() {
        "empty"
    } else if content_type.is_some_and(|c| c.contains("html")) || t.starts_with('<') {
        "html"
    } else if serde_json::from_slice::<serde_json::Value>(body).is_ok() {
        "json-without-token"
    } else if t.starts_with('{') || t.starts_with('[') {
        "malformed-json"
    } else {
        "not-json"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<UpsTokenResponse, serde_json::Error> {
        serde_json::from_str(s)
    }

    #[test]
    fn numbers_as_strings_or_numbers() {
        let table = [
            (
                r#"{"access_token":"a","token_type":"Bearer","expires_in":"14399"}"#,
                Some(14399),
            ),
            (
                r#"{"access_token":"a","token_type":"bearer","expires_in":14399}"#,
                Some(14399),
            ),
            (
                r#"{"access_token":"a","token_type":"BEARER","expires_in":""}"#,
                None,
            ),
            (r#"{"access_token":"a","expires_in":null}"#, None),
            (r#"{"access_token":"a","token_type":"Bearer"}"#, None),
        ];
        for (body, want) in table {
            let t = parse(body).unwrap_or_else(|e| panic!("{body}: {e}"));
            assert_eq!(t.expires_in, want, "{body}");
            assert_eq!(t.token_type(), &BasicTokenType::Bearer);
        }
    }

    #[test]
    fn full_ups_answer() {
        let body = r#"{"refresh_token_expires_in":"5183999","refresh_token_status":"approved","token_type":"Bearer",
            "issued_at":"1712345678901","client_id":"abc","access_token":"AT","refresh_token":"RT","scope":"",
            "refresh_token_issued_at":"1712345678901","expires_in":"14399","refresh_count":"0","status":"approved"}"#;
        let t = parse(body).unwrap();
        assert_eq!(t.access_token().secret(), "AT");
        assert_eq!(t.refresh_token().map(|r| r.secret().as_str()), Some("RT"));
        assert_eq!(t.refresh_token_expires_in, Some(5183999));
        assert_eq!(t.expires_in(), Some(Duration::from_secs(14399)));
    }

    #[test]
    fn bad_numbers_are_refused() {
        for body in [
            r#"{"access_token":"a","expires_in":"soon"}"#,
            r#"{"access_token":"a","expires_in":-5}"#,
            r#"{"access_token":"a","expires_in":1.5}"#,
            r#"{"expires_in":"10"}"#,
        ] {
            assert!(parse(body).is_err(), "{body}");
        }
    }

    #[test]
    fn ups_error_bodies() {
        let b = UpsErrorBody::parse(
            br#"{"response":{"errors":[{"code":"10401","message":"ClientId is Invalid"}]}}"#,
        )
        .unwrap();
        assert_eq!(b.first().unwrap().code, "10401");
        assert!(UpsErrorBody::parse(br#"{"error":"invalid_grant"}"#).is_none());
        assert!(UpsErrorBody::parse(br#"{"response":{"errors":[]}}"#).is_none());
        assert!(UpsErrorBody::parse(b"<html>").is_none());
    }

    #[test]
    fn bodies_are_described_not_quoted() {
        assert_eq!(
            describe_body(Some("text/html"), b"<html>x</html>"),
            "an HTML page"
        );
        assert_eq!(describe_body(None, b""), "an empty body");
        assert_eq!(describe_body(None, b"{\"access_token\":"), "malformed JSON");
        assert_eq!(describe_body(None, b"{}"), "JSON without a token");
    }
}
