//! The loopback capture route (RFC 8252 §7.3): a one-shot HTTP listener on
//! 127.0.0.1 (or ::1) at the port of the registered redirect URI. UPS matches
//! redirect URIs exactly, so the port is the registered one, never random.
//!
//! Each request to the redirect path is handed to `deliver`; a valid callback
//! ends the listener with a "you can close this tab" page, an invalid one gets
//! an error page and the listener keeps waiting until its deadline.

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::{Host, Url};

use time::OffsetDateTime;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::login::LOGIN_TTL;

const MAX_REQUEST: usize = 16 * 1024;
/// How often a waiting listener looks at the clock.
const CLOCK_CHECK: Duration = Duration::from_secs(1);

/// What became of one callback delivered to the login.
#[derive(Debug)]
pub enum Delivery {
    /// The login finished; the listener stops with a success page.
    Accepted,
    /// The login ended with an error; the listener stops and shows it.
    Failed(String),
    /// The callback was refused and the login still waits; keep listening.
    Rejected(String),
}

/// A bound loopback listener, not yet accepting.
pub struct LoopbackListener {
    listener: TcpListener,
    redirect: Url,
}

impl LoopbackListener {
    /// Binds the redirect URI's host and port. `localhost` binds 127.0.0.1.
    pub async fn bind(redirect: &Url) -> Result<Self> {
        let ip = match redirect.host() {
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
            _ => IpAddr::V4(Ipv4Addr::LOCALHOST),
        };
        if !ip.is_loopback() {
            return Err(Error::InsecureUrl {
                what: "The loopback redirect URI",
                url: redirect.to_string(),
            });
        }
        let port = redirect.port_or_known_default().unwrap_or(80);
        let listener = TcpListener::bind(SocketAddr::new(ip, port)).await.map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse | std::io::ErrorKind::PermissionDenied => Error::LoopbackPortBusy { port },
            _ => Error::Config(format!("The wizard could not listen on {ip}:{port} ({e}). Choose the deep-link route instead.")),
        })?;
        Ok(LoopbackListener {
            listener,
            redirect: redirect.clone(),
        })
    }

    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.listener.local_addr().ok()
    }

    /// Serves until `deliver` ends the login or the login's `expires_at`
    /// passes on `clock` (the same clock and instant as the login's expiry, so
    /// the two can never disagree). `deliver` gets the full callback URL and
    /// says what became of it.
    pub async fn serve<F, Fut>(
        self,
        expires_at: OffsetDateTime,
        clock: Arc<dyn Clock>,
        mut deliver: F,
    ) -> Result<()>
    where
        F: FnMut(String) -> Fut,
        Fut: Future<Output = Delivery>,
    {
        loop {
            let left = expires_at - clock.now();
            if !left.is_positive() {
                return Err(Error::LoginTimedOut(
                    Duration::try_from(LOGIN_TTL).unwrap_or(Duration::from_secs(600)),
                ));
            }
            // Look at the clock again at least every second: it is the
            // service's clock, not the timer's.
            let wait = Duration::try_from(left)
                .unwrap_or(Duration::ZERO)
                .min(CLOCK_CHECK);
            match tokio::time::timeout(wait, self.listener.accept()).await {
                Err(_) => continue,
                Ok(Err(e)) => return Err(Error::Config(format!("The loopback listener failed ({e}). Paste the address from your browser instead."))),
                Ok(Ok((stream, _))) => {
                    if self.handle(stream, &mut deliver).await {
                        return Ok(());
                    }
                }
            }
        }
    }

    async fn handle<F, Fut>(&self, mut stream: TcpStream, deliver: &mut F) -> bool
    where
        F: FnMut(String) -> Fut,
        Fut: Future<Output = Delivery>,
    {
        let Some(target) = read_request_target(&mut stream).await else {
            let _ = respond(
                &mut stream,
                400,
                "Bad request",
                "The wizard could not read this request.",
            )
            .await;
            return false;
        };
        let (path, _) = target.split_once('?').unwrap_or((&target, ""));
        if path != self.redirect.path() {
            let _ = respond(
                &mut stream,
                404,
                "Not found",
                "This address is only for the UPS sign-in answer.",
            )
            .await;
            return false;
        }
        let mut full = self.redirect.clone();
        full.set_query(target.split_once('?').map(|(_, q)| q));
        match deliver(full.to_string()).await {
            Delivery::Accepted => {
                let _ = respond(
                    &mut stream,
                    200,
                    "Signed in",
                    "The UPS Opt-In Wizard received the answer from UPS. You can close this tab and return to the wizard.",
                )
                .await;
                true
            }
            Delivery::Failed(message) => {
                let _ = respond(&mut stream, 400, "Sign-in not completed", &message).await;
                true
            }
            Delivery::Rejected(message) => {
                let _ = respond(&mut stream, 400, "Not accepted", &message).await;
                false
            }
        }
    }
}

async fn read_request_target(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 2048];
    let read = async {
        loop {
            let n = stream.read(&mut chunk).await.ok()?;
            if n == 0 {
                return None;
            }
            buf.extend_from_slice(&chunk[..n]);
            if buf.windows(4).any(|w| w == b"\r\n\r\n") {
                return Some(());
            }
            if buf.len() > MAX_REQUEST {
                return None;
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .ok()??;
    let head = String::from_utf8_lossy(&buf);
    let line = head.lines().next()?;
    let mut parts = line.split(' ');
    let (method, target) = (parts.next()?, parts.next()?);
    (method == "GET" && target.starts_with('/')).then(|| target.to_string())
}

async fn respond(
    stream: &mut TcpStream,
    status: u16,
    title: &str,
    message: &str,
) -> std::io::Result<()> {
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} – UPS Opt-In Wizard</title>\
         <meta name=\"viewport\" content=\"width=device-width\"></head><body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem\">\
         <h1>{title}</h1><p>{}</p></body></html>",
        html_escape(message)
    );
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Bad Request",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    stream.shutdown().await
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
