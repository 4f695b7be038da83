//! The status model: what the status screen and `ups-optin status` show for
//! each connection, derived from the stored record at a given instant.

use serde::{Deserialize, Serialize};
use specta::Type;
use time::OffsetDateTime;

use crate::display::{mask_tail, rfc3339};
use crate::error::ErrorCode;
use crate::store::{ConnectionRecord, LastError, Method};

/// A refresh token that expires within this window makes a connection `expiring`.
pub const EXPIRING_WINDOW: time::Duration = time::Duration::days(7);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionState {
    Connected,
    /// The refresh token expires within 7 days.
    Expiring,
    /// UPS refused the refresh token (a UPS.com password change does that).
    ReoptNeeded,
    /// The last attempt could not reach UPS (network, 5xx, 429).
    Unreachable,
    /// The keychain holds no tokens for this connection.
    NotConnected,
    /// UPS refused the stored client ID or secret (`10401`), e.g. after the
    /// secret was regenerated: enter the current secret; no new opt-in needed.
    CredentialsRejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AccountView {
    pub number: String,
    pub verified: Option<bool>,
    /// UPS's words when it refused the account (quoted as sent); else the
    /// English sentence of `error`.
    pub message: Option<String>,
    pub checked_at: Option<String>,
    /// Why the account could not be checked (not UPS's refusal): the wizard
    /// says it in the admin's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub error: Option<crate::error::ErrorView>,
}

/// One connection as the status screen shows it: no secret, and the client
/// ID only masked. The app's IPC type, under the same name on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ConnectionCard {
    pub id: String,
    pub label: String,
    /// `cie`, `production` or the base URL.
    pub environment: String,
    pub environment_label: String,
    pub client_id_masked: String,
    pub method: Method,
    pub redirect_uri: Option<String>,
    pub state: ConnectionState,
    pub access_token_expires_at: Option<String>,
    pub refresh_token_expires_at: Option<String>,
    pub last_refresh_at: Option<String>,
    pub created_at: String,
    pub last_error: Option<LastError>,
    pub accounts: Vec<AccountView>,
    /// A rotated token is held in memory because the keychain write failed.
    pub token_unsaved: bool,
    /// Rebuilt from the keychain after `connections.json` was damaged: the
    /// label and accounts must be checked (until the notice is acknowledged).
    pub recovered: bool,
    /// Nobody chose this connection's label: it was rebuilt from the
    /// keychain. `label` is then the English name ("Recovered: Test (CIE)
    /// ••••AB12", what the CLI prints); the wizard and the tray say it in
    /// the admin's language (`connection-recovered-label`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[specta(optional)]
    pub label_rebuilt: bool,
}

/// One connection as the CLI and scripts see it: the view plus the full
/// client ID (not a secret, but kept out of the UI). Serialized flat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionStatus {
    pub client_id: String,
    #[serde(flatten)]
    pub view: ConnectionCard,
}

impl From<ConnectionStatus> for ConnectionCard {
    fn from(s: ConnectionStatus) -> Self {
        s.view
    }
}

impl std::ops::Deref for ConnectionStatus {
    type Target = ConnectionCard;
    fn deref(&self) -> &ConnectionCard {
        &self.view
    }
}

/// The state of a record at `now`.
pub fn state_of(r: &ConnectionRecord, now: OffsetDateTime) -> ConnectionState {
    if r.reopt_needed {
        return ConnectionState::ReoptNeeded;
    }
    if !r.connected {
        return ConnectionState::NotConnected;
    }
    if r.method == Method::Browser {
        if let Some(exp) = r.refresh_token_expires_at {
            if exp <= now {
                return ConnectionState::ReoptNeeded;
            }
        }
    }
    if let Some(e) = &r.last_error {
        if e.code == ErrorCode::CredentialsRejected {
            return ConnectionState::CredentialsRejected;
        }
        if e.code.is_unreachable() {
            return ConnectionState::Unreachable;
        }
    }
    match r.refresh_token_expires_at {
        Some(exp) if r.method == Method::Browser && exp - now <= EXPIRING_WINDOW => {
            ConnectionState::Expiring
        }
        _ => ConnectionState::Connected,
    }
}

/// The status of a record at `now`.
pub fn status_of(
    r: &ConnectionRecord,
    now: OffsetDateTime,
    token_unsaved: bool,
) -> ConnectionStatus {
    ConnectionStatus {
        client_id: r.client_id.clone(),
        view: ConnectionCard {
            id: r.id.clone(),
            label: if r.label.is_empty() {
                format!(
                    "Recovered: {} {}",
                    r.environment.label(),
                    mask_tail(&r.client_id)
                )
            } else {
                r.label.clone()
            },
            environment: r.environment.to_string(),
            environment_label: r.environment.label(),
            client_id_masked: mask_tail(&r.client_id),
            method: r.method,
            redirect_uri: r.redirect_uri.clone(),
            state: state_of(r, now),
            access_token_expires_at: r.access_token_expires_at.map(rfc3339),
            refresh_token_expires_at: r.refresh_token_expires_at.map(rfc3339),
            last_refresh_at: r.last_refresh_at.map(rfc3339),
            created_at: rfc3339(r.created_at),
            last_error: r.last_error.clone(),
            accounts: r
                .accounts
                .iter()
                .map(|a| AccountView {
                    number: a.number.clone(),
                    verified: a.verified,
                    message: a.message.clone(),
                    checked_at: a.checked_at.map(rfc3339),
                    error: a.error.clone(),
                })
                .collect(),
            token_unsaved,
            recovered: false,
            label_rebuilt: r.label.is_empty(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::environment::Environment;
    use crate::ups::TokenAuth;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-29 12:00 UTC);

    fn rec() -> ConnectionRecord {
        ConnectionRecord {
            id: "id".into(),
            label: "L".into(),
            environment: Environment::Cie,
            client_id: "ABCDEFGH".into(),
            method: Method::Browser,
            redirect_uri: None,
            route: None,
            token_auth: TokenAuth::Basic,
            accounts: vec![],
            access_token_expires_at: Some(NOW + time::Duration::hours(4)),
            refresh_token_expires_at: Some(NOW + time::Duration::days(60)),
            last_refresh_at: None,
            created_at: NOW,
            last_error: None,
            reopt_needed: false,
            connected: true,
            unsaved_rotation: None,
        }
    }

    #[test]
    fn states_at_fixed_times() {
        use ConnectionState::*;
        let err = |code| {
            Some(LastError {
                code,
                message: "m".into(),
                at: NOW,
                params: None,
            })
        };
        let table: Vec<(ConnectionRecord, ConnectionState)> = vec![
            (rec(), Connected),
            (
                ConnectionRecord {
                    refresh_token_expires_at: Some(NOW + time::Duration::days(7)),
                    ..rec()
                },
                Expiring,
            ),
            (
                ConnectionRecord {
                    refresh_token_expires_at: Some(
                        NOW + time::Duration::days(7) + time::Duration::seconds(1),
                    ),
                    ..rec()
                },
                Connected,
            ),
            (
                ConnectionRecord {
                    refresh_token_expires_at: Some(NOW),
                    ..rec()
                },
                ReoptNeeded,
            ),
            (
                ConnectionRecord {
                    reopt_needed: true,
                    ..rec()
                },
                ReoptNeeded,
            ),
            (
                ConnectionRecord {
                    connected: false,
                    ..rec()
                },
                NotConnected,
            ),
            (
                ConnectionRecord {
                    last_error: err(ErrorCode::UpsUnreachable),
                    ..rec()
                },
                Unreachable,
            ),
            (
                ConnectionRecord {
                    last_error: err(ErrorCode::UpsRateLimited),
                    ..rec()
                },
                Unreachable,
            ),
            (
                ConnectionRecord {
                    last_error: err(ErrorCode::CredentialsRejected),
                    ..rec()
                },
                CredentialsRejected,
            ),
            (
                ConnectionRecord {
                    last_error: err(ErrorCode::KeychainError),
                    ..rec()
                },
                Connected,
            ),
            (
                ConnectionRecord {
                    method: Method::ClientCredentials,
                    refresh_token_expires_at: None,
                    ..rec()
                },
                Connected,
            ),
            (
                ConnectionRecord {
                    refresh_token_expires_at: None,
                    ..rec()
                },
                Connected,
            ),
        ];
        for (i, (r, want)) in table.iter().enumerate() {
            assert_eq!(state_of(r, NOW), *want, "row {i}");
        }
    }

    #[test]
    fn status_masks_nothing_secret_and_formats_rfc3339() {
        let s = status_of(&rec(), NOW, false);
        assert_eq!(s.client_id_masked, "••••EFGH");
        assert_eq!(
            s.access_token_expires_at.as_deref(),
            Some("2026-11-29T16:00:00Z")
        );
        assert_eq!(s.environment, "cie");
    }
}
