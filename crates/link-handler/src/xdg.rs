//! The XDG folders and the default application for a MIME type, read the way
//! the freedesktop.org "Association between MIME types and applications" spec
//! (mime-apps-spec 1.0.1) and GLib resolve it, from the files themselves: no
//! `xdg-mime` process per launch.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::desktop::Entry;

/// The XDG base and desktop folders in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XdgDirs {
    pub config_home: PathBuf,
    pub config_dirs: Vec<PathBuf>,
    pub data_home: PathBuf,
    pub data_dirs: Vec<PathBuf>,
    /// `XDG_CURRENT_DESKTOP`, lower-cased, in order (for `<desktop>-mimeapps.list`).
    pub desktops: Vec<String>,
    /// `PATH`: an entry whose program is not found counts as not installed
    /// (GLib and xdg-mime both skip it).
    pub path: Vec<PathBuf>,
}

fn dirs_of(v: Option<OsString>, default: &str) -> Vec<PathBuf> {
    let v = v.filter(|v| !v.is_empty());
    let s = v
        .as_ref()
        .map(|v| v.to_string_lossy().into_owned())
        .unwrap_or_else(|| default.to_string());
    s.split(':')
        .filter(|d| d.starts_with('/'))
        .map(PathBuf::from)
        .collect()
}

impl XdgDirs {
    /// From the environment, with the spec's defaults. `None` when neither the
    /// XDG home variables nor `HOME` say where the user's files are.
    pub fn from_env() -> Option<XdgDirs> {
        Self::from_vars(|k| std::env::var_os(k))
    }

    /// From `var` (for tests: any environment).
    pub fn from_vars(var: impl Fn(&str) -> Option<OsString>) -> Option<XdgDirs> {
        let home = var("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from)
            .filter(|h| h.is_absolute());
        let abs = |k: &str, rel: &str| {
            var(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .or_else(|| home.as_ref().map(|h| h.join(rel)))
        };
        Some(XdgDirs {
            config_home: abs("XDG_CONFIG_HOME", ".config")?,
            config_dirs: dirs_of(var("XDG_CONFIG_DIRS"), "/etc/xdg"),
            data_home: abs("XDG_DATA_HOME", ".local/share")?,
            data_dirs: dirs_of(var("XDG_DATA_DIRS"), "/usr/local/share:/usr/share"),
            desktops: var("XDG_CURRENT_DESKTOP")
                .map(|d| {
                    d.to_string_lossy()
                        .split(':')
                        .filter(|s| !s.is_empty())
                        .map(str::to_ascii_lowercase)
                        .collect()
                })
                .unwrap_or_default(),
            path: dirs_of(var("PATH"), "/usr/local/bin:/usr/bin:/bin"),
        })
    }

    /// The program `entry` starts: its `Exec` line's first argument, found
    /// on [`Self::path`] when it is a bare name. `None` when it does not exist.
    pub fn program_of(&self, entry: &Entry) -> Option<PathBuf> {
        let program = entry
            .exec
            .as_deref()
            .and_then(|e| crate::desktop::split_exec(e).ok())
            .and_then(|args| args.into_iter().next())
            .map(|a| PathBuf::from(a.literal()))?;
        if program.is_absolute() {
            program.is_file().then_some(program)
        } else if program.components().count() == 1 {
            self.path
                .iter()
                .map(|d| d.join(&program))
                .find(|p| p.is_file())
        } else {
            None
        }
    }

    /// Whether `entry` can be started: not hidden, and its program exists.
    pub fn runnable(&self, entry: &Entry) -> bool {
        !entry.hidden && self.program_of(entry).is_some()
    }

    /// The user's applications folder (where the handler entry is written).
    pub fn user_applications(&self) -> PathBuf {
        self.data_home.join("applications")
    }

    /// The applications folders, most important first.
    pub fn applications_dirs(&self) -> Vec<PathBuf> {
        std::iter::once(&self.data_home)
            .chain(&self.data_dirs)
            .map(|d| d.join("applications"))
            .collect()
    }

    /// The `mimeapps.list` files in the spec's order, most important first.
    pub fn mimeapps_lists(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut add = |dir: &Path| {
            for d in &self.desktops {
                out.push(dir.join(format!("{d}-mimeapps.list")));
            }
            out.push(dir.join("mimeapps.list"));
        };
        add(&self.config_home);
        for d in &self.config_dirs {
            add(d);
        }
        for d in self.applications_dirs() {
            add(&d);
        }
        out
    }

    /// The file of an installed desktop entry ID (`a-b.desktop` may also be
    /// `a/b.desktop`), from the most important applications folder that has it.
    pub fn find_desktop_file(&self, id: &str) -> Option<PathBuf> {
        if id.contains('/') || id.starts_with('.') || !id.ends_with(".desktop") {
            return None;
        }
        self.applications_dirs()
            .into_iter()
            .find_map(|dir| find_id_in(&dir, id))
    }
}

fn find_id_in(dir: &Path, id: &str) -> Option<PathBuf> {
    let direct = dir.join(id);
    if direct.is_file() {
        return Some(direct);
    }
    // `vendor-app.desktop` may live at `vendor/app.desktop`.
    for (i, _) in id.match_indices('-') {
        let (prefix, rest) = (&id[..i], &id[i + 1..]);
        let sub = dir.join(prefix);
        if sub.is_dir() {
            if let Some(p) = find_id_in(&sub, rest) {
                return Some(p);
            }
        }
    }
    None
}

/// The value list of `key` in `group` of an ini-style file.
fn list_values(text: &str, group: &str, key: &str) -> Option<Vec<String>> {
    let header = format!("[{group}]");
    let mut in_group = false;
    let mut found = None;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_group = line == header;
            continue;
        }
        if !in_group {
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            if k.trim() == key {
                found = Some(
                    v.split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                );
            }
        }
    }
    found
}

/// The handler the desktop will use for `mime`, and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handler {
    /// The desktop entry ID, e.g. `ups-optin-wizard-handler.desktop`.
    pub id: String,
    /// The file it resolves to.
    pub path: PathBuf,
    /// Whether a `[Default Applications]` entry chose it (else it is the
    /// first application that declares the type).
    pub explicit_default: bool,
}

/// Resolves the default application for `mime`:
/// 1. the first installed ID listed under `[Default Applications]` in the
///    `mimeapps.list` files, in order (then the legacy `defaults.list`);
/// 2. else the first installed ID under `[Added Associations]`;
/// 3. else the first installed entry whose `MimeType` lists it (user folder
///    first, then the system folders, by file name), minus
///    `[Removed Associations]`.
pub fn default_handler(dirs: &XdgDirs, mime: &str) -> Option<Handler> {
    let lists: Vec<(PathBuf, String)> = dirs
        .mimeapps_lists()
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect();
    let installed = |id: &str| -> Option<PathBuf> {
        let path = dirs.find_desktop_file(id)?;
        let entry = Entry::parse(&std::fs::read_to_string(&path).ok()?);
        dirs.runnable(&entry).then_some(path)
    };
    let mut removed: HashSet<String> = HashSet::new();
    for (_, text) in &lists {
        for id in list_values(text, "Default Applications", mime).unwrap_or_default() {
            if removed.contains(&id) {
                continue;
            }
            if let Some(path) = installed(&id) {
                return Some(Handler {
                    id,
                    path,
                    explicit_default: true,
                });
            }
        }
        removed.extend(list_values(text, "Removed Associations", mime).unwrap_or_default());
    }
    for dir in dirs.applications_dirs() {
        let Ok(text) = std::fs::read_to_string(dir.join("defaults.list")) else {
            continue;
        };
        for id in list_values(&text, "Default Applications", mime).unwrap_or_default() {
            if let Some(path) = installed(&id) {
                return Some(Handler {
                    id,
                    path,
                    explicit_default: true,
                });
            }
        }
    }
    let removed: HashSet<String> = lists
        .iter()
        .flat_map(|(_, t)| list_values(t, "Removed Associations", mime).unwrap_or_default())
        .collect();
    for (_, text) in &lists {
        for id in list_values(text, "Added Associations", mime).unwrap_or_default() {
            if removed.contains(&id) {
                continue;
            }
            if let Some(path) = installed(&id) {
                return Some(Handler {
                    id,
                    path,
                    explicit_default: false,
                });
            }
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    for dir in dirs.applications_dirs() {
        let mut ids = Vec::new();
        collect_ids(&dir, "", &mut ids);
        ids.sort();
        for (id, path) in ids {
            if !seen.insert(id.clone()) || removed.contains(&id) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let entry = Entry::parse(&text);
            if entry.mime_types.iter().any(|m| m == mime) && dirs.runnable(&entry) {
                return Some(Handler {
                    id,
                    path,
                    explicit_default: false,
                });
            }
        }
    }
    None
}

fn collect_ids(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for e in read.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        if path.is_dir() {
            collect_ids(&path, &format!("{prefix}{name}-"), out);
        } else if name.ends_with(".desktop") {
            out.push((format!("{prefix}{name}"), path));
        }
    }
}
