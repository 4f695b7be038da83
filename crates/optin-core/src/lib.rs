//! `optin-core`: everything the UPS Opt-In Wizard does except its window.
//!
//! UPS is moving its Customer Solutions applications to OAuth. A company
//! administrator opts in once, either with UPS.com (authorization code with
//! PKCE, RFC 6749 §4.1 + RFC 7636) or with a client ID and secret only (client
//! credentials, RFC 6749 §4.4). This crate holds the UPS client, the opt-in
//! flows and their capture routes, the keychain vault, the connection store,
//! the token manager and the status model. It never depends on Tauri: the app
//! shell (`src-tauri/`) and the CLI (`ups-optin`) build the same [`OptIn`]
//! service through one constructor that takes the side effects ([`Effects`]).

pub mod browser;
pub mod clock;
pub mod culprit;
pub mod diagnostics;
pub mod display;
pub mod environment;
pub mod error;
pub mod i18n;
pub mod input;
pub mod lock;
pub mod login;
pub mod network;
pub mod private_dir;
pub mod recovery;
pub mod renewal;
pub mod replace;
pub mod secret;
pub mod service;
pub mod settings;
pub mod status;
pub mod store;
pub mod token_auth;
pub mod tokens;
pub mod ups;
pub mod vault;
pub mod watch;

pub use environment::Environment;
pub use error::{Error, ErrorCode, ErrorView, Result};
pub use secret::Secret;
pub use service::{Effects, OptIn};
