//! The daily follow-up rule run: every `every`, and once at start-up, each
//! company whose run of today nobody has claimed yet is claimed (one row
//! per company and day, so one process among several runs it) and its
//! rules evaluated. Inserts are idempotent anyway, so a crash between the
//! claim and the run costs at most that day's run, never a duplicate.

use crate::books::today;
use crate::state::AppState;
use std::time::Duration;

/// Run the daily rule check every `every` until the process ends.
pub fn spawn(state: AppState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            check(&state).await;
        }
    })
}

/// Claim and run today's rules of every company not yet run today; returns
/// how many follow-ups were created.
pub async fn check(state: &AppState) -> u64 {
    let day = today();
    let companies = match state.store.follow_up_companies().await {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "follow-up rules: cannot list companies");
            return 0;
        }
    };
    let mut created = 0;
    for company in companies {
        match state.store.claim_follow_up_day(company, day).await {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) => {
                tracing::warn!(error = %e, "follow-up rules: cannot claim the day");
                continue;
            }
        }
        match super::rules::run(state.store.as_ref(), company, day).await {
            Ok(c) => {
                tracing::info!(%company, created = c.created, due = c.due, "follow-up rules run");
                created += c.created;
            }
            Err(e) => tracing::warn!(%company, error = %e, "follow-up rules failed"),
        }
    }
    created
}
