#![cfg(windows)]
//! The Windows link handler under `HKCU\Software\Classes`, read back with
//! `reg query` (Windows' own tool; Wine's `reg.exe` in CI): the command line
//! quotes a path with spaces and passes `%1`; a second `ensure` writes
//! nothing; a changed value is put back. Each test uses its own scheme
//! name and removes it.

use std::path::Path;
use std::process::Command;

use link_handler::windows::{check, ensure, remove, values};
use link_handler::Error;

const EXE: &str = r"C:\Program Files\UPS Opt-In Wizard (test)\ups-optin-wizard.exe";
const NAME: &str = "com.upsoptin.wizard";

/// Removes the test scheme even when an assertion fails.
struct Scheme(String);

impl Scheme {
    fn new(tag: &str) -> Scheme {
        let s = Scheme(format!("upsoptin-test-{tag}-{}", std::process::id()));
        remove(&s.0).unwrap();
        s
    }
}

impl Drop for Scheme {
    fn drop(&mut self) {
        let _ = remove(&self.0);
    }
}

/// The data of one value as `reg query` prints it (`None`: no such value/key).
fn reg_query(key: &str, value: Option<&str>) -> Option<String> {
    let full = format!(r"HKEY_CURRENT_USER\{key}");
    let mut cmd = Command::new("reg");
    cmd.arg("query").arg(&full);
    match value {
        Some(v) => cmd.arg("/v").arg(v),
        None => cmd.arg("/ve"),
    };
    let out = cmd.output().expect("reg.exe runs");
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines().find_map(|l| {
        let (_, data) = l.split_once("REG_SZ")?;
        Some(data.trim().to_string())
    })
}

#[test]
fn registers_a_quoted_command_with_percent_one_and_reads_back_with_reg() {
    let scheme = Scheme::new("a");
    let exe = Path::new(EXE);
    assert_eq!(check(exe, &scheme.0, NAME).unwrap().len(), 4);
    assert_eq!(ensure(exe, &scheme.0, NAME).unwrap(), 4);

    let base = format!(r"Software\Classes\{}", scheme.0);
    assert_eq!(
        reg_query(&format!(r"{base}\shell\open\command"), None).as_deref(),
        Some(r#""C:\Program Files\UPS Opt-In Wizard (test)\ups-optin-wizard.exe" "%1""#)
    );
    assert_eq!(
        reg_query(&base, None).as_deref(),
        Some("URL:com.upsoptin.wizard protocol")
    );
    // "URL Protocol" is present and empty.
    assert_eq!(reg_query(&base, Some("URL Protocol")).as_deref(), Some(""));
    assert_eq!(
        reg_query(&format!(r"{base}\DefaultIcon"), None).as_deref(),
        Some(r#""C:\Program Files\UPS Opt-In Wizard (test)\ups-optin-wizard.exe",0"#)
    );

    // Compare first: nothing differs, nothing is written.
    assert!(check(exe, &scheme.0, NAME).unwrap().is_empty());
    assert_eq!(ensure(exe, &scheme.0, NAME).unwrap(), 0);
}

#[test]
fn a_changed_command_is_put_back() {
    let scheme = Scheme::new("b");
    let exe = Path::new(EXE);
    ensure(exe, &scheme.0, NAME).unwrap();
    let key = format!(
        r"HKEY_CURRENT_USER\Software\Classes\{}\shell\open\command",
        scheme.0
    );
    let st = Command::new("reg")
        .args(["add", &key, "/ve", "/d", r"C:\Evil\evil.exe %1", "/f"])
        .status()
        .unwrap();
    assert!(st.success());
    let wrong = check(exe, &scheme.0, NAME).unwrap();
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].key.ends_with(r"shell\open\command"));
    assert_eq!(ensure(exe, &scheme.0, NAME).unwrap(), 1);
    assert_eq!(
        reg_query(
            &format!(r"Software\Classes\{}\shell\open\command", scheme.0),
            None
        )
        .as_deref(),
        Some(r#""C:\Program Files\UPS Opt-In Wizard (test)\ups-optin-wizard.exe" "%1""#)
    );
}

#[test]
fn remove_takes_the_whole_key_away() {
    let scheme = Scheme::new("c");
    ensure(Path::new(EXE), &scheme.0, NAME).unwrap();
    remove(&scheme.0).unwrap();
    assert_eq!(
        reg_query(&format!(r"Software\Classes\{}", scheme.0), None),
        None
    );
    // Removing what is not there is fine.
    remove(&scheme.0).unwrap();
}

#[test]
fn paths_that_cannot_be_quoted_are_refused() {
    for p in [
        r"relative\app.exe",
        "C:\\a\"b\\app.exe",
        "C:\\a\nb\\app.exe",
    ] {
        assert!(
            matches!(
                values(Path::new(p), "upsoptin", NAME),
                Err(Error::UnwritablePath { .. })
            ),
            "{p:?}"
        );
    }
    // The extended-length prefix from canonicalize is dropped.
    let v = values(Path::new(r"\\?\C:\Apps\wizard.exe"), "upsoptin", NAME).unwrap();
    assert_eq!(v[3].expected, r#""C:\Apps\wizard.exe" "%1""#);
}
