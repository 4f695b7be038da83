//! Desktop notifications (tauri-plugin-notification): shows the notices
//! `optin_core::watch::Watch` decides on, and opens the wizard on the
//! connection when one is clicked (where the platform reports clicks; on
//! Linux the notification server does, through the plugin's `tap` action).
//! The texts name the connection by its label only: never a secret, a token
//! or a client ID.

use optin_core::watch::Notice;
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::action::Action;

/// The key of the notification's extra payload naming the connection.
const CONNECTION_KEY: &str = "connection";

pub fn show<R: Runtime>(app: &AppHandle<R>, n: &Notice) {
    log::info!(
        "notification for connection {}: {}",
        n.connection_id,
        n.summary
    );
    let result = app
        .notification()
        .builder()
        .title(&n.summary)
        .body(&n.body)
        .extra(CONNECTION_KEY, &n.connection_id)
        .show();
    if let Err(e) = result {
        log::warn!("the desktop notification could not be shown: {e}");
    }
}

/// A click on a notification asks to open the wizard on its connection;
/// `run` runs that [`Action`].
pub fn wire_clicks<R: Runtime>(app: &AppHandle<R>, run: fn(&AppHandle<R>, Action)) {
    let handle = app.clone();
    let _ = app.notification().on_action(move |a| {
        if a.action_id() != "tap" {
            return;
        }
        let id = a
            .notification()
            .and_then(|n| n.extra().get(CONNECTION_KEY))
            .and_then(|v| v.as_str());
        run(&handle, click_action(id));
    });
}

/// What a click on a notification (naming this connection, or none) asks for.
fn click_action(connection: Option<&str>) -> Action {
    match connection {
        Some(id) => Action::OpenConnection(id.to_string()),
        None => Action::ShowWindow,
    }
}
