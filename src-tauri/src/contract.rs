//! The IPC contract, typed from Rust: the commands (`command_list.rs`), the
//! events ([`crate::ipc`]) and every type they carry. The invoke handler is
//! built from the one command list; tauri-specta writes the TypeScript client
//! (`ui/src/bindings/ipc.ts`: one function per command, the event names with
//! their payloads, every type) from the same list, and a test fails when the
//! committed file is stale. `ui/src/lib/backend.ts` wraps that client; nothing
//! else in the UI talks to the shell.

use tauri::ipc::Invoke;
use tauri::{Manager, Runtime};

use crate::ipc::{AppWarning, ConnectionsChanged, LoginEvent, OpenConnection, TrayHint};

include!("command_list.rs");

/// The invoke handler: every command of the list, for any runtime.
pub(crate) fn invoke_handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    macro_rules! handler {
        ($($name:ident $(<$r:ident>)?),* $(,)?) => {
            tauri::generate_handler![$(crate::commands::$name),*]
        };
    }
    app_commands!(handler)
}

/// Every event the shell sends the UI (each one's name is its type's name in
/// kebab-case: `LoginEvent` is `login-event`).
fn events() -> tauri_specta::Events {
    tauri_specta::collect_events![
        LoginEvent,
        ConnectionsChanged,
        AppWarning,
        OpenConnection,
        TrayHint
    ]
}

/// Registers the events on the app, so `Event::emit` knows their names.
pub(crate) fn mount_events<R: Runtime, M: Manager<R>>(app: &M) {
    tauri_specta::Builder::<R>::new()
        .events(events())
        .mount_events(app);
}

/// The contract as tauri-specta sees it, for the bindings (tests only: the app
/// needs no description of itself).
#[cfg(test)]
pub(crate) mod described {
    /// The runtime the generic commands are described for; their IPC types do
    /// not depend on it.
    type R = tauri::Wry;

    macro_rules! specta_commands {
        ($($name:ident $(<$r:ident>)?),* $(,)?) => {
            tauri_specta::collect_commands![$(crate::commands::$name $(::<$r>)?),*]
        };
    }

    pub(crate) fn builder() -> tauri_specta::Builder<R> {
        tauri_specta::Builder::<R>::new()
            .commands(app_commands!(specta_commands))
            .events(super::events())
            .error_handling(tauri_specta::ErrorHandlingMode::Throw)
            .function_casing(tauri_specta::Casing::SnakeCase)
            // One shape per type, as the UI reads and writes them (`Option<T>` is `T | null`).
            .disable_serde_phases()
            // The input limits the UI checks inline (the core's, one home).
            .constant("INPUT_RULES", optin_core::input::INPUT_RULES)
    }

    /// The command names, in the list's order.
    pub(crate) const COMMANDS: &[&str] = app_commands!(command_names);
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::described;

    fn repo(path: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
    }

    const BINDINGS: &str = "ui/src/bindings/ipc.ts";

    const HEADER: &str =
        "// The IPC contract, generated from Rust by tauri-specta (src-tauri/src/contract.rs).\n\
// Do not edit: `cargo test -p ups-optin-wizard --lib contract` rewrites it, and\n\
// `make bindings-check` (part of `make lint`) fails when it is stale.";

    /// Writes the TypeScript client and fails when the committed one differed
    /// (run again and commit the result).
    #[test]
    fn bindings_are_current() {
        let out = std::env::temp_dir().join(format!("ipc-{}.ts", std::process::id()));
        described::builder()
            .export(
                specta_typescript::Typescript::default().header(HEADER),
                &out,
            )
            .expect("the IPC types export to TypeScript");
        let fresh = std::fs::read_to_string(&out).unwrap();
        let _ = std::fs::remove_file(&out);
        let path = repo(BINDINGS);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != fresh {
            std::fs::write(&path, &fresh).unwrap();
            panic!("{BINDINGS} was stale and has been rewritten: check the diff and commit it");
        }
    }
}

/// `docs/ipc.md` against the code: its command and event tables and its error
/// codes are exactly the contract's.
#[cfg(test)]
mod docs {
    use std::collections::BTreeSet;

    use super::described;

    fn read(path: &str) -> String {
        let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
    }

    /// The first-column names (`` | `name` | ``) of the table under `heading`.
    fn table(doc: &str, heading: &str) -> BTreeSet<String> {
        let section = doc
            .split(heading)
            .nth(1)
            .unwrap_or_else(|| panic!("docs/ipc.md has a section {heading:?}"));
        let section = section.split("\n## ").next().unwrap();
        section
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .map(|l| l.split('`').next().unwrap().to_string())
            .collect()
    }

    /// The quoted strings between `start` and the first `end` after it.
    fn quoted(text: &str, start: &str, end: &str) -> BTreeSet<String> {
        let part = text.split(start).nth(1).unwrap().split(end).next().unwrap();
        part.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn commands_events_and_error_codes_match_the_code() {
        let doc = read("docs/ipc.md");
        let bindings = read("ui/src/bindings/ipc.ts");

        let commands: BTreeSet<String> =
            described::COMMANDS.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            table(&doc, "## Commands"),
            commands,
            "docs/ipc.md's commands"
        );

        // Event names as the generated client listens to them.
        let events: BTreeSet<String> = quoted(&bindings, "export const events = {", "};")
            .into_iter()
            .collect();
        assert_eq!(events.len(), 5, "{events:?}");
        assert_eq!(table(&doc, "## Events"), events, "docs/ipc.md's events");

        // Doc comments inside the generated union hold no double quotes.
        let codes = quoted(&bindings, "export type ErrorCode =", ";\n");
        assert!(codes.contains("unknown") && codes.contains("credentials_rejected"));
        let documented = quoted(&doc, "`ErrorCode` is:", "(the UI");
        assert_eq!(documented, codes, "docs/ipc.md's error codes");
    }
}
