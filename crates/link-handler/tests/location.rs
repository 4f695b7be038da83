#![cfg(unix)]
//! The link handler is never a path another local user can take over:
//! temporary folders, world-writable folders without the sticky bit,
//! world-writable programs and folders owned by another user are refused,
//! for the program and every folder above it; AppImages register `$APPIMAGE`.
//!
//! Foreign ownership uses `chown` to uid 4242 (the suite runs as root in CI).
//! Run as another user, the same check is made the other way round: the
//! policy is told the app runs as 4242, so the tester's own files are foreign.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use link_handler::linux::{handler_exe, Registration};
use link_handler::location::{Policy, Unsafe};
use link_handler::xdg::XdgDirs;
use link_handler::Error;

const OTHER_UID: u32 = 4242;

fn me() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// A policy with no temporary roots, so tempdirs (under /tmp) can stand in
/// for any folder; the temporary-folder rule has its own tests.
fn policy() -> Policy {
    Policy {
        euid: me(),
        temp_roots: vec![],
    }
}

fn program(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let exe = dir.join("ups-optin-wizard");
    std::fs::write(&exe, "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    exe
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Makes `p` belong to someone else; returns the policy to check with and
/// the uid the refusal must name.
fn give_away(p: &Path) -> (Policy, u32) {
    match std::os::unix::fs::chown(p, Some(OTHER_UID), None) {
        Ok(()) => (policy(), OTHER_UID),
        Err(_) => (
            Policy {
                euid: OTHER_UID,
                temp_roots: vec![],
            },
            me(),
        ),
    }
}

#[test]
fn a_private_folder_is_accepted() {
    let root = tempfile::tempdir().unwrap();
    let exe = program(&root.path().join("opt/wizard"));
    assert_eq!(policy().check(&exe), Ok(()));
}

#[test]
fn temporary_folders_are_refused() {
    let sys = Policy::system();
    for p in [
        "/tmp/.mount_UpsOpt1/usr/bin/ups-optin-wizard",
        "/tmp/ups-optin-wizard",
        "/var/tmp/x/ups-optin-wizard",
        "/dev/shm/x/ups-optin-wizard",
    ] {
        match sys.check(Path::new(p)) {
            Err(Unsafe::TempFolder { .. }) => {}
            other => panic!("{p}: {other:?}"),
        }
    }
    // A real program in a real temporary folder.
    let root = tempfile::Builder::new().tempdir_in("/tmp").unwrap();
    let exe = program(root.path());
    assert!(matches!(sys.check(&exe), Err(Unsafe::TempFolder { .. })));
}

#[test]
fn a_symlink_into_a_temporary_folder_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let temp = root.path().join("scratch");
    let exe = program(&temp.join("app"));
    let safe = root.path().join("bin");
    std::fs::create_dir_all(&safe).unwrap();
    let link = safe.join("ups-optin-wizard");
    std::os::unix::fs::symlink(&exe, &link).unwrap();
    let policy = Policy {
        euid: me(),
        temp_roots: vec![temp.clone()],
    };
    match policy.check(&link) {
        Err(Unsafe::TempFolder { temp: t, .. }) => assert_eq!(t, temp.canonicalize().unwrap()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn world_writable_folders_without_sticky_bit_are_refused_at_any_level() {
    let root = tempfile::tempdir().unwrap();
    let top = root.path().join("shared");
    let exe = program(&top.join("a/b"));
    for (dir, mode) in [
        (top.join("a/b"), 0o777),
        (top.join("a"), 0o777),
        (top.clone(), 0o757),
    ] {
        chmod(&dir, mode);
        assert_eq!(
            policy().check(&exe),
            Err(Unsafe::WorldWritable { path: dir.clone() }),
            "{}",
            dir.display()
        );
        chmod(&dir, 0o755);
    }
    assert_eq!(policy().check(&exe), Ok(()));
}

#[test]
fn group_writable_folders_without_sticky_bit_and_group_writable_programs_are_refused() {
    use std::os::unix::fs::MetadataExt;
    let root = tempfile::tempdir().unwrap();
    let top = root.path().join("team");
    let exe = program(&top.join("a"));
    for (path, mode) in [
        (top.join("a"), 0o775),
        (top.clone(), 0o770),
        (exe.clone(), 0o775),
    ] {
        chmod(&path, mode);
        let gid = std::fs::metadata(&path).unwrap().gid();
        assert_eq!(
            policy().check(&exe),
            Err(Unsafe::GroupWritable {
                path: path.clone(),
                gid
            }),
            "{}",
            path.display()
        );
        chmod(&path, 0o755);
    }
    // With the sticky bit, a group-writable folder above is accepted (as /tmp-like folders are).
    chmod(&top, 0o1775);
    assert_eq!(policy().check(&exe), Ok(()));
}

#[test]
fn a_world_writable_folder_with_the_sticky_bit_is_accepted_above_a_private_one() {
    let root = tempfile::tempdir().unwrap();
    let shared = root.path().join("shared");
    let exe = program(&shared.join("mine"));
    chmod(&shared, 0o1777);
    assert_eq!(policy().check(&exe), Ok(()));
    // ...but not as the program's own folder's only protection for the file.
    chmod(&exe, 0o777);
    assert_eq!(
        policy().check(&exe),
        Err(Unsafe::WorldWritable { path: exe.clone() })
    );
}

#[test]
fn a_world_writable_program_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let exe = program(root.path());
    chmod(&exe, 0o757);
    assert_eq!(
        policy().check(&exe),
        Err(Unsafe::WorldWritable { path: exe.clone() })
    );
}

#[test]
fn a_folder_owned_by_another_user_is_refused_at_any_level() {
    for level in 0..3 {
        let root = tempfile::tempdir().unwrap();
        let top = root.path().join("home-other");
        let exe = program(&top.join("bin/sub"));
        let target = match level {
            0 => top.join("bin/sub"),
            1 => top.join("bin"),
            _ => top.clone(),
        };
        let (policy, uid) = give_away(&target);
        let got = policy.check(&exe);
        if policy.euid == me() {
            assert_eq!(got, Err(Unsafe::OtherOwner { path: target, uid }));
        } else {
            // Not root: every file of ours is foreign to the policy; the
            // first one met (the program) is reported.
            assert!(
                matches!(got, Err(Unsafe::OtherOwner { uid: u, .. }) if u == uid),
                "{got:?}"
            );
        }
    }
}

#[test]
fn a_program_owned_by_another_user_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let exe = program(root.path());
    let (policy, uid) = give_away(&exe);
    assert_eq!(
        policy.check(&exe),
        Err(Unsafe::OtherOwner { path: exe, uid })
    );
}

#[test]
fn root_owned_folders_are_trusted_for_any_user() {
    // /usr/bin/env: root-owned all the way up.
    let env = Path::new("/usr/bin/env");
    let as_other = Policy {
        euid: OTHER_UID,
        temp_roots: vec![],
    };
    assert_eq!(as_other.check(env), Ok(()));
}

#[test]
fn appimages_register_the_appimage_file_not_the_mount() {
    let mount = Path::new("/tmp/.mount_UpsOptXYZ/usr/bin/ups-optin-wizard");
    let image = Path::new("/home/me/Applications/UPS_Opt-In_Wizard.AppImage");
    assert_eq!(handler_exe(mount, Some(image)), image);
    assert_eq!(handler_exe(mount, Some(Path::new(""))), mount);
    assert_eq!(handler_exe(mount, None), mount);
}

fn dirs(root: &Path) -> XdgDirs {
    XdgDirs {
        config_home: root.join("config"),
        config_dirs: vec![],
        data_home: root.join("data"),
        data_dirs: vec![root.join("sys")],
        desktops: vec![],
        path: vec![],
    }
}

#[test]
fn an_appimage_in_a_temporary_folder_is_refused_and_nothing_is_written() {
    let root = tempfile::tempdir().unwrap();
    let image = program(&root.path().join("Downloads"));
    let mount = Path::new("/tmp/.mount_UpsOptXYZ/usr/bin/ups-optin-wizard");
    let reg = Registration {
        exe: handler_exe(mount, Some(&image)),
        scheme: "upsoptin".into(),
        dirs: dirs(root.path()),
        policy: Policy {
            euid: me(),
            temp_roots: vec![root.path().join("Downloads")],
        },
        installed: false,
    };
    let err = reg.ensure().unwrap_err();
    assert!(
        matches!(err, Error::UnsafeLocation(Unsafe::TempFolder { .. })),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("did not register") && msg.contains("Move the wizard"),
        "{msg}"
    );
    assert!(!root.path().join("data/applications").exists());
    assert!(!root.path().join("config/mimeapps.list").exists());
    // check() says the same without writing.
    assert!(matches!(reg.check(), Err(Error::UnsafeLocation(_))));
}

#[test]
fn the_running_mount_itself_is_refused() {
    // Without $APPIMAGE (or with a mount path) the temporary mount is refused.
    let root = tempfile::tempdir().unwrap();
    let reg = Registration {
        exe: handler_exe(
            Path::new("/tmp/.mount_UpsOptXYZ/usr/bin/ups-optin-wizard"),
            None,
        ),
        scheme: "upsoptin".into(),
        dirs: dirs(root.path()),
        policy: Policy::system(),
        installed: false,
    };
    assert!(matches!(
        reg.ensure(),
        Err(Error::UnsafeLocation(Unsafe::TempFolder { .. }))
    ));
    assert!(!root.path().join("data/applications").exists());
}
