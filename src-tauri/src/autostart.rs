//! Start at login: a setting on the status screen, off by default, persisted
//! in the non-secret `settings.json`. When on, the OS starts
//! `ups-optin-wizard --background`: hidden in the tray, renewing.
//!
//! On Linux and Windows the entry is written through `link-handler`, with the
//! link handler's checks (`link_handler::login_item`: never a program another
//! user could replace, a fully escaped `Exec=` line; on Windows a quoted path
//! under HKCU only), and [`reconcile`] compares the entry's content, so a
//! moved app or an old entry is rewritten. `tauri-plugin-autostart` (which
//! writes unescaped, unchecked entries) is used on macOS only.

use optin_core::settings::SettingsFile;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, Manager, Runtime};

use crate::error::ShellError;
use crate::ipc::{ipc_err, IpcResult};
use crate::notice::{AppNotice, NoticeCode};
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

/// Why the OS entry could not be brought in line: the English words, and
/// the link handler's parameters when it said why (`link_handler::Error::params`).
#[derive(Debug)]
struct Failure {
    text: String,
    params: Vec<(&'static str, String)>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Failure {
    /// Refused from a location another user could take over.
    fn refused(&self) -> bool {
        self.params
            .iter()
            .any(|(k, v)| *k == "reason" && v == "unsafe-login-item")
    }
}

#[cfg(any(target_os = "linux", windows))]
impl From<link_handler::Error> for Failure {
    fn from(e: link_handler::Error) -> Self {
        Failure {
            text: e.to_string(),
            params: e.params(),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure {
            text: e.to_string(),
            params: Vec::new(),
        }
    }
}

#[cfg(not(any(target_os = "linux", windows)))]
impl From<String> for Failure {
    fn from(text: String) -> Self {
        Failure {
            text,
            params: Vec::new(),
        }
    }
}

/// The OS login item of this copy of the wizard.
mod os {
    use tauri::{AppHandle, Runtime};

    use super::Failure;

    use crate::state::BACKGROUND_ARG;

    #[cfg(target_os = "linux")]
    fn item<R: Runtime>(
        app: &AppHandle<R>,
    ) -> Result<link_handler::login_item::LoginItem, Failure> {
        let exe = std::env::current_exe().map_err(Failure::from)?;
        let appimage = tauri::Manager::env(app).appimage;
        link_handler::login_item::LoginItem::for_process(
            &exe,
            appimage.as_deref().map(std::path::Path::new),
            &[BACKGROUND_ARG],
        )
        .map_err(Failure::from)
    }

    #[cfg(target_os = "linux")]
    pub fn available<R: Runtime>(_app: &AppHandle<R>) -> bool {
        true
    }

    /// Writes the entry when it is missing or differs.
    #[cfg(target_os = "linux")]
    pub fn enable<R: Runtime>(app: &AppHandle<R>) -> Result<(), Failure> {
        item(app)?.enable().map(drop).map_err(Failure::from)
    }

    #[cfg(target_os = "linux")]
    pub fn disable<R: Runtime>(app: &AppHandle<R>) -> Result<(), Failure> {
        item(app)?.disable().map(drop).map_err(Failure::from)
    }

    #[cfg(windows)]
    pub fn available<R: Runtime>(_app: &AppHandle<R>) -> bool {
        true
    }

    #[cfg(windows)]
    pub fn enable<R: Runtime>(_app: &AppHandle<R>) -> Result<(), Failure> {
        let exe = std::env::current_exe().map_err(Failure::from)?;
        link_handler::windows::enable_login_item(&exe, &[BACKGROUND_ARG])
            .map(drop)
            .map_err(Failure::from)
    }

    #[cfg(windows)]
    pub fn disable<R: Runtime>(_app: &AppHandle<R>) -> Result<(), Failure> {
        link_handler::windows::disable_login_item()
            .map(drop)
            .map_err(Failure::from)
    }

    #[cfg(not(any(target_os = "linux", windows)))]
    pub fn available<R: Runtime>(app: &AppHandle<R>) -> bool {
        use tauri::Manager;
        app.try_state::<tauri_plugin_autostart::AutoLaunchManager>()
            .is_some()
    }

    #[cfg(not(any(target_os = "linux", windows)))]
    pub fn enable<R: Runtime>(app: &AppHandle<R>) -> Result<(), Failure> {
        use tauri_plugin_autostart::ManagerExt;
        let m = app.autolaunch();
        if m.is_enabled().unwrap_or(false) {
            return Ok(());
        }
        m.enable().map_err(|e| Failure::from(e.to_string()))
    }

    #[cfg(not(any(target_os = "linux", windows)))]
    pub fn disable<R: Runtime>(app: &AppHandle<R>) -> Result<(), Failure> {
        use tauri_plugin_autostart::ManagerExt;
        app.autolaunch()
            .disable()
            .map_err(|e| Failure::from(e.to_string()))
    }
}

fn available<R: Runtime>(app: &AppHandle<R>) -> bool {
    os::available(app)
}

/// "start at login was not …" → "Start at login was not …".
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
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
    let r = if enabled {
        os::enable(app)
    } else {
        os::disable(app)
    };
    if let Err(e) = r {
        return Err(ipc_err(if e.refused() {
            // Refused from this location: the reason and what to do.
            ShellError::AutostartRefused {
                message: sentence(&e.text),
                params: e.params,
            }
        } else {
            ShellError::Autostart {
                action: if enabled { "turned on" } else { "turned off" },
                detail: e.text,
            }
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

/// At start-up: the OS entry follows the setting, compared by content (an
/// app that moved, or an entry written by an older version, is rewritten);
/// from a location another user could take over, no entry is left and the
/// window says why.
pub fn reconcile<R: Runtime>(app: &AppHandle<R>) {
    if !available(app) {
        return;
    }
    let want = file(app).load().start_at_login;
    let r = if want {
        os::enable(app)
    } else {
        os::disable(app)
    };
    if let Err(e) = r {
        log::warn!("start at login could not be brought in line with the setting: {e}");
        if want {
            let notice = AppNotice::new(NoticeCode::StartAtLogin, sentence(&e.text)).with(e.params);
            app.state::<AppState>().add_warning(notice.clone());
            let _ = tauri_specta::Event::emit(&crate::ipc::AppWarning(notice), app);
        }
    }
}
