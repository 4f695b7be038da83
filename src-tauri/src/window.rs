//! The main window: created from `tauri.conf.json` so it can refuse navigation
//! away from the app's own pages, and brought to the front on demand.

use tauri::{AppHandle, Manager, Runtime};

use crate::navigation;

/// Creates the main window from `tauri.conf.json` (where it has
/// `"create": false`) so it can refuse navigation away from the app's own pages.
/// `hidden`: started at login (`--background`), hidden in the tray until opened.
pub(crate) fn create_main_window<R: Runtime>(
    app: &AppHandle<R>,
    hidden: bool,
) -> tauri::Result<()> {
    let mut config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    if hidden {
        config.visible = false;
    }
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

pub(crate) fn focus_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}
