//! How to opt a connection in again from the command line: the exact
//! `ups-optin login …` command, added to re-opt-in errors and to `status`.

use optin_core::login::LOOPBACK_REDIRECT;
use optin_core::status::ConnectionStatus;
use optin_core::store::Method;
use optin_core::{Error, ErrorCode, OptIn};

use crate::exit::{Failure, REOPT};

/// For a re-opt-in error on connection `id`: the core's message plus the exact
/// `ups-optin login …` command that opts in again.
pub fn with_reopt_hint(optin: &OptIn, id: &str, e: Error) -> Failure {
    let mut f = Failure::from_error(&e);
    if f.code == REOPT {
        if let Ok(s) = optin.status(id) {
            f.message
                .push_str(&format!(" To opt in again, run: {}", login_command(&s)));
        }
    }
    f
}

/// For an error on connection `id`: [`with_reopt_hint`], and for rejected
/// credentials the command that replaces the client secret.
pub fn with_hints(optin: &OptIn, id: &str, e: Error) -> Failure {
    let rejected = e.code() == ErrorCode::CredentialsRejected;
    let mut f = with_reopt_hint(optin, id, e);
    if rejected {
        f.message
            .push_str(&format!(" To enter it, run: {}", update_secret_command(id)));
    }
    f
}

/// The command line that replaces connection `id`'s client secret.
pub fn update_secret_command(id: &str) -> String {
    format!("ups-optin update-secret --connection {}", quote(id))
}

/// The command line that opts connection `s` in again.
pub fn login_command(s: &ConnectionStatus) -> String {
    let mut cmd = format!(
        "ups-optin login --env {} --client-id {}",
        quote(&s.environment),
        quote(&s.client_id)
    );
    match s.method {
        Method::ClientCredentials => cmd.push_str(" --method client-credentials"),
        Method::Browser => {
            if let Some(uri) = s
                .redirect_uri
                .as_deref()
                .filter(|u| *u != LOOPBACK_REDIRECT)
            {
                cmd.push_str(&format!(" --redirect-uri {}", quote(uri)));
            }
        }
    }
    for a in &s.accounts {
        cmd.push_str(&format!(" --account {}", a.number));
    }
    if s.label != optin_core::input::DEFAULT_LABEL {
        cmd.push_str(&format!(" --label {}", quote(&s.label)));
    }
    cmd
}

/// Shell-quotes a word when it needs it.
fn quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("http://127.0.0.1:9"), "http://127.0.0.1:9");
        assert_eq!(quote("My app"), "'My app'");
        assert_eq!(quote("it's"), r"'it'\''s'");
    }
}
