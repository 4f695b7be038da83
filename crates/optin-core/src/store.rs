//! The connection store: non-secret metadata of every connection in one JSON
//! file (`connections.json`) in the OS config directory.
//!
//! The file is schema-versioned and written atomically (temp file, fsync,
//! rename). Writers take `connections.lock` so two processes never lose each
//! other's changes. A corrupt file is moved aside (`connections.json.corrupt-…`)
//! with a warning; keychain entries are never touched by that.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::environment::Environment;
use crate::error::{Error, ErrorCode, Result};
use crate::ups::TokenAuth;

pub const SCHEMA: u32 = 1;
const FILE: &str = "connections.json";

/// Length of a connection ID: 12 lowercase hex digits (see [`ConnectionRecord::id_for`]).
pub const ID_LEN: usize = 12;

/// Checks a connection ID before it is used as a key or becomes part of a
/// path (`locks/<id>.lock`): exactly [`ID_LEN`] lowercase hex digits. IDs come
/// from the webview and the command line, so `../../x` must never reach the
/// file system. The message never repeats the rejected text.
pub fn check_id(id: &str) -> Result<&str> {
    if id.len() == ID_LEN && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(id)
    } else {
        Err(Error::invalid(
            "Connection ID",
            format!("it must be {ID_LEN} lowercase hexadecimal characters, as listed on the status screen and by `ups-optin status`. Nothing was changed."),
        ))
    }
}

/// How a connection was opted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Method {
    /// Opt in with UPS.com (authorization code + PKCE).
    Browser,
    /// Client ID and secret only.
    ClientCredentials,
}

/// One shipper account and what UPS said about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub number: String,
    /// `Some(true)` verified, `Some(false)` refused, `None` not checked.
    pub verified: Option<bool>,
    pub message: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub checked_at: Option<OffsetDateTime>,
}

/// The last error seen for a connection: stored in `connections.json` and
/// shown on its card (the same type and shape in both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LastError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
    /// The error as data, for the card in the admin's language (see
    /// `ErrorView::params`); `None` in files written before it, and left out
    /// of `ups-optin status --json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub params: Option<std::collections::BTreeMap<String, String>>,
}

/// Non-secret metadata of one connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionRecord {
    pub id: String,
    pub label: String,
    pub environment: Environment,
    pub client_id: String,
    pub method: Method,
    pub redirect_uri: Option<String>,
    /// How the sign-in answer came back (browser method).
    #[serde(default)]
    pub route: Option<crate::login::RouteKind>,
    #[serde(default)]
    pub token_auth: TokenAuth,
    #[serde(default)]
    pub accounts: Vec<AccountRecord>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub access_token_expires_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub refresh_token_expires_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_refresh_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(default)]
    pub last_error: Option<LastError>,
    /// UPS refused the refresh token: the admin must opt in again.
    #[serde(default)]
    pub reopt_needed: bool,
    /// False when the keychain no longer has this connection's tokens.
    #[serde(default = "yes")]
    pub connected: bool,
}

fn yes() -> bool {
    true
}

/// How a connection was opted in, with what that method keeps.
#[derive(Debug, Clone)]
pub enum OptedInWith {
    /// Opt in with UPS.com: the redirect URI sent to UPS, how the answer came
    /// back, and how the token endpoint is authenticated.
    Browser {
        redirect_uri: String,
        route: crate::login::RouteKind,
        token_auth: TokenAuth,
    },
    /// Client ID and secret only.
    ClientCredentials,
}

impl ConnectionRecord {
    /// The record of a connection just opted in at `now` with the tokens in
    /// `tokens`: the one place a connection record is built. `created_at` is
    /// `now`; [`crate::OptIn`] keeps the first date when the same connection is
    /// opted in again.
    pub fn opted_in(
        environment: Environment,
        client_id: String,
        label: String,
        how: OptedInWith,
        accounts: Vec<AccountRecord>,
        tokens: &crate::ups::TokenSet,
        now: OffsetDateTime,
    ) -> Self {
        let (method, redirect_uri, route, token_auth) = match how {
            OptedInWith::Browser {
                redirect_uri,
                route,
                token_auth,
            } => (Method::Browser, Some(redirect_uri), Some(route), token_auth),
            OptedInWith::ClientCredentials => {
                (Method::ClientCredentials, None, None, TokenAuth::Basic)
            }
        };
        ConnectionRecord {
            id: Self::id_for(&environment, &client_id),
            label,
            environment,
            client_id,
            method,
            redirect_uri,
            route,
            token_auth,
            accounts,
            access_token_expires_at: Some(
                now + tokens
                    .expires_in
                    .unwrap_or(crate::ups::CONSERVATIVE_LIFETIME),
            ),
            refresh_token_expires_at: tokens.refresh_expires_in.map(|d| now + d),
            last_refresh_at: Some(now),
            created_at: now,
            last_error: None,
            reopt_needed: false,
            connected: true,
        }
    }

    /// The connection ID: stable for one environment and client ID, so opting
    /// in again replaces the same connection.
    pub fn id_for(env: &Environment, client_id: &str) -> String {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(format!("{}/{client_id}", env.key()).as_bytes());
        digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
    }

    pub fn set_error(&mut self, e: &Error, at: OffsetDateTime) {
        self.last_error = Some(LastError {
            code: e.code(),
            message: e.to_string(),
            at,
            params: e.params(),
        });
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct FileBody {
    schema: u32,
    connections: Vec<ConnectionRecord>,
}

/// The connection store in one directory.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Store { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    fn ensure_dir(&self) -> Result<()> {
        crate::private_dir::ensure(&self.dir)
    }

    /// Reads every connection. A missing file is empty; a corrupt one is moved
    /// aside (logged) and read as empty.
    pub fn load(&self) -> Result<Vec<ConnectionRecord>> {
        crate::private_dir::check_owner(&self.dir)?;
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(Error::config(
                    &format!("The file {} could not be read", path.display()),
                    e,
                ))
            }
        };
        match serde_json::from_slice::<FileBody>(&bytes) {
            Ok(body) if body.schema <= SCHEMA => Ok(body.connections),
            Ok(body) => Err(Error::Config(format!(
                "The file {} was written by a newer version of the wizard (schema {}). Update the wizard, then try again.",
                path.display(),
                body.schema
            ))),
            Err(parse) => {
                let aside = path.with_extension(format!("json.corrupt-{}", OffsetDateTime::now_utc().unix_timestamp()));
                log::warn!(
                    "{} is not readable ({parse}); moved aside to {} and starting with no connections. Keychain entries were not touched.",
                    path.display(),
                    aside.display()
                );
                fs::rename(&path, &aside).map_err(|e| Error::config("The unreadable connections file could not be moved aside", e))?;
                Ok(Vec::new())
            }
        }
    }

    pub fn get(&self, id: &str) -> Result<ConnectionRecord> {
        check_id(id)?;
        self.load()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::ConnectionNotFound(id.to_string()))
    }

    /// Read-modify-write under the store lock, written atomically.
    pub fn update<T>(&self, f: impl FnOnce(&mut Vec<ConnectionRecord>) -> Result<T>) -> Result<T> {
        self.ensure_dir()?;
        let lock = private_file_options()
            .open(self.dir.join("connections.lock"))
            .map_err(|e| Error::config("The connections lock file could not be opened", e))?;
        lock.lock()
            .map_err(|e| Error::config("The connections lock could not be taken", e))?;
        let mut all = self.load()?;
        let out = f(&mut all)?;
        self.write_atomically(&all)?;
        drop(lock);
        Ok(out)
    }

    /// Inserts or replaces the record with the same ID.
    pub fn upsert(&self, record: ConnectionRecord) -> Result<()> {
        self.update(|all| {
            match all.iter_mut().find(|c| c.id == record.id) {
                Some(slot) => *slot = record,
                None => all.push(record),
            }
            Ok(())
        })
    }

    /// Applies `f` to one record.
    pub fn modify(
        &self,
        id: &str,
        f: impl FnOnce(&mut ConnectionRecord),
    ) -> Result<ConnectionRecord> {
        check_id(id)?;
        self.update(|all| {
            let r = all
                .iter_mut()
                .find(|c| c.id == id)
                .ok_or_else(|| Error::ConnectionNotFound(id.to_string()))?;
            f(r);
            Ok(r.clone())
        })
    }

    /// Removes a record; missing is fine.
    pub fn remove(&self, id: &str) -> Result<Option<ConnectionRecord>> {
        check_id(id)?;
        self.update(|all| {
            let pos = all.iter().position(|c| c.id == id);
            Ok(pos.map(|p| all.remove(p)))
        })
    }

    fn write_atomically(&self, all: &[ConnectionRecord]) -> Result<()> {
        let body = FileBody {
            schema: SCHEMA,
            connections: all.to_vec(),
        };
        let json = serde_json::to_vec_pretty(&body)
            .map_err(|e| Error::config("The connections could not be encoded", e))?;
        // A fresh temp file with a random name, created exclusively (O_EXCL,
        // mode 0600): a symlink planted in the folder is never followed and
        // the umask never widens the file. `persist` renames it over the old
        // file (atomically replacing it on Windows too).
        let write = || -> std::io::Result<()> {
            let mut tmp = tempfile::Builder::new()
                .prefix(&format!("{FILE}.tmp-"))
                .tempfile_in(&self.dir)?;
            tmp.write_all(&json)?;
            tmp.as_file().sync_all()?;
            // Closed before the rename: Windows refuses to move an open file.
            // The replace retries while a reader holds the target open there.
            let tmp = tmp.into_temp_path();
            crate::replace::replace_file(&tmp, &self.path())?;
            let _ = tmp.keep();
            if let Ok(d) = File::open(&self.dir) {
                let _ = d.sync_all();
            }
            Ok(())
        };
        write().map_err(|e| {
            Error::config(
                &format!("The file {} could not be written", self.path().display()),
                e,
            )
        })
    }
}

/// Opens (creating if needed, never truncating) a file only its owner may
/// read or write: lock files.
pub(crate) fn private_file_options() -> OpenOptions {
    let mut o = OpenOptions::new();
    o.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const A: &str = "0123456789ab";
    const B: &str = "ba9876543210";

    fn record(id: &str) -> ConnectionRecord {
        ConnectionRecord {
            id: id.into(),
            label: "WorldShip".into(),
            environment: Environment::Cie,
            client_id: "CID".into(),
            method: Method::Browser,
            redirect_uri: Some("upsoptin://oauth/callback".into()),
            route: None,
            token_auth: TokenAuth::Basic,
            accounts: vec![],
            access_token_expires_at: None,
            refresh_token_expires_at: None,
            last_refresh_at: None,
            created_at: datetime!(2026-11-29 12:00 UTC),
            last_error: None,
            reopt_needed: false,
            connected: true,
        }
    }

    #[test]
    fn round_trip_and_remove() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::new(dir.path());
        assert!(s.load().unwrap().is_empty());
        s.upsert(record(A)).unwrap();
        s.upsert(record(B)).unwrap();
        s.upsert(ConnectionRecord {
            label: "New".into(),
            ..record(A)
        })
        .unwrap();
        let all = s.load().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].label, "New");
        assert!(s.remove(A).unwrap().is_some());
        assert!(s.remove(A).unwrap().is_none());
        assert_eq!(s.get(B).unwrap().id, B);
        assert_eq!(s.get(A).unwrap_err().code(), ErrorCode::ConnectionNotFound);
    }

    #[test]
    fn corrupt_file_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::new(dir.path());
        fs::write(s.path(), b"{\"schema\":1,\"connections\":[{\"id\":").unwrap();
        assert!(s.load().unwrap().is_empty());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(
            names
                .iter()
                .any(|n| n.starts_with("connections.json.corrupt-")),
            "{names:?}"
        );
        s.upsert(record(A)).unwrap();
        assert_eq!(s.load().unwrap().len(), 1);
    }

    #[test]
    fn an_unknown_last_error_code_loads_and_keeps_every_connection() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::new(dir.path());
        s.upsert(record(A)).unwrap();
        s.upsert(record(B)).unwrap();
        s.modify(B, |r| {
            r.set_error(&Error::LoginCancelled, datetime!(2026-11-29 12:30 UTC))
        })
        .unwrap();
        // A newer build wrote a code this build does not know.
        let text = fs::read_to_string(s.path()).unwrap();
        assert!(text.contains("\"login_cancelled\""), "{text}");
        fs::write(
            s.path(),
            text.replace("\"login_cancelled\"", "\"code_from_a_newer_build\""),
        )
        .unwrap();

        let all = s.load().unwrap();
        assert_eq!(all.len(), 2, "every connection is kept");
        let b = all.iter().find(|c| c.id == B).unwrap();
        let last = b.last_error.as_ref().unwrap();
        assert_eq!(last.code, ErrorCode::Unknown);
        assert!(last.message.contains("cancelled"), "{}", last.message);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(
            !names.iter().any(|n| n.contains("corrupt")),
            "nothing was moved aside: {names:?}"
        );
        // And the file still round-trips through a write.
        s.modify(A, |r| r.label = "Renamed".into()).unwrap();
        assert_eq!(s.load().unwrap().len(), 2);
    }

    #[test]
    fn ids_are_stable_per_environment_and_client() {
        let a = ConnectionRecord::id_for(&Environment::Cie, "CID");
        assert_eq!(a, ConnectionRecord::id_for(&Environment::Cie, "CID"));
        assert_ne!(a, ConnectionRecord::id_for(&Environment::Production, "CID"));
        assert_eq!(a.len(), 12);
    }

    #[test]
    fn concurrent_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let s = Store::new(dir.path());
                std::thread::spawn(move || s.upsert(record(&format!("{i:012x}"))).unwrap())
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(Store::new(dir.path()).load().unwrap().len(), 8);
    }

    #[test]
    fn ids_are_checked_before_use() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::new(dir.path().join("config"));
        for bad in [
            "../../x",
            "..",
            "/etc/passwd",
            "0123456789AB",
            "0123456789a",
            "0123456789abc",
            "0123456789a/",
            "0123456789a\\",
            "",
            "０123456789ab",
        ] {
            assert_eq!(
                check_id(bad).unwrap_err().code(),
                ErrorCode::InvalidInput,
                "{bad:?}"
            );
            assert_eq!(s.get(bad).unwrap_err().code(), ErrorCode::InvalidInput);
            assert_eq!(
                s.modify(bad, |_| ()).unwrap_err().code(),
                ErrorCode::InvalidInput
            );
            assert_eq!(s.remove(bad).unwrap_err().code(), ErrorCode::InvalidInput);
            let msg = check_id(bad).unwrap_err().to_string();
            assert!(bad.is_empty() || !msg.contains(bad), "{msg}");
        }
        assert!(!dir.path().join("config").exists(), "nothing was created");
        check_id(&ConnectionRecord::id_for(&Environment::Cie, "CID")).unwrap();
    }

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_private_and_planted_symlinks_are_not_followed() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("config");
        let s = Store::new(&dir);
        crate::private_dir::ensure(&dir).unwrap();
        // Another user plants the temp names the old code used, pointing at a
        // file of the victim's (or their own, to read what is written).
        let victim = root.path().join("victim");
        fs::write(&victim, b"untouched").unwrap();
        for name in [
            format!("{FILE}.tmp-{}", std::process::id()),
            format!("{FILE}.tmp"),
        ] {
            std::os::unix::fs::symlink(&victim, dir.join(name)).unwrap();
        }
        s.upsert(record(A)).unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"untouched");
        let meta = fs::symlink_metadata(s.path()).unwrap();
        assert!(
            meta.file_type().is_file(),
            "connections.json is a plain file"
        );
        assert_eq!(mode(&s.path()), 0o600);
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("connections.lock")), 0o600);
        assert_eq!(s.get(A).unwrap().id, A);
    }

    #[cfg(unix)]
    #[test]
    fn a_config_folder_of_another_user_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("config");
        fs::create_dir(&dir).unwrap();
        // CI runs as root, which can give the folder away; elsewhere the
        // check is the same but cannot be set up.
        if let Err(e) = std::os::unix::fs::chown(&dir, Some(4242), Some(4242)) {
            eprintln!("skipped: cannot chown as this user ({e})");
            return;
        }
        let s = Store::new(&dir);
        let err = s.upsert(record(A)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::ConfigError);
        let msg = err.to_string();
        assert!(msg.contains("belongs to another user"), "{msg}");
        assert!(msg.contains("chown"), "says what to do: {msg}");
        assert!(!s.path().exists());
        assert!(!dir.join("connections.lock").exists());
        // Reading is refused too: its records say where secrets are sent.
        assert_eq!(s.load().unwrap_err().code(), ErrorCode::ConfigError);
    }
}
