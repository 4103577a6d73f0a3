//! Follow-up counts for the KPIs of a period, per associate.

use crate::Result;
use async_trait::async_trait;
use clienteling_domain::ids::{AssociateId, CompanyId};

/// Follow-ups of one associate in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FollowUpCounts {
    /// Whose follow-ups.
    pub associate: AssociateId,
    /// Marked done within the period.
    pub done: i64,
    /// Due within the period (before its end and before today) and still open or snoozed.
    pub overdue: i64,
}

/// Aggregates over follow-ups for the KPIs.
#[async_trait]
pub trait FollowUpKpiStore: Send + Sync {
    /// Counts per owner: done with `closed_at` in `[from, to)` (µs), and
    /// overdue: not closed, due on a day in `[from_day, until_day)`
    /// (`YYYY-MM-DD`, `until_day` being the earlier of the period's end and today).
    async fn follow_up_counts(
        &self,
        company: CompanyId,
        from: i64,
        to: i64,
        from_day: &str,
        until_day: &str,
    ) -> Result<Vec<FollowUpCounts>>;
}
