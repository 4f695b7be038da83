//! An in-memory [`SecretStore`] for unit tests, with one-shot failure injection
//! and an optional per-entry size limit (to model Windows' 2,560 bytes).

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::SecretStore;
use crate::error::{Error, Result};
use crate::secret::Secret;

#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<BTreeMap<String, Secret>>,
    fail_write: Mutex<Option<Error>>,
    fail_read: Mutex<Option<Error>>,
    max_len: Option<usize>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_max_len(max_len: usize) -> Self {
        MemoryStore {
            max_len: Some(max_len),
            ..Self::default()
        }
    }

    /// The next `set` fails with `err`, once.
    pub fn fail_next_write(&self, err: Error) {
        *lock(&self.fail_write) = Some(err);
    }

    /// The next `get` fails with `err`, once.
    pub fn fail_next_read(&self, err: Error) {
        *lock(&self.fail_read) = Some(err);
    }

    pub fn len(&self) -> usize {
        lock(&self.entries).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Account names, for assertions.
    pub fn accounts(&self) -> Vec<String> {
        lock(&self.entries).keys().cloned().collect()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl SecretStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<Secret>> {
        if let Some(e) = lock(&self.fail_read).take() {
            return Err(e);
        }
        Ok(lock(&self.entries).get(account).cloned())
    }

    fn set(&self, account: &str, value: &Secret) -> Result<()> {
        if let Some(e) = lock(&self.fail_write).take() {
            return Err(e);
        }
        if self.max_len.is_some_and(|m| value.len() > m) {
            return Err(Error::Keychain(format!(
                "the value for {account} is too long for this keychain"
            )));
        }
        lock(&self.entries).insert(account.to_string(), value.clone());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<()> {
        lock(&self.entries).remove(account);
        Ok(())
    }

    fn health(&self) -> Result<()> {
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "memory"
    }

    fn list(&self) -> Result<Vec<String>> {
        Ok(self.accounts())
    }
}
