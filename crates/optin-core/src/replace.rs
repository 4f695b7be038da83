//! Replacing a file with another, atomically, on every OS.
//!
//! `std::fs::rename` is an atomic replace on Unix. On Windows it replaces an
//! existing file too (`MoveFileExW` with `MOVEFILE_REPLACE_EXISTING`, then
//! POSIX-semantics rename on Windows 10+), but it is refused with "Access
//! denied" while another process has the target open without
//! `FILE_SHARE_DELETE` — a product application or antivirus reading
//! `connections.json` — and under Wine while it is open at all. Those opens
//! are short, so the replace is retried for a while (up to 10 s) before the
//! error is returned. Readers never see a partial file either way.

use std::io;
use std::path::Path;
use std::time::Duration;

/// Moves `from` over `to`, replacing `to` atomically.
pub fn replace_file(from: &Path, to: &Path) -> io::Result<()> {
    let mut pause = Duration::from_millis(1);
    let mut waited = Duration::ZERO;
    loop {
        match std::fs::rename(from, to) {
            Err(e) if busy(&e) && waited < Duration::from_secs(10) => {
                std::thread::sleep(pause);
                waited += pause;
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Writes `bytes` to `dir/name` atomically: a fresh temp file with a random
/// name, created exclusively (O_EXCL, mode 0600: a symlink planted in the
/// folder is never followed and the umask never widens the file), synced,
/// then moved over the old file with [`replace_file`]. The one way the
/// wizard writes its files in the configuration folder.
pub fn write_private(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{name}.tmp-"))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Closed before the rename: Windows refuses to move an open file.
    let tmp = tmp.into_temp_path();
    replace_file(&tmp, &dir.join(name))?;
    let _ = tmp.keep();
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Whether the target is only held open by someone else for now.
fn busy(e: &io::Error) -> bool {
    // ERROR_ACCESS_DENIED (5), ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33).
    cfg!(windows)
        && (e.kind() == io::ErrorKind::PermissionDenied
            || matches!(e.raw_os_error(), Some(5 | 32 | 33)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "new").unwrap();
        std::fs::write(&b, "old").unwrap();
        replace_file(&a, &b).unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new");
        assert!(!a.exists());
    }

    #[test]
    fn a_missing_source_is_an_error_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let e = replace_file(&dir.path().join("none"), &dir.path().join("b")).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
    }
}
