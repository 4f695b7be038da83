//! The app's non-secret preferences, in `settings.json` beside
//! `connections.json`: start at login, whether the "keeps running in the
//! tray" hint was already shown, and the language the administrator chose. Written atomically (temporary file + rename);
//! a missing or unreadable file reads as the defaults (everything off).

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const FILE: &str = "settings.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Start the app hidden in the tray at login (off by default).
    pub start_at_login: bool,
    /// The window already said once that closing it keeps the app in the tray.
    pub tray_hint_shown: bool,
    /// The language chosen in the wizard's menu (one of
    /// [`crate::i18n::LOCALES`]); `None`: follow the OS.
    pub language: Option<String>,
}

/// `settings.json` in a configuration folder.
#[derive(Debug, Clone)]
pub struct SettingsFile {
    dir: PathBuf,
}

impl SettingsFile {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        SettingsFile { dir: dir.into() }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// The stored settings, or the defaults when there are none (an
    /// unreadable file is logged and read as the defaults).
    pub fn load(&self) -> Settings {
        match fs::read(self.path()) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                log::warn!(
                    "{} is unreadable ({e}); using the defaults",
                    self.path().display()
                );
                Settings::default()
            }),
            Err(_) => Settings::default(),
        }
    }

    /// Changes the settings and writes them atomically; returns the new ones.
    pub fn update(&self, f: impl FnOnce(&mut Settings)) -> Result<Settings> {
        let mut s = self.load();
        f(&mut s);
        self.write(&s)?;
        Ok(s)
    }

    fn write(&self, s: &Settings) -> Result<()> {
        let what = format!("The settings could not be saved in {}", self.dir.display());
        fs::create_dir_all(&self.dir).map_err(|e| Error::config(&what, e))?;
        let tmp = self.dir.join(format!("{FILE}.tmp"));
        let bytes = serde_json::to_vec_pretty(s).unwrap_or_default();
        write_then_rename(&tmp, &self.path(), &bytes).map_err(|e| Error::config(&what, e))
    }
}

fn write_then_rename(tmp: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    fs::write(tmp, bytes)?;
    fs::rename(tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_off_round_trip_and_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let f = SettingsFile::new(dir.path().join("cfg"));
        assert_eq!(f.load(), Settings::default());
        assert!(!f.load().start_at_login);
        f.update(|s| s.start_at_login = true).unwrap();
        // A new reader (a restart) sees it.
        assert!(
            SettingsFile::new(dir.path().join("cfg"))
                .load()
                .start_at_login
        );
        f.update(|s| s.tray_hint_shown = true).unwrap();
        let s = f.load();
        assert!(s.start_at_login && s.tray_hint_shown);
        f.update(|s| s.start_at_login = false).unwrap();
        assert!(!f.load().start_at_login);
        f.update(|s| s.language = Some("fr-CA".into())).unwrap();
        assert_eq!(
            SettingsFile::new(dir.path().join("cfg"))
                .load()
                .language
                .as_deref(),
            Some("fr-CA")
        );
    }

    #[test]
    fn unreadable_or_partial_files_read_as_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let f = SettingsFile::new(dir.path());
        fs::write(f.path(), b"{not json").unwrap();
        assert_eq!(f.load(), Settings::default());
        fs::write(f.path(), br#"{"start_at_login":true,"future":1}"#).unwrap();
        assert_eq!(
            f.load(),
            Settings {
                start_at_login: true,
                tray_hint_shown: false,
                language: None,
            }
        );
    }
}
