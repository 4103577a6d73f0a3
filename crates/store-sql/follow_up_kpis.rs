//! Follow-up counts per associate for the KPIs (one grouped query).

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::ids::{AssociateId, CompanyId};
use clienteling_store::{FollowUpCounts, FollowUpKpiStore, Result};
use uuid::Uuid;

#[async_trait]
impl FollowUpKpiStore for Backend {
    async fn follow_up_counts(
        &self,
        company: CompanyId,
        from: i64,
        to: i64,
        from_day: &str,
        until_day: &str,
    ) -> Result<Vec<FollowUpCounts>> {
        let rows: Vec<(Uuid, i64, i64)> = sqlx::query_as(
            "SELECT owner_id, \
             CAST(SUM(CASE WHEN status = 'done' AND closed_at >= $2 AND closed_at < $3 THEN 1 ELSE 0 END) AS BIGINT), \
             CAST(SUM(CASE WHEN status IN ('open', 'snoozed') AND due >= $4 AND due < $5 THEN 1 ELSE 0 END) AS BIGINT) \
             FROM follow_ups WHERE company_id = $1 GROUP BY owner_id",
        )
        .bind(company.0)
        .bind(from)
        .bind(to)
        .bind(from_day)
        .bind(until_day)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(|(a, done, overdue)| FollowUpCounts {
                associate: AssociateId(a),
                done,
                overdue,
            })
            .collect())
    }
}
