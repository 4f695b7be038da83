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
use optin_core::status::ConnectionCard;
use optin_core::watch::{TrayModel, Watch};
use tauri::{AppHandle, Manager, Runtime, WindowEvent};
use tauri_specta::Event;

use crate::action::Action;
use crate::ipc::{AppWarning, OpenConnection, TrayHint};
use crate::notice::{AppNotice, NoticeCode};
use crate::state::{AppState, LaunchOptions};
use crate::window::focus_main;

/// What the background keeps.
pub struct Background {
    pub renewer: Arc<Renewer>,
    watch: Mutex<Watch>,
    /// A connection to open once the UI asks (it may not be listening yet).
    open_request: Mutex<Option<String>>,
    /// Whether the tray and notifications are up (the real app, not tests).
    pub desktop: bool,
    /// Quit was refused once because a renewed token is held unsaved.
    quit_guard: QuitGuard,
}

/// Said (in the window) when Quit would drop a rotated refresh token the
/// keychain refused: the copy in the keychain is already spent.
pub const QUIT_UNSAVED_WARNING: &str = "The wizard holds a renewed refresh token that the keychain refused to save; the one in the keychain is already used. Quitting now loses the opt-in. Unlock the keychain (the wizard saves the token within a minute), or choose Quit again to quit anyway.";

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
        quit_guard: QuitGuard::default(),
    });
    if desktop {
        let model = TrayModel::of(
            &crate::language::localizer(app),
            &views(app).unwrap_or_default(),
        );
        if let Err(e) = crate::tray::create(app, &model, dispatch::<R>) {
            log::warn!("the tray icon could not be created: {e}");
        }
        crate::notify::wire_clicks(app, dispatch::<R>);
        crate::autostart::reconcile(app);
        close_to_tray(app);
        let open = app.state::<AppState>().launch.open_connection.clone();
        if let Some(id) = open {
            dispatch(app, Action::OpenConnection(id));
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

/// The connections as the tray and the notifications see them (one reading).
fn views<R: Runtime>(app: &AppHandle<R>) -> Option<Vec<ConnectionCard>> {
    match app.state::<AppState>().optin.statuses() {
        Ok(list) => Some(list.into_iter().map(Into::into).collect()),
        Err(e) => {
            log::warn!("connections could not be read: {e}");
            None
        }
    }
}

/// Reads the connections, updates the tray and sends the notifications due.
pub fn observe<R: Runtime>(app: &AppHandle<R>) {
    let Some(bg) = app.try_state::<Background>() else {
        return;
    };
    bg.quit_guard
        .on_observe(app.state::<AppState>().optin.holds_unsaved());
    let Some(views) = views(app) else {
        return;
    };
    let localizer = crate::language::localizer(app);
    let notices = {
        let mut watch = lock(&bg.watch);
        watch.set_localizer(Arc::clone(&localizer));
        watch.observe(&views, app.state::<AppState>().optin.now())
    };
    if bg.desktop {
        crate::tray::update(app, &TrayModel::of(&localizer, &views));
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
    let _ = OpenConnection(id.to_string()).emit(app);
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

/// Runs what a tray item, a notification click or a second launch asked for:
/// the one dispatcher.
pub fn dispatch<R: Runtime>(app: &AppHandle<R>, action: Action) {
    match action {
        Action::ShowWindow => focus_main(app),
        Action::OpenConnection(id) => open_connection(app, &id),
        Action::RefreshAll => refresh_all(app),
        Action::Quit => quit(app),
    }
}

/// Tray Quit. A rotated refresh token this process holds unsaved dies with
/// it, so saving it is tried first; if the keychain still refuses, the window
/// says so and only a second Quit quits.
fn quit<R: Runtime>(app: &AppHandle<R>) {
    let optin = app.state::<AppState>().optin.clone();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        optin.retry_unsaved().await;
        let unsaved = optin.holds_unsaved();
        let quit_now = app
            .try_state::<Background>()
            .is_none_or(|b| b.quit_guard.on_quit(unsaved));
        if quit_now {
            app.exit(0);
            return;
        }
        log::warn!("Quit refused once: a renewed refresh token is held unsaved");
        focus_main(&app);
        let _ = AppWarning(AppNotice::new(
            NoticeCode::QuitUnsaved,
            QUIT_UNSAVED_WARNING,
        ))
        .emit(&app);
    });
}

/// Whether tray Quit has warned about the token held unsaved now.
#[derive(Default)]
pub struct QuitGuard(std::sync::atomic::AtomicBool);

impl QuitGuard {
    /// Tray Quit: whether to quit now. Not while a rotated refresh token is
    /// held unsaved and the admin has not been warned about it yet; the
    /// next Quit quits.
    pub fn on_quit(&self, holds_unsaved: bool) -> bool {
        let warned = self
            .0
            .swap(holds_unsaved, std::sync::atomic::Ordering::SeqCst);
        !holds_unsaved || warned
    }

    /// The connections were read again: once nothing is held unsaved (saved
    /// at last, or gone), a later unsaved token is a new one to warn about.
    pub fn on_observe(&self, holds_unsaved: bool) {
        if !holds_unsaved {
            self.0.store(false, std::sync::atomic::Ordering::SeqCst);
        }
    }
}

/// A second launch: `--open-connection <id>` opens that connection, a bare
/// relaunch brings the window to the front, and a launch that carries a link
/// changes nothing here. Any web page can fire a `upsoptin://` link, and the
/// OS hands it over as a second launch: only a link that answers a login in
/// progress may show or focus the window, and that is the link router's call
/// ([`crate::deep_link::handle_link`], which the deep-link plugin has already
/// called).
pub fn on_second_instance<R: Runtime>(app: &AppHandle<R>, argv: &[String]) {
    if let Some(action) = second_launch(&LaunchOptions::from_args(argv.iter().cloned())) {
        dispatch(app, action);
    }
}

/// What a second launch asks of the shell (pure): `None` when it carries a link.
pub fn second_launch(launch: &LaunchOptions) -> Option<Action> {
    match (&launch.open_connection, launch.link) {
        (Some(id), _) => Some(Action::OpenConnection(id.clone())),
        (None, true) => None,
        (None, false) => Some(Action::ShowWindow),
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
            let settings = &handle.state::<AppState>().settings;
            if settings.load().tray_hint_shown {
                let _ = w.hide();
            } else {
                if let Err(e) = settings.update(|s| s.tray_hint_shown = true) {
                    log::warn!("{e}");
                }
                let _ = TrayHint.emit(&handle);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_launch_with_a_link_leaves_the_window_to_the_link_router() {
        let table: &[(&[&str], Option<Action>)] = &[
            (&["app"], Some(Action::ShowWindow)),
            (&["app", "--background"], Some(Action::ShowWindow)),
            (
                &["app", "--open-connection", "ab12cd34ef56"],
                Some(Action::OpenConnection("ab12cd34ef56".into())),
            ),
            (
                &["app", "upsoptin://oauth/callback?code=evil&state=evil"],
                None,
            ),
            (&["app", "upsoptin://anything"], None),
            (
                &["app", "upsoptin://oauth/callback?error=access_denied"],
                None,
            ),
            (&["app", "--demo", "otherscheme:x"], None),
        ];
        for (args, want) in table {
            let launch = LaunchOptions::from_args(args.iter().map(|s| s.to_string()));
            assert_eq!(&second_launch(&launch), want, "{args:?}");
        }
    }

    #[test]
    fn quit_warns_once_per_unsaved_token() {
        let g = QuitGuard::default();
        assert!(g.on_quit(false), "nothing unsaved: Quit quits");
        assert!(!g.on_quit(true), "unsaved: the first Quit warns");
        assert!(g.on_quit(true), "the second Quit quits anyway");

        let g = QuitGuard::default();
        assert!(!g.on_quit(true));
        g.on_observe(true);
        assert!(g.on_quit(true), "still the same unsaved token");

        // Warned, then the keychain took the token; later another one is
        // refused: Quit warns again instead of dropping it silently.
        let g = QuitGuard::default();
        assert!(!g.on_quit(true));
        g.on_observe(false);
        assert!(!g.on_quit(true), "a new unsaved token warns again");
        assert!(g.on_quit(true));
    }
}
