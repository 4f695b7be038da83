//! A redirect URI exactly as the administrator registered it.
//!
//! UPS compares the `redirect_uri` of `/authorize`, `validate-client` and
//! `/token` with the app's registered Callback URL character for character
//! (UPS-API/UPS-SDKs response tables; UPS-API/api-documentation issue #45).
//! The `url` crate normalises what it parses: `https://www.acme-shipping.example`
//! becomes `https://www.acme-shipping.example/`, `HTTPS://WWW.Acme.example:443/cb`
//! becomes `https://www.acme.example/cb`. So a [`RedirectUri`] keeps the admin's
//! string (sent to UPS) next to its parsed form (used only to route the
//! callback), and refuses the strings whose meaning a browser would change.

use std::fmt;

use url::Url;

use super::check_redirect_uri;
use crate::error::{Error, Result};

/// A checked redirect URI: the exact string sent to UPS, and its parsed form.
#[derive(Clone, PartialEq, Eq)]
pub struct RedirectUri {
    raw: String,
    url: Url,
}

impl RedirectUri {
    /// Checks `raw` (surrounding spaces are not part of an address and are
    /// dropped) and keeps it byte for byte. Refused, with the reason: anything
    /// [`check_redirect_uri`] refuses, and characters that cannot travel
    /// unchanged (spaces, control characters, non-ASCII, `\`, a `user@` part).
    pub fn parse(raw: &str) -> Result<RedirectUri> {
        let raw = raw.trim();
        if let Some(c) = raw
            .chars()
            .find(|c| c.is_whitespace() || c.is_control() || !c.is_ascii())
        {
            let what = if c.is_whitespace() {
                "a space".to_string()
            } else if c.is_control() {
                "a control character".to_string()
            } else {
                format!("the character \"{c}\"")
            };
            return Err(Error::invalid(
                "Redirect URI",
                format!("it contains {what}, which cannot be sent to UPS unchanged. Register and enter an address of plain ASCII characters (percent-encode anything else, e.g. %20), exactly as on your app's page at developer.ups.com."),
            )
            .because("non-ascii"));
        }
        if raw.contains('\\') {
            return Err(Error::invalid(
                "Redirect URI",
                "it contains \\, which browsers read as /. Enter the address with / exactly as registered at developer.ups.com.",
            )
            .because("backslash"));
        }
        let url = check_redirect_uri(raw)?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::invalid(
                "Redirect URI",
                "it contains a user name (user@host). Enter the address without it, exactly as registered at developer.ups.com.",
            )
            .because("user-info"));
        }
        Ok(RedirectUri {
            raw: raw.to_string(),
            url,
        })
    }

    /// The exact string sent to UPS.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The parsed form: where the callback arrives (host, port, path).
    pub fn url(&self) -> &Url {
        &self.url
    }

    pub fn scheme(&self) -> &str {
        self.url.scheme()
    }
}

impl fmt::Display for RedirectUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl fmt::Debug for RedirectUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RedirectUri({:?})", self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_byte_for_byte() {
        for raw in [
            "https://www.acme-shipping.example",
            "https://WWW.Acme-Shipping.example/Callback",
            "https://www.acme-shipping.example:443/cb",
            "https://www.acme-shipping.example/cb/",
            "http://127.0.0.1:8765/callback",
            "upsoptin://oauth/callback",
            "https://www.acme-shipping.example/a%20b",
        ] {
            let r = RedirectUri::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(r.as_str(), raw);
            assert_eq!(r.to_string(), raw);
        }
        // What `url` would have sent instead.
        let r = RedirectUri::parse("https://www.acme-shipping.example").unwrap();
        assert_eq!(r.url().as_str(), "https://www.acme-shipping.example/");
        assert_eq!(
            RedirectUri::parse("  https://www.acme-shipping.example/cb ")
                .unwrap()
                .as_str(),
            "https://www.acme-shipping.example/cb"
        );
    }

    #[test]
    fn refuses_what_cannot_travel_unchanged() {
        for raw in [
            "https://www.acme-shipping.example/a b",
            "https://www.acme-shipping.example/caf\u{e9}",
            "https://b\u{fc}cher.example/cb",
            "https://www.acme-shipping.example\\cb",
            "https://user:pw@www.acme-shipping.example/cb",
            "https://www.acme-shipping.example/c\tb",
            "https://www.acme-shipping.example/cb?x=1",
            "http://www.acme-shipping.example/cb",
        ] {
            let e = RedirectUri::parse(raw).expect_err(raw);
            assert!(
                matches!(
                    e.code(),
                    crate::ErrorCode::InvalidInput | crate::ErrorCode::InsecureUrl
                ),
                "{raw}"
            );
        }
    }
}
