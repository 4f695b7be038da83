//! The Tauri lock-down, checked from the files that define it: the CSP in
//! `tauri.conf.json`, every capability (each file under
//! `src-tauri/capabilities/` and any inline in `tauri.conf.json`), and the
//! command list that `build.rs` turns into permissions.

use serde_json::Value;

fn read(path: &str) -> Value {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}")))
        .unwrap()
}

include!("../src/command_list.rs");

/// The one command list (`command_list.rs`), from which `build.rs` generates
/// the permissions and `contract.rs` the invoke handler and the TypeScript client.
fn command_list() -> Vec<String> {
    let names: &[&str] = app_commands!(command_names);
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn csp_is_strict() {
    let conf = read("tauri.conf.json");
    let csp = &conf["app"]["security"]["csp"];
    let all: String = csp
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!all.contains("unsafe-eval"), "{all}");
    assert!(!all.contains("unsafe-inline"), "{all}");
    // The IPC endpoint (Windows uses http://ipc.localhost) is the only URL allowed.
    let others = all.replace("http://ipc.localhost", "");
    assert!(
        !others.contains("http") && !others.contains("*"),
        "no remote origins: {all}"
    );
    assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["frame-ancestors"], "'none'");
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    let window = &conf["app"]["windows"][0];
    assert_eq!(window["devtools"], false);
    assert_eq!(
        window["create"], false,
        "created in setup with the navigation guard"
    );
}

/// Every capability the app has: each file under `src-tauri/capabilities/`
/// (whatever its extension, so a stray TOML file cannot widen the lock-down
/// unseen) and any inline in `tauri.conf.json`.
fn all_capabilities() -> Vec<(String, Value)> {
    let dir = format!("{}/src-tauri/capabilities", env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        assert!(path.is_file(), "only files in {dir}: {}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            name.ends_with(".json"),
            "{name}: capabilities are JSON files (this test reads only those)"
        );
        let text = std::fs::read_to_string(&path).unwrap();
        out.push((name, serde_json::from_str(&text).unwrap()));
    }
    let conf = read("tauri.conf.json");
    if let Some(inline) = conf["app"]["security"]["capabilities"].as_array() {
        for c in inline {
            // A string names a capability file (already read above); an
            // object is a capability of its own.
            if c.is_object() {
                out.push(("tauri.conf.json".into(), c.clone()));
            }
        }
    }
    out
}

/// The addresses the UI opens in the system browser: every
/// `<ExternalLink href="…">` in `ui/src` (the only caller of the opener).
fn links_the_ui_opens() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "svelte") {
                let text = std::fs::read_to_string(&p).unwrap();
                for part in text.split("<ExternalLink href=\"").skip(1) {
                    out.push(part.split('"').next().unwrap().to_string());
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(
        std::path::Path::new(&format!("{}/ui/src", env!("CARGO_MANIFEST_DIR"))),
        &mut out,
    );
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_capability_grants_exactly_the_apps_commands() {
    let caps = all_capabilities();
    assert_eq!(
        caps.len(),
        1,
        "one capability, for the main window: {caps:?}"
    );
    let (_, cap) = &caps[0];
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(cap.get("remote").is_none(), "no remote origin gets the IPC");
    let mut granted: Vec<String> = Vec::new();
    let mut opener = None;
    for p in cap["permissions"].as_array().unwrap() {
        match p {
            Value::String(s) => granted.push(s.clone()),
            Value::Object(o) => {
                assert_eq!(
                    o["identifier"], "opener:allow-open-url",
                    "only the opener is scoped"
                );
                assert!(o.get("deny").is_none());
                opener = Some(o["allow"].clone());
            }
            _ => panic!("{p}"),
        }
    }
    let mut expected: Vec<String> = command_list()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    expected.push("core:event:allow-listen".into());
    expected.push("core:event:allow-unlisten".into());
    granted.sort();
    expected.sort();
    assert_eq!(granted, expected);
    // The opener reaches exactly the links the UI shows: no wildcard, no
    // loopback (sign-in pages, the demo sandbox's included, are opened by the
    // core, which this capability does not govern).
    let mut scope: Vec<String> = opener
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["url"].as_str().unwrap().to_string())
        .collect();
    scope.sort();
    let ui = links_the_ui_opens();
    assert_eq!(
        ui,
        ["https://developer.ups.com", "https://www.ups.com"],
        "the UI's external links changed: update the capability and this test"
    );
    assert_eq!(scope, ui);
    for url in &scope {
        assert!(
            !url.contains('*') && !url.contains('?') && !url.contains('['),
            "{url}"
        );
        assert!(url.starts_with("https://"), "{url}");
    }
}

#[test]
fn prototypes_are_frozen_and_the_csp_is_not_disabled() {
    let conf = read("tauri.conf.json");
    let security = &conf["app"]["security"];
    assert_eq!(security["freezePrototype"], true);
    assert!(
        security
            .get("dangerousDisableAssetCspModification")
            .is_none(),
        "{security}"
    );
    assert!(security.get("dangerousRemoteDomainIpcAccess").is_none());
    assert!(security
        .get("headers")
        .is_none_or(|h| !h.to_string().contains("unsafe")));
}

#[test]
fn deep_links_use_one_scheme() {
    let conf = read("tauri.conf.json");
    assert_eq!(
        conf["plugins"]["deep-link"]["desktop"]["schemes"],
        serde_json::json!(["upsoptin"])
    );
}

fn source(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The functions marked `#[tauri::command]` in `commands.rs`.
fn commands_defined() -> Vec<String> {
    let text = source("src-tauri/src/commands.rs");
    text.split("#[tauri::command]")
        .skip(1)
        .map(|after| {
            let name = after
                .split("fn ")
                .nth(1)
                .expect("a command is a function")
                .split(['(', '<'])
                .next()
                .unwrap();
            name.trim().to_string()
        })
        .collect()
}

/// Every `#[tauri::command]` in `commands.rs` is in the one list, and only those
/// (the compiler already refuses a listed command that does not exist).
#[test]
fn the_command_list_names_every_command() {
    let mut listed = command_list();
    let mut defined = commands_defined();
    listed.sort();
    defined.sort();
    assert!(!listed.is_empty());
    assert_eq!(
        defined, listed,
        "the #[tauri::command] functions in commands.rs and command_list.rs differ"
    );
}
