//! The vault: secrets in the OS keychain under a documented, stable layout.
//!
//! Layout (product applications read it; see README "Keychain layout"):
//! service `ups-optin`; account `<env>/<client_id>/<kind>` where `<env>` is
//! `cie`, `production` or `custom-<host>-<port>` and `<kind>` is
//! `client-secret`, `refresh-token` or `access-token`.
//!
//! Windows Credential Manager limits a credential to 2,560 bytes and UPS access
//! tokens are longer, so values over [`CHUNK`] bytes are split on every
//! platform the same way: the entry itself holds a header
//! `ups-optin-chunked:v1:<generation>:<count>` and the parts live at
//! `<account>#<generation>.<i>` (i = 0..count). A new value is written to a new
//! generation first and the header last, so a reader always sees a whole value,
//! and the header switch is a single keychain write. Every writer of a
//! connection's entries (refresh, save retry, new opt-in, Remove) holds that
//! connection's locks ([`crate::tokens::TokenManager::lock_connection`]), so
//! two writers never pick the same generation.
//!
//! Behaviour is defined here, not left to the backend: a missing entry is
//! `Ok(None)`, delete is idempotent, and an unreachable keychain is
//! [`Error::KeychainUnavailable`] with the fix in its message — never a
//! plain-text fallback.

pub mod keychain;
/// The in-memory store for tests (only with the `test-util` feature).
#[cfg(any(test, feature = "test-util"))]
pub mod memory;
#[cfg(feature = "test-faults")]
pub mod refusing;

use std::fmt;
use std::sync::Arc;

use crate::environment::Environment;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// The keychain service name.
pub const SERVICE: &str = "ups-optin";
/// Largest value stored in one entry (well under Windows' 2,560-byte limit).
pub const CHUNK: usize = 1000;
const CHUNK_HEADER: &str = "ups-optin-chunked:v1:";

/// One secret-store backend: a flat map from account name to secret.
pub trait SecretStore: Send + Sync {
    /// `Ok(None)` when there is no entry.
    fn get(&self, account: &str) -> Result<Option<Secret>>;
    fn set(&self, account: &str, value: &Secret) -> Result<()>;
    /// Idempotent: deleting a missing entry is `Ok(())`.
    fn delete(&self, account: &str) -> Result<()>;
    /// Whether the backend can be reached now; the error says how to fix it.
    fn health(&self) -> Result<()>;
    /// "Secret Service", "macOS Keychain", "Windows Credential Manager", "memory".
    fn backend(&self) -> &'static str;
    /// Every account name under [`SERVICE`], parts of chunked values
    /// included (see [`EntryName`]): to rebuild a damaged `connections.json`
    /// and to find leftovers. A store that cannot list says so.
    fn list(&self) -> Result<Vec<String>> {
        Err(Error::Keychain(format!(
            "the {} cannot list its entries",
            self.backend()
        )))
    }
}

/// What an entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    ClientSecret,
    RefreshToken,
    AccessToken,
}

impl SecretKind {
    pub const ALL: [SecretKind; 3] = [
        SecretKind::ClientSecret,
        SecretKind::RefreshToken,
        SecretKind::AccessToken,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SecretKind::ClientSecret => "client-secret",
            SecretKind::RefreshToken => "refresh-token",
            SecretKind::AccessToken => "access-token",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        SecretKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What an account name under [`SERVICE`] is, read back from the layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryName {
    /// `<env>/<client_id>/<kind>`: a value (or the header of a chunked one).
    Value(VaultKey),
    /// `<account>#<generation>.<i>`: a part of the chunked value at `of`.
    Part { of: String },
    /// Anything else (written by something other than this layout).
    Other,
}

impl EntryName {
    /// An account name for people and support: the client ID masked
    /// (`cie/••••1234/refresh-token`, `…#<gen>.<i>` for a part).
    pub fn masked(account: &str) -> String {
        let (base, part) = match account.rsplit_once('#') {
            Some((b, p)) => (b, format!("#{p}")),
            None => (account, String::new()),
        };
        match EntryName::parse(base) {
            EntryName::Value(k) => format!(
                "{}/{}/{}{part}",
                k.env,
                crate::display::mask_tail(&k.client_id),
                k.kind.as_str()
            ),
            _ => crate::display::mask_tail(account),
        }
    }

    pub fn parse(account: &str) -> EntryName {
        if let Some((of, rest)) = account.rsplit_once('#') {
            let is_part = rest
                .split_once('.')
                .is_some_and(|(g, i)| g.parse::<u64>().is_ok() && i.parse::<usize>().is_ok());
            return if is_part && !of.is_empty() {
                EntryName::Part { of: of.to_string() }
            } else {
                EntryName::Other
            };
        }
        let parsed = account.split_once('/').and_then(|(env, rest)| {
            let (client_id, kind) = rest.rsplit_once('/')?;
            let kind = SecretKind::parse(kind)?;
            (!env.is_empty() && !client_id.is_empty()).then(|| VaultKey {
                env: env.to_string(),
                client_id: client_id.to_string(),
                kind,
            })
        });
        parsed.map_or(EntryName::Other, EntryName::Value)
    }
}

/// The account name of one secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultKey {
    pub env: String,
    pub client_id: String,
    pub kind: SecretKind,
}

impl VaultKey {
    pub fn new(env: &Environment, client_id: &str, kind: SecretKind) -> Self {
        VaultKey {
            env: env.key(),
            client_id: client_id.to_string(),
            kind,
        }
    }
}

impl fmt::Display for VaultKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.env, self.client_id, self.kind.as_str())
    }
}

/// The vault: layout and chunking over a [`SecretStore`]. Calls run on a
/// blocking thread because OS keychains answer synchronously (and may prompt).
#[derive(Clone)]
pub struct Vault {
    store: Arc<dyn SecretStore>,
}

impl Vault {
    pub fn new(store: Arc<dyn SecretStore>) -> Self {
        Vault { store }
    }

    pub fn backend(&self) -> &'static str {
        self.store.backend()
    }

    /// Every account name under [`SERVICE`] (see [`SecretStore::list`]).
    pub async fn list(&self) -> Result<Vec<String>> {
        let store = Arc::clone(&self.store);
        blocking(move || store.list()).await
    }

    /// Deletes one raw entry by its account name (a leftover: no chunk
    /// handling, as every part is listed and deleted by its own name).
    pub async fn delete_account(&self, account: &str) -> Result<()> {
        let store = Arc::clone(&self.store);
        let account = account.to_string();
        blocking(move || store.delete(&account)).await
    }

    pub async fn health(&self) -> Result<()> {
        let store = Arc::clone(&self.store);
        blocking(move || store.health()).await
    }

    pub async fn get(&self, key: &VaultKey) -> Result<Option<Secret>> {
        let store = Arc::clone(&self.store);
        let account = key.to_string();
        blocking(move || read_value(store.as_ref(), &account)).await
    }

    pub async fn set(&self, key: &VaultKey, value: &Secret) -> Result<()> {
        let store = Arc::clone(&self.store);
        let account = key.to_string();
        let value = value.clone();
        blocking(move || write_value(store.as_ref(), &account, &value)).await
    }

    pub async fn delete(&self, key: &VaultKey) -> Result<()> {
        let store = Arc::clone(&self.store);
        let account = key.to_string();
        blocking(move || delete_value(store.as_ref(), &account)).await
    }

    /// An entry outside the connections' layout (the proxy login:
    /// [`crate::network::proxy_login`]), by its account name.
    pub(crate) async fn get_account(&self, account: String) -> Result<Option<Secret>> {
        let store = Arc::clone(&self.store);
        blocking(move || read_value(store.as_ref(), &account)).await
    }

    pub(crate) async fn set_account(&self, account: String, value: &Secret) -> Result<()> {
        let store = Arc::clone(&self.store);
        let value = value.clone();
        blocking(move || write_value(store.as_ref(), &account, &value)).await
    }

    /// Deletes the value at this account name, parts included (unlike
    /// [`Vault::delete_account`], which deletes one raw entry).
    pub(crate) async fn delete_account_value(&self, account: String) -> Result<()> {
        let store = Arc::clone(&self.store);
        blocking(move || delete_value(store.as_ref(), &account)).await
    }

    /// The backend, for a caller already on a blocking thread.
    pub(crate) fn store(&self) -> Arc<dyn SecretStore> {
        Arc::clone(&self.store)
    }

    /// Deletes every kind for one client; idempotent.
    pub async fn delete_all(&self, env: &Environment, client_id: &str) -> Result<()> {
        for kind in SecretKind::ALL {
            self.delete(&VaultKey::new(env, client_id, kind)).await?;
        }
        Ok(())
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    match tokio::runtime::Handle::try_current() {
        Ok(_) => tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| Error::Keychain(format!("the keychain call stopped unexpectedly: {e}")))?,
        Err(_) => f(),
    }
}

struct ChunkHeader {
    generation: u64,
    count: usize,
}

fn parse_header(s: &str) -> Option<ChunkHeader> {
    let rest = s.strip_prefix(CHUNK_HEADER)?;
    let (g, c) = rest.split_once(':')?;
    Some(ChunkHeader {
        generation: g.parse().ok()?,
        count: c.parse().ok()?,
    })
}

fn part_account(account: &str, generation: u64, i: usize) -> String {
    format!("{account}#{generation}.{i}")
}

pub(crate) fn read_value(store: &dyn SecretStore, account: &str) -> Result<Option<Secret>> {
    let mut attempt = 1;
    loop {
        let Some(head) = store.get(account)? else {
            return Ok(None);
        };
        let Some(h) = parse_header(head.expose()) else {
            return Ok(Some(head));
        };
        match read_parts(store, account, &h) {
            Ok(whole) => return Ok(Some(whole)),
            Err(e) => {
                // Another process switched to a new generation (and removed
                // this one's parts) while we read: read the new one.
                let switched = matches!(store.get(account), Ok(Some(now)) if now != head);
                if !switched || attempt == 5 {
                    return Err(e);
                }
                attempt += 1;
            }
        }
    }
}

fn read_parts(store: &dyn SecretStore, account: &str, h: &ChunkHeader) -> Result<Secret> {
    let mut whole = String::with_capacity(h.count * CHUNK);
    for i in 0..h.count {
        match store.get(&part_account(account, h.generation, i))? {
            Some(part) => whole.push_str(part.expose()),
            None => {
                return Err(Error::Keychain(format!(
                    "part {i} of the keychain entry {account} is missing; opt in again to store it anew"
                )))
            }
        }
    }
    Ok(Secret::new(whole))
}

fn write_value(store: &dyn SecretStore, account: &str, value: &Secret) -> Result<()> {
    let old = store.get(account)?.and_then(|h| parse_header(h.expose()));
    if value.len() <= CHUNK && !value.expose().starts_with(CHUNK_HEADER) {
        store.set(account, value)?;
    } else {
        let generation = old.as_ref().map_or(1, |h| h.generation + 1);
        let parts = split_at_char_boundaries(value.expose(), CHUNK);
        let written = parts
            .iter()
            .enumerate()
            .try_for_each(|(i, part)| {
                store.set(&part_account(account, generation, i), &Secret::new(*part))
            })
            .and_then(|()| {
                store.set(
                    account,
                    &Secret::new(format!("{CHUNK_HEADER}{generation}:{}", parts.len())),
                )
            });
        if let Err(e) = written {
            // The header still names the old generation, which reads back whole;
            // the new generation's parts are removed so nothing is left behind
            // that a later logout would not know about.
            for i in 0..parts.len() {
                let _ = store.delete(&part_account(account, generation, i));
            }
            return Err(e);
        }
    }
    if let Some(h) = old {
        for i in 0..h.count {
            // The value is already switched; a stale part left behind is only clutter.
            let _ = store.delete(&part_account(account, h.generation, i));
        }
    }
    Ok(())
}

fn delete_value(store: &dyn SecretStore, account: &str) -> Result<()> {
    if let Some(h) = store.get(account)?.and_then(|h| parse_header(h.expose())) {
        for i in 0..h.count {
            store.delete(&part_account(account, h.generation, i))?;
        }
    }
    store.delete(account)
}

fn split_at_char_boundaries(s: &str, max: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let mut end = rest.len().min(max);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let (a, b) = rest.split_at(end);
        parts.push(a);
        rest = b;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::memory::MemoryStore;
    use super::*;

    fn key(kind: SecretKind) -> VaultKey {
        VaultKey::new(&Environment::Cie, "CID", kind)
    }

    #[test]
    fn layout_is_env_client_kind() {
        assert_eq!(
            key(SecretKind::RefreshToken).to_string(),
            "cie/CID/refresh-token"
        );
        let custom = Environment::parse("http://127.0.0.1:4010").unwrap();
        assert_eq!(
            VaultKey::new(&custom, "X", SecretKind::AccessToken).to_string(),
            "custom-127.0.0.1-4010/X/access-token"
        );
    }

    #[tokio::test]
    async fn missing_is_none_and_delete_is_idempotent() {
        let v = Vault::new(Arc::new(MemoryStore::new()));
        assert!(v
            .get(&key(SecretKind::ClientSecret))
            .await
            .unwrap()
            .is_none());
        v.delete(&key(SecretKind::ClientSecret)).await.unwrap();
        v.delete(&key(SecretKind::ClientSecret)).await.unwrap();
    }

    #[tokio::test]
    async fn a_4_kib_token_round_trips_under_a_windows_sized_limit() {
        let store = Arc::new(MemoryStore::with_max_len(2560));
        let v = Vault::new(store.clone());
        let token = Secret::new("T".repeat(4096));
        v.set(&key(SecretKind::AccessToken), &token).await.unwrap();
        assert_eq!(
            v.get(&key(SecretKind::AccessToken)).await.unwrap().unwrap(),
            token
        );
        assert!(store.len() > 1, "stored in parts");
        // Rotation to a new long value replaces every part; a short one removes them.
        let token2 = Secret::new("U".repeat(3000));
        v.set(&key(SecretKind::AccessToken), &token2).await.unwrap();
        assert_eq!(
            v.get(&key(SecretKind::AccessToken)).await.unwrap().unwrap(),
            token2
        );
        assert_eq!(store.len(), 1 + 3);
        v.set(&key(SecretKind::AccessToken), &Secret::new("short"))
            .await
            .unwrap();
        assert_eq!(store.len(), 1);
        v.delete(&key(SecretKind::AccessToken)).await.unwrap();
        assert_eq!(store.len(), 0);
    }

    #[tokio::test]
    async fn a_failed_part_write_keeps_the_old_value_readable() {
        let store = Arc::new(MemoryStore::new());
        let v = Vault::new(store.clone());
        let old = Secret::new("A".repeat(2500));
        v.set(&key(SecretKind::AccessToken), &old).await.unwrap();
        store.fail_next_write(Error::Keychain("injected".into()));
        assert!(v
            .set(
                &key(SecretKind::AccessToken),
                &Secret::new("B".repeat(2500))
            )
            .await
            .is_err());
        assert_eq!(
            v.get(&key(SecretKind::AccessToken)).await.unwrap().unwrap(),
            old
        );
        assert_eq!(store.len(), 1 + 3, "no part of the failed write is left");
    }

    /// A store where another process switches the value to `next` right
    /// after the first part of the current generation is read.
    struct SwitchMidRead {
        inner: MemoryStore,
        next: Secret,
        fired: std::sync::atomic::AtomicBool,
    }

    impl SecretStore for SwitchMidRead {
        fn get(&self, account: &str) -> Result<Option<Secret>> {
            let got = self.inner.get(account)?;
            if let Some((base, _)) = account.split_once('#') {
                if !self.fired.swap(true, std::sync::atomic::Ordering::SeqCst) {
                    write_value(&self.inner, base, &self.next)?;
                }
            }
            Ok(got)
        }
        fn set(&self, account: &str, value: &Secret) -> Result<()> {
            self.inner.set(account, value)
        }
        fn delete(&self, account: &str) -> Result<()> {
            self.inner.delete(account)
        }
        fn health(&self) -> Result<()> {
            Ok(())
        }
        fn backend(&self) -> &'static str {
            "memory"
        }
    }

    #[tokio::test]
    async fn a_read_racing_a_generation_switch_returns_the_new_value_whole() {
        let old = Secret::new("A".repeat(2500));
        let new = Secret::new("B".repeat(3500));
        let store = Arc::new(SwitchMidRead {
            inner: MemoryStore::new(),
            next: new.clone(),
            fired: std::sync::atomic::AtomicBool::new(true),
        });
        let v = Vault::new(store.clone());
        v.set(&key(SecretKind::AccessToken), &old).await.unwrap();
        store
            .fired
            .store(false, std::sync::atomic::Ordering::SeqCst);
        let read = v.get(&key(SecretKind::AccessToken)).await.unwrap().unwrap();
        assert!(
            read == new,
            "the whole new value, not a mix and not an error"
        );
        assert_eq!(store.inner.len(), 1 + 4, "only the new generation is left");
    }

    #[test]
    fn account_names_read_back_as_values_parts_or_other() {
        let custom = Environment::parse("http://127.0.0.1:4010").unwrap();
        for kind in SecretKind::ALL {
            let k = VaultKey::new(&custom, "ID/with/slashes", kind);
            assert_eq!(EntryName::parse(&k.to_string()), EntryName::Value(k));
        }
        let head = key(SecretKind::AccessToken).to_string();
        assert_eq!(
            EntryName::parse(&part_account(&head, 7, 2)),
            EntryName::Part { of: head.clone() }
        );
        for other in [
            "health-check/never-written",
            "cie/CID/password",
            "cie//access-token",
            "/CID/access-token",
            "cie/CID/access-token#x.1",
            "#1.0",
            "plain",
        ] {
            assert_eq!(EntryName::parse(other), EntryName::Other, "{other}");
        }
    }

    #[tokio::test]
    async fn list_names_every_entry_and_part() {
        let store = Arc::new(MemoryStore::new());
        let v = Vault::new(store.clone());
        v.set(
            &key(SecretKind::AccessToken),
            &Secret::new("T".repeat(2500)),
        )
        .await
        .unwrap();
        let mut names = v.list().await.unwrap();
        names.sort();
        assert_eq!(names.len(), 4);
        assert_eq!(names[0], "cie/CID/access-token");
        assert!(names[1..].iter().all(|n| EntryName::parse(n)
            == EntryName::Part {
                of: names[0].clone()
            }));
    }

    #[test]
    fn splits_on_char_boundaries() {
        let s = "é".repeat(700);
        let parts = split_at_char_boundaries(&s, 1000);
        assert!(parts.iter().all(|p| p.len() <= 1000));
        assert_eq!(parts.concat(), s);
    }
}
