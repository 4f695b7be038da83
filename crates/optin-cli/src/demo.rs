//! `ups-optin demo`: a whole opt-in against a local UPS sandbox, through the
//! CLI's own login path, in an isolated configuration folder.
//!
//! The sandbox is linked only with the `demo` cargo feature (on for `make run`
//! and `make demo`, off in the bundled `ups-optin`); without it the command
//! says so and exits 2.

use clap::Args;

#[cfg(not(feature = "demo"))]
use crate::exit::Failure;

#[derive(Args, Debug)]
#[cfg_attr(not(feature = "demo"), allow(dead_code))]
pub struct DemoArgs {
    /// Sign in with a scripted browser instead of opening one (for tests and CI).
    #[arg(long)]
    headless: bool,
    /// Keep the demo connection (its keychain entries and configuration folder) at the end.
    #[arg(long)]
    keep: bool,
}

#[cfg(feature = "demo")]
pub use imp::run;

/// This build has no sandbox: say so, and how to get one.
#[cfg(not(feature = "demo"))]
pub async fn run(_args: DemoArgs) -> Result<(), Failure> {
    Err(Failure::usage(NO_DEMO))
}

/// What `ups-optin demo` says in a build without the `demo` feature.
#[cfg(not(feature = "demo"))]
pub const NO_DEMO: &str = "This build of ups-optin has no demo: the installed packages leave the local UPS sandbox out. \
To try the opt-in without UPS, run `make demo` (or `cargo run -p optin-cli --features demo -- demo`) from a source checkout; \
to opt in for real, run `ups-optin login`.";

#[cfg(feature = "demo")]
mod imp {
    use std::future::Future;
    use std::sync::{Arc, Mutex};

    use optin_core::browser::{Browser, SystemBrowser};
    use optin_core::login::LOOPBACK_REDIRECT;
    use optin_core::{Effects, Environment, OptIn, Secret};
    use tokio::runtime::Handle;
    use tokio::sync::oneshot;
    use ups_sandbox::{
        FakeBrowser, Sandbox, SandboxConfig, DEMO_ACCOUNTS, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
        DEMO_PASSWORD, DEMO_USER,
    };

    use crate::exit::Failure;
    use crate::login;
    use crate::secret_input::Source;
    use crate::{view, LoginArgs, LoginMethod};

    use super::DemoArgs;

    pub async fn run(args: DemoArgs) -> Result<(), Failure> {
        println!("UPS Opt-In Wizard demo, against a local UPS SANDBOX (not the real UPS; nothing leaves this computer).");
        let sandbox = Sandbox::start(SandboxConfig::default())
            .await
            .map_err(|e| {
                Failure::other(format!("The sandbox could not start on 127.0.0.1 ({e})."))
            })?;
        let base = sandbox.base_url();
        let env = Environment::parse(&base)?;
        println!("1. Started the UPS sandbox at {base}.");

        let dir = tempfile::Builder::new()
            .prefix("ups-optin-demo-")
            .tempdir()
            .map_err(|e| {
                Failure::other(format!(
                    "cannot create a temporary configuration folder: {e}"
                ))
            })?;
        println!(
            "2. Using an isolated configuration folder: {}",
            dir.path().display()
        );
        println!(
            "   Secrets go to the OS keychain (service ups-optin) under the sandbox's own namespace {}/…, never under cie or production.",
            env.key()
        );

        let (abort_tx, abort_rx) = oneshot::channel::<String>();
        let browser: Arc<dyn Browser> = if args.headless {
            Arc::new(Headless {
                handle: Handle::current(),
                abort: Mutex::new(Some(abort_tx)),
            })
        } else {
            Arc::new(SystemBrowser)
        };
        let mut effects = Effects::system()?;
        effects.config_dir = dir.path().to_path_buf();
        effects.browser = browser;
        let optin = OptIn::new(effects);

        println!(
            "3. Opting in with UPS.com: browser method, client ID {DEMO_CLIENT_ID}, redirect URI {LOOPBACK_REDIRECT} (received on this computer)."
        );
        if args.headless {
            println!("   --headless: a scripted browser signs in on the sandbox's page as {DEMO_USER} / {DEMO_PASSWORD}.");
        } else {
            println!(
                "   Your browser opens the sandbox's sign-in page (labelled SANDBOX). Sign in with user {DEMO_USER}, password {DEMO_PASSWORD}."
            );
        }
        let login_args = LoginArgs {
            env: base.clone(),
            client_id: DEMO_CLIENT_ID.into(),
            method: LoginMethod::Browser,
            redirect_uri: Some(LOOPBACK_REDIRECT.into()),
            accounts: DEMO_ACCOUNTS.iter().map(|a| a.to_string()).collect(),
            label: Some("Sandbox demo".into()),
            pkce_body: false,
        };
        let source = Source::Given(Secret::new(DEMO_CLIENT_SECRET));
        let result = match login::run_with(&optin, &login_args, source, aborted(abort_rx)).await {
            Ok(status) => after_login(&optin, &status.id).await,
            Err(e) => Err(e),
        };

        // Clean up: the store is the demo's own, so everything in it is the demo's.
        if args.keep {
            let path = dir.keep();
            println!(
                "Kept the demo connection (--keep). Use it with UPS_OPTIN_CONFIG_DIR={} ups-optin status | token | logout.",
                path.display()
            );
            println!(
                "   The sandbox stops now, so `token` works only while the current access token is valid; `logout` removes its keychain entries."
            );
        } else {
            let mut removed = 0;
            for s in optin.statuses().unwrap_or_default() {
                match optin.remove(&s.id).await {
                    Ok(()) => removed += 1,
                    Err(e) => eprintln!(
                        "warning: could not remove the demo connection {}: {e}",
                        s.id
                    ),
                }
            }
            if removed > 0 {
                println!("Removed the demo connection, its keychain entries and its configuration folder (pass --keep to keep them).");
            }
        }
        sandbox.shutdown().await;
        result
    }

    async fn after_login(optin: &OptIn, id: &str) -> Result<(), Failure> {
        println!();
        println!("4. Status (what `ups-optin status` shows):");
        print!("{}", view::table(&optin.statuses()?));
        println!();
        println!("5. Getting an access token, as `ups-optin token` does…");
        let token = optin.access_token(id).await?;
        println!(
            "   Got one ({} characters; a script would use TOKEN=$(ups-optin token)).",
            token.len()
        );
        drop(token);
        println!("6. Refreshing it, as `ups-optin refresh` does (UPS rotates the refresh token)…");
        let status = optin.refresh(id).await?;
        println!(
            "   Refreshed; the new access token is valid until {}.",
            status
                .access_token_expires_at
                .as_deref()
                .unwrap_or("(UPS did not say)")
        );
        println!();
        println!("Done. With a real UPS app: ups-optin login --env cie --client-id <ID>, then ups-optin token.");
        Ok(())
    }

    /// Resolves with the headless browser's failure message; never if it succeeded.
    async fn aborted(rx: oneshot::Receiver<String>) -> String {
        match rx.await {
            Ok(message) => message,
            Err(_) => std::future::pending().await,
        }
    }

    /// A browser for `--headless`: the sandbox's scripted browser signs in and
    /// follows the redirect to the loopback listener, as a real browser would.
    struct Headless {
        handle: Handle,
        abort: Mutex<Option<oneshot::Sender<String>>>,
    }

    impl Browser for Headless {
        fn open(&self, url: &str) -> optin_core::Result<()> {
            let abort = self.abort.lock().unwrap_or_else(|p| p.into_inner()).take();
            self.handle.spawn(report(sign_in(url.to_string()), abort));
            Ok(())
        }
    }

    async fn report(
        work: impl Future<Output = Result<(), String>>,
        abort: Option<oneshot::Sender<String>>,
    ) {
        if let Err(message) = work.await {
            if let Some(tx) = abort {
                let _ = tx.send(message);
            }
        }
    }

    async fn sign_in(url: String) -> Result<(), String> {
        eprintln!("   [headless browser] opening the sign-in page and signing in as {DEMO_USER}…");
        let callback = FakeBrowser::new()
            .sign_in(&url, DEMO_USER, DEMO_PASSWORD)
            .await
            .map_err(|e| format!("The headless browser could not sign in on the sandbox ({e})."))?;
        eprintln!(
            "   [headless browser] UPS sent the browser back to {LOOPBACK_REDIRECT}; following it…"
        );
        let response = reqwest::get(&callback).await.map_err(|e| {
            format!(
                "The headless browser could not reach the loopback listener ({}).",
                e.without_url()
            )
        })?;
        eprintln!(
            "   [headless browser] the listener answered HTTP {}.",
            response.status().as_u16()
        );
        Ok(())
    }
}
