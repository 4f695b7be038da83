//! The UPS Opt-In Wizard app shell: a thin Tauri 2 layer over `optin-core`.
//!
//! It wires the plugins (single-instance first, with its deep-link feature;
//! deep-link; opener; log), hands deep links to the core, forwards the core's
//! events to the UI, keeps tokens fresh while the window is open, and starts
//! the loopback sandbox in demo mode. [`build_app`] is generic over the
//! runtime so tests run the same commands on `tauri::test::mock_builder()`.

mod bench;
mod commands;
pub mod deep_link;
pub mod desktop_entry;
pub mod ipc;
mod logging;
pub mod navigation;
pub mod session_bus;
pub mod state;

use std::sync::Mutex;
use std::time::Duration;

use optin_core::service::CoreEvent;
use optin_core::{Effects, ErrorCode, ErrorView, OptIn};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::deep_link::Route;
use crate::ipc::{ConnectionCard, DemoHint, LoginEvent, EVENT_CONNECTIONS, EVENT_LOGIN};
use crate::state::{AppState, LaunchOptions};

/// How often the app renews tokens that are due and retries unsaved ones.
const TICK: Duration = Duration::from_secs(30);
/// Preferred port of the demo sandbox, so its keychain namespace is stable
/// across runs; another free port is used when it is taken.
const DEMO_PORT: u16 = 47310;

/// Builds the core for this launch, starting the demo sandbox when asked.
pub fn prepare(opts: &LaunchOptions) -> Result<AppState, String> {
    let mut effects = Effects::system().map_err(|e| e.to_string())?;
    let configured = !optin_core::store::Store::new(&effects.config_dir)
        .load()
        .map(|c| c.is_empty())
        .unwrap_or(true);
    let demo = opts.demo || (opts.demo_if_unconfigured && !configured);
    let warnings: Vec<String> = session_bus::warning().into_iter().collect();
    let sandbox = if demo {
        // Demo connections live apart from real ones.
        effects.config_dir = effects.config_dir.join("demo");
        let handle = tauri::async_runtime::block_on(async {
            match ups_sandbox::Sandbox::start(
                ups_sandbox::SandboxConfig::default().with_port(DEMO_PORT),
            )
            .await
            {
                Ok(h) => Ok(h),
                Err(_) => ups_sandbox::Sandbox::start(ups_sandbox::SandboxConfig::default()).await,
            }
        })
        .map_err(|e| format!("The demo sandbox could not start on this computer: {e}"))?;
        let hint = DemoHint {
            base_url: handle.base_url(),
            client_id: ups_sandbox::DEMO_CLIENT_ID.into(),
            client_secret: ups_sandbox::DEMO_CLIENT_SECRET.into(),
            username: ups_sandbox::DEMO_USER.into(),
            password: ups_sandbox::DEMO_PASSWORD.into(),
        };
        Some((hint, handle))
    } else {
        None
    };
    Ok(AppState::new(OptIn::new(effects), sandbox, warnings))
}

/// Registers state and commands and starts the background work. Plugins are
/// added by the caller ([`run`] adds the real ones; tests add none).
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .manage(state)
        .manage(StartLinks::default())
        .invoke_handler(tauri::generate_handler![
            commands::get_app_info,
            commands::list_connections,
            commands::start_browser_opt_in,
            commands::reopt_in,
            commands::open_sign_in_again,
            commands::cancel_opt_in,
            commands::submit_pasted_address,
            commands::client_credentials_opt_in,
            commands::refresh_connection,
            commands::test_connection,
            commands::remove_connection,
            commands::copy_diagnostics,
        ])
        .setup(|app| {
            create_main_window(app.handle())?;
            log_launch(app.handle());
            let handle = app.handle().clone();
            forward_events(&handle);
            start_ticker(&handle);
            wire_deep_links(&handle);
            Ok(())
        })
}

/// Runs the wizard.
pub fn run() {
    bench::mark_start();
    let opts = LaunchOptions::from_args(std::env::args());
    let state = match prepare(&opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let builder = tauri::Builder::default()
        // First, so a second copy started by a link hands its arguments over and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            focus_main(app)
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(logging::plugin());
    if let Err(e) = build_app(builder, state).run(context()) {
        eprintln!("error: the wizard window could not start: {e}");
        std::process::exit(1);
    }
}

/// The app's context (config, assets, capabilities) for any runtime, so tests
/// on the mock runtime run under the same capability file as the real app.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Logs what prepare() found, once the log plugin is up.
fn log_launch<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    if let Some(demo) = &state.demo {
        log::info!("demo mode: sandbox at {}", demo.base_url);
    }
    for w in state.warnings() {
        log::warn!("{w}");
    }
}

/// Creates the main window from `tauri.conf.json` (where it has
/// `"create": false`) so it can refuse navigation away from the app's own pages.
fn create_main_window<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    tauri::WebviewWindowBuilder::from_config(app, &config)?
        .on_navigation(|url| {
            let allowed = navigation::allowed(url);
            if !allowed {
                log::warn!(
                    "blocked navigation to {}://{}",
                    url.scheme(),
                    url.host_str().unwrap_or("")
                );
            }
            allowed
        })
        .build()?;
    Ok(())
}

fn focus_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

fn emit_cards<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    match state.optin.statuses() {
        Ok(list) => {
            let cards: Vec<ConnectionCard> = list.into_iter().map(ConnectionCard::from).collect();
            let _ = app.emit(EVENT_CONNECTIONS, cards);
        }
        Err(e) => log::warn!("connections could not be read: {e}"),
    }
}

/// Core events → `login-event` / `connections-changed`.
fn forward_events<R: Runtime>(app: &AppHandle<R>) {
    let mut rx = app.state::<AppState>().optin.subscribe();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let event = match rx.recv().await {
                Ok(e) => e,
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            };
            let login = match event {
                CoreEvent::Exchanging { login_id } => Some(LoginEvent::Exchanging { login_id }),
                CoreEvent::Completed { login_id, status } => {
                    focus_main(&app);
                    Some(LoginEvent::Completed {
                        login_id,
                        connection: Box::new(ConnectionCard::from(*status)),
                    })
                }
                CoreEvent::Failed {
                    login_id,
                    error,
                    pending_kept,
                } => Some(LoginEvent::Failed {
                    login_id,
                    error,
                    pending_kept,
                }),
                CoreEvent::ConnectionsChanged => {
                    emit_cards(&app);
                    None
                }
            };
            if let Some(e) = login {
                let _ = app.emit(EVENT_LOGIN, e);
            }
        }
    });
}

fn start_ticker<R: Runtime>(app: &AppHandle<R>) {
    let optin = app.state::<AppState>().optin.clone();
    tauri::async_runtime::spawn(async move {
        let mut every = tokio::time::interval(TICK);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            optin.tick().await;
        }
    });
}

/// The link(s) the app was started with. They are handled from
/// `get_current()` at start-up; on platforms where the same URL also arrives as
/// an open-URL event, that one copy is skipped. Every later link is handled,
/// even if it repeats an earlier one (a replay must be reported, not ignored).
#[derive(Default)]
struct StartLinks(Mutex<Vec<String>>);

impl StartLinks {
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

fn wire_deep_links<R: Runtime>(app: &AppHandle<R>) {
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
        for url in urls {
            app.state::<StartLinks>().remember(url.as_str());
            handle_link(app, url.to_string());
        }
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
            if let Err(e) = desktop_entry::register(&exe, &scheme) {
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
    focus_main(app);
    let state = app.state::<AppState>();
    let url = match deep_link::route(&raw, &state.deep_link) {
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
        if let Err(e) = optin.complete(&url).await {
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
