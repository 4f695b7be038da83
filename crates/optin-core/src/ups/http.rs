//! The HTTP seam. Every request to UPS goes through [`HttpTransport`]; the
//! production implementation is reqwest 0.12 with rustls, redirects disabled,
//! connect and total timeouts, and a cap on the body size. Tests substitute
//! their own transport, or point the real one at the loopback sandbox.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::environment::require_secure;
use crate::error::Result;

pub type HttpRequest = http::Request<Vec<u8>>;
pub type HttpResponse = http::Response<Vec<u8>>;
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Largest body accepted from UPS. Token answers are a few KiB.
pub const MAX_BODY: usize = 1 << 20;

/// What went wrong below HTTP: nothing came back.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct TransportError(pub String);

/// Sends one HTTP request and returns whatever status came back. It never
/// follows redirects.
pub trait HttpTransport: Send + Sync {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// reqwest with rustls; redirects off; timeouts on.
///
/// The client is built on the first request, not in [`ReqwestTransport::new`]:
/// building it loads and parses the system certificate store, which a process
/// that never talks to UPS (a second app instance handing a link over, the
/// wizard's first screen, `ups-optin --version`) should not pay for. Clones
/// share the one client.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    inner: Arc<LazyClient>,
}

#[derive(Debug)]
struct LazyClient {
    connect: Duration,
    total: Duration,
    client: OnceLock<std::result::Result<reqwest::Client, String>>,
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
                client: OnceLock::new(),
            }),
        })
    }

    /// Builds the client now if no request has (blocking; tens of ms for the
    /// certificate store). For a caller that knows a request will follow
    /// soon and can do this off the path that waits for it.
    pub fn warm(&self) {
        let _ = self.client();
    }

    /// The client, built once by whichever request comes first.
    fn client(&self) -> std::result::Result<&reqwest::Client, TransportError> {
        let LazyClient {
            connect,
            total,
            client,
        } = &*self.inner;
        client
            .get_or_init(|| {
                reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .connect_timeout(*connect)
                    .timeout(*total)
                    .user_agent(concat!("ups-optin/", env!("CARGO_PKG_VERSION")))
                    .build()
                    .map_err(|e| format!("the HTTP client could not start: {e}"))
            })
            .as_ref()
            .map_err(|e| TransportError(e.clone()))
    }
}

impl HttpTransport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let url = url::Url::parse(&request.uri().to_string())
                .map_err(|e| TransportError(format!("bad URL: {e}")))?;
            // Defence in depth: environments are validated, but never send anything over
            // plain http to a host that is not this computer.
            require_secure("The request URL", &url).map_err(|e| TransportError(e.to_string()))?;
            let (parts, body) = request.into_parts();
            let mut response = self
                .client()?
                .request(parts.method, url)
                .headers(parts.headers)
                .body(body)
                .send()
                .await
                .map_err(|e| TransportError(describe_reqwest(&e)))?;
            let mut builder = http::Response::builder().status(response.status());
            for (k, v) in response.headers() {
                builder = builder.header(k, v);
            }
            let mut bytes = Vec::new();
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| TransportError(describe_reqwest(&e)))?
            {
                if bytes.len() + chunk.len() > MAX_BODY {
                    return Err(TransportError(format!(
                        "the answer was larger than {} KiB",
                        MAX_BODY / 1024
                    )));
                }
                bytes.extend_from_slice(&chunk);
            }
            builder
                .body(bytes)
                .map_err(|e| TransportError(e.to_string()))
        })
    }
}

fn describe_reqwest(e: &reqwest::Error) -> String {
    let host = e
        .url()
        .and_then(|u| u.host_str())
        .unwrap_or("UPS")
        .to_string();
    if e.is_timeout() {
        format!("{host} did not answer in time")
    } else if e.is_connect() {
        format!("could not connect to {host}")
    } else if e.is_body() || e.is_decode() {
        format!("the connection to {host} broke while reading the answer")
    } else {
        format!("the request to {host} failed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_built_on_first_use_and_shared_by_clones() {
        let t = ReqwestTransport::new().unwrap();
        assert!(t.inner.client.get().is_none(), "built by new()");
        let clone = t.clone();
        clone.warm();
        assert!(matches!(t.inner.client.get(), Some(Ok(_))));
        assert!(Arc::ptr_eq(&t.inner, &clone.inner));
    }
}
