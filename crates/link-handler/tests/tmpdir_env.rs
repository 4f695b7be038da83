#![cfg(unix)]
//! `$TMPDIR` counts as a temporary folder (its own test binary: it changes
//! the process environment, which other tests read through tempfile).

use std::path::Path;

use link_handler::location::{Policy, Unsafe};

#[test]
fn tmpdir_is_a_temporary_folder_and_a_root_tmpdir_is_ignored() {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tmpdir-env");
    let scratch = base.join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    let exe = scratch.join("ups-optin-wizard");
    std::fs::write(&exe, "").unwrap();

    std::env::set_var("TMPDIR", &scratch);
    let policy = Policy::system();
    assert!(
        policy.temp_roots.contains(&scratch),
        "{:?}",
        policy.temp_roots
    );
    match policy.check(&exe) {
        Err(Unsafe::TempFolder { temp, .. }) => assert_eq!(temp, scratch),
        other => panic!("{other:?}"),
    }

    // A TMPDIR of "/" would make every path temporary: it is ignored.
    std::env::set_var("TMPDIR", "/");
    assert!(!Policy::system().temp_roots.contains(&"/".into()));
    std::env::remove_var("TMPDIR");
}
