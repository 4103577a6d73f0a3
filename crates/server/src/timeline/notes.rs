//! Notes: writing, editing and deleting one's own notes (edits keep the
//! previous version), and reading one note with its history. A note the
//! reader may not see is a 404; someone else's note they can see is a 403.
//! Every read and write is audited with ids only, never the text.

use super::{TimelineItem, customer};
use crate::audit::{self, Outcome};
use crate::error::{ApiError, ApiResult};
use crate::fmt::rfc3339;
use crate::state::AppState;
use clienteling_domain::activity::{EntryKind, NoteInput, NotePatch, Visibility};
use clienteling_domain::ids::{CustomerId, NoteId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{NewNote, Note, NoteRevision, Principal, StoreError, TimelineEntry};
use serde::Serialize;
use utoipa::ToSchema;

/// A note as the timeline shows it to `who`.
fn item(n: Note, who: &Principal) -> TimelineItem {
    let entry = TimelineEntry {
        kind: EntryKind::Note,
        id: n.id.0,
        at: n.at,
        associate: n.author,
        associate_name: n.author_name,
        type_code: None,
        type_name: None,
        text: n.text,
        visibility: Some(n.visibility),
        due_at: None,
        edited_at: n.edited_at,
    };
    TimelineItem::from_entry(entry, who.associate)
}

fn not_found() -> ApiError {
    ApiError::NotFound("note".into())
}

/// The note `id` of the customer if `who` may see it (404 otherwise).
async fn visible(
    state: &AppState,
    who: &Principal,
    customer: CustomerId,
    id: &str,
) -> ApiResult<Note> {
    let id: NoteId = id.parse().map_err(|_| not_found())?;
    match state
        .store
        .visible_note(who.company, customer, who.associate, id)
        .await
    {
        Ok(n) => Ok(n),
        Err(StoreError::NotFound) => Err(not_found()),
        Err(e) => Err(e.into()),
    }
}

/// The note if `who` wrote it: 404 if they cannot see it, 403 (audited) if
/// it is someone else's.
async fn own(
    state: &AppState,
    who: &Principal,
    account: &str,
    id: &str,
    action: &str,
) -> ApiResult<Note> {
    let c = customer(state, who, account).await?;
    let note = visible(state, who, c.id, id).await?;
    if note.author != who.associate {
        let detail = serde_json::json!({"note": note.id, "reason": "not the author"});
        audit::record(state, who, action, Outcome::Denied, Some(account), detail).await;
        return Err(ApiError::Forbidden("own_note".into()));
    }
    Ok(note)
}

/// Write a note about a customer (visibility defaults to private). Audited.
pub async fn add_note(
    state: &AppState,
    who: &Principal,
    account: &str,
    text: &str,
    visibility: Option<&str>,
) -> ApiResult<TimelineItem> {
    let input = NoteInput::parse(text, visibility)?;
    let c = customer(state, who, account).await?;
    let new = NewNote {
        customer: c.id,
        author: who.associate,
        visibility: input.visibility,
        text: input.text,
        at: now_micros(),
    };
    let note = state.store.add_note(who.company, &new).await?;
    let detail = serde_json::json!({"note": note.id, "visibility": note.visibility});
    audit::record(
        state,
        who,
        "note.create",
        Outcome::Ok,
        Some(account),
        detail,
    )
    .await;
    Ok(item(note, who))
}

/// Change one's own note; the previous text and visibility are kept as a
/// revision. Audited with the names of the changed fields.
pub async fn edit_note(
    state: &AppState,
    who: &Principal,
    account: &str,
    id: &str,
    text: Option<&str>,
    visibility: Option<&str>,
) -> ApiResult<TimelineItem> {
    let patch = NotePatch::parse(text, visibility)?;
    let note = own(state, who, account, id, "note.update").await?;
    let note = state
        .store
        .edit_note(who.company, note.id, who.associate, &patch)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => not_found(),
            other => other.into(),
        })?;
    let fields: Vec<&str> = [
        ("text", patch.text.is_some()),
        ("visibility", patch.visibility.is_some()),
    ]
    .into_iter()
    .filter_map(|(f, set)| set.then_some(f))
    .collect();
    let detail =
        serde_json::json!({"note": note.id, "fields": fields, "visibility": note.visibility});
    audit::record(
        state,
        who,
        "note.update",
        Outcome::Ok,
        Some(account),
        detail,
    )
    .await;
    Ok(item(note, who))
}

/// Delete one's own note and its history. Audited.
pub async fn delete_note(
    state: &AppState,
    who: &Principal,
    account: &str,
    id: &str,
) -> ApiResult<()> {
    let note = own(state, who, account, id, "note.delete").await?;
    state
        .store
        .delete_note(who.company, note.id, who.associate)
        .await
        .map_err(|e| match e {
            StoreError::NotFound => not_found(),
            other => other.into(),
        })?;
    let detail = serde_json::json!({"note": note.id});
    audit::record(
        state,
        who,
        "note.delete",
        Outcome::Ok,
        Some(account),
        detail,
    )
    .await;
    Ok(())
}

/// A previous version of a note.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RevisionItem {
    /// The text then.
    pub text: String,
    /// The visibility then.
    pub visibility: Visibility,
    /// When that version was written (RFC 3339).
    pub written_at: String,
    /// When it was replaced (RFC 3339).
    pub replaced_at: String,
}

impl From<NoteRevision> for RevisionItem {
    fn from(r: NoteRevision) -> Self {
        RevisionItem {
            text: r.text,
            visibility: r.visibility,
            written_at: rfc3339(r.written_at),
            replaced_at: rfc3339(r.replaced_at),
        }
    }
}

/// One note with its edit history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoteDetail {
    /// The note as it is now.
    pub note: TimelineItem,
    /// Earlier versions, oldest first; shown to the author only (an earlier
    /// version may have had a narrower visibility).
    pub revisions: Vec<RevisionItem>,
}

/// One note if `who` may see it, with its history when they wrote it. Audited.
pub async fn note_detail(
    state: &AppState,
    who: &Principal,
    account: &str,
    id: &str,
) -> ApiResult<NoteDetail> {
    let c = customer(state, who, account).await?;
    let note = visible(state, who, c.id, id).await?;
    let revisions = if note.author == who.associate {
        state.store.note_revisions(who.company, note.id).await?
    } else {
        Vec::new()
    };
    let detail = serde_json::json!({"via": "note", "notes": [note.id]});
    audit::record(state, who, "note.read", Outcome::Ok, Some(account), detail).await;
    Ok(NoteDetail {
        note: item(note, who),
        revisions: revisions.into_iter().map(Into::into).collect(),
    })
}
