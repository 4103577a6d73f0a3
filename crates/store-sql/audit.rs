//! The append-only audit log.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::ids::{AssociateId, AuditId, CompanyId};
use clienteling_store::{AuditEntry, AuditQuery, AuditStore, Result};
use sqlx::{FromRow, QueryBuilder};
use uuid::Uuid;

#[derive(FromRow)]
struct AuditRow {
    id: Uuid,
    company_id: Uuid,
    at: i64,
    associate_id: Option<Uuid>,
    action: String,
    outcome: String,
    customer: Option<String>,
    target: Option<String>,
    request_id: Option<String>,
    detail: String,
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> Self {
        AuditEntry {
            id: AuditId(r.id),
            company: CompanyId(r.company_id),
            at: r.at,
            associate: r.associate_id.map(AssociateId),
            action: r.action,
            outcome: r.outcome,
            customer: r.customer,
            target: r.target,
            request_id: r.request_id,
            detail: serde_json::from_str(&r.detail).unwrap_or(serde_json::Value::Null),
        }
    }
}

#[async_trait]
impl AuditStore for Backend {
    async fn append_audit(&self, e: &AuditEntry) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_log (id, company_id, at, associate_id, action, outcome, customer, target, request_id, detail) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(e.id.0)
        .bind(e.company.0)
        .bind(e.at)
        .bind(e.associate.map(|a| a.0))
        .bind(&e.action)
        .bind(&e.outcome)
        .bind(&e.customer)
        .bind(&e.target)
        .bind(&e.request_id)
        .bind(e.detail.to_string())
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(())
    }

    async fn list_audit(&self, company: CompanyId, q: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let mut b = QueryBuilder::<crate::Db>::new(
            "SELECT id, company_id, at, associate_id, action, outcome, customer, target, request_id, detail \
             FROM audit_log WHERE company_id = ",
        );
        b.push_bind(company.0);
        if let Some(c) = &q.customer {
            b.push(" AND customer = ").push_bind(c.clone());
        }
        if let Some(a) = q.associate {
            b.push(" AND associate_id = ").push_bind(a.0);
        }
        if let Some(before) = q.before {
            b.push(" AND id < ").push_bind(before.0);
        }
        b.push(" ORDER BY id DESC LIMIT ")
            .push_bind(i64::from(q.limit));
        let rows: Vec<AuditRow> = b
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}
