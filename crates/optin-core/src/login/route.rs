//! Which redirect URI goes with which capture route: the one rule, used by the
//! app shell (route picked → URI sent), the CLI and records written before the
//! route was stored (URI given → route), the UI (over IPC, in `AppInfo`) and
//! the tests. A leaf: it depends on nothing else in the crate.

use serde::{Deserialize, Serialize};
use specta::Type;
use url::Url;

/// The custom-scheme redirect URI of the deep-link route (and the address the
/// https bounce page forwards to). Its scheme is the one the app shell
/// declares in `tauri.conf.json` (plugins.deep-link). The one definition: the
/// app shell, the CLI and (through `AppInfo` in the generated bindings) the UI
/// read it from here.
pub const DEEP_LINK_REDIRECT: &str = "upsoptin://oauth/callback";
/// The loopback redirect URI of the loopback route (RFC 8252 §7.3), and the
/// CLI's default. UPS matches redirect URIs exactly, so the port is fixed.
pub const LOOPBACK_REDIRECT: &str = "http://127.0.0.1:8765/callback";

/// How the callback comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RouteKind {
    /// A custom-scheme link (`upsoptin://oauth/callback`) the OS hands to the app.
    DeepLink,
    /// A one-shot listener on 127.0.0.1 at the redirect URI's port.
    Loopback,
    /// An https page the vendor hosts that forwards to the custom scheme.
    Bounce,
    /// The admin pastes the address the browser ended on.
    Paste,
}

/// Who waits for the answer when the redirect URI, not the route, was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receiver {
    /// The wizard: the OS hands it custom-scheme links (records written
    /// before the route was stored were the wizard's).
    App,
    /// `ups-optin`: no link reaches a command line, so the admin pastes.
    Cli,
}

/// What a route sends: the redirect URI given to UPS, and for the bounce route
/// the custom-scheme address the bounce page forwards to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteUris {
    pub redirect_uri: String,
    pub forward_uri: Option<String>,
}

impl RouteKind {
    /// Every route, in the route picker's order.
    pub const ALL: [RouteKind; 4] = [
        RouteKind::DeepLink,
        RouteKind::Loopback,
        RouteKind::Bounce,
        RouteKind::Paste,
    ];

    /// The redirect URI this route sends to UPS (`deep_link`: the app's
    /// custom-scheme address; `bounce_url`: the vendor's https page, for the
    /// bounce route only), and for the bounce route the address it forwards to.
    /// `None`: the bounce route without its page's address.
    pub fn redirect_uri(self, deep_link: &str, bounce_url: Option<&str>) -> Option<RouteUris> {
        let (redirect_uri, forward_uri) = match self {
            RouteKind::DeepLink | RouteKind::Paste => (deep_link.to_string(), None),
            RouteKind::Loopback => (LOOPBACK_REDIRECT.to_string(), None),
            RouteKind::Bounce => (
                bounce_url
                    .map(str::trim)
                    .filter(|u| !u.is_empty())?
                    .to_string(),
                Some(deep_link.to_string()),
            ),
        };
        Some(RouteUris {
            redirect_uri,
            forward_uri,
        })
    }

    /// The route for a redirect URI given without one (the CLI's
    /// `--redirect-uri`, a record written before the route was stored):
    /// http is received on this computer (loopback); https is pasted (no
    /// bounce: nothing says where its page forwards); a custom scheme is a
    /// deep link where the OS hands links over (the app), pasted elsewhere.
    pub fn for_uri(uri: &Url, receiver: Receiver) -> RouteKind {
        match (uri.scheme(), receiver) {
            ("http", _) => RouteKind::Loopback,
            ("https", _) => RouteKind::Paste,
            (_, Receiver::App) => RouteKind::DeepLink,
            (_, Receiver::Cli) => RouteKind::Paste,
        }
    }
}

/// What the UI shows for each route: the redirect URI the core will send
/// (`null` for the bounce route, whose address the admin enters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RouteRedirect {
    pub route: RouteKind,
    pub redirect_uri: Option<String>,
}

/// [`RouteKind::redirect_uri`] for every route, as the UI gets it.
pub fn route_redirects(deep_link: &str) -> Vec<RouteRedirect> {
    RouteKind::ALL
        .iter()
        .map(|&route| RouteRedirect {
            route,
            redirect_uri: route.redirect_uri(deep_link, None).map(|u| u.redirect_uri),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    /// Every route's URI, read back, names a route that sends the same URI:
    /// the two directions of the rule cannot drift apart.
    #[test]
    fn both_directions_agree() {
        let bounce = "https://vendor.example/ups/bounce";
        for route in RouteKind::ALL {
            let sent = route
                .redirect_uri(DEEP_LINK_REDIRECT, Some(bounce))
                .unwrap();
            for receiver in [Receiver::App, Receiver::Cli] {
                let back = RouteKind::for_uri(&url(&sent.redirect_uri), receiver);
                let again = back.redirect_uri(DEEP_LINK_REDIRECT, None);
                match back {
                    // Pasted https: the URI is the admin's, sent as given.
                    RouteKind::Paste if route == RouteKind::Bounce => {}
                    _ => assert_eq!(again.unwrap().redirect_uri, sent.redirect_uri, "{route:?}"),
                }
            }
        }
        assert_eq!(
            RouteKind::Bounce.redirect_uri(DEEP_LINK_REDIRECT, Some("  ")),
            None
        );
        assert_eq!(
            RouteKind::Bounce
                .redirect_uri(DEEP_LINK_REDIRECT, Some(bounce))
                .unwrap()
                .forward_uri
                .as_deref(),
            Some(DEEP_LINK_REDIRECT)
        );
    }

    #[test]
    fn the_ui_gets_every_route() {
        let table = route_redirects(DEEP_LINK_REDIRECT);
        assert_eq!(table.len(), RouteKind::ALL.len());
        assert_eq!(table[2].route, RouteKind::Bounce);
        assert_eq!(table[2].redirect_uri, None);
        assert_eq!(table[1].redirect_uri.as_deref(), Some(LOOPBACK_REDIRECT));
    }
}
