//! Generates the permission files of the app's own commands (`allow-<command>`),
//! so the capability file can grant the wizard window exactly these commands.

/// Every command the shell exposes; keep in step with `commands.rs`.
const COMMANDS: &[&str] = &[
    "get_app_info",
    "check_keychain",
    "list_connections",
    "start_browser_opt_in",
    "reopt_in",
    "open_sign_in_again",
    "cancel_opt_in",
    "submit_pasted_address",
    "client_credentials_opt_in",
    "refresh_connection",
    "test_connection",
    "remove_connection",
    "copy_diagnostics",
    "check_client",
    "update_client_secret",
    "get_settings",
    "set_start_at_login",
    "take_open_connection",
    "get_locale",
    "set_locale",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
