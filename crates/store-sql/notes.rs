//! Notes with visibility and edit history, and the customer timeline
//! (activities and visible notes merged, newest first by `(at, id)`).
//!
//! Visibility is decided in SQL, at read time, by [`push_visible`]: the
//! author always; `company` notes for everyone; `store` notes for associates
//! who now share a store with the author. Every read path but
//! [`NoteStore::notes_for_export`] goes through it.

use super::activities::push_before;
use super::filter::escape_like;
use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::activity::{EntryKind, NotePatch, Visibility};
use clienteling_domain::ids::{AssociateId, CompanyId, CustomerId, NoteId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{
    NewNote, Note, NoteExport, NoteRevision, NoteStore, Result, StoreError, TimelineEntry,
    TimelineQuery, TimelineStore,
};
use sqlx::{FromRow, QueryBuilder};
use std::collections::HashMap;
use uuid::Uuid;

type Tx<'a> = sqlx::Transaction<'a, crate::Db>;

#[derive(FromRow)]
struct NoteRow {
    id: Uuid,
    customer_id: Uuid,
    author_id: Uuid,
    author_name: String,
    visibility: String,
    text: String,
    at: i64,
    edited_at: Option<i64>,
}

/// A stored visibility name (constrained by a CHECK; unknown reads as private).
fn visibility(s: &str) -> Visibility {
    Visibility::parse(s).unwrap_or(Visibility::Private)
}

impl From<NoteRow> for Note {
    fn from(r: NoteRow) -> Self {
        Note {
            id: NoteId(r.id),
            customer: CustomerId(r.customer_id),
            author: AssociateId(r.author_id),
            author_name: r.author_name,
            visibility: visibility(&r.visibility),
            text: r.text,
            at: r.at,
            edited_at: r.edited_at,
        }
    }
}

#[derive(FromRow)]
struct RevisionRow {
    note_id: Uuid,
    text: String,
    visibility: String,
    written_at: i64,
    replaced_at: i64,
}

impl From<RevisionRow> for NoteRevision {
    fn from(r: RevisionRow) -> Self {
        NoteRevision {
            text: r.text,
            visibility: visibility(&r.visibility),
            written_at: r.written_at,
            replaced_at: r.replaced_at,
        }
    }
}

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

const NOTE_SQL: &str = "SELECT n.id, n.customer_id, n.author_id, w.display_name AS author_name, n.visibility, \
     n.text, n.at, n.edited_at FROM notes n JOIN associates w ON w.id = n.author_id WHERE n.company_id = ";

const REVISION_SQL: &str = "SELECT r.note_id, r.text, r.visibility, r.written_at, r.replaced_at \
     FROM note_revisions r JOIN notes n ON n.id = r.note_id WHERE n.company_id = ";

/// `AND …`: note `n` is readable by `viewer`, judged now.
pub(crate) fn push_visible(q: &mut QueryBuilder<crate::Db>, viewer: AssociateId) {
    q.push(" AND (n.author_id = ")
        .push_bind(viewer.0)
        .push(
            " OR n.visibility = 'company' OR (n.visibility = 'store' AND EXISTS (\
             SELECT 1 FROM associate_stores mine JOIN associate_stores theirs ON theirs.store_id = mine.store_id \
             WHERE theirs.associate_id = n.author_id AND mine.associate_id = ",
        )
        .push_bind(viewer.0)
        .push(")))");
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
/// index-ordered, then merged and cut again).
fn timeline_sql(company: CompanyId, t: &TimelineQuery) -> QueryBuilder<crate::Db> {
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
        _ => {
            push_notes(&mut q, company, t);
            q.push(") y");
        }
    }
    q
}

impl Backend {
    async fn note_by_id(&self, company: CompanyId, id: NoteId) -> Result<Note> {
        let mut q = QueryBuilder::<crate::Db>::new(NOTE_SQL);
        q.push_bind(company.0).push(" AND n.id = ").push_bind(id.0);
        let row: NoteRow = q
            .build_query_as()
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.into())
    }

    /// Take the note's row lock (PostgreSQL) or the write lock (SQLite)
    /// before reading it, so concurrent edits never lose a revision.
    async fn lock_own_note(
        tx: &mut Tx<'_>,
        company: CompanyId,
        id: NoteId,
        author: AssociateId,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE notes SET text = text WHERE id = $1 AND company_id = $2 AND author_id = $3",
        )
        .bind(id.0)
        .bind(company.0)
        .bind(author.0)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    async fn revise(tx: &mut Tx<'_>, id: NoteId, patch: &NotePatch, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO note_revisions (id, note_id, text, visibility, written_at, replaced_at) \
             SELECT $1, n.id, n.text, n.visibility, COALESCE(n.edited_at, n.at), $2 FROM notes n WHERE n.id = $3",
        )
        .bind(Uuid::now_v7())
        .bind(now)
        .bind(id.0)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
        sqlx::query(
            "UPDATE notes SET text = COALESCE($1, text), visibility = COALESCE($2, visibility), edited_at = $3 WHERE id = $4",
        )
        .bind(patch.text.clone())
        .bind(patch.visibility.map(Visibility::as_str))
        .bind(now)
        .bind(id.0)
        .execute(&mut **tx)
        .await
        .map_err(map_err)?;
        Ok(())
    }
}

#[async_trait]
impl NoteStore for Backend {
    async fn add_note(&self, company: CompanyId, note: &NewNote) -> Result<Note> {
        let id = NoteId::new();
        sqlx::query(
            "INSERT INTO notes (id, company_id, customer_id, author_id, visibility, text, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.0)
        .bind(company.0)
        .bind(note.customer.0)
        .bind(note.author.0)
        .bind(note.visibility.as_str())
        .bind(&note.text)
        .bind(note.at)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        self.note_by_id(company, id).await
    }

    async fn visible_note(
        &self,
        company: CompanyId,
        customer: CustomerId,
        viewer: AssociateId,
        id: NoteId,
    ) -> Result<Note> {
        let mut q = QueryBuilder::<crate::Db>::new(NOTE_SQL);
        q.push_bind(company.0)
            .push(" AND n.customer_id = ")
            .push_bind(customer.0)
            .push(" AND n.id = ")
            .push_bind(id.0);
        push_visible(&mut q, viewer);
        let row: NoteRow = q
            .build_query_as()
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(row.into())
    }

    async fn edit_note(
        &self,
        company: CompanyId,
        id: NoteId,
        author: AssociateId,
        patch: &NotePatch,
    ) -> Result<Note> {
        let mut tx = self.pool.begin().await.map_err(map_err)?;
        Self::lock_own_note(&mut tx, company, id, author).await?;
        Self::revise(&mut tx, id, patch, now_micros()).await?;
        tx.commit().await.map_err(map_err)?;
        self.note_by_id(company, id).await
    }

    async fn delete_note(&self, company: CompanyId, id: NoteId, author: AssociateId) -> Result<()> {
        let done =
            sqlx::query("DELETE FROM notes WHERE id = $1 AND company_id = $2 AND author_id = $3")
                .bind(id.0)
                .bind(company.0)
                .bind(author.0)
                .execute(&self.pool)
                .await
                .map_err(map_err)?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    async fn note_revisions(&self, company: CompanyId, id: NoteId) -> Result<Vec<NoteRevision>> {
        let mut q = QueryBuilder::<crate::Db>::new(REVISION_SQL);
        q.push_bind(company.0)
            .push(" AND r.note_id = ")
            .push_bind(id.0)
            .push(" ORDER BY r.replaced_at, r.id");
        let rows: Vec<RevisionRow> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn notes_for_export(
        &self,
        company: CompanyId,
        customer: CustomerId,
    ) -> Result<Vec<NoteExport>> {
        let mut q = QueryBuilder::<crate::Db>::new(NOTE_SQL);
        q.push_bind(company.0)
            .push(" AND n.customer_id = ")
            .push_bind(customer.0)
            .push(" ORDER BY n.at, n.id");
        let notes: Vec<NoteRow> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        let mut r = QueryBuilder::<crate::Db>::new(REVISION_SQL);
        r.push_bind(company.0)
            .push(" AND n.customer_id = ")
            .push_bind(customer.0)
            .push(" ORDER BY r.replaced_at, r.id");
        let revisions: Vec<RevisionRow> = r
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        let mut by_note: HashMap<Uuid, Vec<NoteRevision>> = HashMap::new();
        for rev in revisions {
            by_note.entry(rev.note_id).or_default().push(rev.into());
        }
        Ok(notes
            .into_iter()
            .map(|n| NoteExport {
                revisions: by_note.remove(&n.id).unwrap_or_default(),
                note: n.into(),
            })
            .collect())
    }
}

#[async_trait]
impl TimelineStore for Backend {
    async fn timeline(
        &self,
        company: CompanyId,
        query: &TimelineQuery,
    ) -> Result<Vec<TimelineEntry>> {
        let mut q = timeline_sql(company, query);
        let rows: Vec<EntryRow> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}
