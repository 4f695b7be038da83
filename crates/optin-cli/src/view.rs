//! The human `status` table.

use optin_core::status::{ConnectionState, ConnectionStatus};
use optin_core::store::Method;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

fn state(s: ConnectionState) -> &'static str {
    match s {
        ConnectionState::Connected => "connected",
        ConnectionState::Expiring => "expiring",
        ConnectionState::ReoptNeeded => "reopt_needed",
        ConnectionState::Unreachable => "unreachable",
        ConnectionState::NotConnected => "not_connected",
        ConnectionState::CredentialsRejected => "credentials_rejected",
    }
}

fn method(m: Method) -> &'static str {
    match m {
        Method::Browser => "browser",
        Method::ClientCredentials => "client-credentials",
    }
}

/// "in 3h 59m", "2d ago", "-" — relative to `now`.
fn relative(t: Option<&str>, now: OffsetDateTime) -> String {
    let Some(t) = t else { return "-".into() };
    let Ok(at) = OffsetDateTime::parse(t, &Rfc3339) else {
        return t.to_string();
    };
    let secs = (at - now).whole_seconds();
    let abs = secs.unsigned_abs();
    let span = if abs >= 2 * 86_400 {
        format!("{}d", abs / 86_400)
    } else if abs >= 3_600 {
        format!("{}h {:02}m", abs / 3_600, (abs % 3_600) / 60)
    } else if abs >= 60 {
        format!("{}m", abs / 60)
    } else {
        format!("{abs}s")
    };
    if secs >= 0 {
        format!("in {span}")
    } else {
        format!("{span} ago")
    }
}

/// The table `ups-optin status` prints, with details under it.
pub fn table(list: &[ConnectionStatus]) -> String {
    table_at(list, OffsetDateTime::now_utc())
}

fn table_at(list: &[ConnectionStatus], now: OffsetDateTime) -> String {
    if list.is_empty() {
        return "No connections yet. Opt in with: ups-optin login --env cie --client-id <ID>\n"
            .into();
    }
    let header = [
        "ID",
        "LABEL",
        "ENVIRONMENT",
        "METHOD",
        "STATE",
        "ACCESS TOKEN",
        "REFRESH TOKEN",
        "ACCOUNTS",
    ];
    let rows: Vec<[String; 8]> = list
        .iter()
        .map(|s| {
            let accounts = if s.accounts.is_empty() {
                "-".to_string()
            } else {
                s.accounts
                    .iter()
                    .map(|a| {
                        let mark = match a.verified {
                            Some(true) => "✓",
                            Some(false) => "✗",
                            None => "?",
                        };
                        format!("{}{mark}", a.number)
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            [
                s.id.clone(),
                s.label.clone(),
                s.environment_label.clone(),
                method(s.method).into(),
                state(s.state).into(),
                relative(s.access_token_expires_at.as_deref(), now),
                relative(s.refresh_token_expires_at.as_deref(), now),
                accounts,
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                out.push_str(c);
            } else {
                out.push_str(c);
                out.push_str(&" ".repeat(w - c.chars().count() + 2));
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(&header.map(String::from));
    for r in &rows {
        out.push_str(&line(r));
    }
    let mut notes = String::new();
    for s in list {
        for a in s.accounts.iter().filter(|a| a.verified != Some(true)) {
            if let Some(m) = &a.message {
                notes.push_str(&format!("  {} account {}: {m}\n", s.id, a.number));
            }
        }
        if let Some(e) = &s.last_error {
            notes.push_str(&format!(
                "  {} last error ({}): {}\n",
                s.id, e.at, e.message
            ));
        }
        match s.state {
            ConnectionState::ReoptNeeded | ConnectionState::NotConnected => {
                notes.push_str(&format!(
                    "  {} needs you to opt in again: {}\n",
                    s.id,
                    crate::reopt::login_command(s)
                ));
            }
            ConnectionState::CredentialsRejected => {
                notes.push_str(&format!(
                    "  {} needs the app's current client secret: {}\n",
                    s.id,
                    crate::reopt::update_secret_command(&s.id)
                ));
            }
            _ => {}
        }
        if s.token_unsaved {
            notes.push_str(&format!(
                "  {} holds a new token that the keychain has not saved yet.\n",
                s.id
            ));
        }
        if s.recovered {
            notes.push_str(&format!(
                "  {} was rebuilt from the keychain: check its label and shipper accounts (opt in again to set them).\n",
                s.id
            ));
        }
    }
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn relative_times() {
        let now = datetime!(2026-01-01 12:00 UTC);
        assert_eq!(relative(Some("2026-01-01T15:59:00Z"), now), "in 3h 59m");
        assert_eq!(relative(Some("2026-03-01T12:00:00Z"), now), "in 59d");
        assert_eq!(relative(Some("2026-01-01T11:58:00Z"), now), "2m ago");
        assert_eq!(relative(None, now), "-");
    }

    #[test]
    fn empty_table_says_how_to_start() {
        assert!(table(&[]).contains("ups-optin login"));
    }
}
