//! "Copy diagnostics" and `ups-optin diagnostics`: what support needs to help
//! an administrator — versions, OS, keychain backend and health, the proxy
//! used for each environment and why (logins redacted), the certificate
//! store, connections with states and last errors, recent log lines — with
//! secrets redacted.

use crate::service::OptIn;

/// Replaces anything that looks like a credential (a run of 24 or more
/// token characters) with `[redacted]`, and masks `code=`, `state=`,
/// `token=`, `secret=` parameter values.
pub fn redact(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 24 {
            out.push_str("[redacted]");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in line.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '+' | '/' | '=') {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    for key in ["code=", "state=", "token=", "secret=", "verifier="] {
        let mut searched = 0;
        while let Some(pos) = out[searched..].find(key).map(|p| p + searched) {
            let start = pos + key.len();
            let end = out[start..]
                .find(['&', ' ', '"', '\''])
                .map_or(out.len(), |e| start + e);
            if end > start && &out[start..end] != "[redacted]" {
                out.replace_range(start..end, "[redacted]");
            }
            searched = start;
        }
    }
    out
}

/// The diagnostics report for `app` (name and version), with `recent_log`.
pub async fn report(optin: &OptIn, app: &str, recent_log: &[String]) -> String {
    let mut s = String::new();
    s.push_str(&format!("{app}\n"));
    s.push_str(&format!(
        "OS: {} {}\n",
        std::env::consts::OS,
        std::env::consts::ARCH
    ));
    s.push_str(&format!(
        "Configuration folder: {}\n",
        optin.store().dir().display()
    ));
    let health = match optin.keychain_health().await {
        Ok(()) => "ok".to_string(),
        Err(e) => format!("NOT AVAILABLE: {e}"),
    };
    s.push_str(&format!(
        "Keychain: {} ({health})\n",
        optin.keychain_backend()
    ));
    match optin.network_report().await {
        Ok(network) => s.push_str(&network.text()),
        Err(e) => s.push_str(&format!("Network: unknown: {e}\n")),
    }
    match optin.statuses() {
        Ok(all) if all.is_empty() => s.push_str("Connections: none\n"),
        Ok(all) => {
            s.push_str(&format!("Connections: {}\n", all.len()));
            for c in all {
                s.push_str(&format!(
                    "- {} \"{}\" {} {:?} client {} state {:?}; access expires {}; refresh expires {}; last refresh {}{}\n",
                    c.id,
                    c.label,
                    c.environment,
                    c.method,
                    c.client_id_masked,
                    c.state,
                    c.access_token_expires_at.as_deref().unwrap_or("-"),
                    c.refresh_token_expires_at.as_deref().unwrap_or("-"),
                    c.last_refresh_at.as_deref().unwrap_or("-"),
                    if c.token_unsaved { "; ROTATED TOKEN NOT SAVED" } else { "" },
                ));
                if let Some(e) = &c.last_error {
                    s.push_str(&format!(
                        "  last error {} ({:?}): {}\n",
                        e.at,
                        e.code,
                        redact(&e.message)
                    ));
                }
                for a in &c.accounts {
                    s.push_str(&format!(
                        "  account {} verified {:?}\n",
                        a.number, a.verified
                    ));
                }
            }
        }
        Err(e) => s.push_str(&format!("Connections: unreadable: {e}\n")),
    }
    s.push_str(&recovery_section(optin).await);
    if !recent_log.is_empty() {
        s.push_str("Recent log:\n");
        for l in recent_log {
            s.push_str(&redact(l));
            s.push('\n');
        }
    }
    s
}

/// The damaged connections files not acknowledged yet, the last good copy,
/// and the keychain entries no connection uses (client IDs masked).
async fn recovery_section(optin: &OptIn) -> String {
    let mut s = String::new();
    match optin.recovery_notices() {
        Ok(events) => {
            for e in events {
                s.push_str(&format!("Connections file damaged: {}\n", e.describe()));
            }
        }
        Err(e) => s.push_str(&format!("Recovery notice: unreadable: {e}\n")),
    }
    s.push_str(&format!(
        "Last good copy (connections.json.bak): {}\n",
        if optin.store().backup_path().is_file() {
            "present"
        } else {
            "none"
        }
    ));
    match optin.leftovers().await {
        Ok(list) if list.is_empty() => s.push_str("Keychain entries no connection uses: none\n"),
        Ok(list) => {
            s.push_str(&format!(
                "Keychain entries no connection uses: {} (remove them with `ups-optin logout --leftovers` or on the status screen)\n",
                list.len()
            ));
            for a in list {
                s.push_str(&format!("  {}\n", crate::vault::EntryName::masked(&a)));
            }
        }
        Err(e) => s.push_str(&format!(
            "Keychain entries no connection uses: unknown ({e})\n"
        )),
    }
    s
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redacts_tokens_and_parameters() {
        let line = "GET /callback?code=abc123&state=xyz exchanged eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc for client CID";
        let r = redact(line);
        assert!(
            !r.contains("abc123") && !r.contains("xyz") && !r.contains("eyJhbGci"),
            "{r}"
        );
        assert!(r.contains("client CID"));
        assert_eq!(
            redact("connection 0a1b2c refreshed"),
            "connection 0a1b2c refreshed"
        );
    }
}
