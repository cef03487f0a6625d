//! Time as a port, so that use cases and tests agree on "now".

use std::fmt::Debug;
use std::sync::Mutex;

use time::OffsetDateTime;

/// Where use cases read the current time from.
pub trait Clock: Send + Sync + Debug {
    /// The current instant, in UTC.
    fn now(&self) -> OffsetDateTime;

    /// Today's calendar date, in UTC.
    fn today(&self) -> time::Date {
        self.now().date()
    }
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    /// Truncated to the microsecond: PostgreSQL keeps no more, and both backends must give back
    /// exactly what was stored.
    fn now(&self) -> OffsetDateTime {
        let now = OffsetDateTime::now_utc();
        let micros = now.nanosecond() / 1_000 * 1_000;
        now.replace_nanosecond(micros).unwrap_or(now)
    }
}

/// A clock that only moves when told to; for tests and replays.
#[derive(Debug)]
pub struct FixedClock(Mutex<OffsetDateTime>);

impl FixedClock {
    pub fn new(at: OffsetDateTime) -> Self {
        Self(Mutex::new(at))
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: OffsetDateTime) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = at;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
