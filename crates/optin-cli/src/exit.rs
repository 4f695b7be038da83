//! Exit codes: the core's stable [`ErrorCode`]s mapped to the CLI's statuses.

use optin_core::{Error, ErrorCode};

/// Usage error or invalid input (clap uses 2 for its own usage errors too).
pub const USAGE: u8 = 2;
/// Re-opt-in needed.
pub const REOPT: u8 = 3;
/// UPS unreachable, rate limited, or a bad response.
pub const UNREACHABLE: u8 = 4;
/// UPS rejected the request (4xx).
pub const REJECTED: u8 = 5;
/// Keychain unavailable, keychain error, token not saved.
pub const KEYCHAIN: u8 = 6;
/// Login cancelled, timed out, denied, or a bad callback.
pub const LOGIN: u8 = 7;
/// Configuration, not found, busy, anything else.
pub const OTHER: u8 = 8;

/// The exit code for a core error code.
pub fn code_for(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::InvalidInput | ErrorCode::InsecureUrl => USAGE,
        ErrorCode::ReoptNeeded | ErrorCode::NotConnected => REOPT,
        c if c.is_unreachable() => UNREACHABLE,
        ErrorCode::UpsRejected | ErrorCode::ClientRefused | ErrorCode::CredentialsRejected => {
            REJECTED
        }
        ErrorCode::KeychainUnavailable | ErrorCode::KeychainError | ErrorCode::TokenNotSaved => {
            KEYCHAIN
        }
        ErrorCode::LoginCancelled
        | ErrorCode::LoginTimedOut
        | ErrorCode::AccessDenied
        | ErrorCode::CallbackInvalid
        | ErrorCode::CallbackUnknownState
        | ErrorCode::CallbackExpired
        | ErrorCode::LoginNotPending => LOGIN,
        _ => OTHER,
    }
}

/// A failed command: the message printed after `error: ` and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn from_error(e: &Error) -> Self {
        let code = code_for(e.code());
        let mut message = e.to_string();
        // The core's messages suit both the app and the CLI; name the CLI's command.
        if code == LOGIN {
            message.push_str(" Run `ups-optin login` to start it.");
        }
        if code == REOPT && !message.to_ascii_lowercase().contains("opt in again") {
            message.push_str(" Opt in again with `ups-optin login`.");
        }
        Failure { code, message }
    }

    /// UPS issued tokens but the keychain kept refusing the rotated refresh
    /// token until this command gave up. The app's message ("the wizard keeps
    /// it") does not hold for a process that ends now.
    pub fn rotation_lost(e: &Error) -> Self {
        let detail = match e {
            Error::TokenNotSaved(detail) => detail.clone(),
            other => other.to_string(),
        };
        Failure {
            code: KEYCHAIN,
            message: format!(
                "UPS issued a new refresh token, but the keychain refused it ({detail}) until this command gave up, and a command cannot keep it after it ends. The access token printed is valid until it expires. The refresh token the keychain holds was already used, so no program will send it: unlock the keychain, then opt in again with `ups-optin login`."
            ),
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: USAGE,
            message: message.into(),
        }
    }

    /// An exit code whose explanation was already printed (on stdout).
    pub fn silent(code: u8) -> Self {
        Failure {
            code,
            message: String::new(),
        }
    }

    pub fn other(message: impl Into<String>) -> Self {
        Failure {
            code: OTHER,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        assert_eq!(code_for(ErrorCode::InvalidInput), 2);
        assert_eq!(code_for(ErrorCode::InsecureUrl), 2);
        assert_eq!(code_for(ErrorCode::ReoptNeeded), 3);
        assert_eq!(code_for(ErrorCode::NotConnected), 3);
        assert_eq!(code_for(ErrorCode::UpsRateLimited), 4);
        for c in [
            ErrorCode::ProxyUnreachable,
            ErrorCode::ProxyRefused,
            ErrorCode::ProxyAuthRequired,
            ErrorCode::TlsUntrusted,
            ErrorCode::DnsFailed,
            ErrorCode::ConnectionRefused,
            ErrorCode::TimedOut,
        ] {
            assert_eq!(code_for(c), 4, "{c:?}");
        }
        assert_eq!(code_for(ErrorCode::UpsRejected), 5);
        assert_eq!(code_for(ErrorCode::TokenNotSaved), 6);
        assert_eq!(code_for(ErrorCode::CallbackExpired), 7);
        assert_eq!(code_for(ErrorCode::Busy), 8);
        assert_eq!(code_for(ErrorCode::ConnectionNotFound), 8);
        assert_eq!(code_for(ErrorCode::Unknown), 8);
    }

    #[test]
    fn reopt_message_says_opt_in_again() {
        let f = Failure::from_error(&Error::NotConnected("refresh token"));
        assert_eq!(f.code, REOPT);
        assert!(
            f.message.to_ascii_lowercase().contains("opt in again"),
            "{}",
            f.message
        );
    }

    #[test]
    fn messages_name_the_cli_command_not_the_button() {
        let f = Failure::from_error(&Error::LoginCancelled);
        assert_eq!(f.code, LOGIN);
        assert!(f.message.contains("Run `ups-optin login`"), "{}", f.message);
        assert!(!f.message.contains("Click"), "{}", f.message);
    }
}
