//! Linux: single-instance forwarding (and so deep links to a running wizard)
//! travels over the D-Bus session bus. Without one, the OS starts a second
//! copy of the app for each link and the link is lost. This module detects
//! that and says so.

use crate::notice::{AppNotice, NoticeCode};

/// A warning for the admin when the session bus is missing, else `None`.
pub fn warning() -> Option<AppNotice> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let notice = || AppNotice::new(NoticeCode::NoSessionBus, TEXT);
    const TEXT: &str = "No D-Bus session bus was found, so sign-in links from the browser cannot reach this window (a second copy of the wizard would start instead). Start the wizard from your desktop session, or run it inside `dbus-run-session`; meanwhile use \"Paste the address from your browser\" or the loopback route.";
    let addr = std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap_or_default();
    if addr.is_empty() {
        let runtime = std::env::var("XDG_RUNTIME_DIR").unwrap_or_default();
        let default_socket = std::path::Path::new(&runtime).join("bus");
        return (runtime.is_empty() || !default_socket.exists()).then(notice);
    }
    // `unix:path=/run/user/1000/bus,guid=…`: check the socket file exists.
    let path = addr
        .split(';')
        .filter_map(|a| a.strip_prefix("unix:"))
        .flat_map(|a| a.split(','))
        .find_map(|kv| kv.strip_prefix("path="));
    match path {
        Some(p) if !std::path::Path::new(p).exists() => Some(notice()),
        _ => None,
    }
}
