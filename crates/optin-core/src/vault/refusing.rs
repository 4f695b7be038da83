//! Test builds only (cargo feature `test-faults`, which no installer turns
//! on): the real keychain, whose writes are refused while a flag file exists.
//! Process-level tests use it to make the real Secret Service refuse the
//! rotated refresh token in one process and accept it again later, which a
//! locked collection cannot do without a password prompt.

use std::path::PathBuf;
use std::sync::Arc;

use super::SecretStore;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// Path of the flag file: while it exists, every keychain write fails.
pub const REFUSE_WRITES_ENV: &str = "UPS_OPTIN_TEST_REFUSE_KEYCHAIN_WRITES";

/// `inner`, refusing writes while [`REFUSE_WRITES_ENV`]'s file exists (when set).
pub fn from_env(inner: Arc<dyn SecretStore>) -> Arc<dyn SecretStore> {
    match std::env::var_os(REFUSE_WRITES_ENV).filter(|v| !v.is_empty()) {
        Some(flag) => while_exists(inner, PathBuf::from(flag)),
        None => inner,
    }
}

/// `inner`, refusing writes while `flag` exists.
pub fn while_exists(inner: Arc<dyn SecretStore>, flag: PathBuf) -> Arc<dyn SecretStore> {
    Arc::new(RefusingWrites { inner, flag })
}

struct RefusingWrites {
    inner: Arc<dyn SecretStore>,
    flag: PathBuf,
}

impl SecretStore for RefusingWrites {
    fn get(&self, account: &str) -> Result<Option<Secret>> {
        self.inner.get(account)
    }

    fn set(&self, account: &str, value: &Secret) -> Result<()> {
        if self.flag.exists() {
            return Err(Error::Keychain(
                "the keychain is locked (test fault: writes refused)".into(),
            ));
        }
        self.inner.set(account, value)
    }

    fn delete(&self, account: &str) -> Result<()> {
        self.inner.delete(account)
    }

    fn health(&self) -> Result<()> {
        self.inner.health()
    }

    fn backend(&self) -> &'static str {
        self.inner.backend()
    }
}
