#![cfg(unix)]
//! The `Exec=` line for hostile install paths: both escaping layers, `%`
//! doubled, control characters refused; checked against our own reader, the
//! reference validator (`desktop-file-validate`) and GLib's launcher
//! (`gio launch`), which must start the exact program with the exact URL.

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use link_handler::desktop::{entry_text, exec_value, split_exec, Entry};
use link_handler::Error;

const URL: &str = "upsoptin://oauth/callback?code=C0DE&state=ST%41TE";

/// Hostile install paths and the exact `Exec` value each must produce.
const TABLE: &[(&str, &str)] = &[
    (
        "/opt/wizard/ups-optin-wizard",
        "/opt/wizard/ups-optin-wizard %u",
    ),
    ("/home/a b/app", r#""/home/a b/app" %u"#),
    (r#"/x/say "hi"/app"#, r#""/x/say \\"hi\\"/app" %u"#),
    ("/x/$HOME/app", r#""/x/\\$HOME/app" %u"#),
    ("/x/`id`/app", r#""/x/\\`id\\`/app" %u"#),
    (r"/x/back\slash/app", r#""/x/back\\\\slash/app" %u"#),
    ("/x/100%/app", "/x/100%%/app %u"),
    ("/x/%u %f/app", r#""/x/%%u %%f/app" %u"#),
    ("/x/it's/app", r#""/x/it's/app" %u"#),
    ("/x/a;b&c|d/app", r#""/x/a;b&c|d/app" %u"#),
    ("/x/#(*)?~<>/app", r#""/x/#(*)?~<>/app" %u"#),
    ("/x/ünï code/app", r#""/x/ünï code/app" %u"#),
    (r#"/x/\"$%`\/app"#, r#""/x/\\\\\\"\\$%%\\`\\\\/app" %u"#),
    (
        "/x/a=b/[Desktop Entry]/app",
        r#""/x/a=b/[Desktop Entry]/app" %u"#,
    ),
];

#[test]
fn table_of_hostile_paths() {
    for (path, want) in TABLE {
        let got = exec_value(Path::new(path)).unwrap();
        assert_eq!(got, *want, "{path}");
    }
}

#[test]
fn every_hostile_path_round_trips_through_our_reader() {
    for (path, _) in TABLE {
        let text = entry_text(Path::new(path), "upsoptin").unwrap();
        assert_eq!(text.lines().count(), 8, "one key per line: {text}");
        let entry = Entry::parse(&text);
        assert_eq!(entry.mime_types, ["x-scheme-handler/upsoptin"]);
        assert_eq!(entry.url_problem(), None, "{path}");
        let args = split_exec(entry.exec.as_deref().unwrap()).unwrap();
        assert_eq!(args.len(), 2, "{path}: {args:?}");
        assert_eq!(args[0].literal(), *path);
        assert!(args[0].field_codes().is_empty(), "{path}: {args:?}");
        assert_eq!(args[1].field_codes(), ['u']);
    }
}

#[test]
fn control_characters_are_refused_not_written() {
    for path in [
        "/x/a\nMimeType=text/html;\n/app",
        "/x/a\r\nExec=/bin/evil %u/app",
        "/x/tab\there/app",
        "/x/nul\0/app",
        "/x/esc\u{1b}[31m/app",
        "/x/del\u{7f}/app",
        "/x/c1\u{85}/app",
    ] {
        match entry_text(Path::new(path), "upsoptin") {
            Err(Error::UnwritablePath { why, .. }) => assert!(why.contains("control"), "{why}"),
            other => panic!("{path:?}: {other:?}"),
        }
    }
}

#[test]
fn relative_and_non_utf8_paths_are_refused() {
    assert!(matches!(
        exec_value(Path::new("target/debug/app")),
        Err(Error::UnwritablePath { .. })
    ));
    let bad = std::ffi::OsStr::from_bytes(b"/x/\xff\xfe/app");
    assert!(matches!(
        exec_value(Path::new(bad)),
        Err(Error::UnwritablePath { .. })
    ));
}

#[test]
fn bad_schemes_are_refused() {
    for s in ["", "UPS", "1ups", "ups optin", "ups;x", "ups\n"] {
        assert!(
            matches!(
                entry_text(Path::new("/opt/app"), s),
                Err(Error::BadScheme(_))
            ),
            "{s:?}"
        );
    }
}

#[test]
fn reading_back_finds_missing_url_codes() {
    let cases: &[(&str, bool)] = &[
        ("Exec=ups-optin-wizard %u", true),
        ("Exec=ups-optin-wizard %U", true),
        ("Exec=ups-optin-wizard --url=%u", true),
        ("Exec=ups-optin-wizard", false),
        ("Exec=ups-optin-wizard %f", false),
        ("Exec=ups-optin-wizard %F", false),
        ("Exec=ups-optin-wizard %%u", false),
        ("Exec=\"ups-optin-wizard %u\"", false),
        ("Exec=ups-optin-wizard \"%u", false),
        ("Name=no exec", false),
    ];
    for (line, passes) in cases {
        let e = Entry::parse(&format!(
            "[Desktop Entry]\nType=Application\n{line}\n[Desktop Action x]\nExec=other %u\n"
        ));
        assert_eq!(
            e.url_problem().is_none(),
            *passes,
            "{line}: {:?}",
            e.url_problem()
        );
    }
}

fn tool(name: &str) -> PathBuf {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(name))
        .find(|p| p.is_file());
    found.unwrap_or_else(|| {
        panic!("{name} is needed for this test: run scripts/setup.sh (desktop-file-utils, libglib2.0-bin)")
    })
}

#[test]
fn desktop_file_validate_accepts_every_entry() {
    let validate = tool("desktop-file-validate");
    let dir = tempfile::tempdir().unwrap();
    for (path, _) in TABLE {
        let file = dir.path().join("ups-optin-wizard-handler.desktop");
        std::fs::write(&file, entry_text(Path::new(path), "upsoptin").unwrap()).unwrap();
        let out = Command::new(&validate).arg(&file).output().unwrap();
        let report = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{path}: {report}");
        assert!(!report.contains("error:"), "{path}: {report}");
    }
}

/// Builds the hostile path as real folders with a script at the end that
/// records how it was started, launches the entry with GLib's launcher and
/// checks the script ran as exactly that path with exactly the URL.
#[test]
fn gio_launch_runs_the_exact_path_with_the_exact_url() {
    let gio = tool("gio");
    let root = tempfile::tempdir().unwrap();
    for (i, (path, _)) in TABLE.iter().enumerate() {
        if path.contains('%') {
            // GLib looks the program up by its still-escaped name (`100%%`)
            // before expanding field codes, so it cannot start such a path at
            // all; registration refuses it (see registration.rs).
            continue;
        }
        let exe = PathBuf::from(format!("{}/{i}{path}", root.path().display()));
        std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
        let out = root.path().join(format!("out-{i}"));
        // The script prints $0 and its arguments, NUL-separated.
        std::fs::write(
            &exe,
            format!(
                "#!/bin/sh\nprintf '%s\\0' \"$0\" \"$@\" > '{}.tmp' && mv '{0}.tmp' '{0}'\n",
                out.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        let entry = root.path().join(format!("entry-{i}.desktop"));
        std::fs::write(&entry, entry_text(&exe, "upsoptin").unwrap()).unwrap();
        let status = Command::new(&gio)
            .arg("launch")
            .arg(&entry)
            .arg(URL)
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("GIO_USE_VFS", "local")
            .status()
            .unwrap();
        assert!(status.success(), "{path}: gio launch failed");
        // gio launch returns once the program is spawned; the script writes
        // its record atomically, so wait for it to appear.
        let mut waited = 0;
        while !out.exists() {
            assert!(waited < 600, "{path}: the program never ran");
            std::thread::sleep(std::time::Duration::from_millis(50));
            waited += 1;
        }
        let got = std::fs::read(&out).unwrap();
        let parts: Vec<&[u8]> = got.split(|b| *b == 0).filter(|p| !p.is_empty()).collect();
        assert_eq!(
            parts,
            [exe.as_os_str().as_bytes(), URL.as_bytes()],
            "{path}: {:?}",
            String::from_utf8_lossy(&got)
        );
    }
}
