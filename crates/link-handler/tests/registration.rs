#![cfg(unix)]
//! Compare first, write second, on fixture XDG trees: `check()` lists what
//! differs without writing; `ensure()` fixes only that and, when all is in
//! place, writes nothing and starts no process. Installed copies (under
//! `/usr`) write nothing and check that the default handler passes the URL.
//! Our reading of `mimeapps.list` is cross-checked against `xdg-mime query`.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use link_handler::desktop::entry_text;
use link_handler::linux::{Outcome, Problem, Registration, Status, DESKTOP_FILE};
use link_handler::location::Policy;
use link_handler::xdg::{default_handler, XdgDirs};
use link_handler::Error;

const MIME: &str = "x-scheme-handler/upsoptin";

struct Fixture {
    _root: tempfile::TempDir,
    root: PathBuf,
    dirs: XdgDirs,
}

impl Fixture {
    fn new() -> Fixture {
        let root = tempfile::tempdir().unwrap();
        let r = root.path().to_path_buf();
        let dirs = XdgDirs {
            config_home: r.join("config"),
            config_dirs: vec![r.join("etc-xdg")],
            data_home: r.join("data"),
            data_dirs: vec![r.join("usr-local-share"), r.join("usr-share")],
            desktops: vec![],
            path: vec![r.join("bin")],
        };
        // The programs the fixture entries start (an entry whose program is
        // missing counts as not installed, for GLib and xdg-mime alike).
        std::fs::create_dir_all(r.join("bin")).unwrap();
        for name in ["ups-optin-wizard", "other", "wizard", "a", "b", "c", "d"] {
            std::fs::write(r.join("bin").join(name), "#!/bin/sh\n").unwrap();
            std::fs::set_permissions(
                r.join("bin").join(name),
                std::os::unix::fs::PermissionsExt::from_mode(0o755),
            )
            .unwrap();
        }
        Fixture {
            _root: root,
            root: r,
            dirs,
        }
    }

    fn user_copy(&self) -> Registration {
        let exe = self.root.join("build/target/debug/ups-optin-wizard");
        std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
        std::fs::write(&exe, "").unwrap();
        self.registration(exe)
    }

    fn registration(&self, exe: PathBuf) -> Registration {
        Registration {
            exe,
            scheme: "upsoptin".into(),
            dirs: self.dirs.clone(),
            policy: Policy {
                euid: rustix::process::geteuid().as_raw(),
                temp_roots: vec![],
            },
            installed: false,
        }
    }

    /// An installed copy: the fixture's `bin/ups-optin-wizard` (on the
    /// fixture's PATH, as /usr/bin is on a real one).
    fn installed_copy(&self) -> Registration {
        Registration {
            installed: true,
            ..self.registration(self.root.join("bin/ups-optin-wizard"))
        }
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let bin = self.root.join("bin");
        std::fs::write(&p, text.replace("{bin}", &bin.display().to_string())).unwrap();
        p
    }

    /// What `xdg-mime query default` says with this fixture's folders.
    fn xdg_mime_default(&self) -> String {
        let join = |v: &[PathBuf]| {
            v.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(":")
        };
        let out = Command::new("xdg-mime")
            .args(["query", "default", MIME])
            .env("XDG_CONFIG_HOME", &self.dirs.config_home)
            .env("XDG_CONFIG_DIRS", join(&self.dirs.config_dirs))
            .env("XDG_DATA_HOME", &self.dirs.data_home)
            .env("XDG_DATA_DIRS", join(&self.dirs.data_dirs))
            .env("HOME", self.root.join("home"))
            .env(
                "PATH",
                format!("{}:/usr/bin:/bin", self.root.join("bin").display()),
            )
            .env_remove("XDG_CURRENT_DESKTOP")
            .env_remove("DE")
            .output()
            .expect("xdg-mime (xdg-utils) is needed: run scripts/setup.sh");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

fn stamp(p: &Path) -> (u64, i64, i64) {
    let m = std::fs::metadata(p).unwrap();
    (m.ino(), m.mtime(), m.mtime_nsec())
}

#[test]
fn a_fresh_user_copy_is_registered_then_left_alone() {
    let f = Fixture::new();
    let reg = f.user_copy();
    assert_eq!(
        reg.check().unwrap(),
        Status::User(vec![
            Problem::EntryMissing,
            Problem::NotDefault { current: None }
        ])
    );
    assert_eq!(
        reg.ensure().unwrap(),
        Outcome::Registered {
            wrote_entry: true,
            set_default: true
        }
    );
    let entry = reg.entry_file();
    assert_eq!(
        std::fs::read_to_string(&entry).unwrap(),
        entry_text(&reg.exe, "upsoptin").unwrap()
    );
    assert!(std::fs::read_to_string(&entry)
        .unwrap()
        .contains(&format!("\nExec={} %u\n", reg.exe.display())));
    // The desktop (xdg-utils) agrees, and so does our own reader.
    assert_eq!(f.xdg_mime_default(), DESKTOP_FILE);
    assert_eq!(default_handler(&f.dirs, MIME).unwrap().id, DESKTOP_FILE);
    assert_eq!(reg.check().unwrap(), Status::User(vec![]));

    // Second launch: nothing differs, nothing is written.
    let mimeapps = f.dirs.config_home.join("mimeapps.list");
    let before = (stamp(&entry), stamp(&mimeapps));
    assert_eq!(reg.ensure().unwrap(), Outcome::UpToDate);
    assert_eq!((stamp(&entry), stamp(&mimeapps)), before);
    // No leftover temp files beside the entry.
    let names: Vec<String> = std::fs::read_dir(f.dirs.user_applications())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_moved_build_rewrites_only_the_entry() {
    let f = Fixture::new();
    let old = f.user_copy();
    old.ensure().unwrap();
    let mimeapps = f.dirs.config_home.join("mimeapps.list");
    let before = stamp(&mimeapps);
    let moved = f.root.join("elsewhere/ups-optin-wizard");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::write(&moved, "").unwrap();
    let reg = f.registration(moved.clone());
    assert_eq!(
        reg.check().unwrap(),
        Status::User(vec![Problem::EntryDiffers])
    );
    assert_eq!(
        reg.ensure().unwrap(),
        Outcome::Registered {
            wrote_entry: true,
            set_default: false
        }
    );
    assert_eq!(stamp(&mimeapps), before, "the default was already right");
    assert!(std::fs::read_to_string(reg.entry_file())
        .unwrap()
        .contains(&moved.display().to_string()));
}

#[test]
fn another_default_is_replaced_and_the_entry_left_alone() {
    let f = Fixture::new();
    let reg = f.user_copy();
    reg.ensure().unwrap();
    f.write(
        "data/applications/other-app.desktop",
        "[Desktop Entry]\nType=Application\nName=Other\nExec={bin}/other %u\nMimeType=x-scheme-handler/upsoptin;\n",
    );
    f.write(
        "config/mimeapps.list",
        "[Default Applications]\nx-scheme-handler/upsoptin=other-app.desktop;\n",
    );
    assert_eq!(f.xdg_mime_default(), "other-app.desktop");
    let entry_before = stamp(&reg.entry_file());
    assert_eq!(
        reg.check().unwrap(),
        Status::User(vec![Problem::NotDefault {
            current: Some("other-app.desktop".into())
        }])
    );
    assert_eq!(
        reg.ensure().unwrap(),
        Outcome::Registered {
            wrote_entry: false,
            set_default: true
        }
    );
    assert_eq!(stamp(&reg.entry_file()), entry_before);
    assert_eq!(f.xdg_mime_default(), DESKTOP_FILE);
}

#[test]
fn a_desktop_specific_default_that_wins_is_reported() {
    let f = Fixture::new();
    let mut reg = f.user_copy();
    reg.dirs.desktops = vec!["gnome".into()];
    f.write(
        "data/applications/other-app.desktop",
        "[Desktop Entry]\nType=Application\nName=Other\nExec={bin}/other %u\n",
    );
    f.write(
        "config/gnome-mimeapps.list",
        "[Default Applications]\nx-scheme-handler/upsoptin=other-app.desktop\n",
    );
    // xdg-mime writes mimeapps.list; gnome-mimeapps.list still wins.
    match reg.ensure() {
        Err(e @ Error::StillOverridden { .. }) => {
            let m = e.to_string();
            assert!(
                m.contains("other-app.desktop") && m.contains("default-applications"),
                "{m}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn installed_copy_with_a_url_passing_handler_passes_and_writes_nothing() {
    let f = Fixture::new();
    f.write(
        "usr-share/applications/UPS Opt-In Wizard.desktop",
        "[Desktop Entry]\nType=Application\nName=UPS Opt-In Wizard\nExec=ups-optin-wizard %u\nMimeType=x-scheme-handler/upsoptin\n",
    );
    let reg = f.installed_copy();
    match reg.ensure().unwrap() {
        Outcome::Installed(h) => {
            assert_eq!(h.id, "UPS Opt-In Wizard.desktop");
            assert!(!h.explicit_default);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(reg.check().unwrap(), Status::Installed(_)));
    assert!(!f.dirs.user_applications().exists());
    assert!(!f.dirs.config_home.exists());
}

#[test]
fn installed_copy_whose_handler_drops_the_url_is_flagged() {
    let f = Fixture::new();
    // Tauri's stock template: no field code.
    f.write(
        "usr-share/applications/UPS Opt-In Wizard.desktop",
        "[Desktop Entry]\nCategories=\nExec=ups-optin-wizard\nStartupWMClass=ups-optin-wizard\nIcon=ups-optin-wizard\nName=UPS Opt-In Wizard\nTerminal=false\nType=Application\nMimeType=x-scheme-handler/upsoptin\n",
    );
    let reg = f.installed_copy();
    let err = reg.check().unwrap_err();
    match &err {
        Error::InstalledHandlerDropsUrl { file, why } => {
            assert!(file.ends_with("UPS Opt-In Wizard.desktop"), "{file}");
            assert!(why.contains("%u"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("reinstall"), "{err}");
    assert!(matches!(
        reg.ensure(),
        Err(Error::InstalledHandlerDropsUrl { .. })
    ));
    assert!(
        !f.dirs.user_applications().exists(),
        "an installed copy writes no user entry"
    );

    // A %f entry is flagged too (GLib passes nothing for a non-file URL).
    f.write(
        "usr-share/applications/UPS Opt-In Wizard.desktop",
        "[Desktop Entry]\nType=Application\nName=W\nExec=ups-optin-wizard %f\nMimeType=x-scheme-handler/upsoptin\n",
    );
    assert!(matches!(
        reg.check(),
        Err(Error::InstalledHandlerDropsUrl { .. })
    ));
}

#[test]
fn installed_copy_follows_the_users_default_not_the_package() {
    let f = Fixture::new();
    f.write(
        "usr-share/applications/UPS Opt-In Wizard.desktop",
        "[Desktop Entry]\nType=Application\nName=W\nExec=ups-optin-wizard %u\nMimeType=x-scheme-handler/upsoptin\n",
    );
    f.write(
        "data/applications/stale.desktop",
        "[Desktop Entry]\nType=Application\nName=Stale\nExec={bin}/wizard\nMimeType=x-scheme-handler/upsoptin\n",
    );
    f.write(
        "config/mimeapps.list",
        "[Default Applications]\nx-scheme-handler/upsoptin=stale.desktop;\n",
    );
    let reg = f.installed_copy();
    assert_eq!(f.xdg_mime_default(), "stale.desktop");
    assert!(matches!(
        reg.check(),
        Err(Error::InstalledHandlerDropsUrl { .. })
    ));
}

#[test]
fn installed_copy_with_no_handler_at_all_is_flagged() {
    let f = Fixture::new();
    let reg = f.installed_copy();
    assert!(matches!(reg.check(), Err(Error::NoInstalledHandler { .. })));
}

#[test]
fn the_default_is_resolved_as_the_spec_and_xdg_mime_say() {
    let f = Fixture::new();
    let entry = |name: &str| {
        format!("[Desktop Entry]\nType=Application\nName={name}\nExec={{bin}}/{name} %u\nMimeType=x-scheme-handler/upsoptin;\n")
    };
    // Only declared: the first by folder order wins.
    f.write("usr-share/applications/b.desktop", &entry("b"));
    f.write("usr-local-share/applications/c.desktop", &entry("c"));
    assert_eq!(default_handler(&f.dirs, MIME).unwrap().id, "c.desktop");
    // A system default (data dir mimeapps.list) beats declarations.
    f.write(
        "usr-share/applications/mimeapps.list",
        "[Default Applications]\nx-scheme-handler/upsoptin=b.desktop\n",
    );
    assert_eq!(default_handler(&f.dirs, MIME).unwrap().id, "b.desktop");
    assert_eq!(f.xdg_mime_default(), "b.desktop");
    // A default naming an entry that is not installed is skipped.
    f.write(
        "config/mimeapps.list",
        "[Default Applications]\nx-scheme-handler/upsoptin=gone.desktop;vendor-d.desktop;\n",
    );
    f.write("data/applications/vendor/d.desktop", &entry("d"));
    let h = default_handler(&f.dirs, MIME).unwrap();
    assert_eq!(h.id, "vendor-d.desktop");
    assert!(h.path.ends_with("vendor/d.desktop"));
    assert!(h.explicit_default);
    // A hidden entry counts as deleted.
    f.write(
        "data/applications/vendor/d.desktop",
        "[Desktop Entry]\nHidden=true\n",
    );
    assert_eq!(default_handler(&f.dirs, MIME).unwrap().id, "b.desktop");
    // The user's file comes before the system's.
    f.write(
        "config/mimeapps.list",
        "[Default Applications]\nx-scheme-handler/upsoptin=c.desktop\n",
    );
    assert_eq!(default_handler(&f.dirs, MIME).unwrap().id, "c.desktop");
    assert_eq!(f.xdg_mime_default(), "c.desktop");
}

#[test]
fn removed_associations_are_respected() {
    let f = Fixture::new();
    f.write(
        "usr-share/applications/a.desktop",
        "[Desktop Entry]\nType=Application\nName=a\nExec={bin}/a %u\nMimeType=x-scheme-handler/upsoptin;\n",
    );
    f.write(
        "usr-share/applications/b.desktop",
        "[Desktop Entry]\nType=Application\nName=b\nExec={bin}/b %u\nMimeType=x-scheme-handler/upsoptin;\n",
    );
    f.write(
        "config/mimeapps.list",
        "[Removed Associations]\nx-scheme-handler/upsoptin=a.desktop\n",
    );
    assert_eq!(default_handler(&f.dirs, MIME).unwrap().id, "b.desktop");
}

#[test]
fn xdg_dirs_follow_the_environment_and_its_defaults() {
    let env = |k: &str| -> Option<std::ffi::OsString> {
        match k {
            "HOME" => Some("/home/u".into()),
            "XDG_DATA_DIRS" => Some("/a:relative:/b".into()),
            "XDG_CURRENT_DESKTOP" => Some("ubuntu:GNOME".into()),
            _ => None,
        }
    };
    let d = XdgDirs::from_vars(env).unwrap();
    assert_eq!(d.config_home, Path::new("/home/u/.config"));
    assert_eq!(d.data_home, Path::new("/home/u/.local/share"));
    assert_eq!(d.data_dirs, [Path::new("/a"), Path::new("/b")]);
    assert_eq!(d.config_dirs, [Path::new("/etc/xdg")]);
    assert_eq!(d.desktops, ["ubuntu", "gnome"]);
    assert_eq!(
        d.mimeapps_lists()[..3],
        [
            PathBuf::from("/home/u/.config/ubuntu-mimeapps.list"),
            PathBuf::from("/home/u/.config/gnome-mimeapps.list"),
            PathBuf::from("/home/u/.config/mimeapps.list"),
        ]
    );
    assert!(XdgDirs::from_vars(|_| None).is_none());
}

#[test]
fn a_path_with_a_percent_sign_is_refused_with_a_reason() {
    let f = Fixture::new();
    let exe = f.root.join("100%/ups-optin-wizard");
    std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
    std::fs::write(&exe, "").unwrap();
    let reg = f.registration(exe);
    match reg.ensure() {
        Err(e @ Error::UnwritablePath { .. }) => {
            assert!(e.to_string().contains("% sign"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    assert!(!f.dirs.user_applications().exists());
}

#[test]
fn an_entry_whose_program_is_missing_is_not_the_handler() {
    let f = Fixture::new();
    f.write(
        "usr-share/applications/UPS Opt-In Wizard.desktop",
        "[Desktop Entry]\nType=Application\nName=W\nExec=/nonexistent/ups-optin-wizard %u\nMimeType=x-scheme-handler/upsoptin\n",
    );
    assert_eq!(default_handler(&f.dirs, MIME), None);
    assert_eq!(f.xdg_mime_default(), "");
}

#[test]
fn installed_copy_whose_links_start_another_program_is_flagged() {
    let f = Fixture::new();
    f.write(
        "usr-share/applications/UPS Opt-In Wizard.desktop",
        "[Desktop Entry]\nType=Application\nName=W\nExec=ups-optin-wizard %u\nMimeType=x-scheme-handler/upsoptin\n",
    );
    // A development build's entry, still the user's default.
    f.write(
        "data/applications/ups-optin-wizard-handler.desktop",
        "[Desktop Entry]\nType=Application\nName=dev\nExec={bin}/other %u\nMimeType=x-scheme-handler/upsoptin;\n",
    );
    f.write(
        "config/mimeapps.list",
        "[Default Applications]\nx-scheme-handler/upsoptin=ups-optin-wizard-handler.desktop\n",
    );
    let reg = f.installed_copy();
    match reg.check() {
        Err(e @ Error::InstalledHandlerIsOther { .. }) => {
            let m = e.to_string();
            assert!(
                m.contains("bin/other") && m.contains("default-applications"),
                "{m}"
            );
        }
        other => panic!("{other:?}"),
    }
    // Without the stale default, the package's entry (bare name on PATH) is ours.
    std::fs::remove_file(f.root.join("config/mimeapps.list")).unwrap();
    std::fs::remove_file(
        f.root
            .join("data/applications/ups-optin-wizard-handler.desktop"),
    )
    .unwrap();
    assert!(matches!(reg.check(), Ok(Status::Installed(_))));
}
