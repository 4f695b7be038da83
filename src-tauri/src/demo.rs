//! Demo mode: the embedded UPS sandbox on loopback, with its public test
//! values shown as a hint, and demo connections kept apart from real ones.

use crate::error::ShellError;
use crate::ipc::DemoHint;

/// Preferred port of the demo sandbox, so its keychain namespace is stable
/// across runs; another free port is used when it is taken.
const DEMO_PORT: u16 = 47310;

/// The folder of demo connections inside the configuration folder.
pub const DEMO_SUBDIR: &str = "demo";

/// Starts the sandbox (on [`DEMO_PORT`] when free) and returns its hint.
pub fn start() -> Result<(DemoHint, ups_sandbox::SandboxHandle), ShellError> {
    let handle = tauri::async_runtime::block_on(async {
        match ups_sandbox::Sandbox::start(
            ups_sandbox::SandboxConfig::default().with_port(DEMO_PORT),
        )
        .await
        {
            Ok(h) => Ok(h),
            Err(_) => ups_sandbox::Sandbox::start(ups_sandbox::SandboxConfig::default()).await,
        }
    })
    .map_err(|e| ShellError::DemoSandbox(e.to_string()))?;
    let hint = DemoHint {
        base_url: handle.base_url(),
        client_id: ups_sandbox::DEMO_CLIENT_ID.into(),
        client_secret: ups_sandbox::DEMO_CLIENT_SECRET.into(),
        username: ups_sandbox::DEMO_USER.into(),
        password: ups_sandbox::DEMO_PASSWORD.into(),
    };
    Ok((hint, handle))
}
