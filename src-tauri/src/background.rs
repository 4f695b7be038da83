//! Keeping connections healthy with nobody at the window: the one renewal
//! timer ([`optin_core::renewal`]), the tray ([`crate::tray`]), desktop
//! notifications ([`crate::notify`]), close-to-tray, and opening the wizard
//! on one connection (from the tray, a notification click or a second launch
//! with `--open-connection <id>`).
//!
//! The rules (which states need attention, which changes notify, what the tray
//! shows) are pure functions in `optin_core::watch`; this module only renders them.

use std::sync::{Arc, Mutex};

use optin_core::renewal::{RenewalPolicy, Renewer};
use optin_core::service::CoreEvent;
use optin_core::settings::SettingsFile;
use optin_core::status::ConnectionCard;
use optin_core::watch::Watch;
use tauri::{AppHandle, Emitter, Manager, Runtime, WindowEvent};

use crate::state::AppState;
use crate::window::focus_main;

/// `--background`: start hidden in the tray (what start at login launches).
pub const BACKGROUND_ARG: &str = "--background";
/// `--open-connection <id>`: open the wizard on that connection's fix step.
pub const OPEN_CONNECTION_ARG: &str = "--open-connection";

/// Event to the UI: open this connection's fix step (payload: its ID).
pub const EVENT_OPEN_CONNECTION: &str = "open-connection";
/// Event to the UI: say once that closing the window keeps the app in the tray.
pub const EVENT_TRAY_HINT: &str = "tray-hint";

/// What the background keeps.
pub struct Background {
    pub renewer: Arc<Renewer>,
    watch: Mutex<Watch>,
    /// A connection to open once the UI asks (it may not be listening yet).
    open_request: Mutex<Option<String>>,
    /// Whether the tray and notifications are up (the real app, not tests).
    pub desktop: bool,
}

/// Whether this launch starts hidden in the tray.
pub fn launched_hidden() -> bool {
    std::env::args().any(|a| a == BACKGROUND_ARG)
}

/// The connection named by `--open-connection <id>` in `argv`.
pub fn open_connection_arg(argv: &[String]) -> Option<String> {
    argv.iter()
        .position(|a| a == OPEN_CONNECTION_ARG)
        .and_then(|i| argv.get(i + 1))
        .filter(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .cloned()
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Starts the renewal timer and, when `desktop`, the tray, notifications and
/// close-to-tray. Called once from the setup hook.
pub fn start<R: Runtime>(app: &AppHandle<R>, desktop: bool) {
    let optin = app.state::<AppState>().optin.clone();
    let renewer = Renewer::new(optin.clone(), RenewalPolicy::from_env());
    app.manage(Background {
        renewer: Arc::clone(&renewer),
        watch: Mutex::new(Watch::new()),
        open_request: Mutex::new(None),
        desktop,
    });
    if desktop {
        if let Err(e) = crate::tray::create(app) {
            log::warn!("the tray icon could not be created: {e}");
        }
        crate::notify::wire_clicks(app);
        crate::autostart::reconcile(app);
        close_to_tray(app);
        if let Some(id) = open_connection_arg(&std::env::args().collect::<Vec<_>>()) {
            open_connection(app, &id);
        }
    }
    // Core events (a refresh by the UI, a completed opt-in…) update the tray and notify.
    let mut rx = optin.subscribe();
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            match rx.recv().await {
                Ok(CoreEvent::ConnectionsChanged | CoreEvent::Completed { .. }) => observe(&handle),
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    });
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        renewer
            .run(move |report| {
                if !report.calls.is_empty() {
                    log::info!("background renewal: {} call(s) to UPS", report.calls.len());
                }
                observe(&handle);
            })
            .await;
    });
}

/// Reads the connections, updates the tray and sends the notifications due.
pub fn observe<R: Runtime>(app: &AppHandle<R>) {
    let Some(bg) = app.try_state::<Background>() else {
        return;
    };
    let state = app.state::<AppState>();
    let views: Vec<ConnectionCard> = match state.optin.statuses() {
        Ok(list) => list.into_iter().map(Into::into).collect(),
        Err(e) => {
            log::warn!("connections could not be read: {e}");
            return;
        }
    };
    let notices = {
        let mut watch = lock(&bg.watch);
        watch.set_localizer(crate::language::localizer(app));
        watch.observe(&views, state.optin.now())
    };
    if bg.desktop {
        crate::tray::update(app, &views);
        for n in notices {
            crate::notify::show(app, &n);
        }
    }
}

/// Opens the wizard on a connection's fix step (tray item, notification
/// click, `--open-connection`): shows the window and tells the UI.
pub fn open_connection<R: Runtime>(app: &AppHandle<R>, id: &str) {
    if let Some(bg) = app.try_state::<Background>() {
        *lock(&bg.open_request) = Some(id.to_string());
    }
    focus_main(app);
    let _ = app.emit(EVENT_OPEN_CONNECTION, id.to_string());
}

/// The connection the UI should open, once (the UI asks when it loads).
pub fn take_open_request<R: Runtime>(app: &AppHandle<R>) -> Option<String> {
    app.try_state::<Background>()
        .and_then(|bg| lock(&bg.open_request).take())
}

/// Renews every connection now (tray "Refresh all now"), then wakes the timer.
pub fn refresh_all<R: Runtime>(app: &AppHandle<R>) {
    let optin = app.state::<AppState>().optin.clone();
    let renewer = app
        .try_state::<Background>()
        .map(|b| Arc::clone(&b.renewer));
    tauri::async_runtime::spawn(async move {
        if let Ok(list) = optin.statuses() {
            for s in list {
                if let Err(e) = optin.refresh(&s.id).await {
                    log::warn!("connection {}: refresh failed: {e}", s.id);
                }
            }
        }
        if let Some(r) = renewer {
            r.wake();
        }
    });
}

/// A second launch: `--open-connection <id>` opens that connection, anything
/// else brings the window to the front.
pub fn on_second_instance<R: Runtime>(app: &AppHandle<R>, argv: &[String]) {
    match open_connection_arg(argv) {
        Some(id) => open_connection(app, &id),
        None => focus_main(app),
    }
}

/// Closing the window keeps the app in the tray: the first time, the window
/// says so (and stays open); afterwards it hides. Quit is in the tray menu.
fn close_to_tray<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let handle = app.clone();
    let w = window.clone();
    window.on_window_event(move |event| {
        if let WindowEvent::CloseRequested { api, .. } = event {
            if handle.tray_by_id(crate::tray::TRAY_ID).is_none() {
                return; // No tray: closing quits as usual.
            }
            api.prevent_close();
            let settings = SettingsFile::new(handle.state::<AppState>().optin.store().dir());
            if settings.load().tray_hint_shown {
                let _ = w.hide();
            } else {
                if let Err(e) = settings.update(|s| s.tray_hint_shown = true) {
                    log::warn!("{e}");
                }
                let _ = handle.emit(EVENT_TRAY_HINT, ());
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn open_connection_argument() {
        assert_eq!(
            open_connection_arg(&argv(&["app", "--open-connection", "ab12cd34ef56"])),
            Some("ab12cd34ef56".into())
        );
        assert_eq!(
            open_connection_arg(&argv(&["app", "--open-connection"])),
            None
        );
        assert_eq!(
            open_connection_arg(&argv(&["app", "--open-connection", "../x"])),
            None
        );
        assert_eq!(open_connection_arg(&argv(&["app", "upsoptin://x"])), None);
    }
}
