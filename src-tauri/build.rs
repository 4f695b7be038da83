//! Generates the permission files of the app's own commands (`allow-<command>`),
//! so the capability file can grant the wizard window exactly these commands.

include!("src/command_list.rs");

/// Every command the shell exposes (the one list, `src/command_list.rs`).
const COMMANDS: &[&str] = app_commands!(command_names);

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/src/command_list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
