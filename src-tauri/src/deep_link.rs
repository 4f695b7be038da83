//! Deep links: routing of `upsoptin://…` URLs the OS hands to the app.
//!
//! [`route`] is a pure function with table tests: it accepts only the
//! configured scheme, host and path (the redirect URI registered at UPS) and
//! bounded, printable input. What passes is then validated against the pending
//! logins by the core (state, parameters); what fails changes nothing and is
//! shown to the admin as a clear message.

use std::sync::Mutex;

use optin_core::{ErrorCode, ErrorView};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use url::Url;

use crate::ipc::{LoginEvent, EVENT_LOGIN};
use crate::state::AppState;
use crate::window::focus_main;

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

/// The link(s) the app was started with. They are handled from
/// `get_current()` at start-up; on platforms where the same URL also arrives as
/// an open-URL event, that one copy is skipped. Every later link is handled,
/// even if it repeats an earlier one (a replay must be reported, not ignored).
#[derive(Default)]
pub(crate) struct StartLinks(Mutex<Vec<String>>, Mutex<Vec<String>>);

impl StartLinks {
    /// Keeps a start link until the UI is ready for it.
    fn defer(&self, url: String) {
        self.1.lock().unwrap_or_else(|p| p.into_inner()).push(url);
    }

    fn take_deferred(&self) -> Vec<String> {
        std::mem::take(&mut *self.1.lock().unwrap_or_else(|p| p.into_inner()))
    }

    fn remember(&self, url: &str) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(url.to_string());
    }

    /// True (once) when `url` is a start link already handled.
    fn take(&self, url: &str) -> bool {
        let mut all = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match all.iter().position(|u| u == url) {
            Some(i) => {
                all.remove(i);
                true
            }
            None => false,
        }
    }
}

pub(crate) fn wire<R: Runtime>(app: &AppHandle<R>) {
    let Some(deep) = app.try_state::<tauri_plugin_deep_link::DeepLink<R>>() else {
        return;
    };
    register_scheme(app);
    let handle = app.clone();
    deep.on_open_url(move |event| {
        for url in event.urls() {
            if !handle.state::<StartLinks>().take(url.as_str()) {
                handle_link(&handle, url.to_string());
            }
        }
    });
    if let Ok(Some(urls)) = deep.get_current() {
        let start = app.state::<StartLinks>();
        for url in urls {
            start.remember(url.as_str());
            start.defer(url.to_string());
        }
    }
}

/// Handles the link(s) the app was started with, once: called when the UI
/// first asks for its facts (`get_app_info`), which it does after subscribing
/// to login events, so a notice about a start link reaches the screen (emitted
/// from setup, before the page exists, it would be lost), and setup does not
/// wait for it.
pub(crate) fn handle_start_links<R: Runtime>(app: &AppHandle<R>) {
    let Some(start) = app.try_state::<StartLinks>() else {
        return;
    };
    for url in start.take_deferred() {
        handle_link(app, url);
    }
}

/// Makes the OS hand `upsoptin://` links to this binary in unbundled runs.
fn register_scheme<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(target_os = "linux")]
    {
        let exe = std::env::current_exe()
            .ok()
            .and_then(|p| p.canonicalize().ok());
        if let Some(exe) = exe.filter(|p| !p.starts_with("/usr/")) {
            let scheme = app.state::<AppState>().deep_link.scheme().to_string();
            if let Err(e) = crate::desktop_entry::register(&exe, &scheme) {
                log::warn!("the link handler could not be registered: {e}");
                app.state::<AppState>().add_warning(format!(
                    "Links from the browser may not reach the wizard: {e}. Use \"Paste the address from your browser\" instead."
                ));
            }
        }
    }
    #[cfg(windows)]
    {
        use tauri_plugin_deep_link::DeepLinkExt;
        if let Err(e) = app.deep_link().register_all() {
            log::warn!("the link handler could not be registered: {e}");
        }
    }
    #[cfg(not(any(target_os = "linux", windows)))]
    let _ = app;
}

/// Hands one deep link to the core; a rejected one is shown and changes nothing.
/// Public so tests on the mock runtime can deliver links as the OS would.
pub fn handle_link<R: Runtime>(app: &AppHandle<R>, raw: String) {
    let timer = crate::bench::link_received();
    focus_main(app);
    let state = app.state::<AppState>();
    let url = match route(&raw, &state.deep_link) {
        Route::Callback(url) => url,
        Route::Reject(error) => {
            log::warn!("deep link rejected: {}", error.message);
            let _ = app.emit(EVENT_LOGIN, LoginEvent::RejectedLink { error });
            return;
        }
    };
    let optin = state.optin.clone();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let done = optin.complete(&url).await;
        if done.is_ok() {
            crate::bench::link_stored(&timer);
        }
        if let Err(e) = done {
            let view = ErrorView::from(&e);
            // Failures after a callback was accepted are reported by the core's
            // own events; these are refusals of the link itself.
            if matches!(
                view.code,
                ErrorCode::CallbackInvalid
                    | ErrorCode::CallbackUnknownState
                    | ErrorCode::CallbackExpired
            ) {
                log::warn!("deep link refused: {}", view.message);
                let _ = app.emit(EVENT_LOGIN, LoginEvent::RejectedLink { error: view });
            }
        }
    });
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
