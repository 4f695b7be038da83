//! The clock seam: token expiry, refresh timing and login expiry read the time
//! through [`Clock`] so tests run at fixed instants, never with sleeps.

#[cfg(any(test, feature = "test-util"))]
use std::sync::Mutex;

use time::OffsetDateTime;

pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock for tests: stands still until told to move (only with the
/// `test-util` feature: not in a shipped build).
#[cfg(any(test, feature = "test-util"))]
#[derive(Debug)]
pub struct FixedClock(Mutex<OffsetDateTime>);

#[cfg(any(test, feature = "test-util"))]
impl FixedClock {
    pub fn new(at: OffsetDateTime) -> Self {
        FixedClock(Mutex::new(at))
    }

    pub fn set(&self, at: OffsetDateTime) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }

    pub fn advance(&self, by: time::Duration) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }
}

#[cfg(any(test, feature = "test-util"))]
impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
