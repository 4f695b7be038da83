//! The cross-process refresh lock.
//!
//! UPS refresh tokens are single use. Two refreshes that spend the same token
//! (two threads, two processes: the wizard and `ups-optin token` from a product
//! application) would leave one of them with an invalid grant. Every refresh
//! therefore holds `locks/<connection-id>.lock` (an OS file lock, released by the
//! OS if the process dies), re-reads the refresh token after taking it, and
//! writes the rotated token back before releasing it.

use std::fs::File;
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
    // Checked before it becomes a path: `../../x` must not create a file
    // outside the configuration folder.
    crate::store::check_id(connection_id)?;
    let locks = dir.join("locks");
    crate::private_dir::ensure(dir)?;
    crate::private_dir::ensure(&locks)?;
    let path = locks.join(format!("{connection_id}.lock"));
    let file = crate::store::private_file_options()
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
        let (c1, c2) = ("0000000000c1", "0000000000c2");
        let held = acquire(dir.path(), c1, Duration::from_secs(1))
            .await
            .unwrap();
        let err = acquire(dir.path(), c1, Duration::from_millis(50))
            .await
            .unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Busy);
        let _other = acquire(dir.path(), c2, Duration::from_millis(50))
            .await
            .unwrap();
        drop(held);
        acquire(dir.path(), c1, Duration::from_millis(50))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn traversal_ids_create_no_file_anywhere() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("home/config");
        for bad in [
            "../../x",
            "../x",
            "/tmp/x",
            "x/../../../y",
            "0123456789AB",
            "",
        ] {
            let err = acquire(&dir, bad, Duration::from_millis(10))
                .await
                .unwrap_err();
            assert_eq!(err.code(), crate::ErrorCode::InvalidInput, "{bad}");
        }
        assert!(
            std::fs::read_dir(root.path()).unwrap().next().is_none(),
            "nothing was created"
        );
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn lock_folder_and_files_are_private_and_owned() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("config");
        let id = "0123456789ab";
        let held = acquire(&dir, id, Duration::from_secs(1)).await.unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("locks")), 0o700);
        assert_eq!(mode(&dir.join(format!("locks/{id}.lock"))), 0o600);
        drop(held);
        if std::os::unix::fs::chown(dir.join("locks"), Some(4242), None).is_ok() {
            let err = acquire(&dir, id, Duration::from_millis(10))
                .await
                .unwrap_err();
            assert_eq!(err.code(), crate::ErrorCode::ConfigError);
            assert!(err.to_string().contains("belongs to another user"), "{err}");
        }
    }
}
