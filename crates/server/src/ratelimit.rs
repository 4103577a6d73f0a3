//! A fixed-window failure counter for sign-in attempts, per key (username or
//! client address). In memory, per process: with several processes each
//! enforces the limit on its own share of the traffic.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts failures per key within a window.
#[derive(Debug)]
pub struct RateLimiter {
    window: Duration,
    entries: Mutex<HashMap<String, (u32, Instant)>>,
}

impl RateLimiter {
    /// A limiter with the given window.
    pub fn new(window: Duration) -> Self {
        RateLimiter {
            window,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds to wait)` when `key` already has `limit` failures in the window.
    pub fn check(&self, key: &str, limit: u32) -> Result<(), u64> {
        let now = Instant::now();
        let map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(key) {
            Some((n, start)) if *n >= limit && now.duration_since(*start) < self.window => {
                Err((self.window - now.duration_since(*start)).as_secs().max(1))
            }
            _ => Ok(()),
        }
    }

    /// Record one failure of `key`.
    pub fn fail(&self, key: &str) {
        let now = Instant::now();
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, (_, start)| now.duration_since(*start) < self.window);
        }
        let e = map.entry(key.to_owned()).or_insert((0, now));
        if now.duration_since(e.1) >= self.window {
            *e = (0, now);
        }
        e.0 += 1;
    }

    /// Forget `key`'s failures (after a successful sign-in).
    pub fn reset(&self, key: &str) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_and_resets_on_success() {
        let l = RateLimiter::new(Duration::from_secs(60));
        for _ in 0..3 {
            assert!(l.check("u", 3).is_ok());
            l.fail("u");
        }
        assert!(l.check("u", 3).is_err());
        assert!(l.check("other", 3).is_ok());
        l.reset("u");
        assert!(l.check("u", 3).is_ok());
    }
}
