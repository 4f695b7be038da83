#![cfg(windows)]
//! Start at login on Windows, for real (under Wine in `make test-windows`):
//! the per-user Run value is written, compared, rewritten and removed through
//! `link_handler::windows`, and every effect is read back with `reg query`
//! (Windows' own tool; Wine's `reg.exe` there):
//! - the value is the quoted path with its arguments, under HKCU, never HKLM;
//! - a program in the temporary folder (`%TEMP%`) is refused with the reason,
//!   and a value left from before is removed;
//! - a moved program (or an old unquoted value) is found by comparing the
//!   value's content, and rewritten;
//! - disabling removes the value.
//!
//! The Run value has one fixed name, so the tests run one at a time (a lock)
//! and each removes it at the end, even when an assertion fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

use link_handler::windows::{
    disable_login_item, enable_login_item, login_item_command, login_item_in_place,
    login_item_present, RUN_KEY, RUN_VALUE,
};
use link_handler::Error;

const ARGS: &[&str] = &["--background", "--profile=work laptop"];

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Holds the lock, a scratch folder under `%LOCALAPPDATA%` (a folder of the
/// user's own, not a temporary one) and removes the Run value when dropped.
struct Fixture {
    _lock: std::sync::MutexGuard<'static, ()>,
    dir: PathBuf,
}

impl Fixture {
    fn new(tag: &str) -> Fixture {
        let lock = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let base = std::env::var_os("LOCALAPPDATA").expect("LOCALAPPDATA is set");
        let dir = PathBuf::from(base)
            .join("Programs")
            .join(format!("ups-optin-login-test-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        disable_login_item().unwrap();
        Fixture { _lock: lock, dir }
    }

    /// A program file at `<dir>\<sub>\ups-optin-wizard.exe` (its content does
    /// not matter: nothing starts it).
    fn program(&self, sub: &str) -> PathBuf {
        let folder = self.dir.join(sub);
        std::fs::create_dir_all(&folder).unwrap();
        let exe = folder.join("ups-optin-wizard.exe");
        std::fs::write(&exe, b"MZ").unwrap();
        exe
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = disable_login_item();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The data of `value` under `root\key` as `reg query` prints it (`None`: no
/// such value or key).
fn reg_query(root: &str, key: &str, value: &str) -> Option<String> {
    let out = Command::new("reg")
        .args(["query", &format!(r"{root}\{key}"), "/v", value])
        .output()
        .expect("reg.exe runs");
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines().find_map(|l| {
        let (name, data) = l.split_once("REG_SZ")?;
        (name.trim() == value).then(|| data.trim().to_string())
    })
}

fn run_value_hkcu() -> Option<String> {
    reg_query("HKEY_CURRENT_USER", RUN_KEY, RUN_VALUE)
}

fn run_value_hklm() -> Option<String> {
    reg_query("HKEY_LOCAL_MACHINE", RUN_KEY, RUN_VALUE)
}

/// What a user sees in `reg query`: the path without `\\?\`, quoted.
fn quoted(exe: &Path) -> String {
    let s = exe.to_str().unwrap();
    format!("\"{}\"", s.strip_prefix(r"\\?\").unwrap_or(s))
}

#[test]
fn the_run_value_is_the_quoted_path_with_its_arguments_under_hkcu_only() {
    let fx = Fixture::new("a");
    // A folder with spaces: unquoted, Windows would try `C:\…\My.exe` first.
    let exe = fx.program("My Apps");
    assert_eq!(run_value_hkcu(), None);
    assert!(!login_item_present());

    assert!(
        enable_login_item(&exe, ARGS).unwrap(),
        "first enable writes"
    );
    let want = format!("{} --background \"--profile=work laptop\"", quoted(&exe));
    assert_eq!(run_value_hkcu().as_deref(), Some(want.as_str()));
    assert_eq!(login_item_command(&exe, ARGS).unwrap(), want);
    // Never the per-machine key, whatever the process's rights (Wine's
    // processes may write HKLM, as an elevated one does on Windows).
    assert_eq!(run_value_hklm(), None);

    // Compare first: in place, a second enable writes nothing.
    assert!(login_item_in_place(&exe, ARGS).unwrap());
    assert!(!enable_login_item(&exe, ARGS).unwrap());
    assert_eq!(run_value_hkcu().as_deref(), Some(want.as_str()));
}

#[test]
fn a_program_in_the_temporary_folder_is_refused_with_the_reason_and_an_old_value_removed() {
    let fx = Fixture::new("b");
    // A value from before (a copy that was started from its installed place).
    let safe = fx.program("installed");
    enable_login_item(&safe, ARGS).unwrap();
    assert!(run_value_hkcu().is_some());

    let temp = std::env::temp_dir().join(format!("ups-optin-login-test-{}", std::process::id()));
    std::fs::create_dir_all(&temp).unwrap();
    let exe = temp.join("ups-optin-wizard.exe");
    std::fs::write(&exe, b"MZ").unwrap();
    let r = enable_login_item(&exe, ARGS);
    let _ = std::fs::remove_dir_all(&temp);

    let err = r.expect_err("a program in %TEMP% is refused");
    assert!(matches!(err, Error::UnsafeWindowsLoginItem(_)), "{err:?}");
    let text = err.to_string();
    assert!(
        text.starts_with("start at login was not turned on: "),
        "the shell shows this as a refusal: {text}"
    );
    assert!(text.contains("is inside the temporary folder"), "{text}");
    assert!(
        text.contains("ups-optin-wizard.exe"),
        "names the program: {text}"
    );
    assert!(
        text.contains(r"%LOCALAPPDATA%\Programs"),
        "says what to do: {text}"
    );
    // Nothing at login now: not the temporary copy, not the old value.
    assert_eq!(run_value_hkcu(), None);
    assert_eq!(run_value_hklm(), None);

    // The same folder through %TEMP% written in another case is the same folder.
    let upper = PathBuf::from(exe.to_str().unwrap().to_uppercase());
    std::fs::create_dir_all(&temp).unwrap();
    std::fs::write(&exe, b"MZ").unwrap();
    let r = enable_login_item(&upper, ARGS);
    let _ = std::fs::remove_dir_all(&temp);
    assert!(matches!(r, Err(Error::UnsafeWindowsLoginItem(_))), "{r:?}");
    assert_eq!(run_value_hkcu(), None);
}

#[test]
fn a_moved_program_is_found_by_content_and_the_value_rewritten() {
    let fx = Fixture::new("c");
    let old = fx.program("old place");
    enable_login_item(&old, ARGS).unwrap();
    let old_value = run_value_hkcu().unwrap();

    // The user moves the wizard's folder: the old value still exists (a
    // check of presence alone would keep it) but no longer names this copy.
    let new_dir = fx.dir.join("new place");
    std::fs::rename(fx.dir.join("old place"), &new_dir).unwrap();
    let new = new_dir.join("ups-optin-wizard.exe");
    assert!(login_item_present());
    assert!(
        !login_item_in_place(&new, ARGS).unwrap(),
        "compared by content"
    );

    // What the app's reconcile does at start-up: enable from where it runs.
    assert!(enable_login_item(&new, ARGS).unwrap());
    let value = run_value_hkcu().unwrap();
    assert_ne!(value, old_value);
    assert!(value.starts_with(&quoted(&new)), "{value}");
    assert!(login_item_in_place(&new, ARGS).unwrap());

    // An unquoted value (what tauri-plugin-autostart wrote) is rewritten too.
    let unquoted = format!("{} --background", new.display());
    let st = Command::new("reg")
        .args([
            "add",
            &format!(r"HKEY_CURRENT_USER\{RUN_KEY}"),
            "/v",
            RUN_VALUE,
            "/d",
            &unquoted,
            "/f",
        ])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(run_value_hkcu().as_deref(), Some(unquoted.as_str()));
    assert!(!login_item_in_place(&new, ARGS).unwrap());
    assert!(enable_login_item(&new, ARGS).unwrap());
    assert_eq!(run_value_hkcu(), Some(value));
}

#[test]
fn disabling_removes_the_value() {
    let fx = Fixture::new("d");
    let exe = fx.program("app");
    enable_login_item(&exe, ARGS).unwrap();
    assert!(run_value_hkcu().is_some());
    assert!(disable_login_item().unwrap(), "there was a value");
    assert_eq!(run_value_hkcu(), None);
    assert!(!login_item_present());
    // Nothing to remove is fine, and says so.
    assert!(!disable_login_item().unwrap());
    assert_eq!(run_value_hklm(), None);
}

#[test]
fn a_program_that_does_not_exist_is_refused() {
    let fx = Fixture::new("e");
    let missing = fx.dir.join("gone").join("ups-optin-wizard.exe");
    let r = enable_login_item(&missing, ARGS);
    assert!(matches!(r, Err(Error::UnsafeWindowsLoginItem(_))), "{r:?}");
    assert_eq!(run_value_hkcu(), None);
}
