//! Private folders: the configuration folder, its `locks/` and the app's log
//! folder are created mode 0700 and must belong to the user running the
//! wizard.
//!
//! A folder another user owns (or can write to) lets that user replace
//! `connections.json`, plant a symlink where the wizard writes, or read what
//! it logs. The wizard therefore refuses such a folder with a clear error
//! instead of quietly using it, and tightens a folder it owns to 0700.

use std::path::Path;

use crate::error::{Error, Result};

/// Creates `dir` (and missing parents) if needed, checks that the current
/// user owns it, and makes it 0700. On Windows the folder inherits the
/// per-user ACL of the profile folder, so only creation applies.
pub fn ensure(dir: &Path) -> Result<()> {
    create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = std::fs::metadata(dir).map_err(|e| {
            Error::config(
                &format!("The folder {} could not be read", dir.display()),
                e,
            )
        })?;
        let me = rustix::process::geteuid().as_raw();
        if meta.uid() != me {
            return Err(Error::configuration(format!(
                "The folder {} belongs to another user (uid {}), so that user could change what the wizard stores there. Nothing was written. Remove the folder or give it to your user (chown), then try again.",
                dir.display(),
                meta.uid()
            ))
            .because("foreign-folder")
            .with("path", dir.display())
            .with("uid", meta.uid()));
        }
        if meta.permissions().mode() & 0o777 != 0o700 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(|e| {
                Error::config(
                    &format!(
                        "The folder {} could not be made private (mode 0700)",
                        dir.display()
                    ),
                    e,
                )
            })?;
        }
    }
    Ok(())
}

/// For readers: a folder that does not exist is fine (nothing to read); one
/// that another user owns is refused, as by [`ensure`].
pub fn check_owner(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(dir) {
        refuse_foreign(dir, &meta)?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(unix)]
fn refuse_foreign(dir: &Path, meta: &std::fs::Metadata) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    if meta.uid() != rustix::process::geteuid().as_raw() {
        return Err(Error::configuration(format!(
            "The folder {} belongs to another user (uid {}), so that user could change what the wizard stores there. Nothing was read or written. Remove the folder or give it to your user (chown), then try again.",
            dir.display(),
            meta.uid()
        ))
        .because("foreign-folder")
        .with("path", dir.display())
        .with("uid", meta.uid()));
    }
    Ok(())
}

fn create(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| {
        Error::config(
            &format!("The folder {} could not be created", dir.display()),
            e,
        )
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn creates_and_tightens_to_0700() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/b");
        ensure(&dir).unwrap();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        ensure(&dir).unwrap();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }
}
