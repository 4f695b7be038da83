//! Core events → the UI's `login-event` / `connections-changed` events.

use optin_core::service::CoreEvent;
use optin_core::ErrorView;
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

use crate::ipc::{ConnectionCard, ConnectionsChanged, LoginEvent};
use crate::state::AppState;
use crate::window::focus_main;

pub(crate) fn emit_cards<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    match state.optin.statuses() {
        Ok(list) => {
            let cards: Vec<ConnectionCard> = list.into_iter().map(ConnectionCard::from).collect();
            let _ = ConnectionsChanged(cards).emit(app);
        }
        Err(e) => log::warn!("connections could not be read: {e}"),
    }
}

/// Core events → `login-event` / `connections-changed`.
pub(crate) fn forward_events<R: Runtime>(app: &AppHandle<R>) {
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
                CoreEvent::Failed { login_id, error } => Some(LoginEvent::Failed {
                    login_id,
                    error: ErrorView::from(&error),
                }),
                CoreEvent::ConnectionsChanged => {
                    emit_cards(&app);
                    None
                }
            };
            if let Some(e) = login {
                let _ = e.emit(&app);
            }
        }
    });
}
