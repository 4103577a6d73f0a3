//! Notes about a customer (write_notes): write one, read one with its
//! history, and edit or delete one's own. Notes appear in the timeline
//! (`GET /customers/{account}/timeline`) where their visibility allows.

use crate::error::{ApiResult, Problem};
use crate::extract::{Can, Json, perm};
use crate::state::AppState;
use crate::timeline::TimelineItem;
use crate::timeline::notes::{self, NoteDetail};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_note))
        .routes(routes!(get_note, edit_note, delete_note))
}

/// A new note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteInputBody {
    /// Text (1..=5000 characters; line breaks allowed).
    pub text: String,
    /// `private` (author only, the default), `store` (associates sharing a
    /// store with the author) or `company`.
    pub visibility: Option<String>,
}

/// Changes to one's own note; give at least one field.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteChange {
    /// New text.
    pub text: Option<String>,
    /// New visibility.
    pub visibility: Option<String>,
}

/// Write a note about a customer.
#[utoipa::path(post, path = "/customers/{account}/notes", tag = "timeline", request_body = NoteInputBody,
    params(("account" = String, Path, description = "Account number")),
    responses((status = 201, body = TimelineItem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn add_note(
    State(state): State<AppState>,
    Can(who, _): Can<perm::WriteNotes>,
    Path(account): Path<String>,
    Json(input): Json<NoteInputBody>,
) -> ApiResult<(StatusCode, axum::Json<TimelineItem>)> {
    let item = notes::add_note(
        &state,
        &who,
        &account,
        &input.text,
        input.visibility.as_deref(),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(item)))
}

/// One note the reader may see; its earlier versions are shown to its author only.
#[utoipa::path(get, path = "/customers/{account}/notes/{id}", tag = "timeline",
    params(("account" = String, Path, description = "Account number"), ("id" = String, Path, description = "Note id")),
    responses((status = 200, body = NoteDetail), (status = 404, body = Problem)))]
async fn get_note(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewCustomers>,
    Path((account, id)): Path<(String, String)>,
) -> ApiResult<axum::Json<NoteDetail>> {
    Ok(axum::Json(
        notes::note_detail(&state, &who, &account, &id).await?,
    ))
}

/// Edit one's own note; the previous version is kept. Someone else's note is
/// a 403, or a 404 if the reader cannot see it.
#[utoipa::path(patch, path = "/customers/{account}/notes/{id}", tag = "timeline", request_body = NoteChange,
    params(("account" = String, Path, description = "Account number"), ("id" = String, Path, description = "Note id")),
    responses((status = 200, body = TimelineItem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn edit_note(
    State(state): State<AppState>,
    Can(who, _): Can<perm::WriteNotes>,
    Path((account, id)): Path<(String, String)>,
    Json(input): Json<NoteChange>,
) -> ApiResult<axum::Json<TimelineItem>> {
    let item = notes::edit_note(
        &state,
        &who,
        &account,
        &id,
        input.text.as_deref(),
        input.visibility.as_deref(),
    )
    .await?;
    Ok(axum::Json(item))
}

/// Delete one's own note and its history.
#[utoipa::path(delete, path = "/customers/{account}/notes/{id}", tag = "timeline",
    params(("account" = String, Path, description = "Account number"), ("id" = String, Path, description = "Note id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn delete_note(
    State(state): State<AppState>,
    Can(who, _): Can<perm::WriteNotes>,
    Path((account, id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    notes::delete_note(&state, &who, &account, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
