//! The transactional outbox: a message is queued in the same transaction as
//! the `outreach` activity that logs it; workers lease due messages with
//! one `UPDATE … WHERE id IN (SELECT … LIMIT n [FOR UPDATE SKIP LOCKED])
//! RETURNING`, and every later state change is a compare-and-set on the
//! lease owner, so a worker that lost its lease can change nothing.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::ids::{ActivityId, AssociateId, CompanyId, CustomerId};
use clienteling_domain::outreach::{
    Channel, ChannelConsent, OutboxStatus, OutreachSettings, TemplateDraft,
};
use clienteling_store::{
    GUARD_CONSTRAINT, Lease, NewOutboxMessage, OutboxGuard, OutboxMessage, OutboxQuery,
    OutreachStore, Result, StoreError, TemplateRecord, TemplateVersion,
};
use sqlx::{FromRow, QueryBuilder};
use uuid::Uuid;

#[derive(FromRow)]
struct OutboxRow {
    id: Uuid,
    company_id: Uuid,
    outreach_id: Uuid,
    customer_id: Uuid,
    account: String,
    activity_id: Uuid,
    template_id: Option<Uuid>,
    template_version: Option<i32>,
    channel: String,
    recipient: String,
    subject: String,
    body: String,
    html: bool,
    status: String,
    attempts: i32,
    not_before: i64,
    last_error: Option<String>,
    created_at: i64,
    sent_at: Option<i64>,
}

impl TryFrom<OutboxRow> for OutboxMessage {
    type Error = StoreError;
    fn try_from(r: OutboxRow) -> Result<Self> {
        Ok(OutboxMessage {
            id: r.id,
            company: CompanyId(r.company_id),
            outreach: r.outreach_id,
            customer: CustomerId(r.customer_id),
            account: r.account,
            activity: ActivityId(r.activity_id),
            template: r.template_id.zip(r.template_version),
            channel: Channel::parse(&r.channel).ok_or_else(|| StoreError::other("bad channel"))?,
            recipient: r.recipient,
            subject: r.subject,
            body: r.body,
            html: r.html,
            status: OutboxStatus::parse(&r.status)
                .ok_or_else(|| StoreError::other("bad outbox status"))?,
            attempts: r.attempts,
            not_before: r.not_before,
            last_error: r.last_error,
            created_at: r.created_at,
            sent_at: r.sent_at,
        })
    }
}

const COLUMNS: &str = "o.id, o.company_id, o.outreach_id, o.customer_id, \
     (SELECT c.account FROM customers c WHERE c.id = o.customer_id) AS account, o.activity_id, \
     o.template_id, o.template_version, o.channel, o.recipient, o.subject, o.body, o.html, o.status, \
     o.attempts, o.not_before, o.last_error, o.created_at, o.sent_at";

fn convert(rows: Vec<OutboxRow>) -> Result<Vec<OutboxMessage>> {
    rows.into_iter().map(TryInto::try_into).collect()
}

type Tx<'a> = sqlx::Transaction<'a, crate::Db>;

/// Lock the customer's row (a row lock on PostgreSQL, the write lock on
/// SQLite: taken before counting), then refuse when the guard window is
/// full. Concurrent sends to one customer thus count one after the other.
async fn check_guard(tx: &mut Tx<'_>, customer: CustomerId, g: OutboxGuard) -> Result<()> {
    let locked = sqlx::query("UPDATE customers SET updated_at = updated_at WHERE id = $1")
        .bind(customer.0)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
    if locked.rows_affected() != 1 {
        return Err(StoreError::NotFound);
    }
    let sent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE customer_id = $1 AND created_at >= $2 AND status <> 'dead'",
    )
    .bind(customer.0)
    .bind(g.since)
    .fetch_one(&mut **tx)
    .await
    .map_err(map_err)?;
    if sent >= g.max {
        return Err(StoreError::Conflict {
            constraint: GUARD_CONSTRAINT.to_owned(),
        });
    }
    Ok(())
}

impl Backend {
    async fn enqueue_sql(
        &self,
        company: CompanyId,
        m: &NewOutboxMessage,
    ) -> Result<(Uuid, ActivityId)> {
        let activity = ActivityId::new();
        let id = Uuid::now_v7();
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        if let Some(g) = m.guard {
            check_guard(&mut tx, m.customer, g).await?;
        }
        sqlx::query(
            "INSERT INTO activities (id, company_id, customer_id, associate_id, type_id, store_id, at, description, due_at, created_at, channel) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $7, $9)",
        )
        .bind(activity.0)
        .bind(company.0)
        .bind(m.customer.0)
        .bind(m.associate.0)
        .bind(m.activity_type.0)
        .bind(m.store.map(|s| s.0))
        .bind(m.now)
        .bind(&m.description)
        .bind(m.channel.as_str())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        sqlx::query(
            "INSERT INTO outbox (id, company_id, outreach_id, customer_id, activity_id, associate_id, template_id, template_version, \
             channel, recipient, subject, body, html, status, attempts, not_before, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'queued', 0, $14, $15)",
        )
        .bind(id)
        .bind(company.0)
        .bind(m.outreach)
        .bind(m.customer.0)
        .bind(activity.0)
        .bind(m.associate.0)
        .bind(m.template.map(|t| t.0))
        .bind(m.template.map(|t| t.1))
        .bind(m.channel.as_str())
        .bind(&m.recipient)
        .bind(&m.subject)
        .bind(&m.body)
        .bind(m.html)
        .bind(m.not_before)
        .bind(m.now)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        tx.commit().await.map_err(map_err)?;
        Ok((id, activity))
    }

    async fn claim_sql(&self, lease: &Lease, limit: u32) -> Result<Vec<OutboxMessage>> {
        let due = "((o.status IN ('queued', 'failed') AND o.not_before <= $2) \
                   OR (o.status = 'claimed' AND o.lease_until < $2))";
        let sql = format!(
            "UPDATE outbox SET status = 'claimed', lease_owner = $1, lease_until = $3, attempts = attempts + 1 \
             WHERE id IN (SELECT o.id FROM outbox o WHERE {due} ORDER BY o.id LIMIT $4{skip}) \
             AND {outer} RETURNING id",
            skip = crate::dialect::SKIP_LOCKED,
            outer = due.replace("o.", "outbox."),
        );
        let ids: Vec<Uuid> = sqlx::query_scalar(super::dynamic(sql))
            .bind(&lease.owner)
            .bind(lease.now)
            .bind(lease.until)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = QueryBuilder::<crate::Db>::new(format!(
            "SELECT {COLUMNS} FROM outbox o WHERE o.lease_owner = "
        ));
        q.push_bind(lease.owner.clone()).push(" AND o.id IN (");
        let mut sep = q.separated(", ");
        for id in &ids {
            sep.push_bind(*id);
        }
        q.push(") ORDER BY o.id");
        let rows: Vec<OutboxRow> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        convert(rows)
    }

    /// Run a lease-guarded state change: `$1` id, `$2` owner, then `args`.
    async fn guarded(
        &self,
        sql: &'static str,
        id: Uuid,
        owner: &str,
        at: Option<i64>,
        error: Option<&str>,
    ) -> Result<bool> {
        let mut q = sqlx::query(sql).bind(id).bind(owner.to_owned());
        if let Some(at) = at {
            q = q.bind(at);
        }
        if let Some(e) = error {
            q = q.bind(e.to_owned());
        }
        let done = q.execute(&self.pool).await.map_err(map_err)?;
        Ok(done.rows_affected() == 1)
    }
}

#[async_trait]
impl OutreachStore for Backend {
    async fn list_templates(&self, company: CompanyId) -> Result<Vec<TemplateRecord>> {
        self.list_templates_sql(company).await
    }

    async fn template(&self, company: CompanyId, id: Uuid) -> Result<TemplateRecord> {
        self.template_sql(company, id).await
    }

    async fn create_template(
        &self,
        company: CompanyId,
        draft: &TemplateDraft,
        author: Option<AssociateId>,
    ) -> Result<TemplateRecord> {
        self.create_template_sql(company, draft, author).await
    }

    async fn update_template(
        &self,
        company: CompanyId,
        id: Uuid,
        draft: &TemplateDraft,
        author: AssociateId,
    ) -> Result<TemplateRecord> {
        self.update_template_sql(company, id, draft, author).await
    }

    async fn template_versions(
        &self,
        company: CompanyId,
        id: Uuid,
    ) -> Result<Vec<TemplateVersion>> {
        self.template_versions_sql(company, id).await
    }

    async fn consents(&self, customer: CustomerId) -> Result<Vec<ChannelConsent>> {
        self.consents_sql(customer).await
    }

    async fn put_consents(&self, customer: CustomerId, rows: &[ChannelConsent]) -> Result<()> {
        self.put_consents_sql(customer, rows).await
    }

    async fn outreach_settings(&self, company: CompanyId) -> Result<Option<OutreachSettings>> {
        self.outreach_settings_sql(company).await
    }

    async fn put_outreach_settings(&self, company: CompanyId, s: &OutreachSettings) -> Result<()> {
        self.put_outreach_settings_sql(company, s).await
    }

    async fn messages_since(&self, customer: CustomerId, since: i64) -> Result<i64> {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE customer_id = $1 AND created_at >= $2 AND status <> 'dead'",
        )
        .bind(customer.0)
        .bind(since)
        .fetch_one(&self.pool)
        .await
        .map_err(map_err)
    }

    async fn enqueue(
        &self,
        company: CompanyId,
        msg: &NewOutboxMessage,
    ) -> Result<(Uuid, ActivityId)> {
        self.enqueue_sql(company, msg).await
    }

    async fn claim_outbox(&self, lease: &Lease, limit: u32) -> Result<Vec<OutboxMessage>> {
        self.claim_sql(lease, limit).await
    }

    async fn mark_sending(&self, id: Uuid, lease: &Lease) -> Result<bool> {
        self.guarded(
            "UPDATE outbox SET status = 'sending', lease_until = $3 WHERE id = $1 AND lease_owner = $2 AND status = 'claimed'",
            id, &lease.owner, Some(lease.until), None,
        )
        .await
    }

    async fn mark_sent(&self, id: Uuid, owner: &str, now: i64) -> Result<bool> {
        self.guarded(
            "UPDATE outbox SET status = 'sent', sent_at = $3, last_error = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2 AND status IN ('claimed', 'sending', 'dead')",
            id, owner, Some(now), None,
        )
        .await
    }

    async fn mark_failed(
        &self,
        id: Uuid,
        owner: &str,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<bool> {
        let sql = if retry_at.is_some() {
            "UPDATE outbox SET status = 'failed', not_before = $3, last_error = $4, lease_until = NULL WHERE id = $1 AND lease_owner = $2 AND status IN ('claimed', 'sending')"
        } else {
            "UPDATE outbox SET status = 'dead', last_error = $3, lease_until = NULL WHERE id = $1 AND lease_owner = $2 AND status IN ('claimed', 'sending')"
        };
        self.guarded(sql, id, owner, retry_at, Some(error)).await
    }

    async fn recover_interrupted(&self, now: i64) -> Result<u64> {
        let dead = sqlx::query(
            "UPDATE outbox SET status = 'dead', last_error = 'interrupted during delivery; not resent, it may have been delivered' \
             WHERE status = 'sending' AND channel = 'email' AND lease_until < $1",
        )
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        let retry = sqlx::query(
            "UPDATE outbox SET status = 'failed', not_before = $1, last_error = 'interrupted during delivery; resent with the same idempotency key' \
             WHERE status = 'sending' AND channel <> 'email' AND lease_until < $1",
        )
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(dead.rows_affected() + retry.rows_affected())
    }

    async fn list_outbox(&self, company: CompanyId, q: &OutboxQuery) -> Result<Vec<OutboxMessage>> {
        let mut b = QueryBuilder::<crate::Db>::new(format!(
            "SELECT {COLUMNS} FROM outbox o WHERE o.company_id = "
        ));
        b.push_bind(company.0);
        if let Some(s) = q.status {
            b.push(" AND o.status = ").push_bind(s.as_str());
        }
        if let Some(o) = q.outreach {
            b.push(" AND o.outreach_id = ").push_bind(o);
        }
        if let Some(a) = q.after {
            b.push(" AND o.id > ").push_bind(a);
        }
        b.push(" ORDER BY o.id LIMIT ")
            .push_bind(i64::from(q.limit));
        let rows: Vec<OutboxRow> = b
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        convert(rows)
    }

    async fn outreach_statuses(
        &self,
        activities: &[ActivityId],
    ) -> Result<Vec<(ActivityId, OutboxStatus)>> {
        if activities.is_empty() {
            return Ok(Vec::new());
        }
        let mut b = QueryBuilder::<crate::Db>::new(
            "SELECT activity_id, status FROM outbox WHERE activity_id IN (",
        );
        let mut sep = b.separated(", ");
        for a in activities {
            sep.push_bind(a.0);
        }
        b.push(")");
        let rows: Vec<(Uuid, String)> = b
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .filter_map(|(a, s)| OutboxStatus::parse(&s).map(|s| (ActivityId(a), s)))
            .collect())
    }
}
