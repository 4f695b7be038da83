//! The background renewal policy: one timer, driven by the injected clock,
//! that keeps every connection healthy with nobody watching.
//!
//! On each wake-up ([`Renewer::pass`]):
//! 1. rotated refresh tokens held in memory are saved again (see
//!    [`crate::tokens`]);
//! 2. each connection whose access token expires within the skew window is
//!    **renewed** (`Due::Renew`);
//! 3. each connection that nobody refreshed for [`RenewalPolicy::probe_every`]
//!    (no product traffic) is **probed**: its token is renewed, which is the
//!    only way to learn that UPS refused it (a UPS.com password change) before
//!    the next shipment fails;
//! 4. a connection that found UPS unreachable waits an exponential, capped,
//!    jittered backoff before its next call;
//! 5. at most [`RenewalPolicy::max_calls_per_pass`] calls are made per wake-up,
//!    renewals first; the rest wait for the next one.
//!
//! Connections needing a new opt-in or without tokens are never called: their
//! refresh token is gone, and calling again would only hammer UPS.
//! All renewals go through the token manager, under its cross-process lock,
//! re-reading the stored refresh token after taking it: a refresh token is
//! never spent twice, whether the app, the CLI or a product refreshes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use time::OffsetDateTime;

use crate::error::ErrorCode;
use crate::store::ConnectionRecord;
use crate::OptIn;

/// Environment variable that shortens the probe period (seconds), for tests.
pub const PERIOD_ENV: &str = "UPS_OPTIN_RENEWAL_PERIOD_SECS";

/// Tunables of the background renewal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewalPolicy {
    /// A connection not refreshed for this long is probed (so a password change
    /// shows within about this long).
    pub probe_every: Duration,
    /// First wait after UPS was unreachable; doubles with each failure.
    pub backoff_base: Duration,
    /// Longest wait after failures.
    pub backoff_cap: Duration,
    /// Shortest sleep between two wake-ups.
    pub min_sleep: Duration,
    /// Longest sleep between two wake-ups (new connections are noticed then).
    pub max_sleep: Duration,
    /// UPS calls per wake-up at most.
    pub max_calls_per_pass: usize,
}

impl Default for RenewalPolicy {
    fn default() -> Self {
        RenewalPolicy {
            probe_every: Duration::from_secs(45 * 60),
            backoff_base: Duration::from_secs(60),
            backoff_cap: Duration::from_secs(30 * 60),
            min_sleep: Duration::from_secs(5),
            max_sleep: Duration::from_secs(5 * 60),
            max_calls_per_pass: 4,
        }
    }
}

impl RenewalPolicy {
    /// A policy whose probe period is `period`, the rest scaled to it.
    pub fn with_period(period: Duration) -> Self {
        let period = period.max(Duration::from_secs(1));
        let d = RenewalPolicy::default();
        RenewalPolicy {
            probe_every: period,
            backoff_base: d.backoff_base.min(period),
            backoff_cap: d.backoff_cap.min(period * 2),
            min_sleep: d.min_sleep.min(period / 4).max(Duration::from_millis(250)),
            max_sleep: d.max_sleep.min(period / 2).max(Duration::from_millis(500)),
            max_calls_per_pass: d.max_calls_per_pass,
        }
    }

    /// The default, or [`PERIOD_ENV`] seconds when set to a positive number.
    pub fn from_env() -> Self {
        match std::env::var(PERIOD_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|s| *s > 0)
        {
            Some(secs) => Self::with_period(Duration::from_secs(secs)),
            None => Self::default(),
        }
    }

    /// The wait after `failures` consecutive failures, `jitter` in `[0, 1)`:
    /// `min(cap, base·2^(failures-1))`, then scaled into `[½, 1)` of that.
    pub fn backoff(&self, failures: u32, jitter: f64) -> Duration {
        if failures == 0 {
            return Duration::ZERO;
        }
        let exp = failures.saturating_sub(1).min(20);
        let full = self
            .backoff_base
            .saturating_mul(1u32 << exp)
            .min(self.backoff_cap);
        full.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 0.999_999))
    }
}

/// Why a connection is called now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Its access token expires within the skew window.
    Renew,
    /// Nobody refreshed it for [`RenewalPolicy::probe_every`].
    Probe,
}

/// Failures of one connection, in memory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backoff {
    pub failures: u32,
    pub not_before: Option<OffsetDateTime>,
}

fn dur(d: Duration) -> time::Duration {
    time::Duration::try_from(d).unwrap_or(time::Duration::MAX)
}

/// Whether the background (or an explicit probe) may call UPS for this
/// connection at all.
pub(crate) fn callable(r: &ConnectionRecord) -> bool {
    r.connected && !r.reopt_needed
}

/// When the connection's access token must be renewed.
fn renew_at(r: &ConnectionRecord, skew: Duration) -> Option<OffsetDateTime> {
    r.access_token_expires_at.map(|exp| exp - dur(skew))
}

/// When the connection is probed: `probe_every` after its last refresh (or
/// creation).
fn probe_at(r: &ConnectionRecord, p: &RenewalPolicy) -> OffsetDateTime {
    r.last_refresh_at.unwrap_or(r.created_at) + dur(p.probe_every)
}

/// What is due for this connection at `now` (pure).
pub fn due_of(
    r: &ConnectionRecord,
    now: OffsetDateTime,
    skew: Duration,
    p: &RenewalPolicy,
    backoff: Backoff,
) -> Option<Due> {
    if !callable(r) || backoff.not_before.is_some_and(|t| t > now) {
        return None;
    }
    match renew_at(r, skew) {
        None => return Some(Due::Renew),
        Some(t) if t <= now => return Some(Due::Renew),
        _ => {}
    }
    (probe_at(r, p) <= now).then_some(Due::Probe)
}

/// The next instant something may be due for this connection (pure).
pub fn next_due(
    r: &ConnectionRecord,
    skew: Duration,
    p: &RenewalPolicy,
    backoff: Backoff,
) -> Option<OffsetDateTime> {
    if !callable(r) {
        return None;
    }
    let at = match renew_at(r, skew) {
        Some(renew) => renew.min(probe_at(r, p)),
        None => probe_at(r, p).min(r.created_at),
    };
    Some(match backoff.not_before {
        Some(nb) => at.max(nb),
        None => at,
    })
}

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassReport {
    /// Rotated refresh tokens held in memory that this pass saved (connection IDs).
    pub saved: Vec<String>,
    /// Each call made: connection, why, and the error code if it failed.
    pub calls: Vec<(String, Due, Option<ErrorCode>)>,
    /// How long to sleep before the next pass.
    pub sleep: Duration,
}

impl PassReport {
    /// Whether the pass saved a held token or called UPS for any connection.
    pub fn changed(&self) -> bool {
        !self.saved.is_empty() || !self.calls.is_empty()
    }
}

/// The background renewer: one per process, one timer.
pub struct Renewer {
    optin: OptIn,
    policy: RenewalPolicy,
    backoff: Mutex<HashMap<String, Backoff>>,
    jitter: Box<dyn Fn() -> f64 + Send + Sync>,
    wake: tokio::sync::Notify,
}

impl Renewer {
    pub fn new(optin: OptIn, policy: RenewalPolicy) -> Arc<Self> {
        Self::with_jitter(optin, policy, Box::new(rand::random::<f64>))
    }

    /// With a jitter source returning values in `[0, 1)` (tests fix it).
    pub fn with_jitter(
        optin: OptIn,
        policy: RenewalPolicy,
        jitter: Box<dyn Fn() -> f64 + Send + Sync>,
    ) -> Arc<Self> {
        Arc::new(Renewer {
            optin,
            policy,
            backoff: Mutex::new(HashMap::new()),
            jitter,
            wake: tokio::sync::Notify::new(),
        })
    }

    pub fn policy(&self) -> &RenewalPolicy {
        &self.policy
    }

    fn backoffs(&self) -> std::sync::MutexGuard<'_, HashMap<String, Backoff>> {
        self.backoff.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The backoff state of a connection.
    pub fn backoff_of(&self, id: &str) -> Backoff {
        self.backoffs().get(id).copied().unwrap_or_default()
    }

    /// Wakes the timer now (after "Refresh all now" or a new connection).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// One wake-up: save held tokens, renew what is due, probe what is idle,
    /// and say how long to sleep.
    pub async fn pass(&self) -> PassReport {
        let mut report = PassReport {
            saved: self.optin.retry_unsaved().await,
            ..PassReport::default()
        };
        let skew = self.optin.renewal_skew();
        let records = match self.optin.store().load() {
            Ok(r) => r,
            Err(e) => {
                log::warn!("background renewal: the connections could not be read: {e}");
                report.sleep = self.policy.max_sleep;
                return report;
            }
        };
        self.backoffs()
            .retain(|id, _| records.iter().any(|r| &r.id == id));
        let now = self.optin.now();
        let mut due: Vec<(&ConnectionRecord, Due)> = records
            .iter()
            .filter_map(|r| {
                due_of(r, now, skew, &self.policy, self.backoff_of(&r.id)).map(|d| (r, d))
            })
            .collect();
        // Renewals first (a product may need that token), then the longest idle.
        due.sort_by_key(|(r, d)| (*d == Due::Probe, r.last_refresh_at.unwrap_or(r.created_at)));
        for (r, why) in due.into_iter().take(self.policy.max_calls_per_pass.max(1)) {
            let result = match why {
                Due::Renew => self.optin.access_token(&r.id).await.map(drop),
                Due::Probe => {
                    let since = now - dur(self.policy.probe_every);
                    self.optin.probe(&r.id, since).await.map(drop)
                }
            };
            let code = result.as_ref().err().map(|e| e.code());
            if let Err(e) = &result {
                log::warn!("connection {}: background renewal failed: {e}", r.id);
            }
            self.record(&r.id, code);
            report.calls.push((r.id.clone(), why, code));
        }
        report.sleep = self.sleep_after(&report);
        report
    }

    fn record(&self, id: &str, code: Option<ErrorCode>) {
        let now = self.optin.now();
        let mut map = self.backoffs();
        let b = map.entry(id.to_string()).or_default();
        match code {
            None => *b = Backoff::default(),
            Some(_) => {
                // Unreachable, a keychain that refuses, anything: wait before
                // the next try. (Re-opt-in needed is never called again anyway.)
                b.failures = b.failures.saturating_add(1);
                let wait = self.policy.backoff(b.failures, (self.jitter)());
                b.not_before = Some(now + dur(wait));
            }
        }
    }

    fn sleep_after(&self, report: &PassReport) -> Duration {
        let p = &self.policy;
        // Calls were capped: come back soon for the rest.
        if report.calls.len() >= p.max_calls_per_pass.max(1) {
            return p.min_sleep;
        }
        let skew = self.optin.renewal_skew();
        let now = self.optin.now();
        let next = self.optin.store().load().ok().and_then(|records| {
            records
                .iter()
                .filter_map(|r| next_due(r, skew, p, self.backoff_of(&r.id)))
                .min()
        });
        let wait = match next {
            Some(t) if t > now => Duration::try_from(t - now).unwrap_or(p.max_sleep),
            Some(_) => Duration::ZERO,
            None => p.max_sleep,
        };
        wait.clamp(p.min_sleep, p.max_sleep)
    }

    /// Runs forever: a pass, then sleep until the next is due or [`Self::wake`].
    /// `after_pass` sees each report (the app updates its tray and notifications).
    pub async fn run(self: Arc<Self>, mut after_pass: impl FnMut(&PassReport) + Send) {
        loop {
            let report = self.pass().await;
            after_pass(&report);
            tokio::select! {
                () = tokio::time::sleep(report.sleep) => {}
                () = self.wake.notified() => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::environment::Environment;
    use crate::store::Method;
    use crate::ups::TokenAuth;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-29 12:00 UTC);
    const SKEW: Duration = Duration::from_secs(120);

    fn rec() -> ConnectionRecord {
        ConnectionRecord {
            id: "id".into(),
            label: "L".into(),
            environment: Environment::Cie,
            client_id: "ABCDEFGH".into(),
            method: Method::Browser,
            redirect_uri: None,
            route: None,
            token_auth: TokenAuth::Basic,
            accounts: vec![],
            access_token_expires_at: Some(NOW + time::Duration::hours(4)),
            refresh_token_expires_at: Some(NOW + time::Duration::days(60)),
            last_refresh_at: Some(NOW),
            created_at: NOW - time::Duration::days(1),
            last_error: None,
            reopt_needed: false,
            connected: true,
            unsaved_rotation: None,
        }
    }

    #[test]
    fn renew_before_expiry_probe_when_idle() {
        let p = RenewalPolicy::default();
        let b = Backoff::default();
        assert_eq!(due_of(&rec(), NOW, SKEW, &p, b), None);
        let idle = NOW + time::Duration::minutes(45);
        assert_eq!(due_of(&rec(), idle, SKEW, &p, b), Some(Due::Probe));
        assert_eq!(
            due_of(&rec(), idle - time::Duration::seconds(1), SKEW, &p, b),
            None
        );
        let expiring = NOW + time::Duration::hours(4) - time::Duration::seconds(120);
        let r = ConnectionRecord {
            last_refresh_at: Some(expiring),
            ..rec()
        };
        assert_eq!(due_of(&r, expiring, SKEW, &p, b), Some(Due::Renew));
        let no_expiry = ConnectionRecord {
            access_token_expires_at: None,
            ..rec()
        };
        assert_eq!(due_of(&no_expiry, NOW, SKEW, &p, b), Some(Due::Renew));
        assert_eq!(
            next_due(&rec(), SKEW, &p, b),
            Some(NOW + time::Duration::minutes(45))
        );
    }

    #[test]
    fn reopt_needed_and_disconnected_are_never_called() {
        let p = RenewalPolicy::default();
        let later = NOW + time::Duration::days(3);
        for r in [
            ConnectionRecord {
                reopt_needed: true,
                ..rec()
            },
            ConnectionRecord {
                connected: false,
                ..rec()
            },
        ] {
            assert_eq!(due_of(&r, later, SKEW, &p, Backoff::default()), None);
            assert_eq!(next_due(&r, SKEW, &p, Backoff::default()), None);
        }
    }

    #[test]
    fn backoff_holds_calls_back() {
        let p = RenewalPolicy::default();
        let b = Backoff {
            failures: 2,
            not_before: Some(NOW + time::Duration::hours(5)),
        };
        assert_eq!(
            due_of(&rec(), NOW + time::Duration::hours(4), SKEW, &p, b),
            None
        );
        assert_eq!(
            due_of(&rec(), NOW + time::Duration::hours(5), SKEW, &p, b),
            Some(Due::Renew)
        );
        assert_eq!(
            next_due(&rec(), SKEW, &p, b),
            Some(NOW + time::Duration::hours(5))
        );
    }

    #[test]
    fn backoff_is_exponential_capped_and_jittered() {
        let p = RenewalPolicy::default();
        assert_eq!(p.backoff(0, 0.0), Duration::ZERO);
        assert_eq!(p.backoff(1, 0.0), Duration::from_secs(30));
        assert_eq!(p.backoff(2, 0.0), Duration::from_secs(60));
        assert_eq!(p.backoff(3, 0.0), Duration::from_secs(120));
        assert_eq!(p.backoff(6, 0.0), Duration::from_secs(900));
        assert_eq!(
            p.backoff(7, 0.0),
            Duration::from_secs(900),
            "capped at 30 min"
        );
        assert_eq!(p.backoff(1000, 0.0), Duration::from_secs(900));
        assert!(p.backoff(1000, 0.99) < p.backoff_cap);
        assert!(p.backoff(1, 0.5) > p.backoff(1, 0.0));
        // Never shorter than half of the step: no burst of retries.
        for f in 1..30 {
            for j in [0.0, 0.3, 0.999] {
                let d = p.backoff(f, j);
                assert!(
                    d >= Duration::from_secs(30) && d <= p.backoff_cap,
                    "{f} {j} {d:?}"
                );
            }
        }
    }

    #[test]
    fn period_from_the_environment_scales_the_policy() {
        let p = RenewalPolicy::with_period(Duration::from_secs(4));
        assert_eq!(p.probe_every, Duration::from_secs(4));
        assert!(p.max_sleep <= Duration::from_secs(2));
        assert!(p.backoff_cap <= Duration::from_secs(8));
        assert_eq!(
            RenewalPolicy::with_period(Duration::from_secs(45 * 60)).probe_every,
            RenewalPolicy::default().probe_every
        );
    }
}
