//! Windows: whether a program's location may be named in the per-user Run
//! value (start at login). A program in a temporary folder is refused: cleanup
//! tools empty those folders and other programs drop files there, so the
//! value would start nothing, or whatever was put at that path later.
//! Windows paths compare without regard to case, and `\\?\C:\…` (from
//! `canonicalize`) is the same folder as `C:\…`.
//!
//! Not checked here: folders another account may write through their ACL
//! (reading a DACL takes the Win32 security API, i.e. `unsafe` code, which
//! the workspace forbids); SECURITY.md says so.

use std::path::{Path, PathBuf};

use super::Unsafe;

/// The temporary folders a start-at-login value must not point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub temp_roots: Vec<PathBuf>,
}

impl Policy {
    /// This process: `GetTempPath` (`std::env::temp_dir`), `%TEMP%`, `%TMP%`
    /// and `%SystemRoot%\Temp`.
    pub fn system() -> Policy {
        let mut roots = vec![std::env::temp_dir()];
        for var in ["TEMP", "TMP"] {
            if let Some(v) = std::env::var_os(var).filter(|v| !v.is_empty()) {
                roots.push(PathBuf::from(v));
            }
        }
        if let Some(w) = std::env::var_os("SystemRoot").filter(|v| !v.is_empty()) {
            roots.push(PathBuf::from(w).join("Temp"));
        }
        // A root such as `C:\` would make every path temporary.
        roots.retain(|r| r.is_absolute() && r.parent().is_some());
        Policy { temp_roots: roots }
    }

    /// Checks `exe` as given and resolved (links, short 8.3 names).
    pub fn check(&self, exe: &Path) -> Result<(), Unsafe> {
        let unreadable = |why: String| Unsafe::Unreadable {
            path: exe.to_path_buf(),
            why,
        };
        if !exe.is_absolute() {
            return Err(unreadable("not an absolute path".into()));
        }
        let real = exe.canonicalize().map_err(|e| unreadable(e.to_string()))?;
        let roots = super::resolved_roots(&self.temp_roots);
        for p in [exe, real.as_path()] {
            let key = components(p);
            for temp in &roots {
                let t = components(temp);
                if !t.is_empty() && key.starts_with(&t) {
                    return Err(Unsafe::TempFolder {
                        path: plain(p),
                        temp: plain(temp),
                    });
                }
            }
        }
        Ok(())
    }
}

/// `\\?\C:\x` → `C:\x`, `\\?\UNC\h\s` → `\\h\s` (the form people read).
fn plain(p: &Path) -> PathBuf {
    let s = p.to_string_lossy();
    if let Some(unc) = s.strip_prefix(r"\\?\UNC\") {
        PathBuf::from(format!(r"\\{unc}"))
    } else {
        PathBuf::from(s.strip_prefix(r"\\?\").unwrap_or(&s))
    }
}

/// The path's parts, lower-case, for a comparison without regard to case.
fn components(p: &Path) -> Vec<String> {
    plain(p)
        .to_string_lossy()
        .split(['\\', '/'])
        .filter(|c| !c.is_empty() && *c != ".")
        .map(str::to_lowercase)
        .collect()
}
