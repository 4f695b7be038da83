//! The IPC types and events between this shell and the UI. tauri-specta
//! generates their TypeScript twins into `ui/src/bindings/ipc.ts` (committed; a
//! test fails when it is stale; see `contract.rs`). Nothing here carries a secret back to the UI: the client ID
//! only as `client_id_masked`, tokens never.

use optin_core::{ErrorView, Secret};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri_specta::Event;

pub use optin_core::login::{PendingInfo as PendingLoginView, RouteKind};

/// The IPC error: `{code, message}`.
pub type IpcError = ErrorView;
pub type IpcResult<T> = Result<T, IpcError>;

/// Any shell or core error as the IPC error.
pub fn ipc_err(e: impl Into<crate::error::ShellError>) -> IpcError {
    e.into().view()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum EnvironmentKind {
    Cie,
    Production,
    Custom,
    /// The demo's loopback sandbox (only with `--demo`).
    Sandbox,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct EnvironmentInput {
    pub kind: EnvironmentKind,
    pub url: Option<String>,
}

/// One connection card of the status screen (the core's view: no secret,
/// the client ID masked).
pub use optin_core::status::ConnectionCard;

/// "Opt in with UPS.com". The secret goes in, never out.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct BrowserOptInRequest {
    pub environment: EnvironmentInput,
    pub label: String,
    pub client_id: String,
    #[specta(type = String)]
    pub client_secret: Secret,
    pub route: RouteKind,
    pub bounce_url: Option<String>,
    pub pkce_body: bool,
    pub accounts: Vec<String>,
}

/// "Client ID and secret only". The secret goes in, never out.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct ClientCredentialsOptInRequest {
    pub environment: EnvironmentInput,
    pub label: String,
    pub client_id: String,
    #[specta(type = String)]
    pub client_secret: Secret,
    pub accounts: Vec<String>,
}

/// "Check with UPS": the redirect URI the chosen route sends, for this client ID.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct ClientCheckRequest {
    pub environment: EnvironmentInput,
    pub client_id: String,
    pub route: RouteKind,
    pub bounce_url: Option<String>,
}

/// UPS's answer to "Check with UPS" when it did not refuse (a refusal is the
/// IPC error `client_refused`, quoting UPS). The UI words it in the admin's
/// language (`credentials-check-accepted`, `credentials-check-unavailable`).
#[derive(Debug, Clone, Serialize, Type)]
pub struct ClientCheckView {
    /// `true`: UPS accepts this redirect URI for this client ID. `false`: the
    /// environment has no check (nothing was learned).
    pub accepted: bool,
    /// The exact redirect URI that was checked.
    pub redirect_uri: String,
    /// When there is no check: the HTTP status that came instead.
    pub status: Option<u16>,
    /// When there is no check: what the answer was (`empty`, `html`,
    /// `json-without-token`, `malformed-json`, `not-json` or
    /// `json-without-result`).
    pub answer: Option<String>,
}

/// "Update client secret". The secret goes in, never out.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct UpdateSecretRequest {
    pub connection_id: String,
    #[specta(type = String)]
    pub client_secret: Secret,
}

/// The wizard's proxy panel (*Environment → Advanced*): the route to each
/// environment and where it comes from, and whether the keychain holds a
/// login for the proxy in use. Never the login itself.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct NetworkView {
    pub report: optin_core::network::report::NetworkReport,
    pub has_login: bool,
}

/// A proxy login typed in the wizard. The password goes in, never out.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ProxyLoginInput {
    pub user: String,
    #[specta(type = String)]
    pub password: Secret,
}

/// The demo sandbox's public test values, shown as a hint in demo mode only.
#[derive(Debug, Clone, Serialize, Type)]
pub struct DemoHint {
    pub base_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct KeychainHealth {
    pub ok: bool,
    pub backend: String,
    /// The problem (`keychain_unavailable` or `keychain_error`, with its
    /// parameters) when `ok` is false.
    pub error: Option<ErrorView>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct AppInfo {
    pub version: String,
    pub demo: Option<DemoHint>,
    pub deep_link_redirect_uri: String,
    pub loopback_redirect_uri: String,
    /// Notices for the admin (codes and parameters: see [`crate::notice`]).
    pub warnings: Vec<crate::notice::AppNotice>,
    /// The redirect URI each route sends (the core's rule; the UI shows it).
    pub route_redirects: Vec<optin_core::login::route::RouteRedirect>,
}

/// The `login-event` event.
#[derive(Debug, Clone, Serialize, Type, Event)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LoginEvent {
    Exchanging {
        login_id: String,
    },
    Completed {
        login_id: String,
        connection: Box<ConnectionCard>,
    },
    /// The login is over with this error.
    Failed {
        login_id: String,
        error: ErrorView,
    },
    /// A deep link was refused; every login still waits.
    RejectedLink {
        error: ErrorView,
    },
}

/// What became of a pasted address: the core's [`Completion`] across IPC.
///
/// [`Completion`]: optin_core::service::Completion
#[derive(Debug, Clone, Serialize, Type)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CompletionView {
    /// The connection is saved.
    Connected { connection: Box<ConnectionCard> },
    /// The address was refused; the login still waits.
    Refused { error: ErrorView },
    /// The login is over with this error.
    Failed { error: ErrorView },
}

impl From<optin_core::service::Completion> for CompletionView {
    fn from(c: optin_core::service::Completion) -> Self {
        use optin_core::service::Completion;
        match c {
            Completion::Connected(status) => CompletionView::Connected {
                connection: Box::new(ConnectionCard::from(*status)),
            },
            Completion::Refused(e) => CompletionView::Refused {
                error: ErrorView::from(&e),
            },
            Completion::Failed(e) => CompletionView::Failed {
                error: ErrorView::from(&e),
            },
        }
    }
}

/// `connections-changed`: every card, after any change (and background refreshes).
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct ConnectionsChanged(pub Vec<ConnectionCard>);

/// `app-warning`: a notice for the admin found after start-up; it is also in
/// `AppInfo.warnings` from then on.
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct AppWarning(pub crate::notice::AppNotice);

/// `open-connection`: open this connection's fix step (its ID); the tray, a
/// notification or a second launch asked.
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct OpenConnection(pub String);

/// `tray-hint`: say once that closing the window keeps the app in the tray.
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct TrayHint;
