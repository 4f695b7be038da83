//! The cross-process refresh lock.
//!
//! UPS refresh tokens are single use. Two refreshes that spend the same token
//! (two threads, two processes: the wizard and `ups-optin token` from a product
//! application) would leave one of them with an invalid grant. Every refresh
//! therefore holds `locks/<connection-id>.lock` (an OS file lock, released by the
//! OS if the process dies), re-reads the refresh token after taking it, and
//! writes the rotated token back before releasing it.

use std::fs::{File, OpenOptions};
use std::path::Path;
use std::time::Duration;

use crate::error::{Error, Result};

/// A held refresh lock; released on drop.
#[derive(Debug)]
pub struct RefreshLock {
    _file: File,
}

/// Takes the lock for `connection_id` under `dir`, waiting up to `wait`.
pub async fn acquire(dir: &Path, connection_id: &str, wait: Duration) -> Result<RefreshLock> {
    let locks = dir.join("locks");
    std::fs::create_dir_all(&locks)
        .map_err(|e| Error::config("The lock folder could not be created", e))?;
    let path = locks.join(format!("{connection_id}.lock"));
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            Error::config(
                &format!("The lock file {} could not be opened", path.display()),
                e,
            )
        })?;
    let deadline = tokio::time::Instant::now() + wait;
    let mut pause = Duration::from_millis(5);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(RefreshLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => {
                if tokio::time::Instant::now() >= deadline {
                    return Err(Error::Busy(wait));
                }
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::config("The refresh lock could not be taken", e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn second_holder_waits_then_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let held = acquire(dir.path(), "c1", Duration::from_secs(1))
            .await
            .unwrap();
        let err = acquire(dir.path(), "c1", Duration::from_millis(50))
            .await
            .unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Busy);
        let _other = acquire(dir.path(), "c2", Duration::from_millis(50))
            .await
            .unwrap();
        drop(held);
        acquire(dir.path(), "c1", Duration::from_millis(50))
            .await
            .unwrap();
    }
}
