//! The OS keychain through keyring 4: macOS Keychain, Windows Credential
//! Manager, Linux Secret Service (GNOME Keyring, KWallet, KeePassXC).

use super::{SecretStore, SERVICE};
use crate::error::{Error, Result};
use crate::secret::Secret;

/// The OS keychain. Entries go under [`SERVICE`].
#[derive(Debug, Default, Clone, Copy)]
pub struct KeychainStore;

impl KeychainStore {
    pub fn new() -> Self {
        KeychainStore
    }

    fn entry(account: &str) -> Result<keyring::Entry> {
        keyring::Entry::store_status()
            .as_ref()
            .map_err(|e| unavailable(&e.to_string()))?;
        keyring::Entry::new(SERVICE, account).map_err(map_err)
    }
}

#[cfg(target_os = "linux")]
const FIX: &str = "No Secret Service is running on this computer, so the wizard cannot store secrets safely (it never writes them in plain text). Install and start one — for example `sudo apt install gnome-keyring` and log in to a desktop session, or run `gnome-keyring-daemon --start --components=secrets` inside a D-Bus session — then try again.";
#[cfg(target_os = "macos")]
const FIX: &str = "The macOS Keychain could not be opened. Open Keychain Access, make sure your login keychain exists and is unlocked, then try again.";
#[cfg(target_os = "windows")]
const FIX: &str = "Windows Credential Manager could not be opened. Sign in to Windows with your own account (not a service account), then try again.";
#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
const FIX: &str = "This system has no supported keychain, so the wizard cannot store secrets safely. Use Linux with a Secret Service, macOS or Windows.";

fn unavailable(detail: &str) -> Error {
    Error::KeychainUnavailable {
        message: format!("{FIX} (Detail: {detail}.)"),
        detail: detail.to_string(),
    }
}

fn looks_unavailable(msg: &str) -> bool {
    [
        "ServiceUnknown",
        "org.freedesktop.secrets",
        "not provided by any .service files",
        "NameHasNoOwner",
        "DBUS_SESSION_BUS_ADDRESS",
        "Failed to connect",
        "No such file or directory",
        "Connection refused",
    ]
    .iter()
    .any(|p| msg.contains(p))
}

fn map_err(e: keyring::Error) -> Error {
    match e {
        keyring::Error::NoDefaultStore => unavailable("no default credential store"),
        keyring::Error::PlatformFailure(inner) if looks_unavailable(&inner.to_string()) => {
            unavailable(&inner.to_string())
        }
        keyring::Error::NoStorageAccess(inner) => Error::Keychain(format!(
            "the keychain is locked or access was denied: {inner}"
        )),
        keyring::Error::TooLong(what, max) => Error::Keychain(format!(
            "the {what} is longer than the keychain allows ({max})"
        )),
        other => Error::Keychain(other.to_string()),
    }
}

impl SecretStore for KeychainStore {
    fn get(&self, account: &str) -> Result<Option<Secret>> {
        match Self::entry(account)?.get_password() {
            Ok(v) => Ok(Some(Secret::new(v))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_err(e)),
        }
    }

    fn set(&self, account: &str, value: &Secret) -> Result<()> {
        Self::entry(account)?
            .set_password(value.expose())
            .map_err(map_err)
    }

    fn delete(&self, account: &str) -> Result<()> {
        match Self::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e)),
        }
    }

    fn health(&self) -> Result<()> {
        // A read of an entry that never exists exercises the whole path to the daemon.
        self.get("health-check/never-written").map(|_| ())
    }

    /// keyring-core's `Entry::search` on the default store (the one keyring
    /// set up): the Secret Service and macOS Keychain match the `service`
    /// attribute; Windows Credential Manager matches target names
    /// (`<account>.<service>`) against a regular expression. Each found entry
    /// is named by its specifiers (service, account).
    fn list(&self) -> Result<Vec<String>> {
        keyring::Entry::store_status()
            .as_ref()
            .map_err(|e| unavailable(&e.to_string()))?;
        let pattern = format!(r"\.{SERVICE}$");
        let spec: std::collections::HashMap<&str, &str> = if cfg!(target_os = "windows") {
            [("pattern", pattern.as_str())].into()
        } else {
            [("service", SERVICE)].into()
        };
        let found = keyring_core::Entry::search(&spec).map_err(map_err)?;
        Ok(found
            .iter()
            .filter_map(|e| e.get_specifiers())
            .filter(|(service, _)| service == SERVICE)
            .map(|(_, account)| account)
            .collect())
    }

    fn backend(&self) -> &'static str {
        if cfg!(target_os = "macos") {
            "macOS Keychain"
        } else if cfg!(target_os = "windows") {
            "Windows Credential Manager"
        } else {
            "Secret Service"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn boxed(msg: &str) -> Box<dyn std::error::Error + Send + Sync> {
        msg.to_string().into()
    }

    #[test]
    fn backend_errors_map_to_clear_codes() {
        let table = [
            (keyring::Error::NoDefaultStore, ErrorCode::KeychainUnavailable, "Secret Service"),
            (
                keyring::Error::PlatformFailure(boxed("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files")),
                ErrorCode::KeychainUnavailable,
                "gnome-keyring",
            ),
            (keyring::Error::NoStorageAccess(boxed("Locked")), ErrorCode::KeychainError, "locked"),
            (keyring::Error::TooLong("password".into(), 2560), ErrorCode::KeychainError, "longer than"),
            (keyring::Error::PlatformFailure(boxed("something else")), ErrorCode::KeychainError, "something else"),
        ];
        for (err, code, fragment) in table {
            let e = map_err(err);
            assert_eq!(e.code(), code, "{e}");
            let m = e.to_string();
            if cfg!(target_os = "linux") || code != ErrorCode::KeychainUnavailable {
                assert!(m.contains(fragment), "{m}");
            }
            assert!(
                m.contains("plain text") || m.contains("try again"),
                "says what to do: {m}"
            );
        }
    }
}
