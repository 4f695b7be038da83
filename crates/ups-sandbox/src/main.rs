//! `ups-sandbox`: serve the UPS OAuth sandbox, or act as a desktop browser
//! signing in on it.
//!
//! `ups-sandbox <URL>` is `ups-sandbox browse <URL>`, so the binary can stand
//! as `$BROWSER`, which is called with just the URL.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Parser, Subcommand, ValueEnum};
use serde_json::json;
use ups_sandbox::{
    FakeBrowser, Sandbox, SandboxConfig, AUTHORIZE_PATH, CONTROL_PREFIX, DEMO_ACCOUNTS,
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USER, REFRESH_PATH, TOKEN_PATH,
};
use url::Url;

#[derive(Parser)]
#[command(
    name = "ups-sandbox",
    version,
    about = "UPS OAuth sandbox (not the real UPS)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the sandbox with the demo setup on 127.0.0.1 until SIGTERM or Ctrl-C.
    Serve {
        /// Port to bind (0 = a free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Print the base URL and demo credentials as one JSON line.
        #[arg(long)]
        print_json: bool,
        /// Length of issued access tokens in characters (real UPS tokens vary;
        /// over 2,560 exercises Windows Credential Manager's per-entry limit).
        #[arg(long, value_name = "CHARS", value_parser = clap::value_parser!(u16).range(150..))]
        access_token_len: Option<u16>,
        /// Register one more redirect URI for the demo client (repeatable), e.g.
        /// a loopback one on a free port.
        #[arg(long = "redirect-uri", value_name = "URI")]
        redirect_uris: Vec<String>,
        /// Serve https (https://localhost:PORT) with a certificate from a
        /// private CA made now, and write that CA's certificate (PEM) to this
        /// file: point a client's SSL_CERT_FILE at it to trust the sandbox, as
        /// a company network that inspects TLS needs its root certificate.
        #[arg(long, value_name = "FILE")]
        tls_ca_out: Option<std::path::PathBuf>,
    },
    /// Act as a browser: open an authorize URL, sign in (or decline), and hand
    /// the callback to the OS.
    Browse {
        /// The authorize URL.
        url: String,
        /// UPS.com username.
        #[arg(long, env = "UPS_SANDBOX_BROWSER_USER", default_value = DEMO_USER)]
        user: String,
        /// UPS.com password.
        #[arg(long, env = "UPS_SANDBOX_BROWSER_PASSWORD", default_value = DEMO_PASSWORD, hide_env_values = true)]
        password: String,
        /// Press "Decline" instead of signing in.
        #[arg(long, env = "UPS_SANDBOX_BROWSER_DECLINE", action = ArgAction::SetTrue,
              value_parser = BoolishValueParser::new())]
        decline: bool,
        /// How to deliver the callback URL.
        #[arg(long, env = "UPS_SANDBOX_BROWSER_HANDOFF", value_enum, default_value_t = Handoff::Auto)]
        handoff: Handoff,
        /// Append one line per invocation to this file (no query strings).
        #[arg(long, env = "UPS_SANDBOX_BROWSER_LOG")]
        log: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Handoff {
    /// `http` for an http(s) callback to loopback, `xdg-open` otherwise.
    Auto,
    /// Start `xdg-open <callback>` detached, without waiting for it.
    XdgOpen,
    /// Print the callback URL on stdout.
    Print,
    /// GET the callback and print the answer's status.
    Http,
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().collect();
    if args.get(1).is_some_and(|a| a.contains("://")) {
        args.insert(1, "browse".into());
    }
    let result = match Cli::parse_from(args).command {
        Command::Serve {
            port,
            print_json,
            access_token_len,
            redirect_uris,
            tls_ca_out,
        } => {
            let mut config = SandboxConfig::default().with_port(port);
            if let Some(len) = access_token_len {
                config = config.with_access_token_len(len.into());
            }
            for uri in redirect_uris {
                config = config.with_redirect_uri(DEMO_CLIENT_ID, uri);
            }
            serve(config, print_json, tls_ca_out).await
        }
        Command::Browse {
            url,
            user,
            password,
            decline,
            handoff,
            log,
        } => {
            let result = browse(&url, &user, &password, decline, handoff).await;
            if let Some(path) = log {
                append_log(&path, &url, &result);
            }
            result.map(|_| ())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ups-sandbox: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(
    config: SandboxConfig,
    print_json: bool,
    tls_ca_out: Option<std::path::PathBuf>,
) -> Result<(), String> {
    let port = config.port;
    let redirect_uris: Vec<String> = config
        .clients
        .iter()
        .find(|c| c.client_id == DEMO_CLIENT_ID)
        .map(|c| c.redirect_uris.clone())
        .unwrap_or_default();
    let sandbox = match tls_ca_out {
        None => Sandbox::start(config).await,
        Some(path) => {
            let ca = ups_sandbox::PrivateCa::generate()
                .map_err(|e| format!("cannot make the private CA: {e}"))?;
            std::fs::write(&path, &ca.ca_pem)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Sandbox::start_tls(config, ca).await
        }
    }
    .map_err(|e| format!("cannot bind 127.0.0.1:{port}: {e}"))?;
    let base = sandbox.base_url();
    let line = if print_json {
        json!({
            "base_url": base,
            "authorize_url": format!("{base}{AUTHORIZE_PATH}"),
            "token_url": format!("{base}{TOKEN_PATH}"),
            "refresh_url": format!("{base}{REFRESH_PATH}"),
            "control_url": format!("{base}{CONTROL_PREFIX}"),
            "client_id": DEMO_CLIENT_ID,
            "client_secret": DEMO_CLIENT_SECRET,
            "redirect_uris": redirect_uris,
            "accounts": DEMO_ACCOUNTS,
            "username": DEMO_USER,
            "password": DEMO_PASSWORD,
        })
        .to_string()
    } else {
        format!(
            "UPS SANDBOX (not the real UPS) at {base}: client {DEMO_CLIENT_ID} / \
             {DEMO_CLIENT_SECRET}, user {DEMO_USER} / {DEMO_PASSWORD}"
        )
    };
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
    terminated().await;
    sandbox.shutdown().await;
    Ok(())
}

async fn terminated() {
    #[cfg(unix)]
    if let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
    {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
        return;
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Signs in (or declines) and hands the callback over; returns what was done.
async fn browse(
    url: &str,
    user: &str,
    password: &str,
    decline: bool,
    handoff: Handoff,
) -> Result<String, String> {
    let browser = FakeBrowser::new();
    let callback = if decline {
        browser.decline(url).await
    } else {
        browser.sign_in(url, user, password).await
    }
    .map_err(|e| format!("browse {}: {e}", redacted(url)))?;
    let parsed = Url::parse(&callback).map_err(|e| format!("bad callback URL: {e}"))?;
    let loopback_http = matches!(parsed.scheme(), "http" | "https")
        && matches!(parsed.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    let handoff = match handoff {
        Handoff::Auto if loopback_http => Handoff::Http,
        Handoff::Auto => Handoff::XdgOpen,
        other => other,
    };
    let target = redacted(&callback);
    match handoff {
        Handoff::Print => {
            println!("{callback}");
            Ok(format!("printed {target}"))
        }
        Handoff::Http | Handoff::Auto => {
            let response = reqwest::get(parsed)
                .await
                .map_err(|e| format!("GET {target}: {}", e.without_url()))?;
            println!("callback {target} answered {}", response.status());
            Ok(format!("GET {target} -> {}", response.status().as_u16()))
        }
        Handoff::XdgOpen => {
            // Detached through sh so that we never wait for the opened app.
            let status = std::process::Command::new("sh")
                .args([
                    "-c",
                    "command -v xdg-open >/dev/null || exit 127; \
                     xdg-open \"$1\" </dev/null >/dev/null 2>&1 &",
                    "sh",
                    &callback,
                ])
                .status()
                .map_err(|e| format!("cannot run sh: {e}"))?;
            match status.code() {
                Some(0) => {
                    println!("handed {target} to xdg-open");
                    Ok(format!("xdg-open {target}"))
                }
                Some(127) => Err("xdg-open not found".into()),
                _ => Err(format!("starting xdg-open failed: {status}")),
            }
        }
    }
}

/// `scheme://host[:port]/path`, without query or fragment.
fn redacted(url: &str) -> String {
    match Url::parse(url) {
        Ok(u) => {
            format!(
                "{}://{}{}",
                u.scheme(),
                u.host_str().unwrap_or(""),
                u.port().map(|p| format!(":{p}")).unwrap_or_default()
            ) + u.path()
        }
        Err(_) => "<unparsable URL>".into(),
    }
}

fn append_log(path: &PathBuf, url: &str, result: &Result<String, String>) {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let outcome = match result {
        Ok(done) => format!("ok {done}"),
        Err(e) => format!("error {e}"),
    };
    let outcome = outcome.replace(['\n', '\r'], " ");
    let line = format!("{ms} browse {} {outcome}\n", redacted(url));
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(line.as_bytes()));
    if let Err(e) = written {
        eprintln!("ups-sandbox: cannot append to {}: {e}", path.display());
    }
}
