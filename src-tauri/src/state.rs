//! What the shell keeps: the core service, how it was launched, and the demo
//! sandbox when there is one.

use std::sync::Mutex;

use optin_core::OptIn;
use url::Url;

use crate::ipc::DemoHint;

pub use optin_core::login::{DEEP_LINK_REDIRECT, LOOPBACK_REDIRECT};

/// A running demo: its hint for the UI, and the sandbox's handle (kept alive
/// by the state; only builds with the `demo` feature make one).
pub type Demo = (DemoHint, Box<dyn std::any::Any + Send + Sync>);

/// Managed state of the app.
pub struct AppState {
    pub optin: OptIn,
    pub demo: Option<DemoHint>,
    /// Problems of this launch the admin should know (no session bus, …).
    warnings: Mutex<Vec<String>>,
    pub deep_link: Url,
    /// Keeps the demo sandbox serving while the app runs (dropping it stops it).
    pub _sandbox: Option<Box<dyn std::any::Any + Send + Sync>>,
    /// The core's HTTP transport (a clone sharing its lazily built client),
    /// to build the client ahead of a request that will come soon.
    http: Option<optin_core::ups::http::ReqwestTransport>,
    /// The non-secret `settings.json` beside the connections (start at login,
    /// the tray hint), made once.
    pub settings: optin_core::settings::SettingsFile,
}

impl AppState {
    pub fn new(optin: OptIn, demo: Option<Demo>, warnings: Vec<String>) -> Self {
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
        }
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
    pub fn warnings(&self) -> Vec<String> {
        self.warnings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn add_warning(&self, w: String) {
        self.warnings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(w);
    }
}

/// Launch options from the command line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LaunchOptions {
    /// `--demo`: start the embedded sandbox.
    pub demo: bool,
    /// `--demo-if-unconfigured`: demo only when no connection is stored.
    pub demo_if_unconfigured: bool,
}

impl LaunchOptions {
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Self {
        let mut o = LaunchOptions::default();
        for a in args.into_iter().skip(1) {
            match a.as_str() {
                "--demo" => o.demo = true,
                "--demo-if-unconfigured" => o.demo_if_unconfigured = true,
                _ => {}
            }
        }
        o
    }
}
