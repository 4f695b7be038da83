//! Notices for the admin that the shell finds (no session bus, the link
//! handler, start at login, a Quit refused): as data, a code and named
//! parameters that the UI says in the admin's language (`app-warning-<code>`
//! in `locales/<locale>/wizard.ftl`), with the English sentence for the log,
//! the diagnostics and a UI that does not know the code. The same shape as
//! the errors (`{code, message, params}`), with its own closed list of codes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use specta::Type;

/// What a notice is about. New codes go at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum NoticeCode {
    /// Linux without a D-Bus session bus: links from the browser cannot
    /// reach this window.
    NoSessionBus,
    /// The `upsoptin://` link handler is not in place (`reason` and the
    /// values of `link_handler::Error::params`).
    LinkHandler,
    /// Start at login is on in the settings but was not brought in line at
    /// start-up (the same parameters).
    StartAtLogin,
    /// Tray Quit refused once: a renewed refresh token is held unsaved.
    QuitUnsaved,
}

/// One notice: `{code, message, params}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AppNotice {
    pub code: NoticeCode,
    /// The English sentence (log, diagnostics, an unknown code).
    pub message: String,
    /// The named parameters of the catalogs' `app-warning-<code>`.
    pub params: BTreeMap<String, String>,
}

impl AppNotice {
    pub fn new(code: NoticeCode, message: impl Into<String>) -> Self {
        AppNotice {
            code,
            message: message.into(),
            params: BTreeMap::new(),
        }
    }

    /// Adds named parameters.
    pub fn with(mut self, params: impl IntoIterator<Item = (&'static str, String)>) -> Self {
        self.params
            .extend(params.into_iter().map(|(k, v)| (k.to_string(), v)));
        self
    }
}

/// A link-handler problem as parameters (`link_handler::Error::params`;
/// nothing on a platform whose link handler cannot fail).
pub trait HandlerProblem: std::fmt::Display {
    fn params(&self) -> Vec<(&'static str, String)>;
}

#[cfg(any(target_os = "linux", windows))]
impl HandlerProblem for link_handler::Error {
    fn params(&self) -> Vec<(&'static str, String)> {
        link_handler::Error::params(self)
    }
}

impl HandlerProblem for std::convert::Infallible {
    fn params(&self) -> Vec<(&'static str, String)> {
        match *self {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_crosses_as_code_message_and_params() {
        let n = AppNotice::new(NoticeCode::QuitUnsaved, "English.")
            .with([("reason", "io".to_string())]);
        let json = serde_json::to_value(&n).unwrap();
        assert_eq!(json["code"], "quit_unsaved");
        assert_eq!(json["message"], "English.");
        assert_eq!(json["params"]["reason"], "io");
    }
}
