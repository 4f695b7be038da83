//! HTTP 429 (Too Many Requests): the bounded retry policy and `Retry-After`.

use std::time::Duration;

use super::http::HttpRequest;

/// What the client does when UPS answers HTTP 429 (Too Many Requests).
///
/// A 429 means UPS did not process the request, so the same request (the same
/// authorization code, the same refresh token) may be sent again. The client
/// retries up to [`Self::max_retries`] times, waiting what `Retry-After` asks
/// for when that is at most [`Self::max_wait`]; without a usable `Retry-After`
/// it waits [`Self::backoff`], then twice that, and so on (default 1 s, 2 s).
/// A `Retry-After` longer than `max_wait`, or a 429 after the last retry, is
/// reported as [`Error::UpsRateLimited`] with UPS's `Retry-After`. Worst case
/// with the defaults: 3 requests and 20 s of waiting. No other status and no
/// transport failure is ever retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitRetry {
    /// Retries after the first 429; 0 turns retrying off.
    pub max_retries: u32,
    /// The longest `Retry-After` honoured.
    pub max_wait: Duration,
    /// The first pause when UPS sends no usable `Retry-After`; doubles per retry.
    pub backoff: Duration,
}

impl RateLimitRetry {
    /// No retry: a 429 is reported at once.
    pub const OFF: RateLimitRetry = RateLimitRetry {
        max_retries: 0,
        max_wait: Duration::ZERO,
        backoff: Duration::ZERO,
    };

    /// How long to wait before retry number `retry` (0-based) after a 429 whose
    /// `Retry-After` was `retry_after`; `None`: give up now.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if retry >= self.max_retries {
            return None;
        }
        match retry_after {
            Some(d) if d <= self.max_wait => Some(d),
            Some(_) => None,
            None => Some(
                self.backoff
                    .saturating_mul(2u32.saturating_pow(retry))
                    .min(self.max_wait),
            ),
        }
    }
}

impl Default for RateLimitRetry {
    fn default() -> Self {
        RateLimitRetry {
            max_retries: 2,
            max_wait: Duration::from_secs(10),
            backoff: Duration::from_secs(1),
        }
    }
}

/// `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3), relative
/// to `now` (the injected clock's time, so a date is tested at a fixed instant).
pub fn parse_retry_after(v: &str, now: time::OffsetDateTime) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc2822).ok()?;
    let delta = at - now;
    Some(Duration::from_secs(delta.whole_seconds().max(0) as u64))
}

/// The same request again (method, URI, version, headers, body).
pub(super) fn copy_request(r: &HttpRequest) -> HttpRequest {
    let mut copy = ::http::Request::new(r.body().clone());
    *copy.method_mut() = r.method().clone();
    *copy.uri_mut() = r.uri().clone();
    *copy.version_mut() = r.version();
    *copy.headers_mut() = r.headers().clone();
    copy
}
