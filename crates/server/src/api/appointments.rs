//! Appointments (log_activities): book, list as a calendar, read, change,
//! delete, and download as an iCalendar file. axum's router cannot route
//! `/appointments/{id}.ics` (a parameter must be a whole path segment), so
//! the file is at `/appointments/{id}/ics`; `GET /appointments/{id}.ics`
//! also works because the read handler serves the file for an id ending
//! in `.ics`.

use super::page::{self, Page};
use crate::appointments::{
    self, AppointmentInput, AppointmentItem, AppointmentPatchInput, CalendarFilter,
};
use crate::error::{ApiResult, Problem};
use crate::extract::{Can, Json, Query, perm};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(read, update, remove))
        .routes(routes!(ics))
}

/// Calendar filters and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CalendarParams {
    /// From (RFC 3339 or a date), inclusive: appointments ending after it.
    pub from: Option<String>,
    /// To (RFC 3339 exclusive, or a date inclusive of that day).
    pub to: Option<String>,
    /// Associate id or username (others' need `view_store_client_books`).
    pub associate: Option<String>,
    /// Store code (a store the manager works at).
    pub store: Option<String>,
    /// Page size (1..=500, default 50).
    pub limit: Option<u32>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// Appointments overlapping a range, by start: the caller's own; a
/// manager's stores' (filter by associate or store).
#[utoipa::path(get, path = "/appointments", tag = "appointments", params(CalendarParams),
    responses((status = 200, body = Page<AppointmentItem>), (status = 400, body = Problem), (status = 403, body = Problem)))]
async fn list(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Query(p): Query<CalendarParams>,
) -> ApiResult<axum::Json<Page<AppointmentItem>>> {
    let limit = page::limit(p.limit)?;
    let filter = CalendarFilter {
        from: p.from,
        to: p.to,
        associate: p.associate,
        store: p.store,
    };
    let page = appointments::list(&state, &who, &filter, p.cursor.as_deref(), limit).await?;
    Ok(axum::Json(page))
}

/// Book an appointment. The associate cannot be double-booked: an
/// overlapping booked or held appointment is a 409 naming it.
#[utoipa::path(post, path = "/appointments", tag = "appointments", request_body = AppointmentInput,
    responses((status = 201, body = AppointmentItem), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Json(input): Json<AppointmentInput>,
) -> ApiResult<(StatusCode, axum::Json<AppointmentItem>)> {
    let a = appointments::book(&state, &who, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(a.into())))
}

fn ics_response(a: &clienteling_store::Appointment) -> Response {
    let disposition = format!("attachment; filename=\"appointment-{}.ics\"", a.id);
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        appointments::ics_file(a),
    )
        .into_response()
}

/// One appointment (an id ending in `.ics` returns the calendar file).
#[utoipa::path(get, path = "/appointments/{id}", tag = "appointments",
    params(("id" = String, Path, description = "Appointment id")),
    responses((status = 200, body = AppointmentItem), (status = 404, body = Problem)))]
async fn read(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    if let Some(id) = id.strip_suffix(".ics") {
        let a = appointments::get(&state, &who, id).await?;
        return Ok(ics_response(&a));
    }
    let a = appointments::get(&state, &who, &id).await?;
    Ok(axum::Json(AppointmentItem::from(a)).into_response())
}

/// Move, re-purpose or change the status of an appointment (409 on a clash).
#[utoipa::path(patch, path = "/appointments/{id}", tag = "appointments", request_body = AppointmentPatchInput,
    params(("id" = String, Path, description = "Appointment id")),
    responses((status = 200, body = AppointmentItem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn update(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Path(id): Path<String>,
    Json(input): Json<AppointmentPatchInput>,
) -> ApiResult<axum::Json<AppointmentItem>> {
    let a = appointments::change(&state, &who, &id, &input).await?;
    Ok(axum::Json(a.into()))
}

/// Delete an appointment and its timeline entry.
#[utoipa::path(delete, path = "/appointments/{id}", tag = "appointments",
    params(("id" = String, Path, description = "Appointment id")),
    responses((status = 204), (status = 404, body = Problem)))]
async fn remove(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    appointments::delete(&state, &who, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The appointment as an iCalendar (RFC 5545) file.
#[utoipa::path(get, path = "/appointments/{id}/ics", tag = "appointments",
    params(("id" = String, Path, description = "Appointment id")),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = Problem)))]
async fn ics(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let a = appointments::get(&state, &who, &id).await?;
    Ok(ics_response(&a))
}
