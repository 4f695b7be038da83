//! The shell's one error type. Each variant says what happened and what to do;
//! [`ShellError::view`] is the IPC shape `{code, message}` (the core's
//! `ErrorView`), so no other part of the shell builds one by hand.

use std::collections::BTreeMap;

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
    /// (`link_handler::login_item`): its reason and what to do, as a
    /// sentence, and as `link_handler::Error::params`.
    #[error("{message}")]
    AutostartRefused {
        message: String,
        params: Vec<(&'static str, String)>,
    },

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
            | ShellError::AutostartRefused { .. } => ErrorCode::ConfigError,
            ShellError::RejectedLink => ErrorCode::CallbackInvalid,
        }
    }

    /// The error as the named parameters of the catalogs' `error-<code>`
    /// (as `optin_core::Error::params`): `config_error` and `invalid_input`
    /// say which problem with `reason`, `callback_invalid` with `case`.
    pub fn params(&self) -> BTreeMap<String, String> {
        let mut p: Vec<(&str, String)> = Vec::new();
        match self {
            ShellError::Core(e) => return e.params().unwrap_or_default(),
            ShellError::NoDemo => {
                p.push(("field", "demo".into()));
                p.push(("reason", "no-demo".into()));
            }
            ShellError::DemoSandbox(detail) => {
                p.push(("reason", "demo-sandbox".into()));
                p.push(("detail", detail.clone()));
            }
            ShellError::AutostartUnavailable => {
                p.push(("reason", "start-at-login-unavailable".into()))
            }
            ShellError::Autostart { action, detail } => {
                p.push(("reason", "start-at-login-failed".into()));
                let on = *action == "turned on";
                p.push(("action", if on { "on" } else { "off" }.into()));
                p.push(("detail", detail.clone()));
            }
            ShellError::AutostartRefused { params, .. } => {
                p.extend(params.iter().cloned());
                // After the link handler's own `reason`: this one is the catalogs'.
                p.push(("reason", "start-at-login-refused".into()));
            }
            ShellError::RejectedLink => p.push(("case", "rejected-link".into())),
        }
        p.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    /// The IPC shape.
    pub fn view(&self) -> ErrorView {
        match self {
            ShellError::Core(e) => ErrorView::from(e),
            other => ErrorView {
                code: other.code(),
                message: other.to_string(),
                params: Some(other.params()),
            },
        }
    }
}

impl From<ShellError> for ErrorView {
    fn from(e: ShellError) -> Self {
        e.view()
    }
}

#[cfg(test)]
mod tests {
    use optin_core::i18n::{Localizer, LOCALES};

    use super::*;
    use crate::notice::{AppNotice, NoticeCode};

    /// `id` with `params` in `locale`: every placeable resolved.
    fn render(locale: &str, id: &str, params: &BTreeMap<String, String>) -> String {
        let args: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let text = Localizer::new(locale).text(id, &args);
        assert_ne!(text, id, "{locale} has no {id}");
        assert!(!text.contains('{'), "{locale} {id}: {text}");
        text
    }

    fn unsafe_params() -> Vec<(&'static str, String)> {
        vec![
            ("reason", "unsafe-login-item".to_string()),
            ("location", "temp-folder".to_string()),
            (
                "path",
                "/tmp/.mount_ups/usr/bin/ups-optin-wizard".to_string(),
            ),
            ("temp", "/tmp".to_string()),
        ]
    }

    #[test]
    fn every_shell_error_crosses_as_a_code_with_params_each_locale_words() {
        let all = [
            ShellError::NoDemo,
            ShellError::DemoSandbox("Address already in use (os error 98)".into()),
            ShellError::AutostartUnavailable,
            ShellError::Autostart {
                action: "turned off",
                detail: "Permission denied (os error 13)".into(),
            },
            ShellError::AutostartRefused {
                message: "Start at login was not turned on: English".into(),
                params: unsafe_params(),
            },
            ShellError::RejectedLink,
        ];
        for e in &all {
            let view = e.view();
            let params = view.params.clone().expect("parameters");
            let code = serde_json::to_value(view.code).unwrap();
            let id = format!("error-{}", code.as_str().unwrap().replace('_', "-"));
            for locale in LOCALES {
                let text = render(locale, &id, &params);
                if locale != "en-US" {
                    assert_ne!(text, view.message, "{locale} {id}");
                }
                for quoted in ["path", "detail"] {
                    if let Some(v) = params
                        .get(quoted)
                        .filter(|_| !matches!(e, ShellError::AutostartRefused { .. }))
                    {
                        assert!(text.contains(v.as_str()), "{locale} {id} lacks {v}: {text}");
                    }
                }
            }
        }
        let refused = ShellError::AutostartRefused {
            message: "x".into(),
            params: unsafe_params(),
        }
        .params();
        assert_eq!(refused["reason"], "start-at-login-refused");
        assert_eq!(refused["location"], "temp-folder");
        let de = render("de-DE", "error-config-error", &refused);
        assert!(de.contains("im temporären Ordner /tmp"), "{de}");
        assert_eq!(ShellError::RejectedLink.params()["case"], "rejected-link");
        assert_eq!(
            render(
                "en-US",
                "error-callback-invalid",
                &ShellError::RejectedLink.params()
            ),
            REJECTED_LINK_MESSAGE
        );
    }

    #[test]
    fn every_notice_reads_in_each_locale() {
        let notices = [
            AppNotice::new(NoticeCode::NoSessionBus, "English"),
            AppNotice::new(
                NoticeCode::QuitUnsaved,
                crate::background::QUIT_UNSAVED_WARNING,
            ),
            AppNotice::new(NoticeCode::StartAtLogin, "English").with(unsafe_params()),
            AppNotice::new(NoticeCode::StartAtLogin, "English")
                .with([("reason", "io".to_string())]),
            AppNotice::new(NoticeCode::LinkHandler, "English").with([
                ("reason", "installed-is-other".to_string()),
                ("file", "/usr/share/applications/other.desktop".to_string()),
                ("program", "other-app".to_string()),
            ]),
            AppNotice::new(NoticeCode::LinkHandler, "English").with([
                ("reason", "unsafe-location".to_string()),
                ("location", "other-owner".to_string()),
                ("path", "/opt/shared".to_string()),
                ("uid", "1001".to_string()),
            ]),
        ];
        for n in &notices {
            let code = serde_json::to_value(n.code).unwrap();
            let id = format!("app-warning-{}", code.as_str().unwrap().replace('_', "-"));
            for locale in LOCALES {
                let text = render(locale, &id, &n.params);
                if locale != "en-US" {
                    assert!(
                        !text.contains("Start at login") && !text.contains("Links from"),
                        "{locale} {id}: {text}"
                    );
                }
                for quoted in ["path", "program", "file", "uid"] {
                    if let Some(v) = n.params.get(quoted) {
                        assert!(text.contains(v.as_str()), "{locale} {id} lacks {v}: {text}");
                    }
                }
            }
        }
        assert_eq!(
            render("en-US", "app-warning-quit-unsaved", &BTreeMap::new()),
            crate::background::QUIT_UNSAVED_WARNING
        );
    }
}
