//! Start at login on XDG desktops: `$XDG_CONFIG_HOME/autostart/ups-optin-wizard.desktop`
//! (freedesktop.org Desktop Application Autostart Specification), written
//! with the same checks as the link handler's entry.
//!
//! The entry runs its program at every login, so it must never name a path
//! another user could take over ([`crate::location`]: no temporary,
//! world-writable or foreign-owned folder; an AppImage's `$APPIMAGE`, never
//! its `/tmp/.mount_…` folder), and its `Exec=` line is escaped completely
//! ([`crate::desktop`]). `tauri-plugin-autostart` (through `auto-launch`)
//! wrote `Exec={path} {args}` unescaped from wherever the app ran, and only
//! checked that the file existed; here [`LoginItem::check`] compares the
//! whole text, so a moved app or an old unescaped entry is rewritten.

use std::path::{Path, PathBuf};

use crate::desktop::{check_exec_path, escape_string_value, quote_arg};
use crate::linux::{is_installed, resolved_handler_exe};
use crate::location::Policy;
use crate::xdg::XdgDirs;
use crate::Error;

/// The autostart entry's file name (the name `auto-launch` used, so an old
/// entry is found and replaced).
pub const AUTOSTART_FILE: &str = "ups-optin-wizard.desktop";

/// The text of the autostart entry that runs `exe` with `args`.
pub fn entry_text(exe: &Path, args: &[&str]) -> Result<String, Error> {
    let path = check_exec_path(exe)?;
    if path.contains('%') {
        return Err(Error::UnwritablePath {
            path: path.to_string(),
            why: "it contains a % sign, which GNOME and other GLib-based desktops cannot start from a desktop entry",
        });
    }
    let mut line = quote_arg(path);
    for a in args {
        if a.chars().any(char::is_control) {
            return Err(Error::UnwritablePath {
                path: a.escape_debug().to_string(),
                why: "an argument contains control characters",
            });
        }
        line.push(' ');
        line.push_str(&quote_arg(a));
    }
    Ok(format!(
        "[Desktop Entry]\nType=Application\nName=UPS Opt-In Wizard\nComment=Keeps UPS opt-ins renewed in the background\nExec={}\nTerminal=false\nStartupNotify=false\nX-GNOME-Autostart-enabled=true\n",
        escape_string_value(&line)
    ))
}

/// One login item: which program, with which arguments, in which folders,
/// under which location policy.
#[derive(Debug, Clone)]
pub struct LoginItem {
    pub exe: PathBuf,
    pub args: Vec<String>,
    pub dirs: XdgDirs,
    pub policy: Policy,
}

impl LoginItem {
    /// For this process: the AppImage file (`$APPIMAGE`) or the running
    /// binary, resolved through symlinks, with the environment's XDG folders
    /// and [`Policy::system`].
    pub fn for_process(
        current_exe: &Path,
        appimage: Option<&Path>,
        args: &[&str],
    ) -> Result<LoginItem, Error> {
        let exe = resolved_handler_exe(current_exe, appimage)?;
        Ok(LoginItem {
            exe,
            args: args.iter().map(|a| a.to_string()).collect(),
            dirs: XdgDirs::from_env().ok_or(Error::NoHome)?,
            policy: Policy::system(),
        })
    }

    /// The entry's file.
    pub fn file(&self) -> PathBuf {
        self.dirs.config_home.join("autostart").join(AUTOSTART_FILE)
    }

    /// The text the entry must have; refuses a location another user could
    /// take over ([`Error::UnsafeLoginItem`]) and unwritable paths.
    pub fn expected(&self) -> Result<String, Error> {
        // An installed copy lives under /usr (root's); anything else is checked.
        if !is_installed(&self.exe) {
            self.policy
                .check(&self.exe)
                .map_err(Error::UnsafeLoginItem)?;
        }
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        entry_text(&self.exe, &args)
    }

    /// Whether an entry file exists (whatever it holds).
    pub fn present(&self) -> bool {
        self.file().exists()
    }

    /// Whether the entry is exactly what it must be (nothing is written).
    pub fn check(&self) -> Result<bool, Error> {
        let expected = self.expected()?;
        Ok(std::fs::read_to_string(self.file()).is_ok_and(|t| t == expected))
    }

    /// Writes the entry when it is missing or differs; returns whether it
    /// wrote. From an unsafe location nothing is written and an entry left
    /// from before is removed (it would start whatever sits at that path).
    pub fn enable(&self) -> Result<bool, Error> {
        let expected = match self.expected() {
            Ok(t) => t,
            Err(e) => {
                let _ = self.disable();
                return Err(e);
            }
        };
        if std::fs::read_to_string(self.file()).is_ok_and(|t| t == expected) {
            return Ok(false);
        }
        crate::desktop::write_entry_file(
            &self.dirs.config_home.join("autostart"),
            AUTOSTART_FILE,
            &expected,
        )?;
        Ok(true)
    }

    /// Removes the entry; returns whether there was one.
    pub fn disable(&self) -> Result<bool, Error> {
        let file = self.file();
        match std::fs::remove_file(&file) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(source) => Err(Error::Io {
                action: "remove",
                path: file.display().to_string(),
                source,
            }),
        }
    }
}
