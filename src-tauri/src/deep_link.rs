//! Deep links: routing of `upsoptin://…` URLs the OS hands to the app.
//!
//! [`route`] is a pure function with table tests: it accepts only the
//! configured scheme, host and path (the redirect URI registered at UPS) and
//! bounded, printable input. What passes is then validated against the pending
//! logins by the core (state, parameters); what fails changes nothing and is
//! shown to the admin as a clear message.

use optin_core::{ErrorCode, ErrorView};
use url::Url;

/// Longest deep link accepted.
pub const MAX_LINK_LEN: usize = 8 * 1024;

/// What to do with one URL handed over by the OS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// A sign-in answer for the core to validate and complete.
    Callback(String),
    /// Something else; show this and change nothing.
    Reject(ErrorView),
}

fn reject(message: String) -> Route {
    Route::Reject(ErrorView {
        code: ErrorCode::CallbackInvalid,
        message,
    })
}

/// Routes one deep link against the expected redirect URI.
pub fn route(raw: &str, expected: &Url) -> Route {
    if raw.len() > MAX_LINK_LEN {
        return reject(format!(
            "The wizard ignored a link longer than {} KiB. Nothing was changed.",
            MAX_LINK_LEN / 1024
        ));
    }
    if raw.chars().any(char::is_control) {
        return reject(
            "The wizard ignored a link with control characters. Nothing was changed.".into(),
        );
    }
    let Ok(url) = Url::parse(raw) else {
        return reject(
            "The wizard ignored a link that is not a valid address. Nothing was changed.".into(),
        );
    };
    let same = url.scheme().eq_ignore_ascii_case(expected.scheme())
        && url.host_str().map(str::to_ascii_lowercase)
            == expected.host_str().map(str::to_ascii_lowercase)
        && url.port() == expected.port()
        && url.path() == expected.path();
    if !same {
        return reject(format!(
            "The wizard ignored a link to {}://{}{}: it only accepts sign-in answers at {expected}. Nothing was changed.",
            url.scheme(),
            url.host_str().unwrap_or(""),
            truncate(url.path(), 80)
        ));
    }
    Route::Callback(url.to_string())
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let expected = Url::parse("upsoptin://oauth/callback").unwrap();
        let huge = format!(
            "upsoptin://oauth/callback?code={}",
            "x".repeat(MAX_LINK_LEN)
        );
        let table: &[(&str, bool)] = &[
            ("upsoptin://oauth/callback?code=C&state=S", true),
            ("UPSOPTIN://oauth/callback?code=C&state=S", true),
            ("upsoptin://OAUTH/callback?code=C&state=S", true),
            (
                "upsoptin://oauth/callback?error=access_denied&state=S",
                true,
            ),
            ("upsoptin://oauth/callback", true),
            ("upsoptin://other/callback?code=C&state=S", false),
            ("upsoptin://oauth/callback/extra?code=C", false),
            ("upsoptin://oauth/?code=C", false),
            ("upsoptin://oauth:99/callback?code=C", false),
            ("otherapp://oauth/callback?code=C", false),
            ("https://oauth/callback?code=C", false),
            ("upsoptin://oauth/callback?code=C\u{0}", false),
            ("upsoptin://oauth/callback\n?code=C", false),
            ("not a url", false),
            ("", false),
            (&huge, false),
        ];
        for (raw, ok) in table {
            let r = route(raw, &expected);
            assert_eq!(matches!(r, Route::Callback(_)), *ok, "{raw:.60}: {r:?}");
        }
    }

    #[test]
    fn rejections_never_echo_parameters() {
        let expected = Url::parse("upsoptin://oauth/callback").unwrap();
        match route("upsoptin://evil/x?code=SECRETCODE", &expected) {
            Route::Reject(e) => assert!(!e.message.contains("SECRETCODE"), "{}", e.message),
            r => panic!("{r:?}"),
        }
    }
}
