//! After a damaged `connections.json`: the notice every front end shows until
//! the administrator acknowledges it, and the keychain entries no connection
//! uses (leftovers of a lost file or an interrupted Remove), listed and removed
//! on request.

use super::{CoreEvent, OptIn};
use crate::error::Result;
use crate::recovery::{self, RecoveryEvent};
use crate::vault::EntryName;

impl OptIn {
    /// The recoveries not acknowledged yet. Reads the connections first, so a
    /// damaged file found now is recovered and reported at once.
    pub fn recovery_notices(&self) -> Result<Vec<RecoveryEvent>> {
        if let Err(e) = self.inner.store.load() {
            log::warn!("connections could not be read: {e}");
        }
        recovery::pending(self.inner.store.dir())
    }

    /// The administrator checked the recovered connections: the notice goes
    /// away everywhere. Returns whether there was one.
    pub fn acknowledge_recovery(&self) -> Result<bool> {
        let had = recovery::acknowledge(self.inner.store.dir())?;
        if had {
            self.emit(CoreEvent::ConnectionsChanged);
        }
        Ok(had)
    }

    /// Keychain entries under the wizard's service that no connection uses,
    /// by account name (parts of a used chunked value are used).
    pub async fn leftovers(&self) -> Result<Vec<String>> {
        let accounts = self.inner.vault.list().await?;
        let records = self.inner.store.load()?;
        let used = |key: &str| match EntryName::parse(key) {
            EntryName::Value(k) => records
                .iter()
                .any(|r| r.environment.key() == k.env && r.client_id == k.client_id),
            _ => false,
        };
        let mut out: Vec<String> = accounts
            .into_iter()
            .filter(|a| match EntryName::parse(a) {
                EntryName::Value(_) => !used(a),
                EntryName::Part { of } => !used(&of),
                EntryName::Other => true,
            })
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Removes the leftovers the administrator confirmed (`confirmed`), each
    /// only if it is still a leftover now. Returns how many were removed.
    pub async fn remove_leftovers(&self, confirmed: &[String]) -> Result<usize> {
        let now = self.leftovers().await?;
        let mut removed = 0;
        for account in now.iter().filter(|a| confirmed.contains(a)) {
            self.inner.vault.delete_account(account).await?;
            removed += 1;
        }
        if removed > 0 {
            log::info!("{removed} leftover keychain entr(ies) removed");
        }
        Ok(removed)
    }
}
