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

/// The system's clock: `SystemTime::now()`, or with the `wasm` feature on
/// `wasm32-unknown-unknown`, where `SystemTime::now()` panics, JavaScript's `Date.now()`.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[cfg(not(all(feature = "wasm", target_arch = "wasm32")))]
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    #[cfg(all(feature = "wasm", target_arch = "wasm32"))]
    fn now(&self) -> SystemTime {
        // Date.now() is whole milliseconds since the epoch, never negative on a sane machine.
        let millis = js_sys::Date::now().max(0.0);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let millis = millis as u64;
        UNIX_EPOCH + Duration::from_millis(millis)
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
