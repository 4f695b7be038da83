//! The loopback capture route (RFC 8252 §7.3): a one-shot HTTP listener on
//! 127.0.0.1 (or ::1) at the port of the registered redirect URI. UPS matches
//! redirect URIs exactly, so the port is the registered one, never random.
//!
//! Each request to the redirect path is handed to `deliver`; a valid callback
//! ends the listener with a "you can close this tab" page, an invalid one gets
//! an error page and the listener keeps waiting until its deadline.
//!
//! Any local process can connect, so the listener assumes some connections are
//! hostile:
//! - connections are read concurrently (at most [`MAX_CONNECTIONS`] at once,
//!   each given [`READ_TIMEOUT`] to send its request head), so a process that
//!   opens connections and says nothing cannot hold up the browser's callback;
//! - the `Host` header must name the redirect URI's own host and port, the
//!   literal loopback address (or `localhost` when that is what was
//!   registered): a web page that rebinds a DNS name to 127.0.0.1 sends its own
//!   name and gets 400 (DNS rebinding);
//! - a `localhost` redirect URI is served on both 127.0.0.1 and ::1 (RFC 8252
//!   §8.3): the browser may resolve the name to either, and the wizard binds
//!   the two IP literals itself, never a name, so it never listens beyond the
//!   loopback interface. If the port is taken on either address, the login is
//!   refused ("port busy") rather than leaving the other address to whoever
//!   holds it. The loopback IP literal is still the better choice to register.

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use url::{Host, Url};

use time::OffsetDateTime;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::login::LOGIN_TTL;

const MAX_REQUEST: usize = 16 * 1024;
/// How often a waiting listener looks at the clock.
const CLOCK_CHECK: Duration = Duration::from_secs(1);
/// Connections read at the same time; more wait in the OS backlog.
pub const MAX_CONNECTIONS: usize = 8;
/// How long one connection may take to send its request head.
pub const READ_TIMEOUT: Duration = Duration::from_secs(5);

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

/// A bound loopback listener (one socket, or two for `localhost`), not yet accepting.
pub struct LoopbackListener {
    listeners: Vec<TcpListener>,
    redirect: Url,
    /// The `Host` header values accepted (lowercase).
    hosts: Vec<String>,
}

/// One request head as read from a connection.
struct Request {
    target: String,
    host: Option<String>,
}

impl LoopbackListener {
    /// Binds the redirect URI's host and port: its IP literal, or both
    /// 127.0.0.1 and ::1 for `localhost`.
    pub async fn bind(redirect: &Url) -> Result<Self> {
        let port = redirect.port_or_known_default().unwrap_or(80);
        let (ips, host): (Vec<IpAddr>, String) = match redirect.host() {
            Some(Host::Ipv4(ip)) => (vec![IpAddr::V4(ip)], ip.to_string()),
            Some(Host::Ipv6(ip)) => (vec![IpAddr::V6(ip)], format!("[{ip}]")),
            Some(Host::Domain(d)) if d.eq_ignore_ascii_case("localhost") => (
                vec![
                    IpAddr::V4(Ipv4Addr::LOCALHOST),
                    IpAddr::V6(Ipv6Addr::LOCALHOST),
                ],
                "localhost".into(),
            ),
            _ => (vec![], String::new()),
        };
        if ips.is_empty() || !ips.iter().all(IpAddr::is_loopback) {
            return Err(Error::InsecureUrl {
                what: "The loopback redirect URI",
                url: redirect.to_string(),
            });
        }
        let localhost = ips.len() > 1;
        let mut listeners = Vec::new();
        for ip in ips {
            match TcpListener::bind(SocketAddr::new(ip, port)).await {
                Ok(l) => listeners.push(l),
                // A computer without IPv6 has no ::1 to hijack either.
                Err(e) if localhost && ip.is_ipv6() && ipv6_unavailable(&e) => {
                    log::info!("::1 is not available ({e}); serving localhost on 127.0.0.1 only");
                }
                Err(e) => return Err(match e.kind() {
                    std::io::ErrorKind::AddrInUse | std::io::ErrorKind::PermissionDenied => Error::LoopbackPortBusy { port },
                    _ => Error::configuration(format!("The wizard could not listen on {ip}:{port} ({e}). Choose the deep-link route instead.")).because("loopback-listen").with("address", format!("{ip}:{port}")).with("detail", &e),
                }),
            }
        }
        let mut hosts = vec![format!("{host}:{port}")];
        if redirect.port().is_none() {
            hosts.push(host);
        }
        Ok(LoopbackListener {
            listeners,
            redirect: redirect.clone(),
            hosts,
        })
    }

    /// The first bound address (127.0.0.1 for `localhost`).
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.listeners.first().and_then(|l| l.local_addr().ok())
    }

    /// Every bound address.
    pub fn local_addrs(&self) -> Vec<SocketAddr> {
        self.listeners
            .iter()
            .filter_map(|l| l.local_addr().ok())
            .collect()
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
        let mut reading: JoinSet<(TcpStream, Option<Request>)> = JoinSet::new();
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
            tokio::select! {
                () = tokio::time::sleep(wait) => continue,
                accepted = accept_any(&self.listeners), if reading.len() < MAX_CONNECTIONS => {
                    let stream = accepted.map_err(|e| Error::configuration(format!("The loopback listener failed ({e}). Paste the address from your browser instead.")).because("loopback-failed").with("detail", &e))?;
                    reading.spawn(async move {
                        let mut stream = stream;
                        let req = read_request(&mut stream).await;
                        (stream, req)
                    });
                }
                Some(done) = reading.join_next(), if !reading.is_empty() => {
                    let Ok((stream, req)) = done else { continue };
                    if self.answer(stream, req, &mut deliver).await {
                        return Ok(());
                    }
                }
            }
        }
    }

    fn host_ok(&self, host: Option<&str>) -> bool {
        host.is_some_and(|h| self.hosts.iter().any(|ok| ok.eq_ignore_ascii_case(h)))
    }

    async fn answer<F, Fut>(
        &self,
        mut stream: TcpStream,
        req: Option<Request>,
        deliver: &mut F,
    ) -> bool
    where
        F: FnMut(String) -> Fut,
        Fut: Future<Output = Delivery>,
    {
        let Some(req) = req else {
            respond_soon(
                &mut stream,
                400,
                "Bad request",
                "The wizard could not read this request.",
            )
            .await;
            return false;
        };
        if !self.host_ok(req.host.as_deref()) {
            respond_soon(
                &mut stream,
                400,
                "Bad request",
                &format!(
                    "This address answers only requests for {}. Open the address UPS sent you back to, as it is.",
                    self.hosts[0]
                ),
            )
            .await;
            return false;
        }
        let target = req.target;
        let (path, _) = target.split_once('?').unwrap_or((&target, ""));
        if path != self.redirect.path() {
            respond_soon(
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
                respond_soon(
                    &mut stream,
                    200,
                    "Signed in",
                    "The UPS Opt-In Wizard received the answer from UPS. You can close this tab and return to the wizard.",
                )
                .await;
                true
            }
            Delivery::Failed(message) => {
                respond_soon(&mut stream, 400, "Sign-in not completed", &message).await;
                true
            }
            Delivery::Rejected(message) => {
                respond_soon(&mut stream, 400, "Not accepted", &message).await;
                false
            }
        }
    }
}

fn ipv6_unavailable(e: &std::io::Error) -> bool {
    // EADDRNOTAVAIL (no ::1 configured) or EAFNOSUPPORT (IPv6 off: 97 on
    // Linux, 47 on macOS, WSAEAFNOSUPPORT 10047 on Windows).
    e.kind() == std::io::ErrorKind::AddrNotAvailable
        || matches!(e.raw_os_error(), Some(97) | Some(47) | Some(10047))
}

async fn accept_any(listeners: &[TcpListener]) -> std::io::Result<TcpStream> {
    match listeners {
        [one] => one.accept().await.map(|(s, _)| s),
        [a, b, ..] => tokio::select! {
            r = a.accept() => r.map(|(s, _)| s),
            r = b.accept() => r.map(|(s, _)| s),
        },
        [] => std::future::pending().await,
    }
}

/// Reads one request head within [`READ_TIMEOUT`]: the target of a `GET` and
/// its `Host` header. `None` for anything else.
async fn read_request(stream: &mut TcpStream) -> Option<Request> {
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
    tokio::time::timeout(READ_TIMEOUT, read).await.ok()??;
    let head = String::from_utf8_lossy(&buf);
    let mut lines = head.split("\r\n");
    let line = lines.next()?;
    let mut parts = line.split(' ');
    let (method, target) = (parts.next()?, parts.next()?);
    if method != "GET" || !target.starts_with('/') {
        return None;
    }
    let mut host = None;
    for l in lines.take_while(|l| !l.is_empty()) {
        if let Some((name, value)) = l.split_once(':') {
            if name.eq_ignore_ascii_case("host") {
                if host.is_some() {
                    return None; // two Host headers: ambiguous, refuse
                }
                host = Some(value.trim().to_string());
            }
        }
    }
    Some(Request {
        target: target.to_string(),
        host,
    })
}

/// Answers, giving up after [`READ_TIMEOUT`] if the peer does not read.
async fn respond_soon(stream: &mut TcpStream, status: u16, title: &str, message: &str) {
    let _ = tokio::time::timeout(READ_TIMEOUT, respond(stream, status, title, message)).await;
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
