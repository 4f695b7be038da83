//! Logging: stdout and one file (`wizard.log` in the app's log folder), via
//! tauri-plugin-log. The core never logs a secret; diagnostics redact again.

use std::path::PathBuf;

/// The folder of the log file: `<data-local>/ups-optin/logs`.
pub fn log_dir() -> Option<PathBuf> {
    std::env::var_os("UPS_OPTIN_LOG_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("XDG_STATE_HOME")
                .filter(|d| !d.is_empty())
                .map(|d| PathBuf::from(d).join("ups-optin/logs"))
        })
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state/ups-optin/logs"))
        })
}

pub const LOG_FILE: &str = "wizard";

pub fn plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    use tauri_plugin_log::{Target, TargetKind};
    let mut targets = vec![Target::new(TargetKind::Stdout)];
    if let Some(path) = log_dir() {
        // Private (0700) and the user's own: a folder another user owns or can
        // write to is not logged into.
        match optin_core::private_dir::ensure(&path) {
            Ok(()) => targets.push(Target::new(TargetKind::Folder {
                path,
                file_name: Some(LOG_FILE.into()),
            })),
            Err(e) => eprintln!("{LOG_FILE}.log is not written: {e}"),
        }
    }
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets(targets)
        // Only our own crates log at info: dependencies (zbus talks to the
        // Secret Service and would log message bytes) stay at warnings.
        .level(log::LevelFilter::Warn)
        .level_for("ups_optin_wizard", log::LevelFilter::Info)
        .level_for("optin_core", log::LevelFilter::Info)
        .level_for("ups_sandbox", log::LevelFilter::Info)
        .build()
}

/// The last `n` lines of the log file (for diagnostics).
pub fn recent_lines(n: usize) -> Vec<String> {
    let Some(file) = log_dir().map(|d| d.join(format!("{LOG_FILE}.log"))) else {
        return Vec::new();
    };
    let Ok(text) = std::fs::read_to_string(file) else {
        return Vec::new();
    };
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..]
        .iter()
        .map(|l| l.to_string())
        .collect()
}
