//! Where "now" comes from, so that tokens and diagnoses can be exact in tests.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> SystemTime;

    /// The current time in Unix seconds (a JWT `NumericDate`).
    fn unix_seconds(&self) -> u64 {
        unix_seconds(self.now())
    }
}

/// `time` in Unix seconds; 0 before 1970.
pub(crate) fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// The system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock stopped at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedClock(pub SystemTime);

impl FixedClock {
    /// A clock stopped at `seconds` after the Unix epoch.
    ///
    /// # Panics
    /// When the platform's `SystemTime` cannot hold that instant.
    pub fn at_unix_seconds(seconds: u64) -> Self {
        Self(UNIX_EPOCH + Duration::from_secs(seconds))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        self.0
    }
}
