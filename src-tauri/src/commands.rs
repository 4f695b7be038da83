//! The Tauri commands: thin `pub(crate)` functions over the managed
//! [`AppState`]. Each one maps IPC types to the core and back; the logic lives
//! in `optin-core`. Every command is in the one list, `command_list.rs`, from
//! which its permission, the invoke handler and the TypeScript client come.

use optin_core::service::{BrowserRequest, ClientCredentialsRequest};
use optin_core::ups::{ClientCheck, TokenAuth};
use optin_core::{Environment, Error};
use tauri::State;

use crate::ipc::{
    ipc_err, AppInfo, BrowserOptInRequest, ClientCheckRequest, ClientCheckView,
    ClientCredentialsOptInRequest, CompletionView, ConnectionCard, EnvironmentInput,
    EnvironmentKind, IpcResult, KeychainHealth, NetworkView, PendingLoginView, ProxyLoginInput,
    RouteKind, UpdateSecretRequest,
};
use crate::state::{AppState, LOOPBACK_REDIRECT};
use optin_core::network::proxy::ProxySetting;

fn environment(state: &AppState, input: &EnvironmentInput) -> Result<Environment, Error> {
    match input.kind {
        EnvironmentKind::Cie => Ok(Environment::Cie),
        EnvironmentKind::Production => Ok(Environment::Production),
        EnvironmentKind::Custom => Environment::parse(input.url.as_deref().unwrap_or_default()),
        EnvironmentKind::Sandbox => match &state.demo {
            Some(d) => Environment::parse(&d.base_url),
            None => Err(Error::invalid(
                "Environment",
                "the sandbox exists only in demo mode (start the wizard with --demo).",
            )
            .because("demo-only")),
        },
    }
}

/// Connection IDs from the webview are checked here, before anything else
/// sees them: they name lock files (`locks/<id>.lock`).
fn checked_id(raw: &str) -> IpcResult<&str> {
    optin_core::store::check_id(raw).map_err(ipc_err)
}

fn cards(state: &AppState) -> IpcResult<Vec<ConnectionCard>> {
    Ok(state
        .optin
        .statuses()
        .map_err(ipc_err)?
        .into_iter()
        .map(ConnectionCard::from)
        .collect())
}

/// The redirect URI a route sends to UPS (and, for the bounce route, the
/// custom-scheme address the bounce page forwards to): the core's rule.
fn route_redirect(
    state: &AppState,
    route: RouteKind,
    bounce_url: &Option<String>,
) -> (String, Option<String>) {
    match route.redirect_uri(state.deep_link.as_str(), bounce_url.as_deref()) {
        Some(uris) => (uris.redirect_uri, uris.forward_uri),
        // The bounce route without its page: the core refuses the empty URI.
        None => (String::new(), Some(state.deep_link.to_string())),
    }
}

/// The first screen's facts. Answers at once: the keychain is checked by
/// [`check_keychain`], which the UI asks for separately, and the links the app
/// was started with are handed over by [`take_open_connection`], which the UI
/// sends once it listens for their notices (so the first screen waits for
/// neither).
#[tauri::command]
#[specta::specta]
pub(crate) async fn get_app_info(state: State<'_, AppState>) -> IpcResult<AppInfo> {
    crate::bench::first_ipc();
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        demo: state.demo.clone(),
        deep_link_redirect_uri: state.deep_link.to_string(),
        loopback_redirect_uri: LOOPBACK_REDIRECT.into(),
        route_redirects: optin_core::login::route::route_redirects(state.deep_link.as_str()),
        warnings: state.warnings(),
    })
}

/// Whether the system keychain can be used now (a round trip to the Secret
/// Service on Linux); the UI shows a banner when it cannot.
#[tauri::command]
#[specta::specta]
pub(crate) async fn check_keychain(state: State<'_, AppState>) -> IpcResult<KeychainHealth> {
    let health = state.optin.keychain_health().await;
    Ok(KeychainHealth {
        ok: health.is_ok(),
        backend: state.optin.keychain_backend().into(),
        error: health.err().map(|e| optin_core::ErrorView::from(&e)),
    })
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn list_connections(state: State<'_, AppState>) -> IpcResult<Vec<ConnectionCard>> {
    cards(&state)
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn start_browser_opt_in(
    state: State<'_, AppState>,
    request: BrowserOptInRequest,
) -> IpcResult<PendingLoginView> {
    let env = environment(&state, &request.environment).map_err(ipc_err)?;
    state.warm_http();
    let (redirect_uri, forward_uri) = route_redirect(&state, request.route, &request.bounce_url);
    let started = state
        .optin
        .begin_login(BrowserRequest {
            environment: env,
            label: request.label,
            client_id: request.client_id,
            client_secret: request.client_secret,
            redirect_uri,
            route: request.route,
            forward_uri,
            token_auth: if request.pkce_body {
                TokenAuth::PkceBody
            } else {
                TokenAuth::Basic
            },
            accounts: request.accounts,
            scope: None,
        })
        .await
        .map_err(ipc_err)?;
    Ok(started.info)
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn reopt_in(
    state: State<'_, AppState>,
    connection_id: String,
) -> IpcResult<PendingLoginView> {
    let id = checked_id(&connection_id)?;
    let forward = Some(state.deep_link.to_string());
    state.warm_http();
    Ok(state
        .optin
        .begin_reopt(id, forward)
        .await
        .map_err(ipc_err)?
        .info)
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn open_sign_in_again(
    state: State<'_, AppState>,
    login_id: String,
) -> IpcResult<PendingLoginView> {
    state.optin.open_again(&login_id).map_err(ipc_err)
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn cancel_opt_in(state: State<'_, AppState>, login_id: String) -> IpcResult<()> {
    state.optin.cancel(&login_id).map_err(ipc_err)
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn submit_pasted_address(
    state: State<'_, AppState>,
    address: String,
) -> IpcResult<CompletionView> {
    Ok(state.optin.complete(&address).await.into())
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn client_credentials_opt_in(
    state: State<'_, AppState>,
    request: ClientCredentialsOptInRequest,
) -> IpcResult<ConnectionCard> {
    let env = environment(&state, &request.environment).map_err(ipc_err)?;
    let (status, _notices) = state
        .optin
        .login_client_credentials(ClientCredentialsRequest {
            environment: env,
            label: request.label,
            client_id: request.client_id,
            client_secret: request.client_secret,
            accounts: request.accounts,
        })
        .await
        .map_err(ipc_err)?;
    Ok(status.into())
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn refresh_connection(
    state: State<'_, AppState>,
    connection_id: String,
) -> IpcResult<ConnectionCard> {
    let id = checked_id(&connection_id)?;
    state
        .optin
        .refresh(id)
        .await
        .map(ConnectionCard::from)
        .map_err(ipc_err)
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn test_connection(
    state: State<'_, AppState>,
    connection_id: String,
) -> IpcResult<ConnectionCard> {
    let id = checked_id(&connection_id)?;
    state
        .optin
        .test(id)
        .await
        .map(ConnectionCard::from)
        .map_err(ipc_err)
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn check_client(
    state: State<'_, AppState>,
    request: ClientCheckRequest,
) -> IpcResult<ClientCheckView> {
    let env = environment(&state, &request.environment).map_err(ipc_err)?;
    let (redirect_uri, _) = route_redirect(&state, request.route, &request.bounce_url);
    let check = state
        .optin
        .check_client(&env, &request.client_id, &redirect_uri)
        .await
        .map_err(ipc_err)?;
    Ok(match check {
        ClientCheck::Accepted { .. } => ClientCheckView {
            accepted: true,
            redirect_uri,
            status: None,
            answer: None,
        },
        ClientCheck::NotAvailable { status, answer, .. } => ClientCheckView {
            accepted: false,
            redirect_uri,
            status: Some(status),
            answer: Some(answer.to_string()),
        },
    })
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn update_client_secret(
    state: State<'_, AppState>,
    request: UpdateSecretRequest,
) -> IpcResult<ConnectionCard> {
    let id = checked_id(&request.connection_id)?;
    state
        .optin
        .update_secret(id, &request.client_secret)
        .await
        .map(ConnectionCard::from)
        .map_err(ipc_err)
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn remove_connection(
    state: State<'_, AppState>,
    connection_id: String,
) -> IpcResult<()> {
    let id = checked_id(&connection_id)?;
    state.optin.remove(id).await.map_err(ipc_err)
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn copy_diagnostics(state: State<'_, AppState>) -> IpcResult<String> {
    let app = format!(
        "UPS Opt-In Wizard {}{}",
        env!("CARGO_PKG_VERSION"),
        if state.demo.is_some() { " (demo)" } else { "" }
    );
    let mut text =
        optin_core::diagnostics::report(&state.optin, &app, &crate::logging::recent_lines(200))
            .await;
    for w in &state.warnings() {
        text.push_str(&format!("Warning: {}\n", w.message));
    }
    Ok(text)
}

// ---- company networks: the proxy and its login (issue 22) ---------------------

async fn network_view(state: &AppState) -> IpcResult<NetworkView> {
    Ok(NetworkView {
        report: state.optin.network_report().await.map_err(ipc_err)?,
        has_login: state.optin.has_proxy_login().await.unwrap_or(false),
    })
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn get_network(state: State<'_, AppState>) -> IpcResult<NetworkView> {
    network_view(&state).await
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn set_proxy(
    state: State<'_, AppState>,
    setting: ProxySetting,
) -> IpcResult<NetworkView> {
    state.optin.set_proxy(setting).map_err(ipc_err)?;
    network_view(&state).await
}

/// Stores the login of the proxy in use in the keychain (`null`: removes it).
#[tauri::command]
#[specta::specta]
pub(crate) async fn set_proxy_login(
    state: State<'_, AppState>,
    login: Option<ProxyLoginInput>,
) -> IpcResult<NetworkView> {
    match login {
        Some(l) => state
            .optin
            .set_proxy_login(None, &l.user, &l.password)
            .await
            .map(drop),
        None => state.optin.remove_proxy_login(None).await.map(drop),
    }
    .map_err(ipc_err)?;
    network_view(&state).await
}

// ---- background: start at login, opening a connection (issue 10) ---------------

#[tauri::command]
#[specta::specta]
pub(crate) async fn get_settings<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
) -> IpcResult<crate::autostart::AppSettings> {
    Ok(crate::autostart::current(&app))
}

#[tauri::command]
#[specta::specta]
pub(crate) async fn set_start_at_login<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    enabled: bool,
) -> IpcResult<crate::autostart::AppSettings> {
    crate::autostart::set(&app, enabled)
}

/// What the launch brought, taken once the UI listens for login events: the
/// links the app was started with go to the core (their notices now reach the
/// screen; see [`crate::deep_link::handle_start_links`]), and the answer is the
/// connection the tray, a notification or `--open-connection` asked to open
/// before the UI was listening (once), or `null`.
#[tauri::command]
#[specta::specta]
pub(crate) async fn take_open_connection<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
) -> IpcResult<Option<String>> {
    crate::deep_link::handle_start_links(&app);
    Ok(crate::background::take_open_request(&app))
}

// ---- a damaged connections.json (issue 23) ---------------------------------------

/// The recoveries of a damaged `connections.json` not acknowledged yet: the
/// status screen's banner. No secret in them.
#[tauri::command]
#[specta::specta]
pub(crate) async fn get_recovery(
    state: State<'_, AppState>,
) -> IpcResult<Vec<optin_core::recovery::RecoveryEvent>> {
    state.optin.recovery_notices().map_err(ipc_err)
}

/// The admin checked the recovered connections: the notice goes away in
/// every process (the CLI's stderr line, `check`).
#[tauri::command]
#[specta::specta]
pub(crate) async fn acknowledge_recovery(state: State<'_, AppState>) -> IpcResult<()> {
    state
        .optin
        .acknowledge_recovery()
        .map(drop)
        .map_err(ipc_err)
}

/// Keychain entries no connection uses, client IDs masked.
#[tauri::command]
#[specta::specta]
pub(crate) async fn list_leftovers(state: State<'_, AppState>) -> IpcResult<Vec<String>> {
    Ok(state
        .optin
        .leftovers()
        .await
        .map_err(ipc_err)?
        .iter()
        .map(|a| optin_core::vault::EntryName::masked(a))
        .collect())
}

/// Removes the keychain entries no connection uses (the admin confirmed the
/// list on the status screen); returns how many were removed.
#[tauri::command]
#[specta::specta]
pub(crate) async fn remove_leftovers(state: State<'_, AppState>) -> IpcResult<u32> {
    let found = state.optin.leftovers().await.map_err(ipc_err)?;
    let removed = state
        .optin
        .remove_leftovers(&found)
        .await
        .map_err(ipc_err)?;
    Ok(u32::try_from(removed).unwrap_or(u32::MAX))
}

// ---- language (issue 21) ---------------------------------------------------------

/// The active locale, the OS's, the one chosen in the menu, and all of them.
#[tauri::command]
#[specta::specta]
pub(crate) async fn get_locale<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
) -> IpcResult<crate::language::LocaleView> {
    Ok(crate::language::view(&app))
}

/// The language menu: a locale, or `null` to follow the OS. Remembered in
/// `settings.json`; the tray and notifications follow.
#[tauri::command]
#[specta::specta]
pub(crate) async fn set_locale<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    locale: Option<String>,
) -> IpcResult<crate::language::LocaleView> {
    let view = crate::language::set(&app, locale)?;
    // The tray and the notifications follow the new language at once.
    crate::background::observe(&app);
    Ok(view)
}
