#![cfg(unix)]
//! Start at login through the link handler's checks (issue 19, item 3): the
//! autostart entry is never written for a program another user could
//! replace (and an old one is removed), its `Exec=` line round-trips any
//! path, and the comparison is by content, so a moved app is rewritten.
//! Asserted on the entry file itself.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use link_handler::desktop::{split_exec, Entry};
use link_handler::location::{Policy, Unsafe};
use link_handler::login_item::{entry_text, LoginItem, AUTOSTART_FILE};
use link_handler::xdg::XdgDirs;
use link_handler::Error;

struct Fixture {
    _root: tempfile::TempDir,
    root: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let root = tempfile::tempdir().unwrap();
        let r = root.path().to_path_buf();
        Fixture {
            _root: root,
            root: r,
        }
    }

    fn dirs(&self) -> XdgDirs {
        let r = &self.root;
        XdgDirs {
            config_home: r.join("config"),
            config_dirs: vec![r.join("etc-xdg")],
            data_home: r.join("data"),
            data_dirs: vec![r.join("usr-share")],
            desktops: vec![],
            path: vec![],
        }
    }

    fn program(&self, rel: &str) -> PathBuf {
        let exe = self.root.join(rel);
        std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
        std::fs::write(&exe, "#!/bin/sh\n").unwrap();
        exe
    }

    /// The fixture lives under /tmp: a policy that trusts it, as a home folder would be.
    fn item(&self, exe: &Path) -> LoginItem {
        LoginItem {
            exe: exe.to_path_buf(),
            args: vec!["--background".into()],
            dirs: self.dirs(),
            policy: Policy {
                euid: rustix::process::geteuid().as_raw(),
                temp_roots: vec![],
            },
        }
    }

    fn entry_file(&self) -> PathBuf {
        self.root.join("config/autostart").join(AUTOSTART_FILE)
    }

    fn plant_old_entry(&self, exec: &str) {
        std::fs::create_dir_all(self.root.join("config/autostart")).unwrap();
        std::fs::write(
            self.entry_file(),
            format!("[Desktop Entry]\nType=Application\nName=ups-optin-wizard\nExec={exec}\n"),
        )
        .unwrap();
    }
}

/// The arguments the desktop runs, read back from the entry file.
fn exec_args(text: &str) -> Vec<String> {
    let exec = Entry::parse(text).exec.expect("an Exec key");
    split_exec(&exec)
        .expect("a valid Exec line")
        .iter()
        .map(|a| a.literal())
        .collect()
}

#[test]
fn the_entry_runs_the_program_hidden_and_round_trips_any_path() {
    let f = Fixture::new();
    for rel in [
        "apps/ups-optin-wizard",
        "my apps/UPS Opt-In Wizard.AppImage",
        "we$ird/`quote\"s\\and;semi/app",
    ] {
        let exe = f.program(rel);
        let item = f.item(&exe);
        assert!(item.enable().unwrap(), "written for {rel}");
        let text = std::fs::read_to_string(f.entry_file()).unwrap();
        assert_eq!(
            exec_args(&text),
            [exe.to_str().unwrap(), "--background"],
            "{text}"
        );
        assert_eq!(text.lines().filter(|l| l.starts_with("Exec=")).count(), 1);
    }
}

#[test]
fn a_line_break_or_percent_in_the_path_is_refused_and_nothing_written() {
    let f = Fixture::new();
    for rel in ["bad\nHidden=true/app", "100%/app"] {
        let exe = f.program(rel);
        let e = f.item(&exe).enable().unwrap_err();
        assert!(matches!(e, Error::UnwritablePath { .. }), "{e}");
        assert!(!f.entry_file().exists(), "{rel}");
    }
    assert!(entry_text(Path::new("relative/app"), &[]).is_err());
}

#[test]
fn a_temporary_location_is_refused_and_an_old_entry_removed() {
    let f = Fixture::new();
    // The fixture is under /tmp: with the system's policy, an AppImage run
    // from there must not become a login item.
    let exe = f.program("Downloads/UPS_Opt-In_Wizard.AppImage");
    f.plant_old_entry(&format!("{} --background", exe.display()));
    let item = LoginItem {
        policy: Policy::system(),
        ..f.item(&exe)
    };
    let e = item.enable().unwrap_err();
    assert!(
        matches!(e, Error::UnsafeLoginItem(Unsafe::TempFolder { .. })),
        "{e}"
    );
    let message = e.to_string();
    assert!(
        message.starts_with("start at login was not turned on"),
        "{message}"
    );
    assert!(message.contains("temporary folder"), "{message}");
    assert!(
        !f.entry_file().exists(),
        "the old entry pointing into /tmp is gone"
    );
    assert!(item.check().is_err());
}

#[test]
fn a_world_writable_or_foreign_owned_folder_is_refused() {
    let f = Fixture::new();
    let exe = f.program("shared/app");
    std::fs::set_permissions(f.root.join("shared"), PermissionsExt::from_mode(0o777)).unwrap();
    let e = f.item(&exe).enable().unwrap_err();
    assert!(
        matches!(e, Error::UnsafeLoginItem(Unsafe::WorldWritable { .. })),
        "{e}"
    );
    assert!(!f.entry_file().exists());

    let exe = f.program("theirs/app");
    // Another user's folder (as root the test can hand it over; else skip).
    if rustix::process::geteuid().is_root() {
        std::os::unix::fs::chown(f.root.join("theirs"), Some(4242), Some(4242)).unwrap();
        let e = f.item(&exe).enable().unwrap_err();
        assert!(
            matches!(
                e,
                Error::UnsafeLoginItem(Unsafe::OtherOwner { uid: 4242, .. })
            ),
            "{e}"
        );
        assert!(!f.entry_file().exists());
    }
}

#[test]
fn the_entry_is_compared_by_content_a_moved_app_and_an_old_entry_are_rewritten() {
    let f = Fixture::new();
    // What tauri-plugin-autostart wrote: unescaped, from wherever it ran.
    let old = f.program("old place/app");
    f.plant_old_entry(&format!("{} --background", old.display()));
    let exe = f.program("apps/app");
    let item = f.item(&exe);
    assert!(!item.check().unwrap(), "an existing file is not enough");
    assert!(item.enable().unwrap(), "rewritten");
    assert!(item.check().unwrap());
    assert_eq!(
        exec_args(&std::fs::read_to_string(f.entry_file()).unwrap()),
        [exe.to_str().unwrap(), "--background"]
    );
    // In place: nothing is written.
    let before = std::fs::metadata(f.entry_file())
        .unwrap()
        .modified()
        .unwrap();
    assert!(!item.enable().unwrap());
    assert_eq!(
        std::fs::metadata(f.entry_file())
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
    // The app moved: the entry follows.
    let moved = f.program("elsewhere/app");
    let item2 = f.item(&moved);
    assert!(!item2.check().unwrap());
    assert!(item2.enable().unwrap());
    assert_eq!(
        exec_args(&std::fs::read_to_string(f.entry_file()).unwrap())[0],
        moved.to_str().unwrap()
    );
    // Off: the file is gone; off again is fine.
    assert!(item2.disable().unwrap());
    assert!(!f.entry_file().exists());
    assert!(!item2.disable().unwrap());
}
