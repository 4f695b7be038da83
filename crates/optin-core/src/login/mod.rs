//! Opt in with UPS.com: pending logins and their capture routes.
//!
//! A login starts with an authorize URL (RFC 6749 §4.1.1 with PKCE S256, RFC
//! 7636 §4.3) and waits for UPS to send the browser back with a code. The
//! answer can come back four ways, all ending in [`callback::validate_callback`]:
//! a custom-scheme deep link (the app shell hands the URL over), a one-shot
//! loopback listener ([`loopback`]), an https bounce page that forwards to the
//! custom scheme (`bounce/index.html`), or the admin pasting the final address.
//!
//! The state is 256 random bits, single use, and expires after 10 minutes. The
//! PKCE verifier never leaves memory.

pub mod callback;
pub mod loopback;
pub mod redirect;
pub mod route;

pub use redirect::RedirectUri;
pub use route::{Receiver, RouteKind, DEEP_LINK_REDIRECT, LOOPBACK_REDIRECT};

use std::sync::Mutex;

use oauth2::{CsrfToken, PkceCodeVerifier};
use serde::Serialize;
use specta::Type;
use time::OffsetDateTime;
use url::Url;

use self::callback::{validate_callback, Callback, PendingView};
use crate::environment::{require_secure, Environment};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::token_auth::TokenAuth;

/// How long a login waits for its callback.
pub const LOGIN_TTL: time::Duration = time::Duration::minutes(10);

/// Classifies a redirect URI and checks it is one UPS can be given.
pub fn check_redirect_uri(raw: &str) -> Result<Url> {
    let url = Url::parse(raw.trim()).map_err(|_| {
        Error::invalid("Redirect URI", "it is not an absolute address such as upsoptin://oauth/callback or http://127.0.0.1:8765/callback.")
            .because("not-absolute")
    })?;
    if url.fragment().is_some() || url.query().is_some() {
        return Err(Error::invalid("Redirect URI", "it must not contain ? or #.").because("query"));
    }
    match url.scheme() {
        "http" | "https" => require_secure("The redirect URI", &url)?,
        "javascript" | "data" | "file" | "about" | "blob" | "ftp" | "ws" | "wss" => {
            return Err(Error::invalid(
                "Redirect URI",
                format!(
                    "the scheme \"{}\" cannot receive a sign-in answer.",
                    url.scheme()
                ),
            )
            .because("bad-scheme")
            .with("value", url.scheme()))
        }
        _ if url.host_str().is_none_or(str::is_empty) => {
            return Err(Error::invalid(
                "Redirect URI",
                "a custom-scheme redirect URI needs a host, as in upsoptin://oauth/callback.",
            )
            .because("no-host"))
        }
        _ => {}
    }
    Ok(url)
}

/// Everything a login needs, validated.
#[derive(Debug, Clone)]
pub struct LoginPlan {
    pub environment: Environment,
    pub label: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// Sent to UPS byte for byte; must match the registered one exactly.
    pub redirect_uri: RedirectUri,
    pub route: RouteKind,
    /// For the bounce route: the custom-scheme URI the bounce page forwards to.
    pub forward_uri: Option<Url>,
    pub token_auth: TokenAuth,
    pub accounts: Vec<String>,
    pub scope: Option<String>,
}

/// What the UI and CLI learn about a pending login. No secret in here: the
/// authorize URL carries only the state and the PKCE challenge.
#[derive(Debug, Clone, Serialize, Type)]
// Its IPC name (JSON does not carry struct names).
#[serde(rename = "PendingLoginView")]
pub struct PendingInfo {
    pub login_id: String,
    pub authorize_url: String,
    pub redirect_uri: String,
    pub route: RouteKind,
    #[serde(with = "time::serde::rfc3339")]
    #[specta(type = String)]
    pub expires_at: OffsetDateTime,
    pub browser_opened: bool,
    pub browser_error: Option<String>,
}

pub(crate) struct Pending {
    pub login_id: String,
    pub state: CsrfToken,
    pub verifier: PkceCodeVerifier,
    pub accepted: Vec<Url>,
    pub plan: LoginPlan,
    pub authorize_url: Url,
    pub expires_at: OffsetDateTime,
}

/// A pending login whose callback passed validation, taken out of the registry.
pub(crate) struct Accepted {
    pub pending: Pending,
    pub callback: Callback,
}

/// The pending logins of this process.
#[derive(Default)]
pub(crate) struct PendingLogins(Mutex<Vec<Pending>>);

impl PendingLogins {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Pending>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn insert(&self, p: Pending, now: OffsetDateTime) {
        let mut all = self.lock();
        all.retain(|q| q.expires_at > now);
        all.push(p);
    }

    pub fn info(&self, login_id: &str) -> Option<(Url, String, RouteKind, OffsetDateTime)> {
        self.lock()
            .iter()
            .find(|p| p.login_id == login_id)
            .map(|p| {
                (
                    p.authorize_url.clone(),
                    p.plan.redirect_uri.as_str().to_string(),
                    p.plan.route,
                    p.expires_at,
                )
            })
    }

    pub fn remove(&self, login_id: &str) -> bool {
        let mut all = self.lock();
        let before = all.len();
        all.retain(|p| p.login_id != login_id);
        before != all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// The pending login that would accept `raw` now (its ID): its state
    /// matches one, at one of that login's redirect URIs, before it expires.
    /// Changes nothing (an expired login is not dropped here).
    pub fn matching(&self, raw: &str, now: OffsetDateTime) -> Option<String> {
        let all = self.lock();
        let views = views_of(&all);
        let (i, _) = validate_callback(raw, &views, now).ok()?;
        all.get(i).map(|p| p.login_id.clone())
    }

    /// Validates a callback. On success the pending login is taken out (single
    /// use); on failure it stays, except an expired one, which is dropped.
    // A refusal is rare and short-lived (one per bad callback): not worth a box.
    #[allow(clippy::result_large_err)]
    pub fn accept(&self, raw: &str, now: OffsetDateTime) -> Result<Accepted, Refusal> {
        let mut all = self.lock();
        let views = views_of(&all);
        match validate_callback(raw, &views, now) {
            Ok((i, callback)) => Ok(Accepted {
                pending: all.remove(i),
                callback,
            }),
            Err(e @ Error::CallbackExpired) => {
                let state = Url::parse(raw.trim()).ok().and_then(|u| {
                    u.query_pairs()
                        .find(|(k, _)| k == "state")
                        .map(|(_, v)| v.into_owned())
                });
                let ended = all
                    .iter()
                    .find(|p| Some(p.state.secret()) == state.as_ref())
                    .map(|p| p.login_id.clone());
                all.retain(|p| p.expires_at > now);
                Err(Refusal::Ended {
                    login_id: ended,
                    error: e,
                })
            }
            Err(e) => Err(Refusal::Waiting(e)),
        }
    }
}

/// Why [`PendingLogins::accept`] did not take a callback.
pub(crate) enum Refusal {
    /// The callback is not valid for any login; every login still waits.
    Waiting(Error),
    /// The callback's login is over (it expired) and was dropped.
    Ended {
        login_id: Option<String>,
        error: Error,
    },
}

/// What [`validate_callback`] needs of each pending login (no secret leaves).
fn views_of(all: &[Pending]) -> Vec<PendingView<'_>> {
    all.iter()
        .map(|p| PendingView {
            state: p.state.secret(),
            accepted: &p.accepted,
            expires_at: p.expires_at,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_uri_table() {
        let ok = [
            DEEP_LINK_REDIRECT,
            LOOPBACK_REDIRECT,
            "http://localhost:8765/callback",
            "https://vendor.example.invalid/bounce",
        ];
        for raw in ok {
            assert!(check_redirect_uri(raw).is_ok(), "{raw}");
        }
        for bad in [
            "http://vendor.example.invalid/cb",
            "javascript://x/alert(1)",
            "upsoptin:callback",
            "upsoptin://oauth/callback?x=1",
            "https://vendor.example.invalid/cb#frag",
            "/relative",
        ] {
            assert!(check_redirect_uri(bad).is_err(), "{bad}");
        }
    }
}
