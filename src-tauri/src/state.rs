//! What the shell keeps: the core service, how it was launched, and the demo
//! sandbox when there is one.

use std::sync::Mutex;

use optin_core::OptIn;
use url::Url;

use crate::ipc::DemoHint;
use crate::notice::AppNotice;

pub use optin_core::login::{DEEP_LINK_REDIRECT, LOOPBACK_REDIRECT};

/// A running demo: its hint for the UI, and the sandbox's handle (kept alive
/// by the state; only builds with the `demo` feature make one).
pub type Demo = (DemoHint, Box<dyn std::any::Any + Send + Sync>);

/// Managed state of the app.
pub struct AppState {
    pub optin: OptIn,
    pub demo: Option<DemoHint>,
    /// Problems of this launch the admin should know (no session bus, …).
    warnings: Mutex<Vec<AppNotice>>,
    pub deep_link: Url,
    /// Keeps the demo sandbox serving while the app runs (dropping it stops it).
    pub _sandbox: Option<Box<dyn std::any::Any + Send + Sync>>,
    /// The core's HTTP transport (a clone sharing its lazily built client),
    /// to build the client ahead of a request that will come soon.
    http: Option<optin_core::ups::http::ReqwestTransport>,
    /// The non-secret `settings.json` beside the connections (start at login,
    /// the tray hint), made once.
    pub settings: optin_core::settings::SettingsFile,
    /// How this copy was launched (parsed once, in `run`).
    pub launch: LaunchOptions,
}

impl AppState {
    pub fn new(optin: OptIn, demo: Option<Demo>, warnings: Vec<AppNotice>) -> Self {
        let (demo, sandbox) = match demo {
            Some((hint, handle)) => (Some(hint), Some(handle)),
            None => (None, None),
        };
        AppState {
            settings: optin_core::settings::SettingsFile::new(optin.store().dir()),
            optin,
            demo,
            warnings: Mutex::new(warnings),
            deep_link: Url::parse(DEEP_LINK_REDIRECT)
                .unwrap_or_else(|_| unreachable!("constant URL")),
            _sandbox: sandbox,
            http: None,
            launch: LaunchOptions::default(),
        }
    }

    /// Keeps how this copy was launched.
    pub fn with_launch(mut self, launch: LaunchOptions) -> Self {
        self.launch = launch;
        self
    }

    /// Lets [`AppState::warm_http`] build `http`'s client ahead of use.
    pub fn with_http_warmup(mut self, http: optin_core::ups::http::ReqwestTransport) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the HTTP client in the background (once), when a request will
    /// follow soon: an opt-in has started, so the code exchange after the
    /// sign-in does not pay for loading the certificate store.
    pub fn warm_http(&self) {
        if let Some(http) = self.http.clone() {
            tauri::async_runtime::spawn_blocking(move || http.warm());
        }
    }
}

impl AppState {
    pub fn warnings(&self) -> Vec<AppNotice> {
        self.warnings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn add_warning(&self, w: AppNotice) {
        self.warnings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(w);
    }
}

/// `--background`: start hidden in the tray (what start at login launches).
pub const BACKGROUND_ARG: &str = "--background";
/// `--open-connection <id>`: open the wizard on that connection's fix step.
pub const OPEN_CONNECTION_ARG: &str = "--open-connection";

/// Launch options from the command line: parsed once, here, for this launch
/// ([`AppState::launch`]) and for a second launch's arguments.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LaunchOptions {
    /// `--demo`: start the embedded sandbox.
    pub demo: bool,
    /// `--demo-if-unconfigured`: demo only when no connection is stored.
    pub demo_if_unconfigured: bool,
    /// `--background`: start hidden in the tray.
    pub background: bool,
    /// `--open-connection <id>`, when `<id>` is a connection ID by the
    /// store's rule (`store::check_id`).
    pub open_connection: Option<String>,
    /// An argument that is no option: a link the OS handed over (the link
    /// router alone decides what it does).
    pub link: bool,
}

impl LaunchOptions {
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Self {
        let mut o = LaunchOptions::default();
        let mut args = args.into_iter().skip(1);
        while let Some(a) = args.next() {
            match a.as_str() {
                "--demo" => o.demo = true,
                "--demo-if-unconfigured" => o.demo_if_unconfigured = true,
                BACKGROUND_ARG => o.background = true,
                OPEN_CONNECTION_ARG => {
                    o.open_connection = args
                        .next()
                        .filter(|id| optin_core::store::check_id(id).is_ok());
                }
                other if !other.starts_with('-') => o.link = true,
                _ => {}
            }
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(a: &[&str]) -> LaunchOptions {
        LaunchOptions::from_args(a.iter().map(|s| s.to_string()))
    }

    #[test]
    fn open_connection_argument() {
        assert_eq!(
            parse(&["app", "--open-connection", "ab12cd34ef56"]).open_connection,
            Some("ab12cd34ef56".into())
        );
        assert_eq!(parse(&["app", "--open-connection"]).open_connection, None);
        assert_eq!(
            parse(&["app", "--open-connection", "../x"]).open_connection,
            None
        );
        assert_eq!(parse(&["app", "upsoptin://x"]).open_connection, None);
    }

    #[test]
    fn every_option() {
        let o = parse(&[
            "app",
            "--background",
            "--demo",
            "--open-connection",
            "0123456789ab",
        ]);
        assert!(o.background && o.demo && !o.demo_if_unconfigured);
        assert_eq!(o.open_connection.as_deref(), Some("0123456789ab"));
        assert_eq!(
            parse(&["--background"]),
            LaunchOptions::default(),
            "argv[0] is the program"
        );
    }
}
