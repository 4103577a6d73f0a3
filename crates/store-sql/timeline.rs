//! The customer timeline: activities and the notes the reader may see,
//! merged newest first by `(at, id)`. Each branch walks its table's
//! `(customer_id, at, id)` index backwards and stops at the page size; the
//! merge is cut to the page size again.

use super::activities::push_before;
use super::filter::escape_like;
use super::map_err;
use super::notes::{push_visible, visibility};
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::activity::EntryKind;
use clienteling_domain::ids::{AssociateId, CompanyId, CustomerId};
use clienteling_store::{Result, TimelineEntry, TimelineQuery, TimelineStore};
use sqlx::{FromRow, QueryBuilder};
use uuid::Uuid;

#[derive(FromRow)]
struct EntryRow {
    kind: String,
    id: Uuid,
    at: i64,
    associate_id: Uuid,
    associate_name: String,
    type_code: Option<String>,
    type_name: Option<String>,
    text: String,
    visibility: Option<String>,
    due_at: Option<i64>,
    edited_at: Option<i64>,
}

impl From<EntryRow> for TimelineEntry {
    fn from(r: EntryRow) -> Self {
        TimelineEntry {
            kind: EntryKind::parse(&r.kind).unwrap_or(EntryKind::Activity),
            id: r.id,
            at: r.at,
            associate: AssociateId(r.associate_id),
            associate_name: r.associate_name,
            type_code: r.type_code,
            type_name: r.type_name,
            text: r.text,
            visibility: r.visibility.as_deref().map(visibility),
            due_at: r.due_at,
            edited_at: r.edited_at,
        }
    }
}

/// `AND …`: the text column `col` contains `text`, case-insensitively.
fn push_text(q: &mut QueryBuilder<crate::Db>, col: &str, text: Option<&str>) {
    if let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) {
        q.push(format!(" AND LOWER({col}) LIKE "))
            .push_bind(escape_like(t))
            .push(" ESCAPE '\\'");
    }
}

/// `AND …`: the customer is `customer` and belongs to `company` (checked once,
/// so that the planner walks the `(customer_id, at, id)` index).
fn push_customer(q: &mut QueryBuilder<crate::Db>, table: &str, company: CompanyId, c: CustomerId) {
    q.push(format!(" WHERE {table}.customer_id = "))
        .push_bind(c.0)
        .push(" AND EXISTS (SELECT 1 FROM customers cc WHERE cc.id = ")
        .push_bind(c.0)
        .push(" AND cc.company_id = ")
        .push_bind(company.0)
        .push(")");
}

fn push_activities(q: &mut QueryBuilder<crate::Db>, company: CompanyId, t: &TimelineQuery) {
    q.push(
        "SELECT 'activity' AS kind, a.id, a.at, a.associate_id, w.display_name AS associate_name, \
         t.code AS type_code, t.name AS type_name, a.description AS text, CAST(NULL AS TEXT) AS visibility, \
         a.due_at, CAST(NULL AS BIGINT) AS edited_at \
         FROM activities a JOIN associates w ON w.id = a.associate_id JOIN activity_types t ON t.id = a.type_id",
    );
    push_customer(q, "a", company, t.customer);
    if let Some(ty) = t.activity_type {
        q.push(" AND a.type_id = ").push_bind(ty.0);
    }
    push_text(q, "a.description", t.text.as_deref());
    push_before(q, "a", t.before);
    q.push(" ORDER BY a.at DESC, a.id DESC LIMIT ")
        .push_bind(i64::from(t.limit));
}

fn push_notes(q: &mut QueryBuilder<crate::Db>, company: CompanyId, t: &TimelineQuery) {
    q.push(
        "SELECT 'note' AS kind, n.id, n.at, n.author_id AS associate_id, w.display_name AS associate_name, \
         CAST(NULL AS TEXT) AS type_code, CAST(NULL AS TEXT) AS type_name, n.text, n.visibility, \
         CAST(NULL AS BIGINT) AS due_at, n.edited_at \
         FROM notes n JOIN associates w ON w.id = n.author_id",
    );
    push_customer(q, "n", company, t.customer);
    push_visible(q, t.viewer);
    push_text(q, "n.text", t.text.as_deref());
    push_before(q, "n", t.before);
    q.push(" ORDER BY n.at DESC, n.id DESC LIMIT ")
        .push_bind(i64::from(t.limit));
}

/// The timeline SQL: one branch, or both merged (each branch limited and
/// index-ordered, then merged and cut again); `None` when the filters leave
/// nothing to show (notes asked for with an activity type).
fn timeline_sql(company: CompanyId, t: &TimelineQuery) -> Option<QueryBuilder<crate::Db>> {
    let activities = t.kind != Some(EntryKind::Note);
    let notes = t.kind != Some(EntryKind::Activity) && t.activity_type.is_none();
    let mut q = QueryBuilder::<crate::Db>::new("SELECT * FROM (");
    match (activities, notes) {
        (true, true) => {
            push_activities(&mut q, company, t);
            q.push(") x UNION ALL SELECT * FROM (");
            push_notes(&mut q, company, t);
            q.push(") y ORDER BY at DESC, id DESC LIMIT ")
                .push_bind(i64::from(t.limit));
        }
        (true, false) => {
            push_activities(&mut q, company, t);
            q.push(") x");
        }
        (false, true) => {
            push_notes(&mut q, company, t);
            q.push(") y");
        }
        (false, false) => return None,
    }
    Some(q)
}

#[async_trait]
impl TimelineStore for Backend {
    async fn timeline(
        &self,
        company: CompanyId,
        query: &TimelineQuery,
    ) -> Result<Vec<TimelineEntry>> {
        let Some(mut q) = timeline_sql(company, query) else {
            return Ok(Vec::new());
        };
        let rows: Vec<EntryRow> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}
