//! One error type for the core, with a closed list of stable codes.
//!
//! Every `Display` text is meant for an administrator: it says what happened
//! and what to do next, and it never contains a secret (client secret, code,
//! verifier, access or refresh token). The app shell turns an [`Error`] into the
//! IPC shape `{code, message}`; the CLI prints the message and maps the code to
//! an exit status.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::culprit::{Detail, Via};

/// Stable, closed list of error codes shared with the UI (mirrored in TypeScript)
/// and the CLI. New codes are added at the end; `Unknown` is the fallback a
/// client uses for a code it does not know.
//
// `remote = "Self"`: serde derives `ErrorCode::serialize`/`deserialize` as
// plain functions, and the trait impls below add the one leniency (an unknown
// code reads as `Unknown`) without widening the IPC type to any string, which
// `#[serde(other)]` would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case", remote = "Self")]
#[non_exhaustive]
pub enum ErrorCode {
    /// A field the administrator typed is malformed (client ID, secret, account, label, URL).
    InvalidInput,
    /// A base or redirect URL uses plain http to a host that is not loopback.
    InsecureUrl,
    /// A callback URL did not match the expected redirect URI, or is malformed.
    CallbackInvalid,
    /// A callback carried a `state` no pending login knows (replayed or foreign link).
    CallbackUnknownState,
    /// A callback arrived after its login expired (10 minutes).
    CallbackExpired,
    /// The administrator declined at UPS, or UPS returned an `error` on the callback.
    AccessDenied,
    /// No login is waiting for a callback.
    LoginNotPending,
    /// The administrator cancelled the login.
    LoginCancelled,
    /// Nothing came back before the login's time ran out.
    LoginTimedOut,
    /// UPS answered 4xx: wrong credentials, unknown client, refused account.
    UpsRejected,
    /// UPS could not be reached or answered 5xx.
    UpsUnreachable,
    /// UPS answered 429.
    UpsRateLimited,
    /// UPS answered something that is not a token or a UPS error (HTML, empty, malformed).
    UpsBadResponse,
    /// UPS no longer accepts the stored refresh token: the administrator must opt in again.
    ReoptNeeded,
    /// No OS keychain is reachable (no Secret Service on Linux, for instance).
    KeychainUnavailable,
    /// The keychain answered with an error (locked, denied, failed write).
    KeychainError,
    /// A new token from UPS is held in memory because the keychain write failed.
    TokenNotSaved,
    /// The connections file or the lock file could not be read or written.
    ConfigError,
    /// No connection has that ID.
    ConnectionNotFound,
    /// The system browser could not be opened.
    BrowserFailed,
    /// The loopback port of the redirect URI is taken by another program.
    LoopbackPortBusy,
    /// Another process holds the refresh lock for too long.
    Busy,
    /// The keychain no longer holds this connection's secrets: opt in again.
    NotConnected,
    /// UPS's pre-flight (`validate-client`) refused the client ID or the
    /// redirect URI: nothing was opened or stored.
    ClientRefused,
    /// UPS refused the stored client ID or secret (`10401 ClientId is Invalid`),
    /// e.g. after the secret was regenerated: enter the current secret.
    CredentialsRejected,
    /// The proxy in use could not be reached (nothing listens there, its name
    /// does not resolve, or it does not answer).
    ProxyUnreachable,
    /// The proxy answered but would not open the way to UPS (403, 502 … to CONNECT).
    ProxyRefused,
    /// The proxy asks for a login (HTTP 407), or refused the stored one.
    ProxyAuthRequired,
    /// UPS's host answered with a certificate this computer does not trust
    /// (unknown issuer: typical of TLS inspection by a company proxy).
    TlsUntrusted,
    /// UPS's host name could not be resolved (DNS).
    DnsFailed,
    /// UPS's host refused the connection (nothing listens on that port).
    ConnectionRefused,
    /// No answer in time (connect or the whole request).
    TimedOut,
    /// Anything else, including a code written by a newer build that this
    /// build does not know (so a stored `last_error` never makes a file unreadable).
    Unknown,
}

impl ErrorCode {
    /// UPS could not be reached, or did not answer usefully: nothing stored was
    /// spent and a later attempt may work. The connection's state is then
    /// "unreachable", `ups-optin` exits 4 and the background renewal backs off.
    pub fn is_unreachable(self) -> bool {
        matches!(
            self,
            ErrorCode::UpsUnreachable
                | ErrorCode::UpsRateLimited
                | ErrorCode::UpsBadResponse
                | ErrorCode::ProxyUnreachable
                | ErrorCode::ProxyRefused
                | ErrorCode::ProxyAuthRequired
                | ErrorCode::TlsUntrusted
                | ErrorCode::DnsFailed
                | ErrorCode::ConnectionRefused
                | ErrorCode::TimedOut
        )
    }
}

/// Which UPS endpoint an HTTP failure came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Token,
    Refresh,
    ClientCredentials,
    /// A client-credentials token requested to renew a stored connection
    /// (not a first opt-in): a refused secret there is `credentials_rejected`.
    ClientCredentialsRenewal,
}

impl Endpoint {
    pub(crate) fn path(self) -> &'static str {
        match self {
            Endpoint::Token | Endpoint::ClientCredentials | Endpoint::ClientCredentialsRenewal => {
                "/security/v1/oauth/token"
            }
            Endpoint::Refresh => "/security/v1/oauth/refresh",
        }
    }
}

/// The core's error. `Clone` so a login's end can travel in a [`CoreEvent`]
/// to every waiter with its original code and message.
///
/// [`CoreEvent`]: crate::service::CoreEvent
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// `reason` names the problem for the catalogs (`other`: none of theirs),
    /// `facts` its values (a limit, the value refused): see [`Error::params`].
    #[error("{field}: {problem}")]
    InvalidInput {
        field: &'static str,
        problem: String,
        reason: &'static str,
        facts: Vec<(&'static str, String)>,
    },

    #[error("{what} {url} uses plain http to a host that is not this computer. Use https, or http only for 127.0.0.1, ::1 or localhost.")]
    InsecureUrl { what: &'static str, url: String },

    #[error("This sign-in answer is not for this wizard: {detail}. Nothing was changed; finish the sign-in in the browser window the wizard opened, or paste its final address again.")]
    /// `reason` names the problem for the catalogs (`empty`, `too-long`,
    /// `control-characters`, `not-address`, `too-many-parameters`,
    /// `parameter-too-long`, `parameter-nul`, `parameter-twice`, `no-state`,
    /// `wrong-address`, `no-code`); `detail` says it in English.
    CallbackInvalid {
        detail: String,
        reason: &'static str,
    },

    #[error("This sign-in answer does not belong to a login in progress (it may be an old or repeated link). Nothing was changed. Start the opt-in again to get a new sign-in link.")]
    CallbackUnknownState,

    #[error("This sign-in answer arrived after the login expired (logins last 10 minutes). Nothing was changed. Start the opt-in again.")]
    CallbackExpired,

    #[error("UPS did not grant access: {reason}. Nothing was stored. If that was a mistake, start the opt-in again and approve the request on UPS.com.")]
    AccessDenied { reason: String },

    #[error("No login is waiting for a sign-in answer. Start the opt-in first.")]
    LoginNotPending,

    #[error(
        "The login was cancelled. Nothing was stored. Start the opt-in again when you are ready."
    )]
    LoginCancelled,

    #[error("No sign-in answer arrived within {}. Nothing was stored. Start the opt-in again, or paste the address the browser ended on.", human_duration(*.0))]
    LoginTimedOut(Duration),

    #[error("{}", ups_rejected_message(*status, ups_code.as_deref(), message, *endpoint))]
    UpsRejected {
        status: u16,
        ups_code: Option<String>,
        message: String,
        endpoint: Endpoint,
    },

    #[error("UPS could not be reached ({detail}). Nothing stored was changed. Check the network connection and try again in a few minutes.")]
    UpsUnreachable {
        status: Option<u16>,
        detail: String,
        /// What failed, for the catalogs: `server-error` (UPS answered 5xx),
        /// `not-ups` (something else answered), `tls-failed`,
        /// `connect-failed`, `connection-broke`, `request-failed`, or `other`
        /// (`detail` quoted as a technical detail).
        reason: &'static str,
    },

    #[error("UPS is limiting requests (HTTP 429{}). Nothing stored was changed. Wait {} and try again.", .ups_message.as_deref().map(|m| format!(": {m}")).unwrap_or_default(), retry_after.map(human_duration).unwrap_or_else(|| "a minute".into()))]
    UpsRateLimited {
        retry_after: Option<Duration>,
        ups_message: Option<String>,
    },

    #[error("UPS answered HTTP {status} with {what}, which is not a token. Nothing stored was changed. Check that the environment URL points at UPS, then try again.")]
    UpsBadResponse {
        status: u16,
        what: String,
        /// What came instead of a token, for the catalogs: `unreadable`,
        /// `empty-token`, `not-approved`, `empty`, `html`,
        /// `json-without-token`, `malformed-json`, `not-json`, `error-body`,
        /// `redirect`, `no-access-token`, `no-refresh-token`.
        kind: &'static str,
    },

    #[error("UPS no longer accepts this opt-in ({ups_message}). This happens when the UPS.com password of the user who opted in was changed. Opt in again to reconnect; the stored client ID and secret are kept.")]
    ReoptNeeded { ups_message: String },

    /// `message`: the platform's fix and the detail, in English.
    #[error("{message}")]
    KeychainUnavailable { message: String, detail: String },

    #[error("The keychain refused the operation ({0}). Nothing was written in plain text. Unlock the keychain (or allow this app to use it) and try again.")]
    Keychain(String),

    #[error("UPS issued a new token but the keychain could not save it ({0}). The token is kept in memory and saving is retried; keep the wizard open and unlock the keychain.")]
    TokenNotSaved(String),

    /// `reason` names the problem for the catalogs (`files`: a file or folder
    /// of the configuration could not be read or written), `facts` its values.
    #[error("{message}")]
    Config {
        message: String,
        reason: &'static str,
        facts: Vec<(&'static str, String)>,
    },

    #[error("The keychain has no {0} for this connection (it may have been deleted outside the wizard). Opt in again to reconnect.")]
    NotConnected(&'static str),

    #[error("No connection has the ID {0}. Run `ups-optin status` (or open the status screen) to see the connections.")]
    ConnectionNotFound(String),

    #[error("The browser could not be opened ({0}). Copy the sign-in link and open it in your browser yourself.")]
    BrowserFailed(String),

    #[error("Port {port} on this computer is in use by another program, so the wizard cannot receive the sign-in answer there. Close that program, or choose the deep-link route.")]
    LoopbackPortBusy { port: u16 },

    #[error("Another process has been refreshing this connection for more than {}. Try again; if it persists, close other programs that use this connection.", human_duration(*.0))]
    Busy(Duration),

    #[error("{}", client_refused_message(*status, ups_code.as_deref(), ups_message, redirect_uri))]
    ClientRefused {
        status: u16,
        ups_code: Option<String>,
        ups_message: String,
        client_id: String,
        redirect_uri: String,
    },

    #[error("UPS refused this connection's client ID or secret ({}). This happens when the client secret was regenerated on your app's page at developer.ups.com, or the app was deleted there. The opt-in and the shipper accounts are kept: enter the app's current client secret to reconnect.", ups_detail(*status, ups_code.as_deref(), ups_message))]
    CredentialsRejected {
        status: u16,
        ups_code: Option<String>,
        ups_message: String,
    },

    #[error("This computer could not reach {via} ({detail}). Nothing stored was changed. Check the proxy's address (`ups-optin diagnostics` or Copy diagnostics shows where it comes from), or ask IT for the right one, then try again.")]
    ProxyUnreachable {
        /// "the proxy http://proxy.corp:3128 (from HTTPS_PROXY)": never a login.
        via: Via,
        detail: Detail,
    },

    #[error("{host} could not be reached: {via} refused to open a connection to it ({detail}). Nothing stored was changed. Ask IT to allow {host} through the proxy (or check that {host} is the right address), then try again.")]
    ProxyRefused {
        via: Via,
        host: String,
        detail: Detail,
    },

    #[error("{}", proxy_login_message(via, *login_sent))]
    ProxyAuthRequired {
        via: Via,
        /// A login was sent and the proxy refused it.
        login_sent: bool,
    },

    #[error("{host} answered with a certificate signed by a certificate authority this computer does not trust ({detail}){}. This is typical of company networks that inspect TLS: ask IT to install the company's root certificate in this computer's certificate store (or to exempt {host} from inspection), then try again. Nothing stored was changed; certificate checks are never turned off.", via.as_ref().map(|v| format!(", reached through {v}")).unwrap_or_default())]
    TlsUntrusted {
        host: String,
        detail: Detail,
        via: Option<Via>,
    },

    #[error("The name {host} could not be found (DNS). Nothing stored was changed. Check the network connection and this computer's DNS; if this network only reaches the internet through a proxy, set it (HTTPS_PROXY, the system settings, or the proxy setting of the wizard or `ups-optin proxy set`), then try again.")]
    DnsFailed { host: String },

    #[error("{host} refused the connection on port {port}: nothing answers there. Nothing stored was changed. Check the environment's address; if this network only reaches the internet through a proxy, set it (HTTPS_PROXY, the system settings, or the proxy setting of the wizard or `ups-optin proxy set`), then try again.")]
    ConnectionRefused { host: String, port: u16 },

    #[error("{host} did not answer in time{}. Nothing stored was changed. Check the network connection (a firewall that silently drops traffic, or a network that needs a proxy, does this), then try again.", via.as_ref().map(|v| format!(" (through {v})")).unwrap_or_default())]
    TimedOut { host: String, via: Option<Via> },

    #[error("UPS refused the new client secret ({}). Nothing was changed: the stored secret, tokens and shipper accounts are as before. Copy the secret again from your app's page at developer.ups.com (Credentials), check it belongs to this client ID, and try again.", ups_detail(*status, ups_code.as_deref(), ups_message))]
    NewSecretRefused {
        status: u16,
        ups_code: Option<String>,
        ups_message: String,
    },

    /// This connection is marked "rotation not saved" by a process that could
    /// not save its rotated refresh token (see [`crate::tokens`]); the copy in
    /// the keychain is spent and is not sent. Code [`ErrorCode::TokenNotSaved`].
    #[error("A renewed refresh token of this connection is not saved in the keychain (the keychain refused it), and the one the keychain holds was already used, so it was not sent to UPS. Unlock the keychain: a wizard that holds the new token saves it then. If no wizard holds it, opt in again.")]
    RotationNotSaved,
}

/// An input's name as the catalogs' `$field`: "The redirect URI" ->
/// `redirect-uri`, "Client ID" -> `client-id`.
fn field_code(field: &str) -> String {
    let lower = field.to_ascii_lowercase();
    lower
        .strip_prefix("the ")
        .unwrap_or(&lower)
        .replace(' ', "-")
}

/// The keychain this platform uses, for the catalogs' `$platform`.
const KEYCHAIN_PLATFORM: &str = if cfg!(target_os = "linux") {
    "linux"
} else if cfg!(target_os = "macos") {
    "macos"
} else if cfg!(windows) {
    "windows"
} else {
    "other"
};

fn proxy_login_message(via: &Via, login_sent: bool) -> String {
    let what = if login_sent {
        format!("The proxy login was refused by {via} (HTTP 407)")
    } else {
        format!("A login is needed for {via} (HTTP 407 Proxy Authentication Required)")
    };
    format!(
        "{what}. Nothing stored was changed. Enter the proxy's user name and password in the wizard (Environment, Advanced, Proxy login) or with `ups-optin proxy login`; they are kept in the keychain, never in a file. Then try again."
    )
}

fn ups_rejected_message(
    status: u16,
    code: Option<&str>,
    message: &str,
    endpoint: Endpoint,
) -> String {
    let code = code.map(|c| format!(", code {c}")).unwrap_or_default();
    let hint = match (status, endpoint) {
        (401, Endpoint::ClientCredentials) | (401, Endpoint::Token) => {
            "Check the client ID and secret on your app's page at developer.ups.com, and that the redirect URI registered there is exactly the one shown here."
        }
        (403, _) => "Check that the shipper account is associated with your UPS.com user (invoice or PIN method on UPS.com).",
        _ => "Check the values you entered, then try again.",
    };
    format!(
        "UPS refused the request at {} (HTTP {status}{code}): {message}. Nothing stored was changed. {hint}",
        endpoint.path()
    )
}

/// "HTTP 401, code 10401: ClientId is Invalid".
fn ups_detail(status: u16, code: Option<&str>, message: &str) -> String {
    let code = code.map(|c| format!(", code {c}")).unwrap_or_default();
    format!("HTTP {status}{code}: {message}")
}

fn client_refused_message(
    status: u16,
    code: Option<&str>,
    message: &str,
    redirect_uri: &str,
) -> String {
    let about_client = code == Some("10401") || message.to_ascii_lowercase().contains("client");
    let fix = if about_client {
        "Check the client ID: copy it again from your app's page at developer.ups.com. If it is right, check that the app's Callback URL there is exactly this redirect URI."
    } else {
        "Register exactly this address as your app's Callback URL at developer.ups.com (character for character: case, trailing slash and port count), or choose another route."
    };
    format!(
        "UPS refused this client ID and redirect URI before sign-in (validate-client, {}). The redirect URI sent was exactly \"{redirect_uri}\". No browser was opened and nothing was stored. {fix} Then try again.",
        ups_detail(status, code, message)
    )
}

/// "90 seconds", "10 minutes".
pub fn human_duration(d: Duration) -> String {
    let secs = d.as_secs();
    if secs < 120 {
        format!("{secs} seconds")
    } else if secs < 7200 {
        format!("{} minutes", secs / 60)
    } else {
        format!("{} hours", secs / 3600)
    }
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
            Error::InsecureUrl { .. } => ErrorCode::InsecureUrl,
            Error::CallbackInvalid { .. } => ErrorCode::CallbackInvalid,
            Error::CallbackUnknownState => ErrorCode::CallbackUnknownState,
            Error::CallbackExpired => ErrorCode::CallbackExpired,
            Error::AccessDenied { .. } => ErrorCode::AccessDenied,
            Error::LoginNotPending => ErrorCode::LoginNotPending,
            Error::LoginCancelled => ErrorCode::LoginCancelled,
            Error::LoginTimedOut(_) => ErrorCode::LoginTimedOut,
            Error::UpsRejected { .. } => ErrorCode::UpsRejected,
            Error::UpsUnreachable { .. } => ErrorCode::UpsUnreachable,
            Error::UpsRateLimited { .. } => ErrorCode::UpsRateLimited,
            Error::UpsBadResponse { .. } => ErrorCode::UpsBadResponse,
            Error::ReoptNeeded { .. } => ErrorCode::ReoptNeeded,
            Error::KeychainUnavailable { .. } => ErrorCode::KeychainUnavailable,
            Error::Keychain(_) => ErrorCode::KeychainError,
            Error::TokenNotSaved(_) | Error::RotationNotSaved => ErrorCode::TokenNotSaved,
            Error::Config { .. } => ErrorCode::ConfigError,
            Error::ConnectionNotFound(_) => ErrorCode::ConnectionNotFound,
            Error::BrowserFailed(_) => ErrorCode::BrowserFailed,
            Error::LoopbackPortBusy { .. } => ErrorCode::LoopbackPortBusy,
            Error::Busy(_) => ErrorCode::Busy,
            Error::NotConnected(_) => ErrorCode::NotConnected,
            Error::ClientRefused { .. } => ErrorCode::ClientRefused,
            Error::CredentialsRejected { .. } | Error::NewSecretRefused { .. } => {
                ErrorCode::CredentialsRejected
            }
            Error::ProxyUnreachable { .. } => ErrorCode::ProxyUnreachable,
            Error::ProxyRefused { .. } => ErrorCode::ProxyRefused,
            Error::ProxyAuthRequired { .. } => ErrorCode::ProxyAuthRequired,
            Error::TlsUntrusted { .. } => ErrorCode::TlsUntrusted,
            Error::DnsFailed { .. } => ErrorCode::DnsFailed,
            Error::ConnectionRefused { .. } => ErrorCode::ConnectionRefused,
            Error::TimedOut { .. } => ErrorCode::TimedOut,
        }
    }

    /// The error as named parameters of the catalogs' `error-<code>` message
    /// (`locales/<locale>/wizard.ftl`), so the UI can say it in the admin's
    /// language. UPS's own code and message and the redirect URI sent are
    /// quoted as they were; `case` picks the variant of a code that has
    /// several; the proxy a request went through is `proxy` and
    /// `proxy_source` (see [`Via::params`]). Technical details (`detail`:
    /// a certificate problem, a socket error) are quoted in English. Input
    /// and configuration problems are `field` (kebab-case) and `reason`,
    /// with their values; a non-token answer is `status` and `kind`. Every
    /// error has parameters; [`ErrorView::message`] stays the English words.
    pub fn params(&self) -> Option<BTreeMap<String, String>> {
        let mut p = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            p.insert(k.to_string(), v);
        };
        let code_or_none = |c: Option<&str>| c.unwrap_or("none").to_string();
        // `$proxy` and `$proxy_source` (see `Via::params`); `$proxy_source` is
        // "none" when the request went direct.
        fn put_via(put: &mut impl FnMut(&str, String), via: Option<&Via>) {
            match via {
                Some(via) => {
                    for (k, v) in via.params() {
                        put(k, v);
                    }
                }
                None => put("proxy_source", "none".to_string()),
            }
        }
        match self {
            Error::InvalidInput {
                field,
                reason,
                facts,
                ..
            } => {
                put("field", field_code(field));
                put("reason", reason.to_string());
                for (k, v) in facts {
                    put(k, v.clone());
                }
            }
            Error::Config { reason, facts, .. } => {
                put("reason", reason.to_string());
                for (k, v) in facts {
                    put(k, v.clone());
                }
            }
            Error::KeychainUnavailable { detail, .. } => {
                put("platform", KEYCHAIN_PLATFORM.to_string());
                put("detail", detail.clone());
            }
            Error::UpsBadResponse { status, kind, .. } => {
                put("status", status.to_string());
                put("kind", kind.to_string());
            }
            Error::InsecureUrl { url, .. } => put("url", url.clone()),
            Error::CallbackInvalid { detail, reason } => {
                put("detail", detail.clone());
                put("reason", reason.to_string());
                put("case", "answer".to_string());
            }
            Error::CallbackUnknownState
            | Error::CallbackExpired
            | Error::LoginNotPending
            | Error::LoginCancelled => {}
            Error::AccessDenied { reason } => put("reason", reason.clone()),
            Error::LoginTimedOut(d) | Error::Busy(d) => {
                put("minutes", d.as_secs().div_ceil(60).to_string())
            }
            Error::UpsRejected {
                status,
                ups_code,
                message,
                endpoint,
            } => {
                put("status", status.to_string());
                put("ups_code", code_or_none(ups_code.as_deref()));
                put("ups_message", message.clone());
                put("endpoint", endpoint.path().to_string());
                let case = match (status, endpoint) {
                    (401, Endpoint::ClientCredentials) | (401, Endpoint::Token) => "credentials",
                    (403, _) => "account",
                    _ => "other",
                };
                put("case", case.to_string());
            }
            Error::UpsUnreachable {
                status,
                detail,
                reason,
            } => {
                put("detail", detail.clone());
                put("reason", reason.to_string());
                put(
                    "status",
                    status.map_or("none".to_string(), |s| s.to_string()),
                );
            }
            Error::UpsRateLimited {
                retry_after,
                ups_message,
            } => {
                put(
                    "seconds",
                    retry_after.map_or("none".to_string(), |d| d.as_secs().to_string()),
                );
                put(
                    "ups_message",
                    ups_message.clone().unwrap_or_else(|| "none".into()),
                );
            }
            Error::ReoptNeeded { ups_message } => put("ups_message", ups_message.clone()),
            Error::Keychain(detail) | Error::BrowserFailed(detail) => put("detail", detail.clone()),
            Error::TokenNotSaved(detail) => {
                put("detail", detail.clone());
                put("case", "held".to_string());
            }
            Error::NotConnected(what) => put("what", what.replace(' ', "-")),
            Error::ConnectionNotFound(id) => put("id", id.clone()),
            Error::LoopbackPortBusy { port } => put("port", port.to_string()),
            Error::ClientRefused {
                status,
                ups_code,
                ups_message,
                redirect_uri,
                ..
            } => {
                put("status", status.to_string());
                put("ups_code", code_or_none(ups_code.as_deref()));
                put("ups_message", ups_message.clone());
                put("redirect_uri", redirect_uri.clone());
                let about_client = ups_code.as_deref() == Some("10401")
                    || ups_message.to_ascii_lowercase().contains("client");
                put(
                    "case",
                    if about_client { "client" } else { "redirect" }.to_string(),
                );
            }
            Error::CredentialsRejected {
                status,
                ups_code,
                ups_message,
            }
            | Error::NewSecretRefused {
                status,
                ups_code,
                ups_message,
            } => {
                put("status", status.to_string());
                put("ups_code", code_or_none(ups_code.as_deref()));
                put("ups_message", ups_message.clone());
                let case = if matches!(self, Error::NewSecretRefused { .. }) {
                    "new"
                } else {
                    "stored"
                };
                put("case", case.to_string());
            }
            Error::ProxyUnreachable { via, detail } => {
                put_via(&mut put, Some(via));
                put("reason", detail.reason.to_string());
                put("detail", detail.text.clone());
            }
            Error::ProxyRefused { via, host, detail } => {
                put_via(&mut put, Some(via));
                put("host", host.clone());
                put("reason", detail.reason.to_string());
                put("detail", detail.text.clone());
            }
            Error::ProxyAuthRequired { via, login_sent } => {
                put_via(&mut put, Some(via));
                put(
                    "case",
                    if *login_sent { "refused" } else { "needed" }.to_string(),
                );
            }
            Error::TlsUntrusted { host, detail, via } => {
                put("host", host.clone());
                put("reason", detail.reason.to_string());
                put("detail", detail.text.clone());
                put_via(&mut put, via.as_ref());
            }
            Error::DnsFailed { host } => put("host", host.clone()),
            Error::ConnectionRefused { host, port } => {
                put("host", host.clone());
                put("port", port.to_string());
            }
            Error::TimedOut { host, via } => {
                put("host", host.clone());
                put_via(&mut put, via.as_ref());
            }
            Error::RotationNotSaved => put("case", "rotation".to_string()),
        }
        Some(p)
    }

    pub(crate) fn callback_invalid(reason: &'static str, detail: impl Into<String>) -> Self {
        Error::CallbackInvalid {
            detail: detail.into(),
            reason,
        }
    }

    /// Bad input in `field`: `problem` is the English sentence; name it for
    /// the catalogs with [`Error::because`] (else its reason is `other`).
    pub fn invalid(field: &'static str, problem: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            problem: problem.into(),
            reason: "other",
            facts: Vec::new(),
        }
    }

    /// A file or folder of the configuration could not be read or written
    /// (reason `files`, the OS's words as `detail`).
    pub(crate) fn config(context: &str, err: impl std::fmt::Display) -> Self {
        Error::Config {
            message: format!(
                "{context} ({err}). Check that your user can write to the configuration folder, then try again."
            ),
            reason: "files",
            facts: vec![("detail", err.to_string())],
        }
    }

    /// A configuration problem said by `message` in English; name it with
    /// [`Error::because`] and its values with [`Error::with`].
    pub fn configuration(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
            reason: "other",
            facts: Vec::new(),
        }
    }

    /// Names the problem of an input or configuration error for the catalogs
    /// (`$reason`); other errors are returned unchanged.
    pub fn because(mut self, why: &'static str) -> Self {
        if let Error::InvalidInput { reason, .. } | Error::Config { reason, .. } = &mut self {
            *reason = why;
        }
        self
    }

    /// Adds a named value (`$key`) to an input or configuration error.
    pub fn with(mut self, key: &'static str, value: impl ToString) -> Self {
        if let Error::InvalidInput { facts, .. } | Error::Config { facts, .. } = &mut self {
            facts.push((key, value.to_string()));
        }
        self
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ErrorCode::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::IntoDeserializer;
        let code = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        let known: Result<Self, serde::de::value::Error> =
            ErrorCode::deserialize(code.as_ref().into_deserializer());
        Ok(known.unwrap_or(ErrorCode::Unknown))
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The one error shape that crosses IPC and `--json` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ErrorView {
    pub code: ErrorCode,
    /// The English sentence (the CLI, logs, and a UI that has no words for it).
    pub message: String,
    /// The error as data, for the UI to say in the admin's language: the
    /// named parameters of the catalogs' `error-<code>` message (see
    /// [`Error::params`]). `None`: show `message`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub params: Option<BTreeMap<String, String>>,
}

impl From<&Error> for ErrorView {
    fn from(e: &Error) -> Self {
        ErrorView {
            code: e.code(),
            message: e.to_string(),
            params: e.params(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_snake_case_and_round_trip() {
        let json = serde_json::to_string(&ErrorCode::ReoptNeeded).unwrap();
        assert_eq!(json, "\"reopt_needed\"");
        let back: ErrorCode = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ErrorCode::ReoptNeeded);
    }

    #[test]
    fn a_code_this_build_does_not_know_reads_as_unknown() {
        let back: ErrorCode = serde_json::from_str("\"code_from_a_newer_build\"").unwrap();
        assert_eq!(back, ErrorCode::Unknown);
    }

    fn params_of(e: &Error) -> BTreeMap<String, String> {
        e.params().expect("every error crosses IPC with parameters")
    }

    #[test]
    fn input_config_keychain_and_non_token_errors_cross_as_codes_and_params() {
        let e = Error::invalid("The redirect URI", "it must not contain ? or #.").because("query");
        let p = params_of(&e);
        assert_eq!(p["field"], "redirect-uri");
        assert_eq!(p["reason"], "query");
        assert_eq!(
            e.to_string(),
            "The redirect URI: it must not contain ? or #."
        );

        let p = params_of(&Error::invalid("Client ID", "English"));
        assert_eq!(
            (p["field"].as_str(), p["reason"].as_str()),
            ("client-id", "other")
        );

        let p = params_of(
            &Error::invalid("Label", "x")
                .because("too-long")
                .with("max", 64),
        );
        assert_eq!(p["max"], "64");

        let e = Error::config(
            "The file /x could not be read",
            "Permission denied (os error 13)",
        );
        let p = params_of(&e);
        assert_eq!(p["reason"], "files");
        assert_eq!(p["detail"], "Permission denied (os error 13)");
        assert!(e.to_string().starts_with("The file /x could not be read ("));

        let p = params_of(
            &Error::configuration("English")
                .because("newer-schema")
                .with("path", "/c"),
        );
        assert_eq!(
            (p["reason"].as_str(), p["path"].as_str()),
            ("newer-schema", "/c")
        );

        let p = params_of(&Error::KeychainUnavailable {
            message: "English".into(),
            detail: "ServiceUnknown".into(),
        });
        assert_eq!(p["platform"], KEYCHAIN_PLATFORM);
        assert_eq!(p["detail"], "ServiceUnknown");

        let p = params_of(&Error::UpsBadResponse {
            status: 302,
            what: "a redirect to example.invalid".into(),
            kind: "redirect",
        });
        assert_eq!(
            (p["status"].as_str(), p["kind"].as_str()),
            ("302", "redirect")
        );

        // Only input and configuration errors take a reason.
        let e = Error::LoginCancelled.because("x").with("k", "v");
        assert!(params_of(&e).is_empty());
    }

    #[test]
    fn every_message_says_what_to_do() {
        let samples = [
            Error::CallbackUnknownState,
            Error::CallbackExpired,
            Error::LoginCancelled,
            Error::LoginTimedOut(Duration::from_secs(600)),
            Error::UpsRateLimited {
                retry_after: Some(Duration::from_secs(30)),
                ups_message: None,
            },
            Error::ReoptNeeded {
                ups_message: "Invalid refresh token".into(),
            },
            Error::UpsRejected {
                status: 401,
                ups_code: Some("10401".into()),
                message: "ClientId is Invalid".into(),
                endpoint: Endpoint::Token,
            },
        ];
        for e in samples {
            let m = e.to_string();
            assert!(
                [
                    "Start the opt-in",
                    "Wait",
                    "Opt in",
                    "Check",
                    "try again",
                    "Try again"
                ]
                .iter()
                .any(|w| m.contains(w)),
                "{m}"
            );
        }
        assert!(Error::LoginTimedOut(Duration::from_secs(600))
            .to_string()
            .contains("10 minutes"));
    }
}
