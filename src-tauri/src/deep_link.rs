//! Deep links: routing of `upsoptin://…` URLs the OS hands to the app.
//!
//! [`route`] is a pure function with table tests: it accepts only the
//! configured scheme, host and path (the redirect URI registered at UPS) and
//! bounded, printable input. What passes is then checked against the pending
//! logins by the core (state, redirect URI, expiry); what fails changes nothing
//! and is shown to the admin as a clear message.
//!
//! Any web page can fire an `upsoptin://` link, so a link is hostile until the
//! core says it answers a login in progress: only then is the window brought
//! to the front. A rejection names no part of the link (a page must not be able
//! to put its own words in the wizard's window) and notices are rate-limited
//! ([`RejectionNotices`]): a burst of links shows at most one.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use optin_core::service::Completion;
use optin_core::ErrorView;
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;
use url::Url;

use crate::ipc::{AppWarning, ConnectionCard, LoginEvent};
use crate::notice::{AppNotice, HandlerProblem, NoticeCode};
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

/// `reason` is fixed text (for the log), never taken from the link.
fn reject(reason: &'static str) -> Route {
    log::debug!("deep link not routed: {reason}");
    Route::Reject(crate::error::ShellError::RejectedLink.view())
}

/// Routes one deep link against the expected redirect URI.
pub fn route(raw: &str, expected: &Url) -> Route {
    if raw.len() > MAX_LINK_LEN {
        return reject("longer than the limit");
    }
    if raw.chars().any(char::is_control) {
        return reject("control characters");
    }
    let Ok(url) = Url::parse(raw) else {
        return reject("not a valid address");
    };
    let same = url.scheme().eq_ignore_ascii_case(expected.scheme())
        && url.host_str().map(str::to_ascii_lowercase)
            == expected.host_str().map(str::to_ascii_lowercase)
        && url.port() == expected.port()
        && url.path() == expected.path();
    if !same {
        return reject("not the sign-in address");
    }
    Route::Callback(url.to_string())
}

/// Rate limit of rejected-link notices: at most one per [`Self::INTERVAL`].
/// The instant is passed in, so the rule is tested without waiting.
#[derive(Default)]
pub struct RejectionNotices(Mutex<NoticeState>);

#[derive(Default)]
struct NoticeState {
    last: Option<Instant>,
    suppressed: u32,
}

impl RejectionNotices {
    pub const INTERVAL: Duration = Duration::from_secs(10);

    /// `Some(n)` when a notice may be shown at `now` (`n` rejections were
    /// silenced since the last one); `None` when this one stays silent.
    pub fn admit(&self, now: Instant) -> Option<u32> {
        let mut s = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match s.last {
            Some(last) if now.saturating_duration_since(last) < Self::INTERVAL => {
                s.suppressed = s.suppressed.saturating_add(1);
                None
            }
            _ => {
                s.last = Some(now);
                Some(std::mem::take(&mut s.suppressed))
            }
        }
    }
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
/// takes what the launch brought (`take_open_connection`), which it does after
/// subscribing to login events and showing its first screen, so a notice about
/// a start link reaches the screen (emitted from setup, before the page exists,
/// it would be lost), and neither setup nor the first screen waits for it.
pub(crate) fn handle_start_links<R: Runtime>(app: &AppHandle<R>) {
    let Some(start) = app.try_state::<StartLinks>() else {
        return;
    };
    for url in start.take_deferred() {
        handle_link(app, url);
    }
}

/// Makes the OS hand `upsoptin://` links to this binary (the `link-handler`
/// crate: compare first, write only what differs, never a path another user
/// could take over; installed copies only check the packaged handler). Runs on
/// its own thread so the window never waits for it; a problem is logged and
/// shown as a notice.
fn register_scheme<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("link-handler".into())
        .spawn(move || {
            let scheme = app.state::<AppState>().deep_link.scheme().to_string();
            let Err(e) = ensure_link_handler(&app, &scheme) else {
                return;
            };
            log::warn!("the link handler is not in place: {e}");
            let notice = AppNotice::new(
                NoticeCode::LinkHandler,
                format!(
                    "Links from the browser may not reach the wizard: {e}. Until then, use \"Paste the address from your browser\" to finish a sign-in."
                ),
            )
            .with(HandlerProblem::params(&e));
            // State first, then the event: a UI that asks later sees it in
            // get_app_info, one that already asked gets the event.
            app.state::<AppState>().add_warning(notice.clone());
            let _ = AppWarning(notice).emit(&app);
        });
    if let Err(e) = spawned {
        log::warn!("the link handler check could not start: {e}");
    }
}

/// The path of the running program, for the link handler.
#[cfg(any(target_os = "linux", windows))]
fn running_program() -> Result<std::path::PathBuf, link_handler::Error> {
    std::env::current_exe().map_err(|source| link_handler::Error::Io {
        action: "find",
        path: "the running program".into(),
        source,
    })
}

#[cfg(target_os = "linux")]
fn ensure_link_handler<R: Runtime>(
    app: &AppHandle<R>,
    scheme: &str,
) -> Result<(), link_handler::Error> {
    let exe = running_program()?;
    let appimage = app.env().appimage;
    let outcome =
        link_handler::linux::ensure(&exe, appimage.as_deref().map(std::path::Path::new), scheme)?;
    log::debug!("link handler: {outcome:?}");
    Ok(())
}

#[cfg(windows)]
fn ensure_link_handler<R: Runtime>(
    app: &AppHandle<R>,
    scheme: &str,
) -> Result<(), link_handler::Error> {
    let exe = running_program()?;
    let identifier = app.config().identifier.clone();
    let written = link_handler::windows::ensure(&exe, scheme, &identifier)?;
    log::debug!("link handler: {written} registry value(s) written");
    Ok(())
}

#[cfg(not(any(target_os = "linux", windows)))]
fn ensure_link_handler<R: Runtime>(
    _app: &AppHandle<R>,
    _scheme: &str,
) -> Result<(), std::convert::Infallible> {
    // macOS: the bundle's Info.plist declares the scheme.
    Ok(())
}

/// Hands one deep link to the core. The window comes to the front only for a
/// link that answers a login in progress; any other is reported (rate-limited,
/// with a fixed message) and changes nothing. Public so tests on the mock
/// runtime can deliver links as the OS would.
pub fn handle_link<R: Runtime>(app: &AppHandle<R>, raw: String) {
    // Idempotent: the first link makes the limiter, later ones reuse it.
    app.manage(RejectionNotices::default());
    let timer = crate::bench::link_received();
    let state = app.state::<AppState>();
    let url = match route(&raw, &state.deep_link) {
        Route::Callback(url) => url,
        Route::Reject(error) => return notify_rejected(app, error),
    };
    let Some(login_id) = state.optin.pending_login_for(&url) else {
        // A replay, an expired or unknown state, or a page's guess: the core's
        // fixed message for it names nothing from the link.
        return notify_rejected(
            app,
            ErrorView::from(&optin_core::Error::CallbackUnknownState),
        );
    };
    log::info!("a sign-in answer arrived by deep link; bringing the wizard to the front");
    focus_main(app);
    let optin = state.optin.clone();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        // The core answers once; the login's end reaches the UI as its event.
        let event = match optin.complete(&url).await {
            Completion::Connected(status) => {
                crate::bench::link_stored(&timer);
                focus_main(&app);
                LoginEvent::Completed {
                    login_id,
                    connection: Box::new(ConnectionCard::from(*status)),
                }
            }
            Completion::Refused(e) => return notify_rejected(&app, ErrorView::from(&e)),
            Completion::Failed(e) => LoginEvent::Failed {
                login_id,
                error: ErrorView::from(&e),
            },
        };
        let _ = event.emit(&app);
    });
}

/// Reports a rejected link unless a notice went out less than
/// [`RejectionNotices::INTERVAL`] ago; never focuses the window.
fn notify_rejected<R: Runtime>(app: &AppHandle<R>, error: ErrorView) {
    let Some(silenced) = app.state::<RejectionNotices>().admit(Instant::now()) else {
        return;
    };
    if silenced > 0 {
        log::warn!(
            "deep link rejected ({} more ignored silently): {}",
            silenced,
            error.message
        );
    } else {
        log::warn!("deep link rejected: {}", error.message);
    }
    let _ = LoginEvent::RejectedLink { error }.emit(app);
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
    fn rejections_name_nothing_from_the_link() {
        let expected = Url::parse("upsoptin://oauth/callback").unwrap();
        for raw in [
            "upsoptin://evil.example/Click-here-to-call-support?code=SECRETCODE",
            "upsoptin://oauth/Your%20account%20is%20locked",
            "upsoptin://oauth/callback/x\u{0}",
            "not a url at all: call 555",
        ] {
            match route(raw, &expected) {
                Route::Reject(e) => {
                    assert_eq!(e.message, crate::error::REJECTED_LINK_MESSAGE);
                    assert_eq!(e.code, optin_core::ErrorCode::CallbackInvalid);
                }
                r => panic!("{r:?}"),
            }
        }
    }

    #[test]
    fn at_most_one_notice_per_interval() {
        let n = RejectionNotices::default();
        let t0 = Instant::now();
        assert_eq!(n.admit(t0), Some(0));
        for ms in [0, 1, 500, 9_999] {
            assert_eq!(n.admit(t0 + Duration::from_millis(ms)), None, "{ms} ms");
        }
        // 10 s after the last notice: one more, counting the silenced ones.
        assert_eq!(n.admit(t0 + RejectionNotices::INTERVAL), Some(4));
        assert_eq!(n.admit(t0 + Duration::from_secs(15)), None);
        assert_eq!(n.admit(t0 + Duration::from_secs(25)), Some(1));
        // A burst of 20 at one instant: exactly one notice.
        let burst = RejectionNotices::default();
        let admitted = (0..20).filter(|_| burst.admit(t0).is_some()).count();
        assert_eq!(admitted, 1);
    }
}
