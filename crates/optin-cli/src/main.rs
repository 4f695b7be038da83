//! `ups-optin`: the headless command line of the UPS Opt-In Wizard.
//!
//! A thin layer over [`optin_core::OptIn`]: it parses arguments, reads the
//! client secret (stdin or a no-echo prompt, never argv or the environment),
//! shows progress on stderr, and maps the core's error codes to exit codes.
//!
//! Exit codes (also in `ups-optin --help`):
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | success |
//! | 2 | usage error or invalid input (clap's own usage errors are 2 too) |
//! | 3 | re-opt-in needed (UPS refused the refresh token, or the keychain lost the connection's secrets): run `ups-optin login …` again |
//! | 4 | UPS unreachable, rate limited, or answered something that is not a token |
//! | 5 | UPS rejected the request (HTTP 4xx) |
//! | 6 | keychain unavailable, keychain error, or a new token could not be saved |
//! | 7 | login cancelled, timed out or denied, or a bad sign-in answer (callback) |
//! | 8 | configuration error, connection not found, busy, or anything else |

mod check;
mod demo;
mod exit;
mod leftovers;
mod logger;
mod login;
mod proxy;
mod reopt;
mod secret_input;
mod view;

use std::process::ExitCode;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use optin_core::{Effects, Error, OptIn};

use crate::exit::Failure;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  2  usage error or invalid input
  3  re-opt-in needed: UPS no longer accepts this opt-in (e.g. after a UPS.com
     password change) or the keychain lost its secrets; run `ups-optin login …` again
  4  UPS unreachable, rate limited, or not answering with a token (also an HTML
     4xx from a proxy or firewall instead of UPS)
  5  UPS rejected the request (HTTP 4xx: wrong client ID or secret, refused account,
     an unregistered redirect URI); a regenerated client secret: run
     `ups-optin update-secret`
  6  keychain unavailable or refusing, or a new token could not be saved
  7  login cancelled, timed out or denied, or a bad sign-in answer
  8  configuration error, connection not found, busy, or anything else

`ups-optin check` (for monitoring tools) exits with the worst state found:
  0  every connection is connected
  3  attention needed: a new opt-in is needed, an opt-in expires within 7 days,
     a connection lost its tokens, no connection is set up, or connections.json
     was damaged and recovered (until `ups-optin status --ack-recovery`)
  4  UPS unreachable for a connection (and none needs attention)
  6  keychain unavailable

The client secret is read from standard input when it is not a terminal (one
line), otherwise it is prompted for without echo. It is never taken from the
command line or the environment.

Proxy: the proxy setting (`ups-optin proxy set`), else HTTPS_PROXY / HTTP_PROXY /
ALL_PROXY (upper or lower case), else the system settings (Windows Internet
Settings, macOS network settings); NO_PROXY excludes hosts from all three.
`ups-optin proxy show` and `ups-optin diagnostics` show which is used and why.

Files: connections are listed in connections.json under $UPS_OPTIN_CONFIG_DIR
(default: the OS configuration folder + ups-optin), with its last good copy
connections.json.bak, and the proxy setting in settings.json; secrets (and the proxy login) live in the OS keychain under service
\"ups-optin\". A damaged connections.json is restored from the copy, or rebuilt
from the keychain, and kept aside as connections.json.corrupt-<time>; every
command says so on stderr until `ups-optin status --ack-recovery`.
`ups-optin logout --leftovers` removes keychain entries no connection uses.";

/// Opt a company's UPS shipper accounts in to UPS OAuth, and hand valid access
/// tokens to scripts and product applications.
#[derive(Parser, Debug)]
#[command(name = "ups-optin", version, after_long_help = EXIT_CODES)]
struct Cli {
    /// Log to stderr (-v info, -vv debug, -vvv trace). Secrets are never logged.
    #[arg(short, long, action = ArgAction::Count, global = true)]
    verbose: u8,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Opt in: with UPS.com in the browser (default), or with the client ID and secret only.
    Login(LoginArgs),
    /// Show every connection and its state.
    Status {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
        /// Acknowledge the notice that connections.json was damaged and
        /// recovered (after checking the connections' labels and accounts);
        /// commands stop repeating it.
        #[arg(long)]
        ack_recovery: bool,
    },
    /// Print a valid access token (refreshing as needed) and nothing else on stdout.
    Token(ConnectionArg),
    /// Refresh the access token now.
    Refresh(ConnectionArg),
    /// Replace the client secret after it was regenerated on developer.ups.com.
    /// The new secret is read from standard input (one line) or a prompt without
    /// echo, checked with UPS, and stored only if UPS accepts it; the opt-in and
    /// the shipper accounts are kept.
    UpdateSecret(ConnectionArg),
    /// Remove a connection: its keychain entries and its metadata. With
    /// --leftovers: remove the keychain entries no connection uses instead.
    Logout(LogoutArgs),
    /// Start a local UPS sandbox and walk through a whole opt-in against it
    /// (builds with the `demo` feature only: `make demo`; not the installed packages).
    Demo(demo::DemoArgs),
    /// Health check for monitoring tools: one line per connection, and an
    /// exit code (0 all connected, 3 attention needed, 4 UPS unreachable,
    /// 6 keychain unavailable). No network call unless --probe.
    Check {
        /// Print a JSON object instead of lines.
        #[arg(long)]
        json: bool,
        /// First refresh every connection that can be refreshed (one call to
        /// UPS each), then report.
        #[arg(long)]
        probe: bool,
    },
    /// Print what support needs: versions, OS, keychain health, the proxy used
    /// for each environment and why, connections and their last errors.
    /// Secrets and proxy logins are redacted.
    Diagnostics,
    /// Company networks: the proxy used to reach UPS, and its login.
    Proxy {
        #[command(subcommand)]
        action: proxy::ProxyAction,
    },
}

#[derive(Args, Debug)]
pub struct ConnectionArg {
    /// Connection ID (see `ups-optin status`); optional when there is exactly one.
    #[arg(long, value_name = "ID")]
    connection: Option<String>,
}

#[derive(Args, Debug)]
pub struct LogoutArgs {
    #[command(flatten)]
    connection: ConnectionArg,
    /// Remove the keychain entries under service "ups-optin" that no
    /// connection uses (left by a damaged connections.json or an interrupted
    /// removal), after listing them and asking.
    #[arg(long, conflicts_with = "connection")]
    leftovers: bool,
    /// With --leftovers: do not ask (needed when standard input is not a terminal).
    #[arg(long, requires = "leftovers")]
    yes: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LoginMethod {
    /// Opt in with UPS.com in the browser (authorization code with PKCE).
    Browser,
    /// Client ID and secret only (client credentials); each account is checked.
    ClientCredentials,
}

#[derive(Args, Debug, Clone)]
pub struct LoginArgs {
    /// UPS environment: cie, production, or a base URL (https, or http to 127.0.0.1).
    #[arg(long, value_name = "cie|production|URL")]
    env: String,
    /// The client ID of your app on developer.ups.com.
    #[arg(long, value_name = "ID")]
    client_id: String,
    /// How to opt in.
    #[arg(long, value_enum, default_value_t = LoginMethod::Browser)]
    method: LoginMethod,
    /// Redirect URI registered for the app (browser method; default
    /// http://127.0.0.1:8765/callback). http://127.0.0.1:PORT/… is received on
    /// this computer; https and custom-scheme ones ask you to paste the address
    /// your browser ended on.
    #[arg(long, value_name = "URI")]
    redirect_uri: Option<String>,
    /// A UPS shipper account number (6 letters or digits); repeat for several.
    #[arg(long = "account", value_name = "NUMBER")]
    accounts: Vec<String>,
    /// A name for this connection (e.g. the product's).
    #[arg(long, value_name = "TEXT")]
    label: Option<String>,
    /// Authenticate the code exchange with client_id + code_verifier in the body
    /// instead of HTTP Basic.
    #[arg(long)]
    pkce_body: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    logger::init(cli.verbose);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(exit::OTHER);
        }
    };
    let result = runtime.block_on(run(cli.command));
    // Do not wait for a blocked terminal read or a lingering listener.
    runtime.shutdown_timeout(Duration::from_millis(200));
    recovery_note();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("error: {}", f.message);
            }
            ExitCode::from(f.code)
        }
    }
}

/// Until it is acknowledged, every command says on stderr that
/// connections.json was damaged and what came back (stdout stays the
/// command's own: `token` prints only the token).
fn recovery_note() {
    let Ok(dir) = optin_core::service::default_config_dir() else {
        return;
    };
    for event in optin_core::recovery::pending(&dir).unwrap_or_default() {
        eprintln!(
            "note: {} Check them with `ups-optin status`, then run `ups-optin status --ack-recovery`.",
            event.describe()
        );
    }
}

fn service() -> Result<OptIn, Failure> {
    Ok(OptIn::with_policy(
        Effects::system()?,
        optin_core::tokens::TokenPolicy::command_line(),
    ))
}

/// The connection named with `--connection`, or the only one.
fn resolve(optin: &OptIn, c: &ConnectionArg) -> Result<String, Failure> {
    if let Some(id) = c.connection.as_deref() {
        return Ok(optin.status(id)?.id.clone());
    }
    let all = optin.statuses()?;
    match all.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(Failure::other(
            "No connection is set up yet. Opt in first: ups-optin login --env <cie|production|URL> --client-id <ID>",
        )),
        _ => Err(Failure::usage(format!(
            "There are {} connections; name one with --connection ({}).",
            all.len(),
            all.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

async fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Login(args) => {
            let optin = service()?;
            login::run(&optin, &args, secret_input::Source::Ask)
                .await
                .map(drop)
        }
        Command::Status { ack_recovery, .. } if ack_recovery => {
            let optin = service()?;
            if optin.acknowledge_recovery()? {
                println!("The notice about the damaged connections file is acknowledged; commands no longer repeat it.");
            } else {
                println!("There is no notice about a damaged connections file to acknowledge.");
            }
            Ok(())
        }
        Command::Status { json, .. } => {
            let mut statuses = service()?.statuses()?;
            if json {
                // `--json` is unchanged: the error's parameters are for the wizard's screens.
                for s in &mut statuses {
                    if let Some(e) = s.view.last_error.as_mut() {
                        e.params = None;
                    }
                    // The English `label` says it; the marker is for the wizard's screens.
                    s.view.label_rebuilt = false;
                    for a in &mut s.view.accounts {
                        a.error = None;
                    }
                }
                let text = serde_json::to_string_pretty(&statuses)
                    .map_err(|e| Failure::other(format!("cannot write JSON: {e}")))?;
                println!("{text}");
            } else {
                print!("{}", view::table(&statuses));
            }
            Ok(())
        }
        Command::Token(c) => {
            let optin = service()?;
            let id = resolve(&optin, &c)?;
            let renewed = optin
                .access_token_renewed(&id)
                .await
                .map_err(|e| reopt::with_hints(&optin, &id, e))?;
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // UPS issued it: printed even when the rotated refresh token could
            // not be saved (then the command still fails, with the reason).
            writeln!(out, "{}", renewed.token.expose())
                .and_then(|()| out.flush())
                .map_err(|e| Failure::other(format!("cannot write the token to stdout: {e}")))?;
            match renewed.unsaved {
                None => Ok(()),
                Some(e) => Err(Failure::rotation_lost(&e)),
            }
        }
        Command::Refresh(c) => {
            let optin = service()?;
            let id = resolve(&optin, &c)?;
            let unsaved = optin
                .refresh_renewed(&id)
                .await
                .map_err(|e| reopt::with_hints(&optin, &id, e))?
                .unsaved;
            if let Some(e) = unsaved {
                return Err(Failure::rotation_lost(&e));
            }
            let status = optin.status(&id)?;
            println!(
                "Refreshed {} ({}). The access token is valid until {}.",
                status.label,
                status.id,
                status
                    .access_token_expires_at
                    .as_deref()
                    .unwrap_or("(UPS did not say)")
            );
            Ok(())
        }
        Command::UpdateSecret(c) => {
            let optin = service()?;
            let id = resolve(&optin, &c)?;
            let entered = secret_input::read(secret_input::Source::Ask)?;
            let status = optin
                .update_secret(&id, &entered.secret)
                .await
                .map_err(|e| reopt::with_reopt_hint(&optin, &id, e))?;
            println!(
                "UPS accepted the new client secret for {} ({}); it is stored in the keychain. The opt-in and the shipper accounts were kept.",
                status.label, status.id
            );
            Ok(())
        }
        Command::Logout(LogoutArgs {
            leftovers: true,
            yes,
            ..
        }) => leftovers::remove(&service()?, yes).await,
        Command::Logout(LogoutArgs { connection: c, .. }) => {
            let optin = service()?;
            let id = resolve(&optin, &c)?;
            let status = optin.status(&id)?;
            optin.remove(&id).await?;
            println!(
                "Removed {} ({}): its keychain entries and its metadata. Run `ups-optin login` to opt in again.",
                status.label, status.id
            );
            Ok(())
        }
        Command::Check { json, probe } => {
            let optin = service()?;
            match check::run(&optin, json, probe).await? {
                0 => Ok(()),
                code => Err(Failure::silent(code)),
            }
        }
        Command::Demo(args) => demo::run(args).await,
        Command::Proxy { action } => proxy::run(&service()?, action).await,
        Command::Diagnostics => {
            let optin = service()?;
            let app = format!("ups-optin {}", env!("CARGO_PKG_VERSION"));
            print!(
                "{}",
                optin_core::diagnostics::report(&optin, &app, &[]).await
            );
            Ok(())
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::from_error(&e)
    }
}
