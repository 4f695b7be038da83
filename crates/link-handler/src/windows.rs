//! Windows: the scheme under `HKEY_CURRENT_USER\Software\Classes\<scheme>`,
//! the per-user equivalent of the Linux entry, with no window needed.
//!
//! ```text
//! HKCU\Software\Classes\upsoptin
//!     (Default)      = "URL:com.upsoptin.wizard protocol"
//!     URL Protocol   = ""
//!     DefaultIcon\(Default)            = "C:\path\ups-optin-wizard.exe",0
//!     shell\open\command\(Default)     = "C:\path\ups-optin-wizard.exe" "%1"
//! ```
//!
//! The program path is always quoted (Windows splits an unquoted path with
//! spaces at the first space, the classic `C:\Program.exe` hijack) and so is
//! `%1` (the URL stays one argument). A path with a `"` cannot be quoted on a
//! Windows command line, and Windows file names cannot hold one, so it is
//! refused. Compare first: [`check`] reads the four values (the user's own, or
//! the merged view an installer's per-machine keys show through); [`ensure`]
//! writes only when one differs.

use std::path::Path;

use windows_registry::{Key, CLASSES_ROOT, CURRENT_USER};

use crate::location::Policy;
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

/// The values that register `exe` for `scheme`. `identifier` is the app's
/// bundle identifier: the description is `URL:<identifier> protocol`, exactly
/// as the msi/NSIS installers and tauri-plugin-deep-link write it, so an
/// installed copy's registration compares equal and is left alone.
pub fn values(exe: &Path, scheme: &str, identifier: &str) -> Result<Vec<Value>, Error> {
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
            expected: format!("URL:{identifier} protocol"),
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

fn read(root: &Key, key: &str, name: &str) -> Option<String> {
    root.open(key).ok()?.get_string(name).ok()
}

/// Whether `v` is in effect: in the user's own classes, or in the merged
/// `HKEY_CLASSES_ROOT` view (where a per-machine msi/NSIS install puts it;
/// a user value would show there instead, so a wrong one is never hidden).
fn in_effect(v: &Value) -> bool {
    let want = Some(v.expected.as_str());
    if read(CURRENT_USER, &v.key, v.name).as_deref() == want {
        return true;
    }
    let merged = v.key.strip_prefix(r"Software\Classes\").unwrap_or(&v.key);
    read(CLASSES_ROOT, merged, v.name).as_deref() == want
}

/// The values that differ from what they should be (nothing is written). An
/// installed copy whose installer registered the same command needs nothing.
pub fn check(exe: &Path, scheme: &str, identifier: &str) -> Result<Vec<Value>, Error> {
    Ok(values(exe, scheme, identifier)?
        .into_iter()
        .filter(|v| !in_effect(v))
        .collect())
}

/// When any value differs, writes all of them under HKCU (a partial user key
/// would hide the machine-wide one's other values in the merged view);
/// returns how many differed (0: all was in place, nothing written).
pub fn ensure(exe: &Path, scheme: &str, identifier: &str) -> Result<usize, Error> {
    let wrong = check(exe, scheme, identifier)?;
    if wrong.is_empty() {
        return Ok(0);
    }
    for v in &values(exe, scheme, identifier)? {
        let key = registry(CURRENT_USER.create(&v.key), "create", &v.key)?;
        registry(key.set_string(v.name, &v.expected), "write", &v.key)?;
    }
    Ok(wrong.len())
}

fn registry<T>(
    r: windows_registry::Result<T>,
    action: &'static str,
    key: &str,
) -> Result<T, Error> {
    r.map_err(|e| Error::Registry {
        action,
        key: key.to_string(),
        detail: e.message(),
    })
}

/// Removes `HKCU\Software\Classes\<scheme>` and everything under it (for
/// tests and uninstall paths). Missing is not an error.
pub fn remove(scheme: &str) -> Result<(), Error> {
    crate::check_scheme(scheme)?;
    let key = format!(r"Software\Classes\{scheme}");
    if CURRENT_USER.open(&key).is_err() {
        return Ok(());
    }
    registry(CURRENT_USER.remove_tree(&key), "remove", &key)
}

/// Start at login: the per-user Run key, never HKLM (whatever the process's
/// elevation), as `tauri-plugin-autostart` did when elevated.
pub const RUN_KEY: &str = r"Software\Microsoft\Windows\CurrentVersion\Run";
/// The value name under [`RUN_KEY`].
pub const RUN_VALUE: &str = "UPS Opt-In Wizard";

/// The Run command for `exe` with `args`: the path always quoted (an
/// unquoted path with spaces is the `C:\Program.exe` hijack), each argument
/// quoted when it has a space.
pub fn login_item_command(exe: &Path, args: &[&str]) -> Result<String, Error> {
    let Some(path) = exe.to_str() else {
        return Err(Error::UnwritablePath {
            path: exe.to_string_lossy().into_owned(),
            why: "it is not valid Unicode",
        });
    };
    if !exe.is_absolute() || path.contains('"') || path.chars().any(char::is_control) {
        return Err(Error::UnwritablePath {
            path: path.escape_debug().to_string(),
            why: "it is not an absolute path a command line can carry",
        });
    }
    let path = path.strip_prefix(r"\\?\").unwrap_or(path);
    let mut cmd = format!("\"{path}\"");
    for a in args {
        if a.contains('"') || a.chars().any(char::is_control) {
            return Err(Error::UnwritablePath {
                path: a.escape_debug().to_string(),
                why: "an argument contains a quote or a control character",
            });
        }
        cmd.push(' ');
        if a.contains(' ') {
            cmd.push_str(&format!("\"{a}\""));
        } else {
            cmd.push_str(a);
        }
    }
    Ok(cmd)
}

/// Whether the user's Run value is exactly the command for `exe` and `args`.
pub fn login_item_in_place(exe: &Path, args: &[&str]) -> Result<bool, Error> {
    let want = login_item_command(exe, args)?;
    Ok(read(CURRENT_USER, RUN_KEY, RUN_VALUE).as_deref() == Some(want.as_str()))
}

/// Whether the user has a Run value for the wizard (whatever it holds).
pub fn login_item_present() -> bool {
    read(CURRENT_USER, RUN_KEY, RUN_VALUE).is_some()
}

/// Writes the Run value when it differs (compared by content, so a moved
/// program or an old unquoted value is rewritten); returns whether it wrote.
/// A program in a temporary folder ([`Policy::system`]) is refused with the
/// reason, and a value left from before is removed (it would start whatever
/// sits at that path at the next login).
pub fn enable_login_item(exe: &Path, args: &[&str]) -> Result<bool, Error> {
    enable_login_item_with(&Policy::system(), exe, args)
}

/// [`enable_login_item`] under the given location policy.
pub fn enable_login_item_with(policy: &Policy, exe: &Path, args: &[&str]) -> Result<bool, Error> {
    if let Err(why) = policy.check(exe) {
        let _ = disable_login_item();
        return Err(Error::UnsafeWindowsLoginItem(why));
    }
    if login_item_in_place(exe, args)? {
        return Ok(false);
    }
    let want = login_item_command(exe, args)?;
    let key = registry(CURRENT_USER.create(RUN_KEY), "create", RUN_KEY)?;
    registry(key.set_string(RUN_VALUE, &want), "write", RUN_KEY)?;
    Ok(true)
}

/// Removes the Run value; returns whether there was one.
pub fn disable_login_item() -> Result<bool, Error> {
    if !login_item_present() {
        return Ok(false);
    }
    let key = registry(CURRENT_USER.create(RUN_KEY), "open", RUN_KEY)?;
    registry(key.remove_value(RUN_VALUE), "remove", RUN_KEY)?;
    Ok(true)
}
