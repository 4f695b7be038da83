//! The UPS Opt-In Wizard app shell: a thin Tauri 2 layer over `optin-core`.
//!
//! It wires the plugins (single-instance first, with its deep-link feature;
//! deep-link; opener; log), hands deep links to the core, forwards the core's
//! events to the UI, keeps tokens fresh while the window is open, and starts
//! the loopback sandbox in demo mode. [`build_app`] is generic over the
//! runtime so tests run the same commands on `tauri::test::mock_builder()`.

mod action;
mod autostart;
pub mod background;
mod bench;
mod commands;
mod contract;
pub mod deep_link;
#[cfg(feature = "demo")]
mod demo;
pub mod error;
mod events;
pub mod ipc;
mod language;
mod logging;
pub mod navigation;
pub mod notice;
mod notify;
pub mod session_bus;
pub mod state;
mod tray;
mod window;

use std::sync::Arc;

use optin_core::{Effects, OptIn};
use tauri::{AppHandle, Manager, Runtime};

pub use crate::deep_link::handle_link;
use crate::deep_link::StartLinks;
pub use crate::error::ShellError;
use crate::state::{AppState, LaunchOptions};

/// Builds the core for this launch, starting the demo sandbox when asked.
///
/// [`run`] calls it from the setup hook, after the single-instance plugin: a
/// second copy started by a link has handed the link over and exited by then,
/// so it never reads the configuration, checks the bus or starts a server.
/// Cheap otherwise: the HTTP client is built on the first request and the
/// keychain is first touched by `check_keychain` or an opt-in.
pub fn prepare(opts: &LaunchOptions) -> Result<AppState, ShellError> {
    #[cfg(not(feature = "demo"))]
    if opts.demo {
        return Err(ShellError::NoDemo);
    }
    // One transport (with the proxy setting and logins of the real
    // configuration folder, also in demo mode); the state keeps a clone, so an
    // opt-in can build its client ahead of the exchange.
    let (effects, http) = Effects::system_with_transport()?;
    let mut effects = bench::instrument(effects);
    // With the keychain: a damaged file with no good copy is rebuilt from it
    // here too, never emptied.
    let configured =
        !optin_core::store::Store::with_keychain(&effects.config_dir, Arc::clone(&effects.secrets))
            .load()
            .map(|c| c.is_empty())
            .unwrap_or(true);
    let demo = opts.demo || (opts.demo_if_unconfigured && !configured);
    let warnings: Vec<notice::AppNotice> = session_bus::warning().into_iter().collect();
    let sandbox = if demo {
        start_demo(&mut effects)?
    } else {
        None
    };
    Ok(AppState::new(OptIn::new(effects), sandbox, warnings)
        .with_http_warmup(http)
        .with_launch(opts.clone()))
}

/// Starts the demo sandbox; demo connections live apart from real ones.
#[cfg(feature = "demo")]
fn start_demo(effects: &mut Effects) -> Result<Option<state::Demo>, ShellError> {
    effects.config_dir = effects.config_dir.join(demo::DEMO_SUBDIR);
    let (hint, handle) = demo::start()?;
    Ok(Some((hint, Box::new(handle))))
}

/// A build without the `demo` feature (the bundles) has no sandbox: [`prepare`]
/// has refused `--demo` with what to do instead; `--demo-if-unconfigured`
/// (only `make run` passes it) starts the wizard as usual.
#[cfg(not(feature = "demo"))]
fn start_demo(_effects: &mut Effects) -> Result<Option<state::Demo>, ShellError> {
    log::info!("--demo-if-unconfigured: this build has no demo sandbox; starting as usual");
    Ok(None)
}

/// What `--demo` says in a build without the `demo` feature.
pub const NO_DEMO: &str = "This build of UPS Opt-In Wizard has no demo: the installed packages leave the local UPS sandbox out. \
To try the wizard without UPS, run `make demo` from a source checkout; to opt in for real, start the wizard without --demo and choose Test (CIE) or Production.";

/// Registers state and commands and starts the background work. Plugins are
/// added by the caller ([`run`] adds the real ones; tests add none).
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    build_app_with(builder, move || Ok(state))
}

/// [`build_app`] with the state made in the setup hook, once the plugins (the
/// single-instance hand-over first) have run. A `make_state` error is printed
/// and ends the process.
pub fn build_app_with<R, F>(builder: tauri::Builder<R>, make_state: F) -> tauri::Builder<R>
where
    R: Runtime,
    F: FnOnce() -> Result<AppState, ShellError> + Send + 'static,
{
    builder
        .manage(StartLinks::default())
        .invoke_handler(contract::invoke_handler())
        .setup(move |app| {
            bench::mark("setup");
            let state = make_state().unwrap_or_else(|e| {
                eprintln!("error: {e}");
                std::process::exit(1);
            });
            app.manage(state);
            contract::mount_events(app);
            bench::mark("core_ready");
            let hidden = app.state::<AppState>().launch.background;
            window::create_main_window(app.handle(), hidden)?;
            bench::mark("window_created");
            // One call per concern, in the order they must start.
            let handle = app.handle();
            log_launch(handle);
            events::forward_events(handle);
            // Tray, notifications and close-to-tray only in the real app (its plugins are up).
            let desktop = handle
                .try_state::<tauri_plugin_notification::Notification<R>>()
                .is_some();
            background::start(handle, desktop);
            deep_link::wire(handle);
            bench::mark("setup_done");
            Ok(())
        })
}

/// Runs the wizard.
pub fn run() {
    bench::mark_start();
    let opts = LaunchOptions::from_args(std::env::args());
    // Nothing before the plugins: a second copy started by a link hands the
    // link over in the single-instance plugin's setup and exits there.
    let builder = tauri::Builder::default()
        // First, so a second copy started by a link hands its arguments over and exits.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            background::on_second_instance(app, &argv)
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(logging::plugin())
        .plugin(tauri_plugin_notification::init())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .args([state::BACKGROUND_ARG])
                .app_name("ups-optin-wizard")
                .build(),
        );
    let app = build_app_with(builder, move || prepare(&opts));
    bench::mark("builder");
    if let Err(e) = app.run(context()) {
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
        log::warn!("{}", w.message);
    }
}
