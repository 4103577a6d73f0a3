//! Shared application state handed to every handler.

use crate::ratelimit::RateLimiter;
use clienteling_store::Store;
use std::sync::Arc;
use std::time::Duration;

/// Server settings that are not company settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// How long a sign-in lasts.
    pub session_ttl: Duration,
    /// Failed sign-ins allowed per username within `login_window`.
    pub login_failures_per_user: u32,
    /// Failed sign-ins allowed per client address within `login_window`.
    pub login_failures_per_ip: u32,
    /// The rate-limit window.
    pub login_window: Duration,
    /// How often to check whether today's follow-up rules have run (and
    /// run them); `None` switches the daily run off (tests).
    pub follow_up_rules_every: Option<Duration>,
    /// The outbox worker this process runs (`None`: none).
    pub outbox: Option<crate::outreach::worker::WorkerConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            session_ttl: Duration::from_secs(12 * 3600),
            login_failures_per_user: 10,
            login_failures_per_ip: 100,
            login_window: Duration::from_secs(15 * 60),
            follow_up_rules_every: None,
            outbox: Some(crate::outreach::worker::WorkerConfig::default()),
        }
    }
}

/// Cloned into every handler.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Arc<dyn Store>,
    /// Server settings.
    pub config: Arc<Config>,
    /// Sign-in attempt limiter.
    pub login_limiter: Arc<RateLimiter>,
}

impl AppState {
    /// Build the state around a store.
    pub fn new(store: Arc<dyn Store>, config: Config) -> Self {
        let limiter = RateLimiter::new(config.login_window);
        AppState {
            store,
            config: Arc::new(config),
            login_limiter: Arc::new(limiter),
        }
    }
}
