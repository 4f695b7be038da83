//! The administrator's language in the shell: chosen once at start-up (the
//! one saved in `settings.json`, else the OS's, see `optin_core::i18n`),
//! changed live from the wizard's language menu, and followed by the tray and
//! the desktop notifications. The UI formats its own screens from the same
//! catalog (`locales/<locale>/wizard.ftl`); it asks this module which one.

use std::sync::{Arc, RwLock};

use optin_core::i18n::{self, Localizer};
use optin_core::settings::SettingsFile;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use crate::ipc::IpcResult;
use crate::state::AppState;

/// The language the UI and the tray speak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LocaleView {
    /// The active locale (one of `available`).
    pub locale: String,
    /// What the OS asks for, negotiated against `available`.
    pub system: String,
    /// The locale chosen in the menu, or `null` to follow the OS.
    pub chosen: Option<String>,
    /// Every locale the wizard speaks (`en-US` first: the source).
    pub available: Vec<String>,
}

/// The managed state: the active catalog.
pub struct Language {
    current: RwLock<Arc<Localizer>>,
}

fn settings<R: Runtime>(app: &AppHandle<R>) -> Option<SettingsFile> {
    app.try_state::<AppState>()
        .map(|s| SettingsFile::new(s.optin.store().dir()))
}

fn saved<R: Runtime>(app: &AppHandle<R>) -> Option<String> {
    settings(app).and_then(|f| f.load().language)
}

/// The active catalog (made on first use from the settings and the OS).
pub fn localizer<R: Runtime>(app: &AppHandle<R>) -> Arc<Localizer> {
    if let Some(l) = app.try_state::<Language>() {
        return Arc::clone(&l.current.read().unwrap_or_else(|p| p.into_inner()));
    }
    let locale = i18n::choose(saved(app).as_deref());
    log::info!("language: {locale}");
    let l = Arc::new(Localizer::new(locale));
    app.manage(Language {
        current: RwLock::new(Arc::clone(&l)),
    });
    l
}

/// `UPS_OPTIN_PSEUDO_LOCALE=1`: the UI shows its pseudo-locale (`en-XA`:
/// en-US accented and about 40 % longer) to find clipped or overflowing text
/// under Xvfb; the tray stays en-US.
const PSEUDO_ENV: &str = "UPS_OPTIN_PSEUDO_LOCALE";
const PSEUDO_LOCALE: &str = "en-XA";

/// What the UI needs to pick its catalog and show the language menu.
pub fn view<R: Runtime>(app: &AppHandle<R>) -> LocaleView {
    let pseudo = std::env::var_os(PSEUDO_ENV).is_some_and(|v| v == "1");
    LocaleView {
        locale: if pseudo {
            PSEUDO_LOCALE.to_string()
        } else {
            localizer(app).locale().to_string()
        },
        system: i18n::negotiate(&i18n::os_requested()).to_string(),
        chosen: saved(app)
            .as_deref()
            .and_then(i18n::supported)
            .map(String::from),
        available: i18n::LOCALES.iter().map(|l| l.to_string()).collect(),
    }
}

/// The language menu: `Some(locale)` picks one of the wizard's locales and
/// remembers it, `None` follows the OS again. The tray is redrawn at once;
/// notifications from now on use it.
pub fn set<R: Runtime>(app: &AppHandle<R>, locale: Option<String>) -> IpcResult<LocaleView> {
    let chosen = match locale.as_deref() {
        None => None,
        Some(tag) => Some(i18n::supported(tag).ok_or_else(|| optin_core::ErrorView {
            code: optin_core::ErrorCode::InvalidInput,
            message: format!(
                "This wizard does not speak {tag:?}. Choose one of: {}.",
                i18n::LOCALES.join(", ")
            ),
            params: None,
        })?),
    };
    if let Some(file) = settings(app) {
        file.update(|s| s.language = chosen.map(String::from))
            .map_err(crate::ipc::ipc_err)?;
    }
    let next = Arc::new(Localizer::new(i18n::choose(chosen)));
    localizer(app);
    if let Some(l) = app.try_state::<Language>() {
        *l.current.write().unwrap_or_else(|p| p.into_inner()) = next;
    }
    Ok(view(app))
}
