//! Whether an executable's location is safe to register as a URL handler: no
//! other local user may be able to replace it (issue: scheme hijacking).
//!
//! Any web page can fire a `upsoptin://` link, and the link carries the
//! sign-in code. If another user can put their own program at the registered
//! path (an AppImage's `/tmp/.mount_XXXX` folder disappears when the app exits
//! and anyone can recreate it), the next link runs that program. So the path
//! is refused when it, or any folder above it:
//! - lies in a temporary folder (`/tmp`, `/var/tmp`, `/dev/shm`, `$TMPDIR`);
//! - is world-writable without the sticky bit (a world-writable file is
//!   refused outright);
//! - is group-writable without the sticky bit (the group's other members
//!   could replace it just the same; a group-writable file is refused outright);
//! - is owned by a user other than root and the one running the app.
//!
//! On Windows ([`Policy`] from `location/windows.rs`) the start-at-login
//! value is checked against the temporary folders (`%TEMP%`, `%TMP%`,
//! `%SystemRoot%\Temp`), compared without regard to case.

use std::fmt;
#[cfg(unix)]
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use self::windows::Policy;

/// Why a location is not safe to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsafe {
    /// Under a temporary folder (which one).
    TempFolder { path: PathBuf, temp: PathBuf },
    /// A world-writable folder without the sticky bit, or a world-writable file.
    WorldWritable { path: PathBuf },
    /// Owned by another user (uid).
    OtherOwner { path: PathBuf, uid: u32 },
    /// Not an absolute, existing path (nothing to check).
    Unreadable { path: PathBuf, why: String },
    /// A group-writable folder without the sticky bit, or a group-writable file.
    GroupWritable { path: PathBuf, gid: u32 },
}

impl fmt::Display for Unsafe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            #[cfg(unix)]
            Unsafe::TempFolder { path, temp } => write!(
                f,
                "{} is inside the temporary folder {}, where another user could put a program of their own at the same path",
                path.display(),
                temp.display()
            ),
            #[cfg(windows)]
            Unsafe::TempFolder { path, temp } => write!(
                f,
                "{} is inside the temporary folder {}, which cleanup tools empty and where other programs drop files of their own, so the program started at login could be gone or another one",
                path.display(),
                temp.display()
            ),
            Unsafe::WorldWritable { path } => write!(
                f,
                "{} can be changed by every user on this computer",
                path.display()
            ),
            Unsafe::OtherOwner { path, uid } => write!(
                f,
                "{} belongs to another user (uid {uid}), who could replace the program",
                path.display()
            ),
            Unsafe::Unreadable { path, why } => {
                write!(f, "{} could not be checked: {why}", path.display())
            }
            Unsafe::GroupWritable { path, gid } => write!(
                f,
                "{} can be changed by the other members of its group (gid {gid})",
                path.display()
            ),
        }
    }
}

/// Each temporary folder as given and, when it differs, resolved (links; on
/// Windows short 8.3 names), never a root folder.
fn resolved_roots(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for r in roots {
        out.push(r.clone());
        if let Ok(c) = r.canonicalize() {
            if c != *r && c.parent().is_some() {
                out.push(c);
            }
        }
    }
    out
}

impl Unsafe {
    /// The same as data, for a message in the admin's language: `location`
    /// (`temp-folder`, `world-writable`, `other-owner`, `unreadable`,
    /// `group-writable`), `path`, and `temp`, `uid`, `gid` or `why`.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let path = |p: &Path| ("path", p.display().to_string());
        match self {
            Unsafe::TempFolder { path: p, temp } => vec![
                ("location", "temp-folder".into()),
                path(p),
                ("temp", temp.display().to_string()),
            ],
            Unsafe::WorldWritable { path: p } => {
                vec![("location", "world-writable".into()), path(p)]
            }
            Unsafe::OtherOwner { path: p, uid } => vec![
                ("location", "other-owner".into()),
                path(p),
                ("uid", uid.to_string()),
            ],
            Unsafe::Unreadable { path: p, why } => vec![
                ("location", "unreadable".into()),
                path(p),
                ("why", why.clone()),
            ],
            Unsafe::GroupWritable { path: p, gid } => vec![
                ("location", "group-writable".into()),
                path(p),
                ("gid", gid.to_string()),
            ],
        }
    }
}

/// What counts as safe: the user running the app and the temporary folders.
#[cfg(unix)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The effective uid of the app (root, uid 0, is always trusted too).
    pub euid: u32,
    /// Folders whose contents are never registered.
    pub temp_roots: Vec<PathBuf>,
}

#[cfg(unix)]
impl Policy {
    /// This process: its effective uid; `/tmp`, `/var/tmp`, `/dev/shm` and
    /// `$TMPDIR` (each also as its resolved path).
    pub fn system() -> Policy {
        let mut roots: Vec<PathBuf> = ["/tmp", "/var/tmp", "/dev/shm"]
            .iter()
            .map(PathBuf::from)
            .collect();
        if let Some(t) = std::env::var_os("TMPDIR").filter(|t| !t.is_empty()) {
            let t = PathBuf::from(t);
            // A TMPDIR of "/" (or a relative one) would make every path temporary.
            if t.is_absolute() && t.parent().is_some() {
                roots.push(t);
            }
        }
        Policy {
            euid: rustix::process::geteuid().as_raw(),
            temp_roots: roots,
        }
    }

    fn temp_roots_resolved(&self) -> Vec<PathBuf> {
        resolved_roots(&self.temp_roots)
    }

    /// Checks `exe` (resolved through symlinks first, so the folders checked
    /// are the ones that really hold the program).
    pub fn check(&self, exe: &Path) -> Result<(), Unsafe> {
        let unreadable = |why: String| Unsafe::Unreadable {
            path: exe.to_path_buf(),
            why,
        };
        if !exe.is_absolute() {
            return Err(unreadable("not an absolute path".into()));
        }
        for temp in self.temp_roots_resolved() {
            if exe.starts_with(&temp) {
                return Err(Unsafe::TempFolder {
                    path: exe.to_path_buf(),
                    temp,
                });
            }
        }
        let real = exe.canonicalize().map_err(|e| unreadable(e.to_string()))?;
        for temp in self.temp_roots_resolved() {
            if real.starts_with(&temp) {
                return Err(Unsafe::TempFolder { path: real, temp });
            }
        }
        let mut first = true;
        for p in real.ancestors() {
            let meta = std::fs::symlink_metadata(p).map_err(|e| Unsafe::Unreadable {
                path: p.to_path_buf(),
                why: e.to_string(),
            })?;
            let uid = meta.uid();
            if uid != 0 && uid != self.euid {
                return Err(Unsafe::OtherOwner {
                    path: p.to_path_buf(),
                    uid,
                });
            }
            let mode = meta.mode();
            let world_writable = mode & 0o002 != 0;
            let sticky = mode & 0o1000 != 0;
            if world_writable && (first || !meta.is_dir() || !sticky) {
                return Err(Unsafe::WorldWritable {
                    path: p.to_path_buf(),
                });
            }
            let group_writable = mode & 0o020 != 0;
            if group_writable && (first || !meta.is_dir() || !sticky) {
                return Err(Unsafe::GroupWritable {
                    path: p.to_path_buf(),
                    gid: meta.gid(),
                });
            }
            first = false;
        }
        Ok(())
    }
}
