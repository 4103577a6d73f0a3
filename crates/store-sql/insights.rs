//! Insights runs and the daily purchase totals they fit on.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::ids::{AssociateId, CompanyId, CustomerId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{InsightsRun, InsightsStore, Result, StoreError};
use sqlx::FromRow;
use uuid::Uuid;

const DAY_MICROS: i64 = 86_400_000_000;

#[derive(FromRow)]
struct RunRow {
    id: Uuid,
    company_id: Uuid,
    status: String,
    requested_by: Option<Uuid>,
    request: String,
    result: Option<String>,
    error: Option<String>,
    started_at: i64,
    finished_at: Option<i64>,
}

impl From<RunRow> for InsightsRun {
    fn from(r: RunRow) -> Self {
        let json = |s: &str| serde_json::from_str(s).unwrap_or(serde_json::Value::Null);
        InsightsRun {
            id: r.id,
            company: CompanyId(r.company_id),
            status: r.status,
            requested_by: r.requested_by.map(AssociateId),
            request: json(&r.request),
            result: r.result.as_deref().map(json),
            error: r.error,
            started_at: r.started_at,
            finished_at: r.finished_at,
        }
    }
}

const RUN_COLUMNS: &str = "SELECT id, company_id, status, requested_by, request, result, error, started_at, finished_at FROM insights_runs";

#[async_trait]
impl InsightsStore for Backend {
    async fn create_run(&self, run: &InsightsRun) -> Result<()> {
        sqlx::query(
            "INSERT INTO insights_runs (id, company_id, status, requested_by, request, started_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(run.id)
        .bind(run.company.0)
        .bind(&run.status)
        .bind(run.requested_by.map(|a| a.0))
        .bind(run.request.to_string())
        .bind(run.started_at)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn finish_run(
        &self,
        id: Uuid,
        status: &str,
        result: Option<&serde_json::Value>,
        error: Option<&str>,
    ) -> Result<()> {
        let done = sqlx::query("UPDATE insights_runs SET status = $2, result = $3, error = $4, finished_at = $5 WHERE id = $1")
            .bind(id)
            .bind(status)
            .bind(result.map(|r| r.to_string()))
            .bind(error)
            .bind(now_micros())
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    async fn run(&self, company: CompanyId, id: Uuid) -> Result<InsightsRun> {
        let sql = format!("{RUN_COLUMNS} WHERE company_id = $1 AND id = $2");
        let row: RunRow = sqlx::query_as(super::dynamic(sql))
            .bind(company.0)
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.into())
    }

    async fn runs(&self, company: CompanyId, limit: u32) -> Result<Vec<InsightsRun>> {
        let sql = format!("{RUN_COLUMNS} WHERE company_id = $1 ORDER BY started_at DESC LIMIT $2");
        let rows: Vec<RunRow> = sqlx::query_as(super::dynamic(sql))
            .bind(company.0)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn rules(&self, company: CompanyId) -> Result<Option<serde_json::Value>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT doc FROM insights_rules WHERE company_id = $1")
                .bind(company.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
        row.map(|(d,)| serde_json::from_str(&d).map_err(StoreError::other))
            .transpose()
    }

    async fn put_rules(&self, company: CompanyId, doc: &serde_json::Value) -> Result<()> {
        sqlx::query(
            "INSERT INTO insights_rules (company_id, doc, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (company_id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at",
        )
        .bind(company.0)
        .bind(doc.to_string())
        .bind(now_micros())
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn customers_by_alternate_id(
        &self,
        company: CompanyId,
        ids: &[String],
    ) -> Result<Vec<(String, CustomerId)>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let mut q = sqlx::QueryBuilder::<crate::Db>::new(
                "SELECT alternate_id, id FROM customers WHERE company_id = ",
            );
            q.push_bind(company.0).push(" AND alternate_id IN (");
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(id.clone());
            }
            q.push(")");
            let rows: Vec<(String, Uuid)> = q
                .build_query_as()
                .fetch_all(&self.pool)
                .await
                .map_err(map_err)?;
            out.extend(rows.into_iter().map(|(a, c)| (a, CustomerId(c))));
        }
        Ok(out)
    }

    async fn daily_totals(
        &self,
        company: CompanyId,
        until_day: i32,
    ) -> Result<Vec<(CustomerId, i32, i64)>> {
        let end = (i64::from(until_day) + 1) * DAY_MICROS;
        let rows: Vec<(Uuid, i64, i64)> = sqlx::query_as(
            "SELECT customer_id, at / 86400000000 AS day, CAST(SUM(amount_minor) AS BIGINT) FROM purchases \
             WHERE company_id = $1 AND at < $2 GROUP BY customer_id, at / 86400000000",
        )
        .bind(company.0)
        .bind(end)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        rows.into_iter()
            .map(|(c, d, a)| {
                Ok((
                    CustomerId(c),
                    i32::try_from(d).map_err(StoreError::other)?,
                    a,
                ))
            })
            .collect()
    }
}
