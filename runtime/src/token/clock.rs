//! Where "now" comes from, so that tokens and diagnoses can be exact in tests.

use core::time::Duration;

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current time, as the time since the Unix epoch (zero before it).
    fn since_epoch(&self) -> Duration;

    /// The current time in Unix seconds (a JWT `NumericDate`).
    fn unix_seconds(&self) -> u64 {
        self.since_epoch().as_secs()
    }
}

/// The system's clock: `SystemTime::now()`, or with the `wasm` feature on
/// `wasm32-unknown-unknown`, where `SystemTime::now()` panics and the standard library may be
/// left out, JavaScript's `Date.now()`.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[cfg(not(all(feature = "wasm", target_arch = "wasm32")))]
    fn since_epoch(&self) -> Duration {
        since_epoch(std::time::SystemTime::now())
    }

    #[cfg(all(feature = "wasm", target_arch = "wasm32"))]
    fn since_epoch(&self) -> Duration {
        // Date.now() is whole milliseconds since the epoch, never negative on a sane machine.
        let millis = js_sys::Date::now().max(0.0);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let millis = millis as u64;
        Duration::from_millis(millis)
    }
}

/// A clock stopped at one instant, given as the time since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedClock(pub Duration);

impl FixedClock {
    /// A clock stopped at `seconds` after the Unix epoch.
    pub fn at_unix_seconds(seconds: u64) -> Self {
        Self(Duration::from_secs(seconds))
    }
}

impl Clock for FixedClock {
    fn since_epoch(&self) -> Duration {
        self.0
    }
}

/// `time` as the time since the Unix epoch; zero before 1970.
#[cfg(feature = "std")]
#[cfg_attr(
    all(feature = "wasm", target_arch = "wasm32", not(feature = "sign")),
    allow(dead_code)
)]
pub(crate) fn since_epoch(time: std::time::SystemTime) -> Duration {
    time.duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
}
