//! The Tauri lock-down, checked from the files that define it: the CSP in
//! `tauri.conf.json`, the one capability file, and the command list that
//! `build.rs` turns into permissions.

use serde_json::Value;

fn read(path: &str) -> Value {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}")))
        .unwrap()
}

fn commands_from_build_rs() -> Vec<String> {
    let text =
        std::fs::read_to_string(format!("{}/src-tauri/build.rs", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    let list = text
        .split("const COMMANDS: &[&str] = &[")
        .nth(1)
        .unwrap()
        .split("];")
        .next()
        .unwrap();
    list.split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect()
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

#[test]
fn the_capability_grants_exactly_the_apps_commands() {
    let cap = read("src-tauri/capabilities/main.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
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
                opener = Some(o["allow"].clone());
            }
            _ => panic!("{p}"),
        }
    }
    let mut expected: Vec<String> = commands_from_build_rs()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    expected.push("core:event:allow-listen".into());
    expected.push("core:event:allow-unlisten".into());
    granted.sort();
    expected.sort();
    assert_eq!(granted, expected);
    assert_eq!(
        opener.unwrap(),
        serde_json::json!([{ "url": "https://*" }, { "url": "http://127.0.0.1:*" }])
    );
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

/// The commands registered with `generate_handler!` in `lib.rs`.
fn commands_from_generate_handler() -> Vec<String> {
    let text = source("src-tauri/src/lib.rs");
    let list = text
        .split("generate_handler![")
        .nth(1)
        .expect("lib.rs registers its commands with generate_handler!")
        .split(']')
        .next()
        .unwrap();
    list.split(',')
        .map(|s| s.trim().trim_start_matches("commands::").to_string())
        .filter(|s| !s.is_empty())
        .collect()
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

/// One command list in three places: what the app registers
/// (`generate_handler!`), what `build.rs` turns into permissions (and the
/// capability grants, checked above), and what `commands.rs` defines.
#[test]
fn generate_handler_build_rs_and_commands_agree() {
    let mut registered = commands_from_generate_handler();
    let mut permitted = commands_from_build_rs();
    let mut defined = commands_defined();
    registered.sort();
    permitted.sort();
    defined.sort();
    assert!(!registered.is_empty());
    assert_eq!(
        registered, permitted,
        "generate_handler! in lib.rs and COMMANDS in build.rs differ"
    );
    assert_eq!(
        defined, registered,
        "the #[tauri::command] functions in commands.rs and generate_handler! differ"
    );
}
