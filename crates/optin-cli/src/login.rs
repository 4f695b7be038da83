//! `ups-optin login`: opt in with UPS.com in the browser (loopback or paste
//! route) or with the client ID and secret only.

use std::future::Future;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use optin_core::login::{
    PendingInfo, Receiver, RedirectUri, RouteKind, LOGIN_TTL, LOOPBACK_REDIRECT,
};
use optin_core::service::{BrowserRequest, ClientCredentialsRequest, Completion, CoreEvent};
use optin_core::status::ConnectionStatus;
use optin_core::ups::TokenAuth;
use optin_core::{Environment, Error, OptIn};
use tokio::sync::broadcast;

use crate::exit::{self, Failure};
use crate::secret_input::{self, Source};
use crate::{LoginArgs, LoginMethod};

/// Runs `ups-optin login` and prints the result.
pub async fn run(
    optin: &OptIn,
    args: &LoginArgs,
    source: Source,
) -> Result<ConnectionStatus, Failure> {
    run_with(optin, args, source, std::future::pending()).await
}

/// Like [`run`]; `abort` ends a waiting browser login with its message (the
/// demo's headless browser uses it when it could not sign in).
/// The route of `--redirect-uri`, by the core's rule for a command line: an
/// http (loopback) redirect is received on this computer; for https and
/// custom-scheme redirects the admin pastes the address the browser ended on.
/// The URI is checked strictly (as sent to UPS, byte for byte).
fn route_for(redirect_uri: &str) -> Result<RouteKind, optin_core::Error> {
    let uri = RedirectUri::parse(redirect_uri)?;
    Ok(RouteKind::for_uri(uri.url(), Receiver::Cli))
}

pub async fn run_with(
    optin: &OptIn,
    args: &LoginArgs,
    source: Source,
    abort: impl Future<Output = String>,
) -> Result<ConnectionStatus, Failure> {
    // Everything that can be checked is checked before asking for the secret.
    let environment = Environment::parse(&args.env)?;
    optin.check_login_fields(
        &args.client_id,
        &args.accounts,
        args.label.as_deref().unwrap_or_default(),
    )?;
    let redirect_uri = args.redirect_uri.as_deref().unwrap_or(LOOPBACK_REDIRECT);
    let route = match args.method {
        LoginMethod::Browser => Some(route_for(redirect_uri)?),
        LoginMethod::ClientCredentials => {
            if args.redirect_uri.is_some() || args.pkce_body {
                eprintln!("note: --redirect-uri and --pkce-body apply to the browser method only; they are ignored.");
            }
            None
        }
    };
    optin.keychain_health().await?;
    let entered = secret_input::read(source)?;

    let status = match route {
        Some(route) => {
            let request = BrowserRequest {
                environment,
                label: args.label.clone().unwrap_or_default(),
                client_id: args.client_id.clone(),
                client_secret: entered.secret,
                redirect_uri: redirect_uri.to_string(),
                route,
                forward_uri: None,
                token_auth: if args.pkce_body {
                    TokenAuth::PkceBody
                } else {
                    TokenAuth::Basic
                },
                accounts: args.accounts.clone(),
                scope: None,
            };
            browser(optin, request, entered.stdin_used, abort).await?
        }
        None => client_credentials(optin, args, environment, entered.secret).await?,
    };
    print_connected(&status);
    Ok(status)
}

fn notices(list: &[String]) {
    for n in list {
        eprintln!("note: {n}");
    }
}

async fn client_credentials(
    optin: &OptIn,
    args: &LoginArgs,
    environment: Environment,
    client_secret: optin_core::Secret,
) -> Result<ConnectionStatus, Failure> {
    eprintln!("Asking UPS for a token with the client ID and secret…");
    let (status, list) = optin
        .login_client_credentials(ClientCredentialsRequest {
            environment,
            label: args.label.clone().unwrap_or_default(),
            client_id: args.client_id.clone(),
            client_secret,
            accounts: args.accounts.clone(),
        })
        .await?;
    notices(&list);
    if !status.accounts.is_empty() {
        println!("Shipper accounts:");
        for a in &status.accounts {
            let what = match (a.verified, a.message.as_deref()) {
                (Some(true), _) => "verified".to_string(),
                (Some(false), m) => format!("refused by UPS: {}", m.unwrap_or("no reason given")),
                (None, m) => format!("not checked: {}", m.unwrap_or("UPS did not answer")),
            };
            println!("  {}  {what}", a.number);
        }
    }
    Ok(status)
}

async fn browser(
    optin: &OptIn,
    request: BrowserRequest,
    stdin_used: bool,
    abort: impl Future<Output = String>,
) -> Result<ConnectionStatus, Failure> {
    // Listen for Ctrl-C and subscribe before the login starts, so neither a
    // keypress nor an event can be missed.
    let interrupt = Interrupt::new();
    let events = optin.subscribe();
    let started = optin.begin_login(request).await?;
    notices(&started.notices);
    let info = started.info;
    eprintln!("Sign in with UPS.com at this address:");
    eprintln!();
    eprintln!("{}", info.authorize_url);
    eprintln!();
    match (&info.browser_opened, &info.browser_error) {
        (true, _) => eprintln!("Your browser was opened on it."),
        (false, e) => eprintln!(
            "The browser could not be opened ({}). Open the address above in your browser yourself.",
            e.as_deref().unwrap_or("no reason given")
        ),
    }
    log::info!("login {} started, route {:?}", info.login_id, info.route);
    match info.route {
        RouteKind::Loopback => wait_loopback(optin, &info, events, interrupt, abort).await,
        _ => wait_paste(optin, &info, stdin_used, interrupt, abort).await,
    }
}

/// Waits for the loopback listener to finish the login; a spinner with the
/// time left when stderr is a terminal; Ctrl-C cancels.
async fn wait_loopback(
    optin: &OptIn,
    info: &PendingInfo,
    events: broadcast::Receiver<CoreEvent>,
    mut interrupt: Interrupt,
    abort: impl Future<Output = String>,
) -> Result<ConnectionStatus, Failure> {
    let spinner = std::io::stderr().is_terminal();
    if !spinner {
        eprintln!(
            "Waiting for the sign-in to come back to {} (until {}; Ctrl-C cancels)…",
            info.redirect_uri,
            optin_core::display::rfc3339(info.expires_at)
        );
    }
    let wait = optin.wait_for(&info.login_id, events);
    tokio::pin!(wait, abort);
    let mut exchanging = false;
    let mut tick = tokio::time::interval(Duration::from_millis(125));
    let mut frame = 0usize;
    let result = loop {
        tokio::select! {
            r = &mut wait => break r.map_err(Failure::from),
            () = interrupt.recv(), if !exchanging => {
                match optin.cancel(&info.login_id) {
                    Ok(()) => break Err(Error::LoginCancelled.into()),
                    // The answer already came back and is being exchanged: let it finish.
                    Err(_) => {
                        clear_line(spinner);
                        eprintln!("The sign-in already came back; finishing…");
                        exchanging = true;
                    }
                }
            }
            why = &mut abort => {
                let _ = optin.cancel(&info.login_id);
                break Err(Failure { code: exit::LOGIN, message: why });
            }
            _ = tick.tick(), if spinner && !exchanging => {
                const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
                frame = (frame + 1) % FRAMES.len();
                let left = (info.expires_at - optin.now()).whole_seconds().max(0);
                let mut err = std::io::stderr().lock();
                let _ = write!(
                    err,
                    "\r\x1b[2K{} Waiting for the sign-in in your browser… {}:{:02} left (Ctrl-C cancels)",
                    FRAMES[frame],
                    left / 60,
                    left % 60
                );
                let _ = err.flush();
            }
        }
    };
    clear_line(spinner);
    result
}

fn clear_line(spinner: bool) {
    if spinner {
        eprint!("\r\x1b[2K");
    }
}

/// The paste route: the admin pastes the address the browser ended on.
async fn wait_paste(
    optin: &OptIn,
    info: &PendingInfo,
    stdin_used: bool,
    mut interrupt: Interrupt,
    abort: impl Future<Output = String>,
) -> Result<ConnectionStatus, Failure> {
    eprintln!(
        "After you sign in, the browser ends on an address that starts with {} (the page itself may not load; that is expected). Copy that whole address from the address bar.",
        info.redirect_uri
    );
    let mut lines = secret_input::lines(stdin_used);
    let left = (info.expires_at - optin.now())
        .try_into()
        .unwrap_or(Duration::ZERO);
    let deadline = tokio::time::sleep(left);
    tokio::pin!(deadline, abort);
    loop {
        eprint!("Paste the address your browser ended on: ");
        let _ = std::io::stderr().flush();
        let line = tokio::select! {
            line = lines.recv() => line,
            () = interrupt.recv() => {
                eprintln!();
                let _ = optin.cancel(&info.login_id);
                return Err(Error::LoginCancelled.into());
            }
            () = &mut deadline => {
                eprintln!();
                let _ = optin.cancel(&info.login_id);
                return Err(Error::LoginTimedOut(LOGIN_TTL.try_into().unwrap_or(Duration::from_secs(600))).into());
            }
            why = &mut abort => {
                let _ = optin.cancel(&info.login_id);
                return Err(Failure { code: exit::LOGIN, message: why });
            }
        };
        let Some(line) = line else {
            eprintln!();
            let _ = optin.cancel(&info.login_id);
            return Err(Failure {
                code: exit::LOGIN,
                message: "No address was pasted (end of input). The login was cancelled; nothing was stored. Run `ups-optin login` again.".into(),
            });
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match optin.complete(line).await {
            Completion::Connected(status) => return Ok(*status),
            // The login still waits: say what was wrong and ask again.
            Completion::Refused(e) => eprintln!("error: {}", Failure::from_error(&e).message),
            Completion::Failed(e) => return Err(e.into()),
        }
    }
}

fn print_connected(s: &ConnectionStatus) {
    println!("Connected: {} (connection {})", s.label, s.id);
    println!("  environment:    {}", s.environment_label);
    println!("  client ID:      {}", s.client_id);
    if let Some(t) = &s.access_token_expires_at {
        println!("  access token:   valid until {t}");
    }
    if let Some(t) = &s.refresh_token_expires_at {
        println!("  refresh token:  valid until {t}");
    }
    println!(
        "Get an access token with: ups-optin token --connection {}",
        s.id
    );
}

/// Ctrl-C, listened for from creation on (so an early keypress is not lost
/// and does not kill the process before the login can be cancelled).
struct Interrupt {
    signal: Option<Signal>,
}

#[cfg(unix)]
type Signal = tokio::signal::unix::Signal;
#[cfg(windows)]
type Signal = tokio::signal::windows::CtrlC;

impl Interrupt {
    fn new() -> Self {
        #[cfg(unix)]
        let signal = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt());
        #[cfg(windows)]
        let signal = tokio::signal::windows::ctrl_c();
        if let Err(e) = &signal {
            log::warn!("Ctrl-C cannot be caught ({e}); it will end the program without cancelling the login.");
        }
        Interrupt {
            signal: signal.ok(),
        }
    }

    /// Resolves at the next Ctrl-C; never when signals are unavailable.
    async fn recv(&mut self) {
        if let Some(s) = self.signal.as_mut() {
            if s.recv().await.is_some() {
                return;
            }
        }
        std::future::pending::<()>().await;
    }
}

#[cfg(test)]
mod tests {
    use optin_core::login::route::route_redirects;
    use optin_core::login::{RouteKind, DEEP_LINK_REDIRECT, LOOPBACK_REDIRECT};

    use super::route_for;

    /// For every example redirect URI, the CLI (`--redirect-uri`) and the
    /// wizard (its route picker, whose URIs the core gives it in `AppInfo`)
    /// choose the same route and send UPS the same URI. The one difference is
    /// by design: a command line receives no links, so where the wizard can
    /// wait for the deep link the CLI asks for the pasted address.
    #[test]
    fn cli_and_wizard_agree_on_route_and_uri() {
        let wizard = route_redirects(DEEP_LINK_REDIRECT);
        let bounce = "https://vendor.example/ups/bounce";
        // (redirect URI, the CLI's route, the wizard's routes sending it)
        let table: &[(&str, RouteKind, &[RouteKind])] = &[
            (
                LOOPBACK_REDIRECT,
                RouteKind::Loopback,
                &[RouteKind::Loopback],
            ),
            (
                DEEP_LINK_REDIRECT,
                RouteKind::Paste,
                &[RouteKind::DeepLink, RouteKind::Paste],
            ),
            // An https page: the wizard's bounce route (the page's address
            // as entered); the CLI pastes, as it cannot be forwarded to.
            (bounce, RouteKind::Paste, &[RouteKind::Bounce]),
        ];
        for (uri, cli, wizard_routes) in table {
            assert_eq!(route_for(uri).unwrap(), *cli, "{uri}");
            let sending: Vec<RouteKind> = wizard
                .iter()
                .filter(|r| match &r.redirect_uri {
                    Some(fixed) => fixed == uri,
                    // The bounce route sends the https page the admin enters.
                    None => uri.starts_with("https://"),
                })
                .map(|r| r.route)
                .collect();
            assert_eq!(&sending, wizard_routes, "{uri}");
            if *uri != bounce {
                assert!(
                    sending.contains(cli),
                    "{uri}: the wizard offers the CLI's route"
                );
            }
        }
    }

    /// The strict check (`RedirectUri`), not the looser `check_redirect_uri`:
    /// what a browser would change is refused before anything is sent.
    #[test]
    fn the_redirect_uri_is_checked_strictly() {
        for bad in [
            "http://127.0.0.1:8765/call back",
            "https://user@vendor.example/cb",
            "https://vendor.example\\cb",
            "https://vendor.example/café",
        ] {
            assert!(route_for(bad).is_err(), "{bad}");
        }
    }
}
