//! The app's non-secret preferences, in `settings.json` beside
//! `connections.json`: start at login, whether the "keeps running in the
//! tray" hint was already shown, the proxy setting, and the language the administrator chose. Written atomically (temporary file + rename);
//! a missing or unreadable file reads as the defaults (everything off).
//!
//! It decides what the OS starts at login, so it is kept like
//! `connections.json`: in the private configuration folder
//! ([`crate::private_dir`]: 0700, the user's own), through a new temp file
//! with a random name created exclusively with mode 0600 (a planted symlink
//! is never followed), and a file or folder that belongs to another user is
//! not read (the defaults apply).

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
    /// Which proxy requests to UPS use (`network::proxy` reads it); its login
    /// is in the keychain, never here.
    pub proxy: ProxySetting,
    /// The language chosen in the wizard's menu (one of
    /// [`crate::i18n::LOCALES`]); `None`: follow the OS.
    pub language: Option<String>,
}

/// The proxy setting the administrator chose (`settings.json`, key `proxy`;
/// checked and applied by `network::proxy`, which re-exports it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum ProxySetting {
    /// The environment's proxy variables, then the OS settings (the default).
    #[default]
    Automatic,
    /// This proxy for every request to UPS (`NO_PROXY` still applies).
    Manual {
        /// `http://host:port` (or https); never with a login in it.
        url: String,
    },
    /// No proxy, whatever the environment and the OS settings say.
    Direct,
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
        if let Err(e) = self.check_owner() {
            log::warn!("{e}; using the defaults");
            return Settings::default();
        }
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

    /// The folder and the file must be the user's own.
    fn check_owner(&self) -> Result<()> {
        crate::private_dir::check_owner(&self.dir)?;
        #[cfg(unix)]
        if let Ok(meta) = fs::symlink_metadata(self.path()) {
            use std::os::unix::fs::MetadataExt;
            if meta.uid() != rustix::process::geteuid().as_raw() {
                return Err(Error::configuration(format!(
                    "{} belongs to another user (uid {}), who could choose what starts at your login. Remove the file, then try again.",
                    self.path().display(),
                    meta.uid()
                ))
                .because("foreign-settings")
                .with("path", self.path().display())
                .with("uid", meta.uid()));
            }
        }
        Ok(())
    }

    fn write(&self, s: &Settings) -> Result<()> {
        let what = format!("The settings could not be saved in {}", self.dir.display());
        crate::private_dir::ensure(&self.dir)?;
        let bytes = serde_json::to_vec_pretty(s).unwrap_or_default();
        write_private(&self.dir, &self.path(), &bytes).map_err(|e| Error::config(&what, e))
    }
}

/// A new temp file with a random name, created exclusively with mode 0600,
/// then renamed over `path`.
fn write_private(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{FILE}.tmp-"))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    let tmp = tmp.into_temp_path();
    crate::replace::replace_file(&tmp, path)?;
    let _ = tmp.keep();
    Ok(())
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

    #[cfg(unix)]
    #[test]
    fn written_private_never_through_a_planted_symlink_and_a_foreign_file_is_not_read() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("cfg");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        // Another user's trap: the old fixed temp name, pointing elsewhere.
        let target = root.path().join("elsewhere");
        fs::write(&target, b"untouched").unwrap();
        std::os::unix::fs::symlink(&target, dir.join("settings.json.tmp")).unwrap();
        let f = SettingsFile::new(&dir);
        f.update(|s| s.start_at_login = true).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"untouched");
        assert_eq!(fs::metadata(&dir).unwrap().mode() & 0o777, 0o700);
        assert_eq!(fs::metadata(f.path()).unwrap().mode() & 0o777, 0o600);
        assert!(f.load().start_at_login);
        // A settings.json that belongs to another user is not read.
        if rustix::process::geteuid().is_root() {
            std::os::unix::fs::chown(f.path(), Some(4242), Some(4242)).unwrap();
            assert_eq!(f.load(), Settings::default());
        }
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
                ..Settings::default()
            }
        );
    }
}
