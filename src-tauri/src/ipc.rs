//! The IPC types between this shell and the UI. ts-rs generates their
//! TypeScript twins into `ui/src/bindings/` (committed; a check fails when they
//! are stale). Nothing here carries a secret back to the UI: the client ID
//! only as `client_id_masked`, tokens never.

use optin_core::{ErrorView, Secret};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use optin_core::login::{PendingInfo as PendingLoginView, RouteKind};

/// The IPC error: `{code, message}`.
pub type IpcError = ErrorView;
pub type IpcResult<T> = Result<T, IpcError>;

pub fn ipc_err(e: optin_core::Error) -> IpcError {
    ErrorView::from(&e)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EnvironmentKind {
    Cie,
    Production,
    Custom,
    /// The demo's loopback sandbox (only with `--demo`).
    Sandbox,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnvironmentInput {
    pub kind: EnvironmentKind,
    pub url: Option<String>,
}

/// One connection card of the status screen (the core's view: no secret,
/// the client ID masked).
pub use optin_core::status::ConnectionView as ConnectionCard;

/// "Opt in with UPS.com". The secret goes in, never out.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct BrowserOptInRequest {
    pub environment: EnvironmentInput,
    pub label: String,
    pub client_id: String,
    #[ts(type = "string")]
    pub client_secret: Secret,
    pub route: RouteKind,
    pub bounce_url: Option<String>,
    pub pkce_body: bool,
    pub accounts: Vec<String>,
}

/// "Client ID and secret only".
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ClientCredentialsRequest {
    pub environment: EnvironmentInput,
    pub label: String,
    pub client_id: String,
    #[ts(type = "string")]
    pub client_secret: Secret,
    pub accounts: Vec<String>,
}

/// The demo sandbox's public test values, shown as a hint in demo mode only.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DemoHint {
    pub base_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct KeychainHealth {
    pub ok: bool,
    pub backend: String,
    pub message: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub demo: Option<DemoHint>,
    pub deep_link_redirect_uri: String,
    pub loopback_redirect_uri: String,
    pub warnings: Vec<String>,
}

/// What the `login-event` event carries.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum LoginEvent {
    Exchanging {
        login_id: String,
    },
    Completed {
        login_id: String,
        connection: Box<ConnectionCard>,
    },
    Failed {
        login_id: String,
        error: ErrorView,
        pending_kept: bool,
    },
    RejectedLink {
        error: ErrorView,
    },
}

pub const EVENT_LOGIN: &str = "login-event";
pub const EVENT_CONNECTIONS: &str = "connections-changed";
