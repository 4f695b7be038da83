//! Registers the UPS Opt-In Wizard as the handler of its URL scheme
//! (`upsoptin://`), safely and only when something is wrong.
//!
//! - **Linux** ([`linux`]): unbundled copies (development builds, the GUI
//!   suite, AppImages) get a per-user `.desktop` entry whose `Exec=` line is
//!   escaped per the Desktop Entry spec ([`desktop`]) and is made the default
//!   for `x-scheme-handler/<scheme>`. A program in a place another user could
//!   take over is never registered ([`location`]). Installed copies (under
//!   `/usr`) write nothing and check that the desktop's default handler passes
//!   the URL on.
//! - **Windows** ([`windows`]): `HKCU\Software\Classes\<scheme>`.
//! - **Start at login**, with the same checks: the XDG autostart entry
//!   ([`login_item`]) and the Windows per-user Run value
//!   ([`windows::enable_login_item`], never from a temporary folder:
//!   [`location::Policy`]).
//!
//! Both compare first and write second: [`linux::check`] and
//! [`windows::check`] say what is wrong without writing; `ensure` fixes only
//! that. No Tauri here: the shell passes the executable path (and the AppImage
//! path) and shows the returned error.

pub mod desktop;
#[cfg(unix)]
pub mod linux;
pub mod location;
#[cfg(unix)]
pub mod login_item;
#[cfg(windows)]
pub mod windows;
pub mod xdg;

/// What went wrong, phrased for the admin: what happened and what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The scheme name is not a valid URI scheme.
    #[error("\"{0}\" is not a valid link scheme")]
    BadScheme(String),
    /// The path cannot be written into a handler entry.
    #[error("the wizard's path {path} cannot be registered as the link handler because {why}; move the wizard to a plain folder such as ~/Applications and start it again")]
    UnwritablePath { path: String, why: &'static str },
    /// The program's location could be taken over by another user.
    #[cfg(unix)]
    #[error("the wizard did not register itself as the link handler: {0}. Move the wizard to a folder only you (or root) can change, such as ~/Applications, and start it again")]
    UnsafeLocation(location::Unsafe),
    /// No home folder to register in.
    #[error("there is no HOME or XDG_DATA_HOME to register the link handler in; set HOME and start the wizard again")]
    NoHome,
    /// An installed copy's system handler does not pass the URL on.
    #[error("the installed link handler {file} does not pass the link on ({why}); reinstall the wizard's package, or ask your administrator to")]
    InstalledHandlerDropsUrl { file: String, why: String },
    /// An installed copy's links would start another program.
    #[error("links from the browser open {program} (through {file}), not this wizard; remove that entry or choose \"UPS Opt-In Wizard\" for these links in your desktop's default-applications settings")]
    InstalledHandlerIsOther { file: String, program: String },
    /// An installed copy has no handler for the scheme at all.
    #[error("no application is registered for {scheme}:// links; reinstall the wizard's package, or ask your administrator to")]
    NoInstalledHandler { scheme: String },
    /// Reading or writing a file failed.
    #[error("could not {action} {path}: {source}; check that folder's permissions")]
    Io {
        action: &'static str,
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A helper program failed (`xdg-mime`).
    #[error("{program} could not set the link handler ({detail}); install xdg-utils and start the wizard again")]
    Command {
        program: &'static str,
        detail: String,
    },
    /// The handler was written but the desktop still resolves another one.
    #[error("the link handler was written but the desktop still opens {scheme}:// links with {other}; choose \"UPS Opt-In Wizard (handler)\" for these links in your desktop's default-applications settings")]
    StillOverridden { scheme: String, other: String },
    /// The Windows registry refused a read or write.
    #[cfg(windows)]
    #[error("could not {action} the registry key HKEY_CURRENT_USER\\{key}: {detail}; check that your account may change its own settings")]
    Registry {
        action: &'static str,
        key: String,
        detail: String,
    },
    /// Start at login refused: the program's location could be taken over by
    /// another user, who would then run their program at this user's login.
    #[cfg(unix)]
    #[error("start at login was not turned on: {0}. Move the wizard to a folder only you (or root) can change, such as ~/Applications, start it from there and turn start at login on again")]
    UnsafeLoginItem(location::Unsafe),
    /// Start at login refused on Windows: the program sits where it could be
    /// gone or replaced before the next login (a temporary folder).
    #[cfg(windows)]
    #[error("start at login was not turned on: {0}. Move the wizard to a folder of its own that only you (or an administrator) can change, such as %LOCALAPPDATA%\\Programs\\UPS Opt-In Wizard, start it from there and turn start at login on again")]
    UnsafeWindowsLoginItem(location::Unsafe),
}

impl Error {
    /// The error as data, for a message in the admin's language: `reason`
    /// (the variant, kebab-case) and its values ([`location::Unsafe::params`]
    /// for an unsafe location); `detail` is the English sentence, for the
    /// reasons a message does not word itself.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("detail", self.to_string())];
        let reason = match self {
            Error::BadScheme(_) => "bad-scheme",
            Error::UnwritablePath { path, .. } => {
                p.push(("path", path.clone()));
                "unwritable-path"
            }
            #[cfg(unix)]
            Error::UnsafeLocation(u) => {
                p.extend(u.params());
                "unsafe-location"
            }
            Error::NoHome => "no-home",
            Error::InstalledHandlerDropsUrl { file, .. } => {
                p.push(("file", file.clone()));
                "installed-drops-url"
            }
            Error::InstalledHandlerIsOther { file, program } => {
                p.push(("file", file.clone()));
                p.push(("program", program.clone()));
                "installed-is-other"
            }
            Error::NoInstalledHandler { scheme } => {
                p.push(("scheme", scheme.clone()));
                "no-installed-handler"
            }
            Error::Io { path, .. } => {
                p.push(("path", path.clone()));
                "io"
            }
            Error::Command { .. } => "command",
            Error::StillOverridden { scheme, other } => {
                p.push(("scheme", scheme.clone()));
                p.push(("program", other.clone()));
                "still-overridden"
            }
            #[cfg(windows)]
            Error::Registry { .. } => "registry",
            #[cfg(unix)]
            Error::UnsafeLoginItem(u) => {
                p.extend(u.params());
                "unsafe-login-item"
            }
            #[cfg(windows)]
            Error::UnsafeWindowsLoginItem(u) => {
                p.extend(u.params());
                "unsafe-login-item"
            }
        };
        p.push(("reason", reason.into()));
        p
    }
}

/// A URI scheme per RFC 3986 §3.1, lower-case only (what is registered).
pub fn check_scheme(scheme: &str) -> Result<(), Error> {
    let mut chars = scheme.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(Error::BadScheme(scheme.to_string()))
    }
}
