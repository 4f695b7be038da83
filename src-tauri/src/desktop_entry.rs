//! Linux: registering the app as the handler of its URL scheme for unbundled
//! runs (development builds, the end-to-end suite). The `.deb` declares the
//! handler itself.
//!
//! `tauri-plugin-deep-link`'s `register_all()` writes a `.desktop` file whose
//! `Exec` path is quoted; Debian 12's xdg-utils 1.1.3 cannot resolve that and
//! `xdg-open upsoptin://…` then falls back to browsers and fails. So on Linux
//! the wizard writes its own entry with an unquoted `Exec=/abs/path %u` (quoted
//! only when the path has characters that need it), sets it as the default for
//! `x-scheme-handler/<scheme>` with `xdg-mime`, and refreshes the MIME cache
//! with `update-desktop-database` (desktop-file-utils).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `.desktop` file name used for unbundled runs.
pub const DESKTOP_FILE: &str = "ups-optin-wizard-handler.desktop";

/// The entry's text for `exe` and `scheme`.
pub fn entry_text(exe: &Path, scheme: &str) -> String {
    let exe = exe.to_string_lossy();
    let needs_quotes = exe.chars().any(|c| {
        matches!(
            c,
            ' ' | '\t'
                | '"'
                | '\''
                | '\\'
                | '>'
                | '<'
                | '~'
                | '|'
                | '&'
                | ';'
                | '$'
                | '*'
                | '?'
                | '#'
                | '('
                | ')'
                | '`'
        )
    });
    let exec = if needs_quotes {
        format!(
            "\"{}\"",
            exe.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('`', "\\`")
                .replace('$', "\\$")
        )
    } else {
        exe.into_owned()
    };
    format!(
        "[Desktop Entry]\nType=Application\nName=UPS Opt-In Wizard (handler)\nComment=Receives UPS sign-in answers\nExec={exec} %u\nTerminal=false\nNoDisplay=true\nMimeType=x-scheme-handler/{scheme};\n"
    )
}

fn applications_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs_home().map(|h| h.join(".local/share")))
        .map(|d| d.join("applications"))
}

fn dirs_home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// Registers `exe` as the handler of `scheme` for this user. Returns a
/// warning to show when registration did not fully work.
pub fn register(exe: &Path, scheme: &str) -> Result<(), String> {
    let dir =
        applications_dir().ok_or("no HOME or XDG_DATA_HOME to register the link handler in")?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("could not create {}: {e}", dir.display()))?;
    let file = dir.join(DESKTOP_FILE);
    let text = entry_text(exe, scheme);
    if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&file, text)
            .map_err(|e| format!("could not write {}: {e}", file.display()))?;
    }
    let mime = format!("x-scheme-handler/{scheme}");
    let status = Command::new("xdg-mime")
        .args(["default", DESKTOP_FILE, &mime])
        .status();
    if !status.is_ok_and(|s| s.success()) {
        return Err("xdg-mime could not set the link handler (install xdg-utils)".into());
    }
    // The MIME cache is an optimisation; without desktop-file-utils xdg-mime still works.
    let _ = Command::new("update-desktop-database").arg(&dir).status();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_is_unquoted_for_plain_paths() {
        let t = entry_text(Path::new("/work/target/debug/ups-optin-wizard"), "upsoptin");
        assert!(
            t.contains("\nExec=/work/target/debug/ups-optin-wizard %u\n"),
            "{t}"
        );
        assert!(t.contains("MimeType=x-scheme-handler/upsoptin;"));
    }

    #[test]
    fn exec_is_quoted_and_escaped_when_needed() {
        let t = entry_text(Path::new("/home/a b/$x/app"), "upsoptin");
        assert!(t.contains("Exec=\"/home/a b/\\$x/app\" %u"), "{t}");
    }
}
