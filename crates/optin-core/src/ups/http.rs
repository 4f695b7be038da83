//! The HTTP seam. Every request to UPS goes through [`HttpTransport`]; the
//! production implementation is reqwest 0.12 with rustls, redirects disabled,
//! connect and total timeouts, and a cap on the body size. Tests substitute
//! their own transport, or point the real one at the loopback sandbox.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::environment::require_secure;
use crate::error::{Error, Result};
use crate::network::proxy::{ProxyRules, Route};
use crate::network::{failure, load_rules, NetworkSource};

pub type HttpRequest = http::Request<Vec<u8>>;
pub type HttpResponse = http::Response<Vec<u8>>;
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Largest body accepted from UPS. Token answers are a few KiB.
pub const MAX_BODY: usize = 1 << 20;

/// What went wrong below HTTP: nothing (usable) came back. It carries the
/// core's error, which names the culprit (the proxy, TLS, DNS, UPS's host,
/// time: [`crate::network::failure`]).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct TransportError(pub Error);

impl TransportError {
    /// UPS could not be reached, for this reason.
    pub fn unreachable(detail: impl Into<String>) -> Self {
        TransportError(Error::UpsUnreachable {
            status: None,
            reason: "other",
            detail: detail.into(),
        })
    }
}

/// Sends one HTTP request and returns whatever status came back. It never
/// follows redirects.
pub trait HttpTransport: Send + Sync {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;

    /// The proxy setting or a proxy login changed: use the new ones from the
    /// next request on. Transports without a proxy ignore it.
    fn network_changed(&self) {}
}

/// reqwest with rustls; redirects off; timeouts on; the proxy chosen by
/// [`ProxyRules`] (the setting, the environment, the OS settings), with its
/// login from the keychain.
///
/// The client is built on the first request, not in [`ReqwestTransport::new`]:
/// building it loads and parses the system certificate store (and, when a
/// proxy is in use, reads its login from the keychain), which a process that
/// never talks to UPS (a second app instance handing a link over, the
/// wizard's first screen, `ups-optin --version`) should not pay for. Clones
/// share the one client; [`HttpTransport::network_changed`] drops it so the
/// next request builds it again.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    inner: Arc<LazyClient>,
}

#[derive(Debug)]
struct LazyClient {
    connect: Duration,
    total: Duration,
    network: Option<NetworkSource>,
    client: Mutex<Option<Built>>,
}

/// A client and the rules its proxy follows (the same rules classify its failures).
#[derive(Clone, Debug)]
struct Built {
    client: std::result::Result<reqwest::Client, String>,
    rules: Arc<ProxyRules>,
}

impl ReqwestTransport {
    pub fn new() -> Result<Self> {
        Self::with_timeouts(Duration::from_secs(10), Duration::from_secs(30))
    }

    /// Cheap: nothing is built until the first request.
    pub fn with_timeouts(connect: Duration, total: Duration) -> Result<Self> {
        Ok(ReqwestTransport {
            inner: Arc::new(LazyClient {
                connect,
                total,
                network: None,
                client: Mutex::new(None),
            }),
        })
    }

    /// Reads the proxy setting and the proxy logins from `source` (without
    /// one: the environment and the OS settings only, no login).
    pub fn with_network(self, source: NetworkSource) -> Self {
        ReqwestTransport {
            inner: Arc::new(LazyClient {
                connect: self.inner.connect,
                total: self.inner.total,
                network: Some(source),
                client: Mutex::new(None),
            }),
        }
    }

    /// Builds the client now if no request has (blocking; tens of ms for the
    /// certificate store). For a caller that knows a request will follow
    /// soon and can do this off the path that waits for it.
    pub fn warm(&self) {
        let _ = self.built_blocking();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Built>> {
        self.inner.client.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The client, built once by whichever request comes first (blocking).
    fn built_blocking(&self) -> Built {
        if let Some(b) = self.lock().clone() {
            return b;
        }
        let built = self.build();
        self.lock().get_or_insert(built).clone()
    }

    /// [`Self::built_blocking`] off the async worker threads (the keychain
    /// and the certificate store block).
    async fn built(&self) -> Built {
        if let Some(b) = self.lock().clone() {
            return b;
        }
        let this = self.clone();
        match tokio::task::spawn_blocking(move || this.built_blocking()).await {
            Ok(b) => b,
            Err(_) => self.built_blocking(),
        }
    }

    fn build(&self) -> Built {
        let LazyClient {
            connect,
            total,
            network,
            ..
        } = &*self.inner;
        let rules = Arc::new(load_rules(network.as_ref()));
        log::debug!("proxy rules: {rules:?}");
        let for_proxy = Arc::clone(&rules);
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(*connect)
            .timeout(*total)
            .user_agent(concat!("ups-optin/", env!("CARGO_PKG_VERSION")))
            .proxy(reqwest::Proxy::custom(move |url| {
                let (route, login) = for_proxy.resolve(url);
                match route {
                    Route::Proxy { address, .. } => address.to_url(
                        login
                            .as_ref()
                            .map(|(user, password)| (user.as_str(), password.expose())),
                    ),
                    Route::Direct(_) => None,
                }
            }))
            .build()
            .map_err(|e| format!("the HTTP client could not start: {e}"));
        Built { client, rules }
    }
}

impl HttpTransport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let url = url::Url::parse(&request.uri().to_string())
                .map_err(|e| TransportError::unreachable(format!("bad URL: {e}")))?;
            // Defence in depth: environments are validated, but never send anything over
            // plain http to a host that is not this computer.
            require_secure("The request URL", &url)
                .map_err(|e| TransportError::unreachable(e.to_string()))?;
            let built = self.built().await;
            let client = built.client.as_ref().map_err(TransportError::unreachable)?;
            let (route, login) = built.rules.resolve(&url);
            let failed = |e: reqwest::Error| {
                TransportError(failure::classify(&e, &url, &route, login.is_some()))
            };
            let (parts, body) = request.into_parts();
            let mut response = client
                .request(parts.method, url.clone())
                .headers(parts.headers)
                .body(body)
                .send()
                .await
                .map_err(failed)?;
            // An http address through a proxy is forwarded, not tunnelled: the
            // proxy's 407 comes back as the answer.
            if response.status() == http::StatusCode::PROXY_AUTHENTICATION_REQUIRED {
                if let Some(via) = route.via() {
                    return Err(TransportError(Error::ProxyAuthRequired {
                        via,
                        login_sent: login.is_some(),
                    }));
                }
            }
            let mut builder = http::Response::builder().status(response.status());
            for (k, v) in response.headers() {
                builder = builder.header(k, v);
            }
            let mut bytes = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(failed)? {
                if bytes.len() + chunk.len() > MAX_BODY {
                    return Err(TransportError::unreachable(format!(
                        "the answer was larger than {} KiB",
                        MAX_BODY / 1024
                    )));
                }
                bytes.extend_from_slice(&chunk);
            }
            builder
                .body(bytes)
                .map_err(|e| TransportError::unreachable(e.to_string()))
        })
    }

    fn network_changed(&self) {
        *self.lock() = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_built_on_first_use_and_shared_by_clones() {
        let t = ReqwestTransport::new().unwrap();
        assert!(t.lock().is_none(), "built by new()");
        let clone = t.clone();
        clone.warm();
        assert!(matches!(&*t.lock(), Some(Built { client: Ok(_), .. })));
        assert!(Arc::ptr_eq(&t.inner, &clone.inner));
        clone.network_changed();
        assert!(t.lock().is_none(), "a network change drops the client");
    }
}
