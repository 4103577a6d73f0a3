//! Follow-ups: idempotent inserts keyed by occasion (`ON CONFLICT DO
//! NOTHING`, safe with several server processes), listings by `(due, id)`,
//! status changes, the rule table, and the facts of every client-book
//! customer gathered in five set queries (never one query per customer).

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::attributes::parse_date;
use clienteling_domain::customer::display_name;
use clienteling_domain::follow_up::Facts;
use clienteling_domain::ids::{AssociateId, AttributeId, ClientBookId, CompanyId, CustomerId};
use clienteling_domain::time_util::{from_micros, now_micros};
use clienteling_store::{
    BookFacts, DueActivity, FollowUp, FollowUpChange, FollowUpQuery, FollowUpStatusFilter,
    FollowUpStore, NewFollowUp, Result, StoreError,
};
use sqlx::{FromRow, QueryBuilder};
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;

/// Rows per multi-row INSERT (12 binds each, well under both backends' limits).
const CHUNK: usize = 500;

/// The constraint named when a closed follow-up is changed.
pub(crate) const CLOSED: &str = "follow_ups_closed";

/// Customers in any client book of the company (`$1`).
const MEMBERS: &str = "SELECT m.customer_id FROM client_book_members m JOIN client_books b ON b.id = m.book_id WHERE b.company_id = $1";

const SELECT: &str = "SELECT f.id, f.customer_id, c.account, c.first_name, c.last_name, f.owner_id, \
     a.display_name AS owner_name, f.due, f.first_due, f.reason, f.source, f.rule_kind, f.occasion, \
     f.status, f.snoozed_until, f.created_at, f.closed_at, f.closed_by \
     FROM follow_ups f JOIN customers c ON c.id = f.customer_id JOIN associates a ON a.id = f.owner_id \
     WHERE f.company_id = ";

#[derive(FromRow)]
struct Row {
    id: Uuid,
    customer_id: Uuid,
    account: String,
    first_name: String,
    last_name: String,
    owner_id: Uuid,
    owner_name: String,
    due: String,
    first_due: String,
    reason: String,
    source: String,
    rule_kind: Option<String>,
    occasion: Option<String>,
    status: String,
    snoozed_until: Option<String>,
    created_at: i64,
    closed_at: Option<i64>,
    closed_by: Option<Uuid>,
}

fn day(s: &str) -> Result<Date> {
    parse_date(s).map_err(|e| StoreError::other(format!("stored follow-up date: {e}")))
}

impl TryFrom<Row> for FollowUp {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Self> {
        Ok(FollowUp {
            id: r.id,
            customer: CustomerId(r.customer_id),
            account: r.account,
            customer_name: display_name(&r.first_name, &r.last_name),
            owner: AssociateId(r.owner_id),
            owner_name: r.owner_name,
            due: day(&r.due)?,
            first_due: day(&r.first_due)?,
            reason: r.reason,
            source: r.source,
            rule_kind: r.rule_kind,
            occasion: r.occasion,
            status: r.status,
            snoozed_until: r.snoozed_until.as_deref().map(day).transpose()?,
            created_at: r.created_at,
            closed_at: r.closed_at,
            closed_by: r.closed_by.map(AssociateId),
        })
    }
}

impl Backend {
    async fn insert_follow_up_chunk(
        tx: &mut sqlx::Transaction<'_, crate::Db>,
        company: CompanyId,
        rows: &[NewFollowUp],
    ) -> Result<Vec<Uuid>> {
        let now = now_micros();
        let mut q = QueryBuilder::<crate::Db>::new(
            "INSERT INTO follow_ups (id, company_id, customer_id, owner_id, due, first_due, reason, \
             source, rule_kind, occasion, status, created_by, created_at) ",
        );
        q.push_values(rows, |mut b, r| {
            b.push_bind(Uuid::now_v7())
                .push_bind(company.0)
                .push_bind(r.customer.0)
                .push_bind(r.owner.0)
                .push_bind(r.due.to_string())
                .push_bind(r.due.to_string())
                .push_bind(r.reason.clone())
                .push_bind(r.source.clone())
                .push_bind(r.rule_kind.clone())
                .push_bind(r.occasion.clone())
                .push("'open'")
                .push_bind(r.created_by.map(|a| a.0))
                .push_bind(now);
        });
        q.push(" ON CONFLICT (company_id, occasion) DO NOTHING RETURNING id");
        let ids: Vec<(Uuid,)> = q
            .build_query_as()
            .fetch_all(&mut **tx)
            .await
            .map_err(map_err)?;
        Ok(ids.into_iter().map(|(id,)| id).collect())
    }

    async fn fact_rows<T>(&self, sql: &str, company: CompanyId) -> Result<Vec<T>>
    where
        T: for<'r> FromRow<'r, <crate::Db as sqlx::Database>::Row> + Send + Unpin,
    {
        sqlx::query_as(super::dynamic(sql.to_owned()))
            .bind(company.0)
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)
    }

    async fn fact_dates(
        &self,
        company: CompanyId,
        attrs: &[(AttributeId, String)],
    ) -> Result<Vec<(Uuid, Uuid, String)>> {
        if attrs.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = QueryBuilder::<crate::Db>::new(
            "SELECT ca.customer_id, ca.attribute_id, ca.value_text FROM customer_attributes ca \
             WHERE ca.value_text IS NOT NULL AND ca.customer_id IN (",
        );
        q.push(MEMBERS.replace("$1", ""))
            .push_bind(company.0)
            .push(") AND ca.attribute_id IN (");
        let mut sep = q.separated(", ");
        for (id, _) in attrs {
            sep.push_bind(id.0);
        }
        q.push(")");
        q.build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)
    }
}

fn to_day(micros: i64) -> Date {
    from_micros(micros).date()
}

/// A due activity: id, account, first and last name, type code, due (µs),
/// and the appointment it belongs to.
type DueRow = (Uuid, String, String, String, String, i64, Option<Uuid>);

#[async_trait]
impl FollowUpStore for Backend {
    async fn add_follow_ups(&self, company: CompanyId, rows: &[NewFollowUp]) -> Result<Vec<Uuid>> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        let mut ids = Vec::new();
        for chunk in rows.chunks(CHUNK) {
            ids.extend(Self::insert_follow_up_chunk(&mut tx, company, chunk).await?);
        }
        tx.commit().await.map_err(map_err)?;
        Ok(ids)
    }

    async fn follow_up(&self, company: CompanyId, id: Uuid) -> Result<FollowUp> {
        let mut q = QueryBuilder::<crate::Db>::new(SELECT);
        q.push_bind(company.0).push(" AND f.id = ").push_bind(id);
        let row: Row = q
            .build_query_as()
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        row.try_into()
    }

    async fn list_follow_ups(
        &self,
        company: CompanyId,
        query: &FollowUpQuery,
    ) -> Result<Vec<FollowUp>> {
        let mut q = QueryBuilder::<crate::Db>::new(SELECT);
        q.push_bind(company.0);
        push_filters(&mut q, query);
        q.push(" ORDER BY f.due, f.id LIMIT ")
            .push_bind(i64::from(query.limit));
        let rows: Vec<Row> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    async fn change_follow_up(
        &self,
        company: CompanyId,
        id: Uuid,
        change: &FollowUpChange,
        by: AssociateId,
        at: i64,
    ) -> Result<FollowUp> {
        let mut q = QueryBuilder::<crate::Db>::new("UPDATE follow_ups SET ");
        match change {
            FollowUpChange::Snoozed(until) => {
                q.push("status = 'snoozed', due = ")
                    .push_bind(until.to_string())
                    .push(", snoozed_until = ")
                    .push_bind(until.to_string());
            }
            FollowUpChange::Done | FollowUpChange::Dismissed => {
                let status = if *change == FollowUpChange::Done {
                    "done"
                } else {
                    "dismissed"
                };
                q.push("status = ")
                    .push_bind(status)
                    .push(", closed_at = ")
                    .push_bind(at)
                    .push(", closed_by = ")
                    .push_bind(by.0);
            }
        }
        q.push(" WHERE company_id = ")
            .push_bind(company.0)
            .push(" AND id = ")
            .push_bind(id)
            .push(" AND status IN ('open', 'snoozed')");
        let done = q.build().execute(&self.pool).await.map_err(map_err)?;
        let row = self.follow_up(company, id).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict {
                constraint: CLOSED.into(),
            });
        }
        Ok(row)
    }

    async fn follow_up_rules(&self, company: CompanyId) -> Result<Option<serde_json::Value>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT doc FROM follow_up_rules WHERE company_id = $1")
                .bind(company.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(map_err)?;
        row.map(|(d,)| serde_json::from_str(&d).map_err(StoreError::other))
            .transpose()
    }

    async fn put_follow_up_rules(&self, company: CompanyId, doc: &serde_json::Value) -> Result<()> {
        sqlx::query(
            "INSERT INTO follow_up_rules (company_id, doc, updated_at) VALUES ($1, $2, $3) \
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

    async fn follow_up_facts(
        &self,
        company: CompanyId,
        date_attributes: &[(AttributeId, String)],
    ) -> Result<Vec<BookFacts>> {
        let members: Vec<(Uuid, Uuid, i64)> = self
            .fact_rows(
                "SELECT m.customer_id, b.associate_id, m.added_at FROM client_book_members m \
                 JOIN client_books b ON b.id = m.book_id WHERE b.company_id = $1",
                company,
            )
            .await?;
        let mut facts: HashMap<Uuid, Facts> = HashMap::new();
        let names: HashMap<Uuid, &str> = date_attributes
            .iter()
            .map(|(id, n)| (id.0, n.as_str()))
            .collect();
        for (c, a, v) in self.fact_dates(company, date_attributes).await? {
            if let Some(n) = names.get(&a) {
                facts.entry(c).or_default().dates.push(((*n).to_owned(), v));
            }
        }
        let latest = |table: &str| {
            format!(
                "SELECT x.customer_id, MAX(x.at) FROM {table} x WHERE x.company_id = $1 \
                 AND x.customer_id IN ({MEMBERS}) GROUP BY x.customer_id"
            )
        };
        let bought: Vec<(Uuid, i64)> = self.fact_rows(&latest("purchases"), company).await?;
        for (c, at) in bought {
            facts.entry(c).or_default().last_purchase = Some(to_day(at));
        }
        let contact: Vec<(Uuid, i64)> = self.fact_rows(&latest("activities"), company).await?;
        for (c, at) in contact {
            facts.entry(c).or_default().last_contact = Some(to_day(at));
        }
        let churn: Vec<(Uuid, Option<f64>)> = self
            .fact_rows(
                &format!(
                    "SELECT customer_id, value_num FROM customer_measures \
                     WHERE measure = 'churn_probability' AND customer_id IN ({MEMBERS})"
                ),
                company,
            )
            .await?;
        for (c, v) in churn {
            facts.entry(c).or_default().churn = v;
        }
        Ok(members
            .into_iter()
            .map(|(c, owner, added)| {
                let mut f = facts.get(&c).cloned().unwrap_or_default();
                f.in_book_since = Some(to_day(added));
                BookFacts {
                    customer: CustomerId(c),
                    owner: AssociateId(owner),
                    facts: f,
                }
            })
            .collect())
    }

    async fn claim_follow_up_day(&self, company: CompanyId, day: Date) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO follow_up_rule_days (company_id, day, claimed_at) VALUES ($1, $2, $3) \
             ON CONFLICT (company_id, day) DO NOTHING",
        )
        .bind(company.0)
        .bind(day.to_string())
        .bind(now_micros())
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(done.rows_affected() == 1)
    }

    async fn due_activities(
        &self,
        company: CompanyId,
        book: ClientBookId,
        from: i64,
        to: i64,
    ) -> Result<Vec<DueActivity>> {
        let rows: Vec<DueRow> = sqlx::query_as(
            "SELECT a.id, c.account, c.first_name, c.last_name, t.code, a.due_at, ap.id FROM activities a \
             JOIN customers c ON c.id = a.customer_id JOIN activity_types t ON t.id = a.type_id \
             LEFT JOIN appointments ap ON ap.activity_id = a.id \
             WHERE a.company_id = $1 AND a.due_at >= $2 AND a.due_at < $3 \
             AND a.customer_id IN (SELECT customer_id FROM client_book_members WHERE book_id = $4) \
             ORDER BY a.due_at, a.id LIMIT 500",
        )
        .bind(company.0)
        .bind(from)
        .bind(to)
        .bind(book.0)
        .fetch_all(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(rows
            .into_iter()
            .map(
                |(id, account, first, last, type_code, due_at, appointment)| DueActivity {
                    id,
                    account,
                    customer_name: display_name(&first, &last),
                    type_code,
                    due_at,
                    appointment,
                },
            )
            .collect())
    }

    async fn follow_up_companies(&self) -> Result<Vec<CompanyId>> {
        let rows: Vec<(Uuid,)> = sqlx::query_as("SELECT id FROM companies ORDER BY code")
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows.into_iter().map(|(id,)| CompanyId(id)).collect())
    }
}

/// The `WHERE` conditions of a listing.
fn push_filters(q: &mut QueryBuilder<crate::Db>, query: &FollowUpQuery) {
    if !query.owners.is_empty() {
        q.push(" AND f.owner_id IN (");
        let mut sep = q.separated(", ");
        for o in &query.owners {
            sep.push_bind(o.0);
        }
        q.push(")");
    }
    if let Some(b) = query.book {
        q.push(" AND f.owner_id = (SELECT associate_id FROM client_books WHERE id = ")
            .push_bind(b.0)
            .push(")");
    }
    if let Some(s) = query.store {
        q.push(" AND f.owner_id IN (SELECT associate_id FROM associate_stores WHERE store_id = ")
            .push_bind(s.0)
            .push(")");
    }
    if let Some(c) = query.customer {
        q.push(" AND f.customer_id = ").push_bind(c.0);
    }
    let today = query.today.map(|d| d.to_string()).unwrap_or_default();
    match query.status {
        FollowUpStatusFilter::Active => {
            q.push(" AND (f.status = 'open' OR (f.status = 'snoozed' AND f.due <= ")
                .push_bind(today)
                .push("))");
        }
        FollowUpStatusFilter::Snoozed => {
            q.push(" AND f.status = 'snoozed' AND f.due > ")
                .push_bind(today);
        }
        FollowUpStatusFilter::Done => {
            q.push(" AND f.status = 'done'");
        }
        FollowUpStatusFilter::Dismissed => {
            q.push(" AND f.status = 'dismissed'");
        }
        FollowUpStatusFilter::Pending => {
            q.push(" AND f.status IN ('open', 'snoozed')");
        }
        FollowUpStatusFilter::All => {}
    }
    if let Some(d) = query.due_before {
        q.push(" AND f.due <= ").push_bind(d.to_string());
    }
    if let Some(d) = query.due_from {
        q.push(" AND f.due >= ").push_bind(d.to_string());
    }
    if let Some((due, id)) = query.after {
        q.push(" AND (f.due, f.id) > (")
            .push_bind(due.to_string())
            .push(", ")
            .push_bind(id)
            .push(")");
    }
}
