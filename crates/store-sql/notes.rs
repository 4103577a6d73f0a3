//! Notes with visibility and edit history.
//!
//! Visibility is decided in SQL, at read time, by [`push_visible`]: the
//! author always; `company` notes for everyone; `store` notes for associates
//! who now share a store with the author. Every read path but
//! [`NoteStore::notes_for_export`] goes through it.

use super::map_err;
use crate::Backend;
use async_trait::async_trait;
use clienteling_domain::activity::{NotePatch, Visibility};
use clienteling_domain::ids::{AssociateId, CompanyId, CustomerId, NoteId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{NewNote, Note, NoteExport, NoteRevision, NoteStore, Result, StoreError};
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
pub(crate) fn visibility(s: &str) -> Visibility {
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
