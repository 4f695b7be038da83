//! The connection store: non-secret metadata of every connection in one JSON
//! file (`connections.json`) in the OS config directory.
//!
//! The file is schema-versioned and written atomically (temp file, fsync,
//! rename), then copied the same way to `connections.json.bak`, the last good
//! copy. Writers take `connections.lock` so two processes never lose each
//! other's changes. A damaged file (one that does not parse) is recovered
//! under that lock: from the last good copy, else rebuilt from the keychain's
//! entries; the damaged bytes are kept as `connections.json.corrupt-…` and the
//! event is recorded in [`crate::recovery`] for every front end to show.
//! Keychain entries are never touched by that. A file from a newer schema and
//! an unreadable file are errors, never moved or overwritten.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::environment::Environment;
use crate::error::{Error, ErrorCode, Result};
use crate::recovery::{RecoveryEvent, RecoverySource};
use crate::ups::TokenAuth;
use crate::vault::{EntryName, SecretKind, SecretStore};

pub const SCHEMA: u32 = 1;
const FILE: &str = "connections.json";
const BACKUP: &str = "connections.json.bak";

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
        )
        .because("bad-id"))
    }
}

/// How a connection was opted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
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
    /// UPS's own words when it refused the account; else the English
    /// sentence of `error`.
    pub message: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub checked_at: Option<OffsetDateTime>,
    /// Why the account could not be checked (not UPS's refusal), as data
    /// for the wizard to say in the admin's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<crate::error::ErrorView>,
}

/// The last error seen for a connection: stored in `connections.json` and
/// shown on its card (the same type and shape in both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LastError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(with = "time::serde::rfc3339")]
    #[specta(type = String)]
    pub at: OffsetDateTime,
    /// The error as data, for the card in the admin's language (see
    /// `ErrorView::params`); `None` in files written before it, and left out
    /// of `ups-optin status --json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
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
    /// Set, under the connection's lock, while a rotated refresh token UPS
    /// issued is not in the keychain (the keychain refused it): the one the
    /// keychain holds is already spent, so no process may send it. The value
    /// names that rotation, so the process holding the token saves only its
    /// own and clears the mark ([`crate::tokens`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsaved_rotation: Option<String>,
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
            unsaved_rotation: None,
        }
    }

    /// A record rebuilt from the keychain entries of one environment and
    /// client ID, after `connections.json` was damaged with no good copy.
    /// A refresh token means an opt-in with UPS.com. No expiry is known, so
    /// the first token request renews (and learns the state from UPS).
    /// Nobody chose a label: it stays empty, and each edge names the
    /// connection "recovered" in its own language
    /// (`status::status_of` for the CLI, `watch::name` for the tray); accounts are
    /// unknown.
    pub fn rebuilt(
        environment: Environment,
        client_id: String,
        kinds: &[SecretKind],
        now: OffsetDateTime,
    ) -> Self {
        let has = |k| kinds.contains(&k);
        let method = if has(SecretKind::RefreshToken) {
            Method::Browser
        } else {
            Method::ClientCredentials
        };
        ConnectionRecord {
            id: Self::id_for(&environment, &client_id),
            label: String::new(),
            environment,
            client_id,
            method,
            redirect_uri: None,
            route: None,
            token_auth: TokenAuth::default(),
            accounts: Vec::new(),
            access_token_expires_at: None,
            refresh_token_expires_at: None,
            last_refresh_at: None,
            created_at: now,
            unsaved_rotation: None,
            last_error: None,
            reopt_needed: false,
            connected: has(SecretKind::ClientSecret),
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
#[derive(Clone)]
pub struct Store {
    dir: PathBuf,
    /// The keychain, to rebuild a damaged file that has no good copy.
    secrets: Option<Arc<dyn SecretStore>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .field("keychain", &self.secrets.as_ref().map(|s| s.backend()))
            .finish()
    }
}

/// What reading `connections.json` found.
enum Read {
    Missing,
    Good(Vec<ConnectionRecord>),
    /// Written by a newer build: an error, never moved or overwritten.
    Newer(u32),
    /// Does not parse (truncated, empty, garbage, the wrong shape).
    Damaged {
        bytes: Vec<u8>,
        problem: String,
    },
}

fn parse(bytes: Vec<u8>) -> Read {
    match serde_json::from_slice::<FileBody>(&bytes) {
        Ok(body) if body.schema <= SCHEMA => Read::Good(body.connections),
        Ok(body) => Read::Newer(body.schema),
        Err(e) => {
            // A newer schema may also have a shape this build cannot read.
            let schema = serde_json::from_slice::<serde_json::Value>(&bytes)
                .ok()
                .and_then(|v| v.get("schema")?.as_u64());
            match schema {
                Some(n) if n > u64::from(SCHEMA) => {
                    Read::Newer(u32::try_from(n).unwrap_or(u32::MAX))
                }
                _ => Read::Damaged {
                    bytes,
                    problem: e.to_string(),
                },
            }
        }
    }
}

impl Store {
    /// A store without the keychain (tests, tools): a damaged
    /// `connections.json` with no good copy is an error and is left as it is,
    /// for a store [`Store::with_keychain`] to rebuild.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Store {
            dir: dir.into(),
            secrets: None,
        }
    }

    /// A store that rebuilds a damaged file with no good copy from the
    /// keychain entries in `secrets` (what [`crate::OptIn`] builds).
    pub fn with_keychain(dir: impl Into<PathBuf>, secrets: Arc<dyn SecretStore>) -> Self {
        Store {
            dir: dir.into(),
            secrets: Some(secrets),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// The last good copy, rewritten after every successful save.
    pub fn backup_path(&self) -> PathBuf {
        self.dir.join(BACKUP)
    }

    fn ensure_dir(&self) -> Result<()> {
        crate::private_dir::ensure(&self.dir)
    }

    fn read(&self) -> Result<Read> {
        let path = self.path();
        match fs::read(&path) {
            Ok(b) => Ok(parse(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Read::Missing),
            Err(e) => Err(Error::config(
                &format!("The file {} could not be read", path.display()),
                e,
            )),
        }
    }

    fn newer(&self, schema: u32) -> Error {
        Error::configuration(format!(
            "The file {} was written by a newer version of the wizard (schema {schema}). Update the wizard, then try again. Nothing was changed.",
            self.path().display(),
        ))
        .because("newer-schema")
        .with("path", self.path().display())
    }

    /// Reads every connection. A missing file is empty. A damaged one is
    /// recovered under the store lock (see [`Store::recover`]); a newer
    /// schema or an unreadable file is an error and is left as it is.
    pub fn load(&self) -> Result<Vec<ConnectionRecord>> {
        crate::private_dir::check_owner(&self.dir)?;
        match self.read()? {
            Read::Missing => Ok(Vec::new()),
            Read::Good(all) => Ok(all),
            Read::Newer(n) => Err(self.newer(n)),
            Read::Damaged { .. } => {
                let lock = self.lock()?;
                let all = self.load_locked();
                drop(lock);
                all
            }
        }
    }

    /// [`Store::load`] with the store lock held.
    fn load_locked(&self) -> Result<Vec<ConnectionRecord>> {
        match self.read()? {
            Read::Missing => Ok(Vec::new()),
            Read::Good(all) => Ok(all),
            Read::Newer(n) => Err(self.newer(n)),
            Read::Damaged { bytes, problem } => self.recover(&bytes, &problem),
        }
    }

    /// A damaged `connections.json` (under the lock): the connections come
    /// back from the last good copy, else from the keychain's entries; the
    /// damaged bytes are kept aside (`connections.json.corrupt-<time>`); the
    /// file is rewritten whole (never missing in between); and the event is
    /// recorded for every process to show ([`crate::recovery`]). When the
    /// keychain cannot be listed, nothing is moved and the error says so.
    fn recover(&self, damaged: &[u8], problem: &str) -> Result<Vec<ConnectionRecord>> {
        let now = OffsetDateTime::now_utc()
            .replace_nanosecond(0)
            .unwrap_or(OffsetDateTime::now_utc());
        let backup = match fs::read(self.backup_path()).map(parse) {
            Ok(Read::Good(all)) => Some(all),
            Ok(_) => None,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                log::warn!(
                    "the last good copy {} could not be read: {e}",
                    self.backup_path().display()
                );
                None
            }
        };
        let (records, source, rebuilt) = match (backup, &self.secrets) {
            (Some(all), _) => (all, RecoverySource::Backup, Vec::new()),
            (None, Some(secrets)) => {
                let accounts = list_off_runtime(secrets).map_err(|e| {
                    Error::configuration(format!(
                        "The file {} is damaged and there is no good copy; the wizard rebuilds it from the keychain, which could not be read: {e} Nothing was moved or changed; fix the keychain, then try again.",
                        self.path().display()
                    ))
                    .because("damaged-keychain-unreadable")
                    .with("path", self.path().display())
                })?;
                let all = rebuild(&accounts, now);
                let ids = all.iter().map(|r| r.id.clone()).collect();
                (all, RecoverySource::Keychain, ids)
            }
            (None, None) => {
                return Err(Error::configuration(format!(
                    "The file {} is damaged and there is no good copy. Nothing was moved or changed: open the wizard or run `ups-optin status`, which rebuild it from the keychain.",
                    self.path().display()
                ))
                .because("damaged-no-copy")
                .with("path", self.path().display()))
            }
        };
        let aside = self.keep_aside(damaged, now)?;
        self.write_atomically(&records)?;
        log::warn!(
            "{} was damaged ({problem}); kept as {aside}; {} connection(s) restored from {source:?}. Keychain entries were not touched.",
            self.path().display(),
            records.len(),
        );
        let event = RecoveryEvent {
            at: now,
            damaged_file: aside,
            source,
            connections: records.len(),
            rebuilt,
        };
        if let Err(e) = crate::recovery::record(&self.dir, event) {
            log::error!(
                "the recovery of {} could not be recorded: {e}",
                self.path().display()
            );
        }
        Ok(records)
    }

    /// Writes the damaged bytes to a new `connections.json.corrupt-<time>`
    /// (never over an earlier one); returns its file name.
    fn keep_aside(&self, damaged: &[u8], now: OffsetDateTime) -> Result<String> {
        let stamp = now.unix_timestamp();
        let name = (0..)
            .map(|n| match n {
                0 => format!("{FILE}.corrupt-{stamp}"),
                n => format!("{FILE}.corrupt-{stamp}-{n}"),
            })
            .find(|name| !self.dir.join(name).exists())
            .unwrap_or_else(|| unreachable!("an unused name exists"));
        crate::replace::write_private(&self.dir, &name, damaged).map_err(|e| {
            Error::config(
                "The damaged connections file could not be kept aside; nothing was changed",
                e,
            )
        })?;
        Ok(name)
    }

    pub fn get(&self, id: &str) -> Result<ConnectionRecord> {
        check_id(id)?;
        self.load()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::ConnectionNotFound(id.to_string()))
    }

    fn lock(&self) -> Result<File> {
        self.ensure_dir()?;
        let lock = private_file_options()
            .open(self.dir.join("connections.lock"))
            .map_err(|e| Error::config("The connections lock file could not be opened", e))?;
        lock.lock()
            .map_err(|e| Error::config("The connections lock could not be taken", e))?;
        Ok(lock)
    }

    /// Read-modify-write under the store lock, written atomically.
    pub fn update<T>(&self, f: impl FnOnce(&mut Vec<ConnectionRecord>) -> Result<T>) -> Result<T> {
        let lock = self.lock()?;
        let mut all = self.load_locked()?;
        let out = f(&mut all)?;
        self.write_atomically(&all)?;
        drop(lock);
        Ok(out)
    }

    /// Inserts or replaces the record with the same ID. For these tests only:
    /// the service saves a connection its own way (keeping `created_at`).
    #[cfg(test)]
    pub(crate) fn upsert(&self, record: ConnectionRecord) -> Result<()> {
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

    /// Writes the file, then the same bytes as the last good copy
    /// (`connections.json.bak`), both atomically and 0600. A failed copy
    /// only costs the copy: the save itself succeeded.
    fn write_atomically(&self, all: &[ConnectionRecord]) -> Result<()> {
        let body = FileBody {
            schema: SCHEMA,
            connections: all.to_vec(),
        };
        let json = serde_json::to_vec_pretty(&body)
            .map_err(|e| Error::config("The connections could not be encoded", e))?;
        // The replace retries while a reader holds the target open (Windows).
        crate::replace::write_private(&self.dir, FILE, &json).map_err(|e| {
            Error::config(
                &format!("The file {} could not be written", self.path().display()),
                e,
            )
        })?;
        if let Err(e) = crate::replace::write_private(&self.dir, BACKUP, &json) {
            log::warn!(
                "the last good copy {} could not be written: {e}",
                self.backup_path().display()
            );
        }
        Ok(())
    }
}

/// Lists the keychain's entries on a thread of its own: the store is called
/// from async code, and a keychain call must not block (or, for some
/// backends, start a runtime) on a runtime thread. A one-off, on recovery.
fn list_off_runtime(secrets: &Arc<dyn SecretStore>) -> Result<Vec<String>> {
    std::thread::scope(|s| {
        s.spawn(|| secrets.list()).join().unwrap_or_else(|_| {
            Err(Error::Keychain(
                "listing the keychain stopped unexpectedly".into(),
            ))
        })
    })
}

/// One record per `<env>/<client_id>` with a value in the keychain (parts of
/// chunked values are not connections), marked for the admin to check.
fn rebuild(accounts: &[String], now: OffsetDateTime) -> Vec<ConnectionRecord> {
    let mut found: BTreeMap<(String, String), Vec<SecretKind>> = BTreeMap::new();
    for account in accounts {
        if let EntryName::Value(key) = EntryName::parse(account) {
            found
                .entry((key.env, key.client_id))
                .or_default()
                .push(key.kind);
        }
    }
    found
        .into_iter()
        .filter_map(|((env_key, client_id), kinds)| {
            let Some(env) = Environment::from_key(&env_key) else {
                log::warn!("keychain entries under {env_key}/… name no environment this build knows; left as they are");
                return None;
            };
            Some(ConnectionRecord::rebuilt(env, client_id, &kinds, now))
        })
        .collect()
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
            unsaved_rotation: None,
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

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    }

    const DAMAGES: [&[u8]; 4] = [
        b"{\"schema\":1,\"connections\":[{\"id\":",
        b"",
        b"\x00\xff\xfe garbage \x01",
        b"{\"schema\":1,\"connections\":{\"id\":\"x\"}}",
    ];

    #[test]
    fn without_a_copy_or_a_keychain_a_damaged_file_is_left_alone() {
        for damage in DAMAGES {
            let dir = tempfile::tempdir().unwrap();
            let s = Store::new(dir.path());
            fs::write(s.path(), damage).unwrap();
            let e = s.load().unwrap_err();
            assert!(e.to_string().contains("Nothing was moved"), "{e}");
            assert_eq!(
                s.upsert(record(A)).unwrap_err().code(),
                ErrorCode::ConfigError
            );
            assert_eq!(fs::read(s.path()).unwrap(), damage);
            assert!(!names(dir.path()).iter().any(|n| n.contains("corrupt")));
            assert!(crate::recovery::pending(dir.path()).unwrap().is_empty());
        }
    }

    #[test]
    fn a_damaged_file_comes_back_from_the_last_good_copy() {
        for damage in DAMAGES {
            let dir = tempfile::tempdir().unwrap();
            let s = Store::new(dir.path());
            s.upsert(record(A)).unwrap();
            s.modify(A, |r| r.label = "Kept label".into()).unwrap();
            s.upsert(record(B)).unwrap();
            let good = fs::read(s.path()).unwrap();
            assert_eq!(
                fs::read(s.backup_path()).unwrap(),
                good,
                "the copy follows every save"
            );
            fs::write(s.path(), damage).unwrap();

            let all = s.load().unwrap();
            assert_eq!(all.len(), 2);
            assert_eq!(all[0].label, "Kept label");
            assert_eq!(fs::read(s.path()).unwrap(), good, "the file is whole again");
            let events = crate::recovery::pending(dir.path()).unwrap();
            assert_eq!(events.len(), 1, "recovered once, not on every read");
            assert_eq!(events[0].source, RecoverySource::Backup);
            assert_eq!(events[0].connections, 2);
            assert_eq!(
                fs::read(dir.path().join(&events[0].damaged_file)).unwrap(),
                damage
            );
            assert_eq!(s.load().unwrap().len(), 2);
            assert_eq!(crate::recovery::pending(dir.path()).unwrap().len(), 1);
        }
    }

    #[test]
    fn a_damaged_file_without_a_copy_is_rebuilt_from_the_keychain() {
        use crate::vault::{memory::MemoryStore, VaultKey, CHUNK};
        let dir = tempfile::tempdir().unwrap();
        let secrets = Arc::new(MemoryStore::new());
        let custom = Environment::parse("http://127.0.0.1:4010").unwrap();
        let put = |env: &Environment, client: &str, kind: SecretKind, v: &str| {
            secrets
                .set(
                    &VaultKey::new(env, client, kind).to_string(),
                    &crate::Secret::new(v),
                )
                .unwrap();
        };
        put(&Environment::Cie, "BROWSER", SecretKind::ClientSecret, "s");
        put(&Environment::Cie, "BROWSER", SecretKind::RefreshToken, "r");
        put(
            &Environment::Cie,
            "BROWSER",
            SecretKind::AccessToken,
            "ups-optin-chunked:v1:3:2",
        );
        secrets
            .set(
                "cie/BROWSER/access-token#3.0",
                &crate::Secret::new("x".repeat(CHUNK)),
            )
            .unwrap();
        secrets
            .set("cie/BROWSER/access-token#3.1", &crate::Secret::new("y"))
            .unwrap();
        put(&custom, "CC", SecretKind::ClientSecret, "s");
        put(&custom, "CC", SecretKind::AccessToken, "a");
        put(
            &Environment::Production,
            "LOST",
            SecretKind::RefreshToken,
            "r",
        );
        let s = Store::with_keychain(dir.path(), secrets.clone());
        fs::write(s.path(), b"{\"schema\":1,\"conn").unwrap();

        let all = s.load().unwrap();
        assert_eq!(
            all.len(),
            3,
            "one per environment and client, parts are no connection: {all:?}"
        );
        let by = |env: &Environment, c: &str| {
            all.iter()
                .find(|r| r.id == ConnectionRecord::id_for(env, c))
                .unwrap_or_else(|| panic!("{c} rebuilt"))
        };
        let b = by(&Environment::Cie, "BROWSER");
        assert_eq!((b.method, b.connected), (Method::Browser, true));
        // No label was chosen: none is stored (each edge names it "recovered").
        assert_eq!(b.label, "");
        let v = crate::status::status_of(b, OffsetDateTime::UNIX_EPOCH, false);
        assert!(v.label_rebuilt);
        assert_eq!(
            v.label, "Recovered: Test (CIE) ••••WSER",
            "the CLI's English name"
        );
        let c = by(&custom, "CC");
        assert_eq!((c.method, c.connected), (Method::ClientCredentials, true));
        assert_eq!(c.environment.base_url(), "http://127.0.0.1:4010");
        let l = by(&Environment::Production, "LOST");
        assert!(!l.connected, "no client secret: not connected");
        let events = crate::recovery::pending(dir.path()).unwrap();
        assert_eq!(events[0].source, RecoverySource::Keychain);
        assert_eq!(events[0].rebuilt.len(), 3);
        assert_eq!(secrets.len(), 8, "the keychain is not touched");
    }

    #[test]
    fn a_keychain_that_cannot_list_moves_nothing() {
        use crate::vault::memory::MemoryStore;
        struct NoList(MemoryStore);
        impl SecretStore for NoList {
            fn get(&self, a: &str) -> Result<Option<crate::Secret>> {
                self.0.get(a)
            }
            fn set(&self, a: &str, v: &crate::Secret) -> Result<()> {
                self.0.set(a, v)
            }
            fn delete(&self, a: &str) -> Result<()> {
                self.0.delete(a)
            }
            fn health(&self) -> Result<()> {
                Ok(())
            }
            fn backend(&self) -> &'static str {
                "test"
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let s = Store::with_keychain(dir.path(), Arc::new(NoList(MemoryStore::new())));
        fs::write(s.path(), b"{").unwrap();
        let e = s.load().unwrap_err();
        assert_eq!(e.code(), ErrorCode::ConfigError);
        assert!(e.to_string().contains("Nothing was moved"), "{e}");
        assert_eq!(fs::read(s.path()).unwrap(), b"{");
        assert!(!names(dir.path()).iter().any(|n| n.contains("corrupt")));
    }

    #[test]
    fn a_newer_schema_or_an_unreadable_file_is_an_error_and_left_alone() {
        for newer in [
            &b"{\"schema\":2,\"connections\":[]}"[..],
            &b"{\"schema\":7,\"links\":{\"a\":1}}"[..],
        ] {
            let dir = tempfile::tempdir().unwrap();
            let s = Store::new(dir.path());
            s.upsert(record(A)).unwrap();
            fs::write(s.path(), newer).unwrap();
            let e = s.load().unwrap_err();
            assert!(e.to_string().contains("newer version"), "{e}");
            assert_eq!(
                s.upsert(record(B)).unwrap_err().code(),
                ErrorCode::ConfigError
            );
            assert_eq!(fs::read(s.path()).unwrap(), newer, "never overwritten");
            assert!(!names(dir.path()).iter().any(|n| n.contains("corrupt")));
            assert!(crate::recovery::pending(dir.path()).unwrap().is_empty());
        }
        // Unreadable (as root too): a folder where the file should be.
        let dir = tempfile::tempdir().unwrap();
        let s = Store::new(dir.path());
        fs::create_dir(s.path()).unwrap();
        assert!(s
            .load()
            .unwrap_err()
            .to_string()
            .contains("could not be read"));
        assert!(s.path().is_dir(), "left as it is");
        assert!(!names(dir.path()).iter().any(|n| n.contains("corrupt")));
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
        assert_eq!(mode(&s.backup_path()), 0o600);
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
