//! A small in-memory rate limiter: at most `max` events per key within a sliding window.
//!
//! In memory is enough for one server; behind several servers each counts on its own, which
//! still bounds an attacker. Keys are an IP address or an email, never a secret.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RateLimiter {
    max: usize,
    window: Duration,
    events: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(max: usize, window: Duration) -> Self {
        Self {
            max,
            window,
            events: Mutex::new(HashMap::new()),
        }
    }

    fn with_events<T>(&self, f: impl FnOnce(&mut HashMap<String, VecDeque<Instant>>) -> T) -> T {
        let mut events = self
            .events
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut events)
    }

    /// Whether `key` is still allowed at `now` (without counting a new event).
    pub fn allows(&self, key: &str, now: Instant) -> bool {
        let window = self.window;
        self.with_events(|events| match events.get_mut(key) {
            None => true,
            Some(times) => {
                while times
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= window)
                {
                    times.pop_front();
                }
                times.len() < self.max
            }
        })
    }

    /// Counts one event for `key`.
    pub fn record(&self, key: &str, now: Instant) {
        let window = self.window;
        self.with_events(|events| {
            // Forget keys whose events are all old, so the map does not grow without bound.
            if events.len() > 10_000 {
                events.retain(|_, times| {
                    times
                        .back()
                        .is_some_and(|t| now.duration_since(*t) < window)
                });
            }
            events.entry(key.to_owned()).or_default().push_back(now);
        });
    }

    /// Forgets `key` (after a successful login).
    pub fn reset(&self, key: &str) {
        self.with_events(|events| {
            events.remove(key);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_refused_after_max_events_until_the_window_passes() {
        let limiter = RateLimiter::new(3, Duration::from_secs(60));
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.allows("1.2.3.4", start));
            limiter.record("1.2.3.4", start);
        }
        assert!(!limiter.allows("1.2.3.4", start + Duration::from_secs(59)));
        assert!(
            limiter.allows("5.6.7.8", start),
            "other keys are not affected"
        );
        assert!(limiter.allows("1.2.3.4", start + Duration::from_secs(60)));
    }

    #[test]
    fn a_reset_key_starts_afresh() {
        let limiter = RateLimiter::new(1, Duration::from_secs(60));
        let now = Instant::now();
        limiter.record("k", now);
        assert!(!limiter.allows("k", now));
        limiter.reset("k");
        assert!(limiter.allows("k", now));
    }
}
