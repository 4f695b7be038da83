//! The shell's one error type. Each variant says what happened and what to do;
//! [`ShellError::view`] is the IPC shape `{code, message}` (the core's
//! `ErrorView`), so no other part of the shell builds one by hand.

use optin_core::{ErrorCode, ErrorView};

/// What the window says about a deep link that answers no sign-in in progress.
pub const REJECTED_LINK_MESSAGE: &str = "The wizard ignored a link that is not the answer to a sign-in in progress. Nothing was changed. To sign in, use the browser window the wizard opened, or paste the address that window ends on.";

#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    /// Anything the core refused or could not do.
    #[error(transparent)]
    Core(#[from] optin_core::Error),

    /// `--demo` in a build without the `demo` feature (the installed packages).
    #[error("{}", crate::NO_DEMO)]
    NoDemo,

    #[error("The demo sandbox could not start on this computer: {0}")]
    DemoSandbox(String),

    #[error("Start at login is not available in this copy of the wizard. Start it from your session's autostart settings instead.")]
    AutostartUnavailable,

    #[error("Start at login could not be {action} ({detail}). Check that your user can write to the login items (on Linux ~/.config/autostart), then try again.")]
    Autostart {
        /// "turned on" or "turned off".
        action: &'static str,
        detail: String,
    },

    /// Start at login refused from a location another user could take over
    /// (`link_handler::login_item`): its reason and what to do, as a sentence.
    #[error("{0}")]
    AutostartRefused(String),

    /// A deep link that is not the answer to a sign-in in progress.
    #[error("{}", REJECTED_LINK_MESSAGE)]
    RejectedLink,
}

impl ShellError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ShellError::Core(e) => e.code(),
            ShellError::NoDemo => ErrorCode::InvalidInput,
            ShellError::DemoSandbox(_) => ErrorCode::ConfigError,
            ShellError::AutostartUnavailable
            | ShellError::Autostart { .. }
            | ShellError::AutostartRefused(_) => ErrorCode::ConfigError,
            ShellError::RejectedLink => ErrorCode::CallbackInvalid,
        }
    }

    /// The IPC shape.
    pub fn view(&self) -> ErrorView {
        match self {
            ShellError::Core(e) => ErrorView::from(e),
            other => ErrorView {
                code: other.code(),
                message: other.to_string(),
                params: None,
            },
        }
    }
}

impl From<ShellError> for ErrorView {
    fn from(e: ShellError) -> Self {
        e.view()
    }
}
