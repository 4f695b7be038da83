//! Start at login (tauri-plugin-autostart): a setting on the status screen,
//! off by default, persisted in the non-secret `settings.json`. When on, the
//! OS starts `ups-optin-wizard --background`: hidden in the tray, renewing.

use optin_core::settings::SettingsFile;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_autostart::ManagerExt;

use crate::error::ShellError;
use crate::ipc::{ipc_err, IpcResult};
use crate::state::AppState;

/// The settings the status screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AppSettings {
    pub start_at_login: bool,
    /// Whether this platform/session lets the app start at login.
    pub start_at_login_available: bool,
}

fn file<R: Runtime>(app: &AppHandle<R>) -> SettingsFile {
    app.state::<AppState>().settings.clone()
}

fn available<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.try_state::<tauri_plugin_autostart::AutoLaunchManager>()
        .is_some()
}

pub fn current<R: Runtime>(app: &AppHandle<R>) -> AppSettings {
    AppSettings {
        start_at_login: file(app).load().start_at_login,
        start_at_login_available: available(app),
    }
}

/// Turns start at login on or off: the OS entry first, then the setting.
pub fn set<R: Runtime>(app: &AppHandle<R>, enabled: bool) -> IpcResult<AppSettings> {
    if !available(app) {
        return Err(ipc_err(ShellError::AutostartUnavailable));
    }
    let manager = app.autolaunch();
    let r = if enabled {
        manager.enable()
    } else {
        manager.disable()
    };
    if let Err(e) = r {
        return Err(ipc_err(ShellError::Autostart {
            action: if enabled { "turned on" } else { "turned off" },
            detail: e.to_string(),
        }));
    }
    file(app)
        .update(|s| s.start_at_login = enabled)
        .map_err(ipc_err)?;
    log::info!(
        "start at login turned {}",
        if enabled { "on" } else { "off" }
    );
    Ok(current(app))
}

/// At start-up: the OS entry follows the setting (e.g. after the app moved).
pub fn reconcile<R: Runtime>(app: &AppHandle<R>) {
    if !available(app) {
        return;
    }
    let want = file(app).load().start_at_login;
    let manager = app.autolaunch();
    if manager.is_enabled().ok() != Some(want) {
        let r = if want {
            manager.enable()
        } else {
            manager.disable()
        };
        if let Err(e) = r {
            log::warn!("start at login could not be brought in line with the setting: {e}");
        }
    }
}
