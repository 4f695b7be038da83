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

/// The last error seen for a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
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

impl ConnectionRecord {
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
        fs::create_dir_all(&self.dir).map_err(|e| {
            Error::config(
                &format!("The folder {} could not be created", self.dir.display()),
                e,
            )
        })?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700));
        }
        Ok(())
    }

    /// Reads every connection. A missing file is empty; a corrupt one is moved
    /// aside (logged) and read as empty.
    pub fn load(&self) -> Result<Vec<ConnectionRecord>> {
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
        self.load()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::ConnectionNotFound(id.to_string()))
    }

    /// Read-modify-write under the store lock, written atomically.
    pub fn update<T>(&self, f: impl FnOnce(&mut Vec<ConnectionRecord>) -> Result<T>) -> Result<T> {
        self.ensure_dir()?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
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
        let tmp = self.dir.join(format!("{FILE}.tmp-{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            f.write_all(&json)?;
            f.sync_all()?;
            crate::replace::replace_file(&tmp, &self.path())?;
            if let Ok(d) = File::open(&self.dir) {
                let _ = d.sync_all();
            }
            Ok(())
        };
        write().map_err(|e| {
            let _ = fs::remove_file(&tmp);
            Error::config(
                &format!("The file {} could not be written", self.path().display()),
                e,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

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
        s.upsert(record("a")).unwrap();
        s.upsert(record("b")).unwrap();
        s.upsert(ConnectionRecord {
            label: "New".into(),
            ..record("a")
        })
        .unwrap();
        let all = s.load().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].label, "New");
        assert!(s.remove("a").unwrap().is_some());
        assert!(s.remove("a").unwrap().is_none());
        assert_eq!(s.get("b").unwrap().id, "b");
        assert_eq!(
            s.get("a").unwrap_err().code(),
            ErrorCode::ConnectionNotFound
        );
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
        s.upsert(record("a")).unwrap();
        assert_eq!(s.load().unwrap().len(), 1);
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
                std::thread::spawn(move || s.upsert(record(&format!("c{i}"))).unwrap())
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(Store::new(dir.path()).load().unwrap().len(), 8);
    }
}
