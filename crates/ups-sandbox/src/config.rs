//! What the sandbox knows before it starts: registered clients, UPS.com users,
//! token lifetimes. [`SandboxConfig::default`] is the demo setup.

use serde::{Deserialize, Serialize};

/// Client id of the demo client in [`SandboxConfig::default`].
pub const DEMO_CLIENT_ID: &str = "sandbox-demo-client";
/// Client secret of the demo client.
pub const DEMO_CLIENT_SECRET: &str = "sandbox-demo-secret";
/// Redirect URIs registered for the demo client.
pub const DEMO_REDIRECT_URIS: [&str; 3] = [
    "upsoptin://oauth/callback",
    "http://127.0.0.1:8765/callback",
    "https://example.invalid/ups-optin/bounce",
];
/// UPS account numbers (shipper numbers) associated with the demo client.
pub const DEMO_ACCOUNTS: [&str; 2] = ["A1B2C3", "X9Y8Z7"];
/// Username of the demo UPS.com user.
pub const DEMO_USER: &str = "demo";
/// Password of the demo UPS.com user.
pub const DEMO_PASSWORD: &str = "demo";

/// A registered application, as on the UPS developer portal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientConfig {
    /// Public client id.
    pub client_id: String,
    /// Client secret (checked with HTTP Basic).
    pub client_secret: String,
    /// Redirect URIs; an authorize request must name one of them exactly.
    pub redirect_uris: Vec<String>,
    /// UPS account numbers a client-credentials `x-merchant-id` may name.
    pub accounts: Vec<String>,
}

impl ClientConfig {
    /// A client with no redirect URIs and no accounts yet.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            redirect_uris: Vec::new(),
            accounts: Vec::new(),
        }
    }

    /// Registers a redirect URI.
    pub fn with_redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uris.push(uri.into());
        self
    }

    /// Associates a UPS account number.
    pub fn with_account(mut self, account: impl Into<String>) -> Self {
        self.accounts.push(account.into());
        self
    }
}

/// A UPS.com user who can sign in on the sandbox's sign-in page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserConfig {
    /// Username.
    pub username: String,
    /// Password.
    pub password: String,
}

/// Lifetimes, in seconds; they apply to tokens and codes issued afterwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lifetimes {
    /// `expires_in` of access tokens (UPS: 14399).
    pub access_expires_in: u64,
    /// `refresh_token_expires_in` of refresh tokens (UPS: 5183999, 60 days).
    pub refresh_expires_in: u64,
    /// How long an authorization code can be exchanged.
    pub code_ttl: u64,
}

impl Default for Lifetimes {
    fn default() -> Self {
        Self {
            access_expires_in: 14_399,
            refresh_expires_in: 5_183_999,
            code_ttl: 300,
        }
    }
}

/// Everything the sandbox serves. `Default` is the demo setup: client
/// [`DEMO_CLIENT_ID`]/[`DEMO_CLIENT_SECRET`] with [`DEMO_REDIRECT_URIS`] and
/// [`DEMO_ACCOUNTS`], user [`DEMO_USER`]/[`DEMO_PASSWORD`], UPS lifetimes,
/// ephemeral port.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxConfig {
    /// Registered clients.
    pub clients: Vec<ClientConfig>,
    /// UPS.com users.
    pub users: Vec<UserConfig>,
    /// Token and code lifetimes.
    pub lifetimes: Lifetimes,
    /// Length of issued access tokens, in characters (at least about 150).
    pub access_token_len: usize,
    /// Port to bind on 127.0.0.1; 0 picks a free one.
    pub port: u16,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        let client = DEMO_REDIRECT_URIS.iter().fold(
            ClientConfig::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
            |c, uri| c.with_redirect_uri(*uri),
        );
        let client = DEMO_ACCOUNTS.iter().fold(client, |c, a| c.with_account(*a));
        Self::empty()
            .with_client(client)
            .with_user(DEMO_USER, DEMO_PASSWORD)
    }
}

impl SandboxConfig {
    /// No clients, no users, default lifetimes.
    pub fn empty() -> Self {
        Self {
            clients: Vec::new(),
            users: Vec::new(),
            lifetimes: Lifetimes::default(),
            access_token_len: 1200,
            port: 0,
        }
    }

    /// Adds a client.
    pub fn with_client(mut self, client: ClientConfig) -> Self {
        self.clients.push(client);
        self
    }

    /// Adds a UPS.com user.
    pub fn with_user(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.users.push(UserConfig {
            username: username.into(),
            password: password.into(),
        });
        self
    }

    /// Associates an account number with an already added client (no-op if unknown).
    pub fn with_account(mut self, client_id: &str, account: impl Into<String>) -> Self {
        if let Some(c) = self.clients.iter_mut().find(|c| c.client_id == client_id) {
            c.accounts.push(account.into());
        }
        self
    }

    /// Registers a redirect URI for an already added client (no-op if unknown).
    pub fn with_redirect_uri(mut self, client_id: &str, uri: impl Into<String>) -> Self {
        if let Some(c) = self.clients.iter_mut().find(|c| c.client_id == client_id) {
            c.redirect_uris.push(uri.into());
        }
        self
    }

    /// Sets the lifetimes.
    pub fn with_lifetimes(mut self, lifetimes: Lifetimes) -> Self {
        self.lifetimes = lifetimes;
        self
    }

    /// Sets the access token length in characters.
    pub fn with_access_token_len(mut self, len: usize) -> Self {
        self.access_token_len = len;
        self
    }

    /// Sets the port (0 = ephemeral).
    pub fn with_port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }
}
