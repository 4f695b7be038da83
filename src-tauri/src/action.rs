//! What a tray item or a notification click asks for. `tray.rs` and
//! `notify.rs` turn a click into an [`Action`]; one dispatcher
//! (`background::dispatch`) runs it, so neither of them reaches back into the
//! rest of the shell.

/// One thing the user asked for outside the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Bring the wizard's window to the front.
    ShowWindow,
    /// Open the wizard on this connection's fix step.
    OpenConnection(String),
    /// Renew every connection now.
    RefreshAll,
    /// Quit the app.
    Quit,
}
