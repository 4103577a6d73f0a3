//! Activity types (manage_setup), logging activities (log_activities), a
//! customer's timeline (view_customers) and the HQ listing of every
//! activity (manage_setup).

use super::page::{self, Page};
use crate::error::{ApiResult, Problem};
use crate::extract::{Can, Json, Query, perm};
use crate::state::AppState;
use crate::timeline::{
    self, ActivityFilter, ActivityItem, TimelineFilter, TimelineItem, bad_param, types,
};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use clienteling_domain::activity::{ActivityType, ActivityTypePatch, EntryKind, RawActivity};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_types, create_type))
        .routes(routes!(update_type, delete_type))
        .routes(routes!(log_activity))
        .routes(routes!(get_timeline))
        .routes(routes!(list_activities))
}

/// A new activity type.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityTypeInput {
    /// Code, unique in the company (`a-z 0-9 - _ .`).
    pub code: String,
    /// Display name.
    pub name: String,
    /// Usable for new activities (default true).
    pub active: Option<bool>,
}

/// Changes to an activity type; absent fields stay.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityTypeChange {
    /// New code.
    pub code: Option<String>,
    /// New name.
    pub name: Option<String>,
    /// Activate or deactivate.
    pub active: Option<bool>,
}

/// A new activity.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewActivityInput {
    /// Activity type code (must be active).
    #[serde(rename = "type")]
    pub type_code: String,
    /// When it happened (RFC 3339; default now).
    pub at: Option<String>,
    /// What happened (1..=2000 characters).
    pub description: String,
    /// When a follow-up or appointment is due (RFC 3339).
    pub due_at: Option<String>,
}

/// Timeline filters and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct TimelineParams {
    /// `activity` or `note`.
    pub kind: Option<String>,
    /// Activity type code (activities only).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub type_code: Option<String>,
    /// Text the description or note contains (case-insensitive).
    pub q: Option<String>,
    /// Page size (1..=500, default 50).
    pub limit: Option<u32>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// HQ listing filters and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ActivityParams {
    /// Associate id or username.
    pub associate: Option<String>,
    /// Store code.
    pub store: Option<String>,
    /// Activity type code.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub type_code: Option<String>,
    /// From (RFC 3339, or a date `YYYY-MM-DD`), inclusive.
    pub from: Option<String>,
    /// To (RFC 3339, exclusive; a date includes that whole day).
    pub to: Option<String>,
    /// Page size (1..=500, default 50).
    pub limit: Option<u32>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// Every activity type, active or not, by code.
#[utoipa::path(get, path = "/activity-types", tag = "setup",
    responses((status = 200, body = Vec<ActivityType>), (status = 403, body = Problem)))]
async fn list_types(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<Vec<ActivityType>>> {
    Ok(axum::Json(types::activity_types(&state, &who).await?))
}

/// Create an activity type.
#[utoipa::path(post, path = "/activity-types", tag = "setup", request_body = ActivityTypeInput,
    responses((status = 201, body = ActivityType), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_type(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(input): Json<ActivityTypeInput>,
) -> ApiResult<(StatusCode, axum::Json<ActivityType>)> {
    let t =
        types::create_activity_type(&state, &who, &input.code, &input.name, input.active).await?;
    Ok((StatusCode::CREATED, axum::Json(t)))
}

/// Change an activity type: rename, recode, activate or deactivate. An
/// inactive type stays on old activities but cannot be used for new ones.
#[utoipa::path(patch, path = "/activity-types/{code}", tag = "setup", request_body = ActivityTypeChange,
    params(("code" = String, Path, description = "Activity type code")),
    responses((status = 200, body = ActivityType), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn update_type(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Path(code): Path<String>,
    Json(input): Json<ActivityTypeChange>,
) -> ApiResult<axum::Json<ActivityType>> {
    let patch =
        ActivityTypePatch::parse(input.code.as_deref(), input.name.as_deref(), input.active)?;
    Ok(axum::Json(
        types::update_activity_type(&state, &who, &code, &patch).await?,
    ))
}

/// Delete an activity type no activity uses; a type in use is a 409 (deactivate it instead).
#[utoipa::path(delete, path = "/activity-types/{code}", tag = "setup",
    params(("code" = String, Path, description = "Activity type code")),
    responses((status = 204), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn delete_type(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Path(code): Path<String>,
) -> ApiResult<StatusCode> {
    types::delete_activity_type(&state, &who, &code).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Log an activity about a customer (at the associate's current store).
#[utoipa::path(post, path = "/customers/{account}/activities", tag = "timeline", request_body = NewActivityInput,
    params(("account" = String, Path, description = "Account number")),
    responses((status = 201, body = TimelineItem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn log_activity(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Path(account): Path<String>,
    Json(input): Json<NewActivityInput>,
) -> ApiResult<(StatusCode, axum::Json<TimelineItem>)> {
    let raw = RawActivity {
        type_code: input.type_code,
        at: input.at,
        description: input.description,
        due_at: input.due_at,
    };
    let item = timeline::log_activity(&state, &who, &account, &raw).await?;
    Ok((StatusCode::CREATED, axum::Json(item)))
}

/// The customer's timeline: activities and the notes the reader may see,
/// newest first (ties broken by id), cursor-paged. Returning notes is audited.
#[utoipa::path(get, path = "/customers/{account}/timeline", tag = "timeline",
    params(("account" = String, Path, description = "Account number"), TimelineParams),
    responses((status = 200, body = Page<TimelineItem>), (status = 400, body = Problem), (status = 404, body = Problem)))]
async fn get_timeline(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewCustomers>,
    Path(account): Path<String>,
    Query(p): Query<TimelineParams>,
) -> ApiResult<axum::Json<Page<TimelineItem>>> {
    let limit = page::limit(p.limit)?;
    let kind = p
        .kind
        .as_deref()
        .map(|k| EntryKind::parse(k).map_err(|e| bad_param("kind", e.to_string())))
        .transpose()?;
    let filter = TimelineFilter {
        kind,
        type_code: p.type_code,
        q: p.q,
    };
    let page =
        timeline::timeline(&state, &who, &account, &filter, p.cursor.as_deref(), limit).await?;
    Ok(axum::Json(page))
}

/// HQ view: every activity of the company by associate, store, type and time range, newest first.
#[utoipa::path(get, path = "/activities", tag = "timeline", params(ActivityParams),
    responses((status = 200, body = Page<ActivityItem>), (status = 400, body = Problem), (status = 403, body = Problem)))]
async fn list_activities(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Query(p): Query<ActivityParams>,
) -> ApiResult<axum::Json<Page<ActivityItem>>> {
    let limit = page::limit(p.limit)?;
    let filter = ActivityFilter {
        associate: p.associate,
        store: p.store,
        type_code: p.type_code,
        from: p.from,
        to: p.to,
    };
    let page = timeline::activities_page(&state, &who, &filter, p.cursor.as_deref(), limit).await?;
    Ok(axum::Json(page))
}
