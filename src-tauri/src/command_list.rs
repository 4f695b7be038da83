// The one list of the app's IPC commands (each a `#[tauri::command]` in
// `commands.rs`; `<R>` marks one generic over the Tauri runtime).
//
// Everything else comes from this list or is tested against it: `build.rs`
// includes this file to generate each command's permission (`allow-<command>`),
// `contract.rs` builds the invoke handler and the TypeScript client
// (`ui/src/bindings/ipc.ts`) from it, and tests check the capability file
// (`capabilities/main.json`) and `docs/ipc.md` against it. A plain file with one
// macro, so a build script can `include!` it.

/// Calls `$then! { command, command<R>, … }` with every command, in this order.
macro_rules! app_commands {
    ($then:ident) => {
        $then! {
            get_app_info,
            check_keychain,
            list_connections,
            start_browser_opt_in,
            reopt_in,
            open_sign_in_again,
            cancel_opt_in,
            submit_pasted_address,
            client_credentials_opt_in,
            refresh_connection,
            test_connection,
            remove_connection,
            copy_diagnostics,
            check_client,
            update_client_secret,
            get_settings<R>,
            set_start_at_login<R>,
            take_open_connection<R>,
            get_recovery,
            acknowledge_recovery,
            list_leftovers,
            remove_leftovers,
            get_network,
            set_proxy,
            set_proxy_login,
            get_locale<R>,
            set_locale<R>,
        }
    };
}

/// The command names, as `&[&str]`.
#[allow(unused_macros)]
macro_rules! command_names {
    ($($name:ident $(<$r:ident>)?),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}
