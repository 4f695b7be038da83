//! What happened when `connections.json` was found damaged, kept until the
//! administrator acknowledges it.
//!
//! The store ([`crate::store::Store`]) restores a damaged file from its last
//! good copy (`connections.json.bak`) or rebuilds it from the keychain, keeps
//! the damaged file aside, and records the event here, in `recovery.json`
//! beside it (0600, written atomically). Every process reads it: the CLI
//! prints a line on every command, `check` says ATTENTION, `diagnostics`
//! names the damaged file, and the status screen shows a banner, until
//! [`acknowledge`] removes it. It holds no secret: dates, file names,
//! connection IDs and counts.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Error, Result};

const FILE: &str = "recovery.json";

/// Where the connections came back from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RecoverySource {
    /// The last good copy, `connections.json.bak`: labels and accounts included.
    Backup,
    /// Rebuilt from the keychain's entries: environment, client ID and
    /// tokens; labels and accounts are lost and must be checked.
    Keychain,
}

/// One damaged `connections.json` and what was done about it. The app's IPC
/// type too (the status screen's banner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RecoveryEvent {
    /// When the damage was found.
    #[serde(with = "time::serde::rfc3339")]
    #[specta(type = String)]
    pub at: OffsetDateTime,
    /// The file name the damaged file was kept under, in the same folder.
    pub damaged_file: String,
    pub source: RecoverySource,
    /// How many connections came back.
    #[specta(type = u32)]
    pub connections: usize,
    /// IDs of the connections rebuilt from the keychain (their labels,
    /// shipper accounts and, for a custom environment, base URL are guesses).
    #[serde(default)]
    pub rebuilt: Vec<String>,
}

impl RecoveryEvent {
    /// One English sentence for the CLI and diagnostics (the UI words it from
    /// its own catalog).
    pub fn describe(&self) -> String {
        let how = match self.source {
            RecoverySource::Backup => format!(
                "restored {} connection(s) from the last good copy (connections.json.bak)",
                self.connections
            ),
            RecoverySource::Keychain => format!(
                "rebuilt {} connection(s) from the keychain: check their labels and shipper accounts (and the address of a custom environment)",
                self.connections
            ),
        };
        format!(
            "The connections file was damaged on {}; {how}. The damaged file is kept as {}.",
            crate::display::rfc3339(self.at),
            self.damaged_file
        )
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RecoveryFile {
    events: Vec<RecoveryEvent>,
}

fn read(dir: &Path) -> Result<RecoveryFile> {
    let path = dir.join(FILE);
    match fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            Error::config(
                &format!(
                    "The file {} is not readable; delete it to clear the notice",
                    path.display()
                ),
                e,
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(RecoveryFile::default()),
        Err(e) => Err(Error::config(
            &format!("The file {} could not be read", path.display()),
            e,
        )),
    }
}

/// The recoveries not acknowledged yet, oldest first.
pub fn pending(dir: &Path) -> Result<Vec<RecoveryEvent>> {
    crate::private_dir::check_owner(dir)?;
    Ok(read(dir)?.events)
}

/// Adds an event. Called by the store under its lock.
pub(crate) fn record(dir: &Path, event: RecoveryEvent) -> Result<()> {
    let mut file = read(dir).unwrap_or_default();
    file.events.push(event);
    let json = serde_json::to_vec_pretty(&file)
        .map_err(|e| Error::config("The recovery notice could not be encoded", e))?;
    crate::replace::write_private(dir, FILE, &json).map_err(|e| {
        Error::config(
            &format!("The file {} could not be written", dir.join(FILE).display()),
            e,
        )
    })
}

/// The administrator has seen the notice: removes it. Returns whether there
/// was one.
pub fn acknowledge(dir: &Path) -> Result<bool> {
    crate::private_dir::check_owner(dir)?;
    match fs::remove_file(dir.join(FILE)) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::config("The recovery notice could not be removed", e)),
    }
}

/// Whether `id` was rebuilt from the keychain in a recovery not acknowledged yet.
pub fn is_rebuilt(events: &[RecoveryEvent], id: &str) -> bool {
    events.iter().any(|e| e.rebuilt.iter().any(|r| r == id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn record_pending_acknowledge() {
        let dir = tempfile::tempdir().unwrap();
        assert!(pending(dir.path()).unwrap().is_empty());
        let e = RecoveryEvent {
            at: datetime!(2026-12-04 15:00 UTC),
            damaged_file: "connections.json.corrupt-1".into(),
            source: RecoverySource::Keychain,
            connections: 2,
            rebuilt: vec!["0123456789ab".into()],
        };
        record(dir.path(), e.clone()).unwrap();
        let got = pending(dir.path()).unwrap();
        assert_eq!(got, vec![e]);
        assert!(is_rebuilt(&got, "0123456789ab"));
        let text = got[0].describe();
        assert!(text.contains("2026-12-04T15:00:00Z"), "{text}");
        assert!(
            text.contains("rebuilt 2 connection(s) from the keychain"),
            "{text}"
        );
        assert!(text.contains("connections.json.corrupt-1"), "{text}");
        assert!(acknowledge(dir.path()).unwrap());
        assert!(!acknowledge(dir.path()).unwrap());
        assert!(pending(dir.path()).unwrap().is_empty());
    }
}
