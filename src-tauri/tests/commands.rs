//! The shell's commands on Tauri's mock runtime, over a real loopback sandbox
//! and an in-memory vault: what the UI sends, what it gets back (never a
//! secret), and deep links handed over as the OS would.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use optin_core::browser::RecordingBrowser;
use optin_core::clock::SystemClock;
use optin_core::ups::http::ReqwestTransport;
use optin_core::vault::memory::MemoryStore;
use optin_core::{Effects, OptIn};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Listener, Manager, WebviewWindow};
use ups_optin_wizard::ipc::DemoHint;
use ups_optin_wizard::state::AppState;

struct Harness {
    _app: tauri::App<tauri::test::MockRuntime>,
    window: WebviewWindow<tauri::test::MockRuntime>,
    sandbox_url: String,
    browser: Arc<RecordingBrowser>,
    secrets: Arc<MemoryStore>,
    events: Arc<Mutex<Vec<Value>>>,
    _dir: tempfile::TempDir,
}

fn harness() -> Harness {
    let sandbox = tauri::async_runtime::block_on(ups_sandbox::Sandbox::start(
        ups_sandbox::SandboxConfig::default(),
    ))
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let browser = Arc::new(RecordingBrowser::default());
    let secrets = Arc::new(MemoryStore::new());
    let optin = OptIn::new(Effects {
        http: Arc::new(ReqwestTransport::new().unwrap()),
        browser: browser.clone(),
        clock: Arc::new(SystemClock),
        secrets: secrets.clone(),
        config_dir: dir.path().to_path_buf(),
    });
    let sandbox_url = sandbox.base_url();
    let hint = DemoHint {
        base_url: sandbox_url.clone(),
        client_id: ups_sandbox::DEMO_CLIENT_ID.into(),
        client_secret: ups_sandbox::DEMO_CLIENT_SECRET.into(),
        username: "demo".into(),
        password: "demo".into(),
    };
    let state = AppState::new(optin, Some((hint, Box::new(sandbox))), vec![]);
    let mut app = ups_optin_wizard::build_app(mock_builder(), state)
        .build(ups_optin_wizard::context())
        .unwrap();
    // One iteration runs the setup hook (event forwarding, ticker, deep-link
    // wiring) and creates the configured "main" window. Called once, so the
    // busy-loop the deprecation warns about cannot happen.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = app
        .get_webview_window("main")
        .expect("the main window from tauri.conf.json");
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    app.listen_any("login-event", move |e| {
        sink.lock()
            .unwrap()
            .push(serde_json::from_str(e.payload()).unwrap())
    });
    Harness {
        _app: app,
        window,
        sandbox_url,
        browser,
        secrets,
        events,
        _dir: dir,
    }
}

impl Harness {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let req = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        tauri::test::get_ipc_response(&self.window, req).map(|b| b.deserialize::<Value>().unwrap())
    }

    fn wait_event(&self, kind: &str) -> Value {
        for _ in 0..200 {
            if let Some(e) = self
                .events
                .lock()
                .unwrap()
                .iter()
                .find(|e| e["kind"] == kind)
            {
                return e.clone();
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("no {kind} event; got {:?}", self.events.lock().unwrap());
    }
}

fn sandbox_env() -> Value {
    json!({ "kind": "sandbox", "url": null })
}

fn browser_request(route: &str) -> Value {
    json!({ "request": {
        "environment": sandbox_env(), "label": "WorldShip", "client_id": " sandbox-demo-client ",
        "client_secret": "sandbox-demo-secret", "route": route, "bounce_url": null, "pkce_body": false, "accounts": []
    }})
}

/// Secrets the UI must never receive back.
fn assert_no_secret(v: &Value, h: &Harness) {
    let text = v.to_string();
    assert!(!text.contains(ups_sandbox::DEMO_CLIENT_SECRET), "{text}");
    assert!(
        !text.contains(ups_sandbox::DEMO_CLIENT_ID),
        "full client id leaked: {text}"
    );
    for account in h.secrets.accounts() {
        let value = optin_core::vault::SecretStore::get(h.secrets.as_ref(), &account)
            .unwrap()
            .unwrap();
        assert!(!text.contains(value.expose()), "secret of {account} leaked");
    }
}

#[test]
fn app_info_in_demo_mode() {
    let h = harness();
    let info = h.invoke("get_app_info", json!({})).unwrap();
    assert_eq!(info["demo"]["base_url"], h.sandbox_url.as_str());
    assert_eq!(info["deep_link_redirect_uri"], "upsoptin://oauth/callback");
    // The keychain is checked by its own command, so the first screen never waits for it.
    assert!(info.get("keychain").is_none(), "{info}");
    let keychain = h.invoke("check_keychain", json!({})).unwrap();
    assert_eq!(keychain["ok"], true, "{keychain}");
    assert_eq!(keychain["message"], json!(null));
    assert_eq!(h.invoke("list_connections", json!({})).unwrap(), json!([]));
}

#[test]
fn deep_link_opt_in_then_replay_changes_nothing() {
    let h = harness();
    let pending = h
        .invoke("start_browser_opt_in", browser_request("deep_link"))
        .unwrap();
    assert_eq!(pending["browser_opened"], true);
    assert_eq!(pending["route"], "deep_link");
    let authorize = pending["authorize_url"].as_str().unwrap().to_string();
    assert_eq!(*h.browser.opened.lock().unwrap(), vec![authorize.clone()]);
    let callback = tauri::async_runtime::block_on(
        ups_sandbox::FakeBrowser::new().sign_in(&authorize, "demo", "demo"),
    )
    .unwrap();
    ups_optin_wizard::handle_link(h.window.app_handle(), callback.clone());
    let done = h.wait_event("completed");
    assert_eq!(done["connection"]["state"], "connected");
    assert_eq!(done["connection"]["client_id_masked"], "••••ient");
    assert_no_secret(&done, &h);
    let cards = h.invoke("list_connections", json!({})).unwrap();
    assert_eq!(cards.as_array().unwrap().len(), 1);
    assert_no_secret(&cards, &h);
    let stored = h.secrets.len();

    // The same link again (a replay): shown as rejected, nothing changes.
    h.events.lock().unwrap().clear();
    ups_optin_wizard::handle_link(h.window.app_handle(), callback.clone());
    let rejected = h.wait_event("rejected_link");
    assert_eq!(rejected["error"]["code"], "callback_unknown_state");
    assert_eq!(h.secrets.len(), stored);
    assert_eq!(h.invoke("list_connections", json!({})).unwrap(), cards);
}

#[test]
fn hostile_links_are_rejected_without_side_effects() {
    let h = harness();
    let pending = h
        .invoke("start_browser_opt_in", browser_request("deep_link"))
        .unwrap();
    // A burst, as a hostile page firing links would send it: the scheme's
    // other hosts and paths, guessed states, control characters, other schemes.
    let mut links: Vec<String> = vec![
        "upsoptin://evil/callback?code=x&state=y".into(),
        "otherapp://oauth/callback?code=x".into(),
        "upsoptin://oauth/callback?code=x%00&state=y".into(),
        "upsoptin://oauth/Call-555-0100-to-unlock-your-account".into(),
    ];
    for i in 0..16 {
        links.push(format!("upsoptin://oauth/callback?code=x&state=guess{i}"));
    }
    for link in &links {
        ups_optin_wizard::handle_link(h.window.app_handle(), link.clone());
    }
    let e = h.wait_event("rejected_link");
    // Give any further (wrongly unthrottled) notice time to arrive.
    std::thread::sleep(Duration::from_millis(300));
    let all: Vec<Value> = h.events.lock().unwrap().clone();
    assert_eq!(all.len(), 1, "at most one notice for a burst: {all:?}");
    let text = e.to_string();
    for part in ["code=x", "evil", "Call-555", "guess", "otherapp"] {
        assert!(!text.contains(part), "the notice repeats the link: {text}");
    }
    assert_eq!(
        e["error"]["message"],
        ups_optin_wizard::error::REJECTED_LINK_MESSAGE
    );
    assert_eq!(h.secrets.len(), 0);
    // The pending login still works afterwards. A pasted address sent
    // elsewhere is refused and the login keeps waiting; the right one connects.
    let callback = tauri::async_runtime::block_on(ups_sandbox::FakeBrowser::new().sign_in(
        pending["authorize_url"].as_str().unwrap(),
        "demo",
        "demo",
    ))
    .unwrap();
    let refused = h
        .invoke(
            "submit_pasted_address",
            json!({ "address": callback.replace("oauth/callback", "oauth/other") }),
        )
        .unwrap();
    assert_eq!(refused["outcome"], "refused", "{refused}");
    assert_eq!(refused["error"]["code"], "callback_invalid");
    let done = h
        .invoke("submit_pasted_address", json!({ "address": callback }))
        .unwrap();
    assert_eq!(done["outcome"], "connected", "{done}");
    assert_eq!(done["connection"]["state"], "connected");
}

#[test]
fn client_credentials_with_accounts_and_removal() {
    let h = harness();
    let req = json!({ "request": {
        "environment": sandbox_env(), "label": "Shipping", "client_id": "sandbox-demo-client",
        "client_secret": "sandbox-demo-secret", "accounts": ["a1b2c3", "ZZZZZ9"]
    }});
    let card = h.invoke("client_credentials_opt_in", req).unwrap();
    assert_no_secret(&card, &h);
    assert_eq!(card["method"], "client_credentials");
    let accounts = card["accounts"].as_array().unwrap();
    assert_eq!(accounts[0]["number"], "A1B2C3");
    assert_eq!(accounts[0]["verified"], true);
    assert_eq!(accounts[1]["verified"], false);
    assert!(accounts[1]["message"]
        .as_str()
        .unwrap()
        .contains("not associated"));
    let id = card["id"].as_str().unwrap().to_string();
    let tested = h
        .invoke("test_connection", json!({ "connectionId": id }))
        .unwrap();
    assert_eq!(tested["state"], "connected");
    h.invoke("remove_connection", json!({ "connectionId": id }))
        .unwrap();
    assert_eq!(h.secrets.len(), 0);
    assert_eq!(h.invoke("list_connections", json!({})).unwrap(), json!([]));
}

#[test]
fn errors_have_the_ipc_shape() {
    let h = harness();
    let mut bad = browser_request("deep_link");
    bad["request"]["client_id"] = json!("has space");
    let err = h.invoke("start_browser_opt_in", bad).unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    assert!(err["message"].as_str().unwrap().contains("Client ID"));
    let err = h
        .invoke(
            "refresh_connection",
            json!({ "connectionId": "0123456789ab" }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "connection_not_found");
    // The same error as data, for the UI to say in the admin's language.
    assert_eq!(err["params"]["id"], "0123456789ab");
    let err = h
        .invoke("cancel_opt_in", json!({ "loginId": "nope" }))
        .unwrap_err();
    assert_eq!(err["code"], "login_not_pending");
    let mut custom = browser_request("deep_link");
    custom["request"]["environment"] =
        json!({ "kind": "custom", "url": "http://ups.example.invalid" });
    assert_eq!(
        h.invoke("start_browser_opt_in", custom).unwrap_err()["code"],
        "insecure_url"
    );
}

#[test]
fn the_language_menu_is_remembered_and_refuses_what_the_wizard_does_not_speak() {
    let h = harness();
    let v = h.invoke("get_locale", json!({})).unwrap();
    assert_eq!(v["available"], json!(["en-US", "fr-CA", "es-MX", "de-DE"]));
    assert_eq!(v["chosen"], Value::Null);
    assert_eq!(v["locale"], v["system"]);

    let v = h
        .invoke("set_locale", json!({ "locale": "fr-CA" }))
        .unwrap();
    assert_eq!(
        (&v["locale"], &v["chosen"]),
        (&json!("fr-CA"), &json!("fr-CA"))
    );
    let settings: Value =
        serde_json::from_slice(&std::fs::read(h._dir.path().join("settings.json")).unwrap())
            .unwrap();
    assert_eq!(settings["language"], "fr-CA");

    let err = h
        .invoke("set_locale", json!({ "locale": "xx-YY" }))
        .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(
        h.invoke("get_locale", json!({})).unwrap()["locale"],
        "fr-CA"
    );

    // Back to the OS's language.
    let v = h.invoke("set_locale", json!({ "locale": null })).unwrap();
    assert_eq!(v["chosen"], Value::Null);
    assert_eq!(v["locale"], v["system"]);
}

#[test]
fn cancel_then_retry() {
    let h = harness();
    let first = h
        .invoke("start_browser_opt_in", browser_request("deep_link"))
        .unwrap();
    h.invoke("cancel_opt_in", json!({ "loginId": first["login_id"] }))
        .unwrap();
    let failed = h.wait_event("failed");
    assert_eq!(failed["error"]["code"], "login_cancelled");
    let second = h
        .invoke("start_browser_opt_in", browser_request("deep_link"))
        .unwrap();
    assert_ne!(first["login_id"], second["login_id"]);
    let again = h
        .invoke(
            "open_sign_in_again",
            json!({ "loginId": second["login_id"] }),
        )
        .unwrap();
    assert_eq!(again["authorize_url"], second["authorize_url"]);
    let diagnostics = h.invoke("copy_diagnostics", json!({})).unwrap();
    assert!(diagnostics
        .as_str()
        .unwrap()
        .contains("Keychain: memory (ok)"));
}

/// IDs from the webview name lock files: a traversal ID is refused at the IPC
/// boundary and creates no file anywhere (issue 12, item 4).
#[test]
fn traversal_connection_ids_are_refused_and_create_nothing() {
    let h = harness();
    let root = h._dir.path().to_path_buf();
    let before = tree(&root);
    let outside = root.parent().unwrap().join("x.lock");
    let existed = outside.exists();
    for cmd in [
        "refresh_connection",
        "test_connection",
        "remove_connection",
        "reopt_in",
    ] {
        for id in ["../../x", "../x", "/tmp/x", "0123456789AB", ""] {
            let err = h.invoke(cmd, json!({ "connectionId": id })).unwrap_err();
            assert_eq!(err["code"], "invalid_input", "{cmd} {id}: {err}");
            assert!(
                err["message"].as_str().unwrap().contains("Connection ID"),
                "{err}"
            );
        }
    }
    // The secret update too (it takes a request object).
    for id in ["../../x", "../x", "/tmp/x", "0123456789AB", ""] {
        let err = h
            .invoke(
                "update_client_secret",
                json!({ "request": { "connection_id": id, "client_secret": "s3cret-value" } }),
            )
            .unwrap_err();
        assert_eq!(
            err["code"], "invalid_input",
            "update_client_secret {id}: {err}"
        );
        assert!(
            err["message"].as_str().unwrap().contains("Connection ID"),
            "{err}"
        );
    }
    assert_eq!(tree(&root), before, "no file was created");
    assert_eq!(
        outside.exists(),
        existed,
        "nothing outside the folder either"
    );
}

fn tree(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            out.push(e.path());
            out.extend(tree(&e.path()));
        }
    }
    out.sort();
    out
}

/// The core is built in the setup hook, after the plugins (single-instance
/// first) have run, so a second copy started by a link never builds it.
#[test]
fn core_is_built_in_setup_not_before() {
    let dir = tempfile::tempdir().unwrap();
    let made = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = made.clone();
    let config_dir = dir.path().to_path_buf();
    let builder = ups_optin_wizard::build_app_with(mock_builder(), move || {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let optin = OptIn::new(Effects {
            http: Arc::new(ReqwestTransport::new().unwrap()),
            browser: Arc::new(RecordingBrowser::default()),
            clock: Arc::new(SystemClock),
            secrets: Arc::new(MemoryStore::new()),
            config_dir,
        });
        Ok(AppState::new(optin, None, vec![]))
    });
    let mut app = builder.build(ups_optin_wizard::context()).unwrap();
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    assert_eq!(made.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert!(app.try_state::<AppState>().is_some());
    assert!(app.get_webview_window("main").is_some());
}

/// A build without the `demo` feature (what the bundles ship) refuses `--demo`
/// before it reads anything, and says what to do instead.
#[cfg(not(feature = "demo"))]
#[test]
fn demo_flag_without_the_feature_is_refused() {
    let opts = ups_optin_wizard::state::LaunchOptions::from_args(["app".into(), "--demo".into()]);
    let err = ups_optin_wizard::prepare(&opts)
        .err()
        .expect("--demo is refused");
    let err = err.to_string();
    assert_eq!(err, ups_optin_wizard::NO_DEMO);
    assert!(
        err.contains("has no demo") && err.contains("make demo"),
        "{err}"
    );
}
