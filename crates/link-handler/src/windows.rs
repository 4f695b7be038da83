//! Windows: the scheme under `HKEY_CURRENT_USER\Software\Classes\<scheme>`,
//! the per-user equivalent of the Linux entry, with no window needed.
//!
//! ```text
//! HKCU\Software\Classes\upsoptin
//!     (Default)      = "URL:UPS Opt-In Wizard"
//!     URL Protocol   = ""
//!     DefaultIcon\(Default)            = "C:\path\ups-optin-wizard.exe",0
//!     shell\open\command\(Default)     = "C:\path\ups-optin-wizard.exe" "%1"
//! ```
//!
//! The program path is always quoted (Windows splits an unquoted path with
//! spaces at the first space, the classic `C:\Program.exe` hijack) and so is
//! `%1` (the URL stays one argument). A path with a `"` cannot be quoted on a
//! Windows command line, and Windows file names cannot hold one, so it is
//! refused. Compare first: [`check`] reads the four values; [`ensure`] writes
//! only those that differ.

use std::path::Path;

use windows_registry::{Key, CURRENT_USER};

use crate::Error;

/// One registry value that should hold `expected`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// The key below `HKCU`, e.g. `Software\Classes\upsoptin\shell\open\command`.
    pub key: String,
    /// The value name; empty for the key's default value.
    pub name: &'static str,
    pub expected: String,
}

/// The values that register `exe` for `scheme`, named `description`.
pub fn values(exe: &Path, scheme: &str, description: &str) -> Result<Vec<Value>, Error> {
    crate::check_scheme(scheme)?;
    let Some(path) = exe.to_str() else {
        return Err(Error::UnwritablePath {
            path: exe.to_string_lossy().into_owned(),
            why: "it is not valid Unicode",
        });
    };
    if !exe.is_absolute() {
        return Err(Error::UnwritablePath {
            path: path.to_string(),
            why: "it is not an absolute path",
        });
    }
    if path.contains('"') || path.chars().any(char::is_control) {
        return Err(Error::UnwritablePath {
            path: path.escape_debug().to_string(),
            why: "it contains a quote or a control character, which a command line cannot carry",
        });
    }
    // `\\?\C:\…` (from canonicalize) is not a path the shell can start.
    let path = path.strip_prefix(r"\\?\").unwrap_or(path);
    let base = format!(r"Software\Classes\{scheme}");
    Ok(vec![
        Value {
            key: base.clone(),
            name: "",
            expected: format!("URL:{description}"),
        },
        Value {
            key: base.clone(),
            name: "URL Protocol",
            expected: String::new(),
        },
        Value {
            key: format!(r"{base}\DefaultIcon"),
            name: "",
            expected: format!("\"{path}\",0"),
        },
        Value {
            key: format!(r"{base}\shell\open\command"),
            name: "",
            expected: format!("\"{path}\" \"%1\""),
        },
    ])
}

fn current(v: &Value) -> Option<String> {
    let key: Key = CURRENT_USER.open(&v.key).ok()?;
    key.get_string(v.name).ok()
}

/// The values that differ from what they should be (nothing is written).
pub fn check(exe: &Path, scheme: &str, description: &str) -> Result<Vec<Value>, Error> {
    Ok(values(exe, scheme, description)?
        .into_iter()
        .filter(|v| current(v).as_deref() != Some(v.expected.as_str()))
        .collect())
}

/// Writes the values that differ; returns how many were written (0: all was
/// in place).
pub fn ensure(exe: &Path, scheme: &str, description: &str) -> Result<usize, Error> {
    let wrong = check(exe, scheme, description)?;
    for v in &wrong {
        let reg = |action: &'static str| {
            let key = v.key.clone();
            move |e: windows_registry::Error| Error::Registry {
                action,
                key,
                detail: e.message(),
            }
        };
        let key = CURRENT_USER.create(&v.key).map_err(reg("create"))?;
        key.set_string(v.name, &v.expected).map_err(reg("write"))?;
    }
    Ok(wrong.len())
}

/// Removes `HKCU\Software\Classes\<scheme>` and everything under it (for
/// tests and uninstall paths). Missing is not an error.
pub fn remove(scheme: &str) -> Result<(), Error> {
    crate::check_scheme(scheme)?;
    let key = format!(r"Software\Classes\{scheme}");
    if CURRENT_USER.open(&key).is_err() {
        return Ok(());
    }
    CURRENT_USER.remove_tree(&key).map_err(|e| Error::Registry {
        action: "remove",
        key,
        detail: e.message(),
    })
}
