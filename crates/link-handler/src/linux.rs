//! Linux (and other XDG desktops): the per-user handler entry for unbundled
//! copies, and the check of the system handler for installed ones.
//!
//! Compare first, write second: [`Registration::check`] reads the entry file
//! and the `mimeapps.list` files (no process is started) and lists what
//! differs; [`Registration::ensure`] writes the entry only when it differs and
//! runs `xdg-mime default` only when the default is not this entry. A launch
//! where everything is in place touches nothing and spawns nothing.
//!
//! `tauri-plugin-deep-link`'s `register_all()` is not used: it writes the
//! `Exec` path always quoted, which Debian 12's xdg-utils 1.1.3 cannot
//! resolve, and escapes nothing. Here the path is quoted only when the spec
//! needs it, and escaped completely ([`crate::desktop`]).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::desktop::{entry_text, Entry};
use crate::location::Policy;
use crate::xdg::{default_handler, Handler, XdgDirs};
use crate::Error;

/// The `.desktop` file name (and desktop entry ID) used for unbundled copies.
pub const DESKTOP_FILE: &str = "ups-optin-wizard-handler.desktop";

/// The program to register: the AppImage file itself when running from one
/// (`$APPIMAGE`; the running binary is inside a temporary mount that vanishes
/// when the app exits), else the running binary.
pub fn handler_exe(current_exe: &Path, appimage: Option<&Path>) -> PathBuf {
    match appimage.filter(|a| !a.as_os_str().is_empty()) {
        Some(a) => a.to_path_buf(),
        None => current_exe.to_path_buf(),
    }
}

/// [`handler_exe`] resolved through symlinks: the file the OS will start.
pub(crate) fn resolved_handler_exe(
    current_exe: &Path,
    appimage: Option<&Path>,
) -> Result<PathBuf, Error> {
    let exe = handler_exe(current_exe, appimage);
    exe.canonicalize().map_err(|source| Error::Io {
        action: "find",
        path: exe.display().to_string(),
        source,
    })
}

/// Whether `exe` is an installed copy (its package declares the handler).
pub fn is_installed(exe: &Path) -> bool {
    exe.starts_with("/usr/")
}

/// Something that differs from what it should be (a user copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No handler entry file.
    EntryMissing,
    /// The entry file's text is not the expected one (another path, an old version).
    EntryDiffers,
    /// The scheme's default handler is another entry (its ID), or none.
    NotDefault { current: Option<String> },
}

/// What [`Registration::check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// A user copy: what differs (empty when all is in place).
    User(Vec<Problem>),
    /// An installed copy whose default handler passes the URL on.
    Installed(Handler),
}

/// What [`Registration::ensure`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was in place; nothing was written or run.
    UpToDate,
    /// The entry was (re)written and/or made the default.
    Registered {
        wrote_entry: bool,
        set_default: bool,
    },
    /// An installed copy; its handler passes the URL on; nothing was written.
    Installed(Handler),
}

/// One registration: which program, which scheme, which folders, which policy.
#[derive(Debug, Clone)]
pub struct Registration {
    /// The program to register (resolved).
    pub exe: PathBuf,
    pub scheme: String,
    pub dirs: XdgDirs,
    pub policy: Policy,
    /// An installed copy ([`is_installed`]): check the packaged handler,
    /// write nothing.
    pub installed: bool,
}

impl Registration {
    /// For this process: [`handler_exe`] of `current_exe` and `appimage`
    /// (Tauri's `app.env().appimage`, i.e. `$APPIMAGE`), resolved through
    /// symlinks, with the environment's XDG folders and [`Policy::system`].
    pub fn for_process(
        current_exe: &Path,
        appimage: Option<&Path>,
        scheme: &str,
    ) -> Result<Registration, Error> {
        let exe = resolved_handler_exe(current_exe, appimage)?;
        Ok(Registration {
            exe: exe.clone(),
            scheme: scheme.to_string(),
            dirs: XdgDirs::from_env().ok_or(Error::NoHome)?,
            policy: Policy::system(),
            installed: is_installed(&exe),
        })
    }

    fn mime(&self) -> String {
        format!("x-scheme-handler/{}", self.scheme)
    }

    /// The user entry's file.
    pub fn entry_file(&self) -> PathBuf {
        self.dirs.user_applications().join(DESKTOP_FILE)
    }

    /// For an installed copy: the default handler must exist and pass the URL.
    fn check_installed(&self) -> Result<Handler, Error> {
        let Some(h) = default_handler(&self.dirs, &self.mime()) else {
            return Err(Error::NoInstalledHandler {
                scheme: self.scheme.clone(),
            });
        };
        let text = std::fs::read_to_string(&h.path).map_err(|source| Error::Io {
            action: "read",
            path: h.path.display().to_string(),
            source,
        })?;
        let entry = Entry::parse(&text);
        if let Some(why) = entry.url_problem() {
            return Err(Error::InstalledHandlerDropsUrl {
                file: h.path.display().to_string(),
                why,
            });
        }
        // The handler must start this program, not another copy (a stale
        // entry of a development build, another version).
        let program = self.dirs.program_of(&entry);
        let ours = |p: &Path| p.canonicalize().ok() == self.exe.canonicalize().ok();
        if !program.as_deref().is_some_and(ours) {
            return Err(Error::InstalledHandlerIsOther {
                file: h.path.display().to_string(),
                program: program
                    .map_or_else(|| "an unknown program".into(), |p| p.display().to_string()),
            });
        }
        Ok(h)
    }

    /// The expected entry text; refuses unsafe locations and unwritable paths.
    fn expected_entry(&self) -> Result<String, Error> {
        self.policy
            .check(&self.exe)
            .map_err(Error::UnsafeLocation)?;
        if self.exe.to_string_lossy().contains('%') {
            // Written as `%%` per the spec, but GLib (GNOME, Firefox, the
            // portals) looks the program up by that escaped name before
            // expanding it, and never starts it: a silent failure.
            return Err(Error::UnwritablePath {
                path: self.exe.display().to_string(),
                why: "it contains a % sign, which GNOME, Firefox and other GLib-based programs cannot start from a desktop entry",
            });
        }
        entry_text(&self.exe, &self.scheme)
    }

    fn user_problems(&self, expected: &str) -> Vec<Problem> {
        let mut problems = Vec::new();
        match std::fs::read_to_string(self.entry_file()) {
            Ok(t) if t == expected => {}
            Ok(_) => problems.push(Problem::EntryDiffers),
            Err(_) => problems.push(Problem::EntryMissing),
        }
        let current = default_handler(&self.dirs, &self.mime());
        let ours = current
            .as_ref()
            .is_some_and(|h| h.id == DESKTOP_FILE && h.path == self.entry_file());
        if !ours {
            problems.push(Problem::NotDefault {
                current: current.map(|h| h.id),
            });
        }
        problems
    }

    /// What is wrong, without writing anything or starting any process.
    pub fn check(&self) -> Result<Status, Error> {
        crate::check_scheme(&self.scheme)?;
        if self.installed {
            return self.check_installed().map(Status::Installed);
        }
        let expected = self.expected_entry()?;
        Ok(Status::User(self.user_problems(&expected)))
    }

    /// Fixes what [`check`](Self::check) finds, and only that.
    pub fn ensure(&self) -> Result<Outcome, Error> {
        crate::check_scheme(&self.scheme)?;
        if self.installed {
            return self.check_installed().map(Outcome::Installed);
        }
        let expected = self.expected_entry()?;
        let problems = self.user_problems(&expected);
        if problems.is_empty() {
            return Ok(Outcome::UpToDate);
        }
        let wrote_entry = problems
            .iter()
            .any(|p| matches!(p, Problem::EntryMissing | Problem::EntryDiffers));
        if wrote_entry {
            self.write_entry(&expected)?;
        }
        let set_default = problems
            .iter()
            .any(|p| matches!(p, Problem::NotDefault { .. }));
        if set_default {
            self.set_default()?;
        }
        if wrote_entry {
            // The MIME cache is an optimisation; without desktop-file-utils the
            // mimeapps.list default still works.
            let _ = self
                .command("update-desktop-database")
                .arg(self.dirs.user_applications())
                .status();
        }
        let now = default_handler(&self.dirs, &self.mime());
        if now.as_ref().map(|h| h.id.as_str()) != Some(DESKTOP_FILE) {
            return Err(Error::StillOverridden {
                scheme: self.scheme.clone(),
                other: now.map_or_else(|| "no application".to_string(), |h| h.id),
            });
        }
        Ok(Outcome::Registered {
            wrote_entry,
            set_default,
        })
    }

    fn write_entry(&self, text: &str) -> Result<(), Error> {
        crate::desktop::write_entry_file(&self.dirs.user_applications(), DESKTOP_FILE, text)
            .map(drop)
    }

    /// A command with the XDG variables of [`Self::dirs`], so `xdg-mime`
    /// writes where [`default_handler`] reads.
    fn command(&self, program: &str) -> Command {
        let join = |v: &[PathBuf]| {
            v.iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(":")
        };
        let mut c = Command::new(program);
        c.env("XDG_CONFIG_HOME", &self.dirs.config_home)
            .env("XDG_DATA_HOME", &self.dirs.data_home)
            .env("XDG_CONFIG_DIRS", join(&self.dirs.config_dirs))
            .env("XDG_DATA_DIRS", join(&self.dirs.data_dirs))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        c
    }

    fn set_default(&self) -> Result<(), Error> {
        let out = self
            .command("xdg-mime")
            .args(["default", DESKTOP_FILE, &self.mime()])
            .output()
            .map_err(|e| Error::Command {
                program: "xdg-mime",
                detail: e.to_string(),
            })?;
        if out.status.success() {
            Ok(())
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            Err(Error::Command {
                program: "xdg-mime",
                detail: format!("{}: {}", out.status, stderr.trim()),
            })
        }
    }
}

/// Checks and, where needed, fixes the registration for this process. The
/// shell calls this off the UI thread; an error is for its log and a notice.
pub fn ensure(current_exe: &Path, appimage: Option<&Path>, scheme: &str) -> Result<Outcome, Error> {
    Registration::for_process(current_exe, appimage, scheme)?.ensure()
}
