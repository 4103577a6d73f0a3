//! Follow-ups: list mine (or, with view_store_client_books, a colleague's or
//! a store's), create one by hand and mark one's own done / snoozed /
//! dismissed (log_activities); the rule table and an on-demand rule run
//! (manage_setup).

use super::page::{self, Page};
use crate::error::{ApiResult, Problem};
use crate::extract::{Can, Json, Query, perm};
use crate::follow_ups::rules::{self, RuleTable, RunCounts};
use crate::follow_ups::{self, FollowUpItem, ListFilter};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_follow_ups))
        .routes(routes!(create_follow_up))
        .routes(routes!(change_follow_up))
        .routes(routes!(get_rules, put_rules))
        .routes(routes!(run_rules))
}

/// Listing filters and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FollowUpParams {
    /// `open` (default: open, and snoozed ones whose day has come), `snoozed`, `done`, `dismissed` or `all`.
    pub status: Option<String>,
    /// Due on or before this day (`YYYY-MM-DD`).
    pub due_before: Option<String>,
    /// Another associate's (id or username; needs view_store_client_books and a shared store).
    pub associate: Option<String>,
    /// The follow-ups of a store's associates (code; needs view_store_client_books and working there).
    pub store: Option<String>,
    /// About one customer (account).
    pub customer: Option<String>,
    /// Page size (1..=500, default 50).
    pub limit: Option<u32>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// A new follow-up.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFollowUpInput {
    /// Due day (`YYYY-MM-DD`, today or later).
    pub due: String,
    /// Why (1..=500 characters).
    pub reason: String,
}

/// A status change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpChangeInput {
    /// `done`, `snoozed` or `dismissed`.
    pub status: String,
    /// For `snoozed`: the day it comes back (after today).
    pub snoozed_until: Option<String>,
}

/// Follow-ups by due day (soonest first): mine, or with `associate=` /
/// `store=` a colleague's or a store's (view_store_client_books, sharing a store).
#[utoipa::path(get, path = "/follow-ups", tag = "follow-ups", params(FollowUpParams),
    responses((status = 200, body = Page<FollowUpItem>), (status = 400, body = Problem), (status = 403, body = Problem)))]
async fn list_follow_ups(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewClientBook>,
    Query(p): Query<FollowUpParams>,
) -> ApiResult<axum::Json<Page<FollowUpItem>>> {
    let limit = page::limit(p.limit)?;
    let f = ListFilter {
        status: p.status,
        due_before: p.due_before,
        associate: p.associate,
        store: p.store,
        customer: p.customer,
        ..Default::default()
    };
    Ok(axum::Json(
        follow_ups::list(&state, &who, &f, p.cursor.as_deref(), limit).await?,
    ))
}

/// Create a follow-up for oneself about a customer.
#[utoipa::path(post, path = "/customers/{account}/follow-ups", tag = "follow-ups", request_body = NewFollowUpInput,
    params(("account" = String, Path, description = "Account number")),
    responses((status = 201, body = FollowUpItem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn create_follow_up(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Path(account): Path<String>,
    Json(input): Json<NewFollowUpInput>,
) -> ApiResult<(StatusCode, axum::Json<FollowUpItem>)> {
    let item = follow_ups::create(&state, &who, &account, &input.due, &input.reason).await?;
    Ok((StatusCode::CREATED, axum::Json(item)))
}

/// Mark one's own follow-up done, snooze it until a later day, or dismiss it.
/// Someone else's is a 403 (or a 404 if the caller cannot see it); a done
/// or dismissed one is a 409.
#[utoipa::path(patch, path = "/follow-ups/{id}", tag = "follow-ups", request_body = FollowUpChangeInput,
    params(("id" = String, Path, description = "Follow-up id")),
    responses((status = 200, body = FollowUpItem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn change_follow_up(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Path(id): Path<String>,
    Json(input): Json<FollowUpChangeInput>,
) -> ApiResult<axum::Json<FollowUpItem>> {
    let item = follow_ups::change(
        &state,
        &who,
        &id,
        &input.status,
        input.snoozed_until.as_deref(),
    )
    .await?;
    Ok(axum::Json(item))
}

/// The follow-up rules (the defaults until HQ saves some).
#[utoipa::path(get, path = "/follow-up-rules", tag = "follow-ups",
    responses((status = 200, body = RuleTable), (status = 403, body = Problem)))]
async fn get_rules(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<RuleTable>> {
    let rules = rules::rules(state.store.as_ref(), who.company).await?;
    Ok(axum::Json(RuleTable { rules }))
}

/// Replace the follow-up rules (`date_attribute` names a date attribute of
/// the selected group; `days_*` in range; `threshold` in 0..1).
#[utoipa::path(put, path = "/follow-up-rules", tag = "follow-ups", request_body = RuleTable,
    responses((status = 200, body = RuleTable), (status = 400, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn put_rules(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(table): Json<RuleTable>,
) -> ApiResult<axum::Json<RuleTable>> {
    let rules = rules::put_rules(&state, &who, &table).await?;
    Ok(axum::Json(RuleTable { rules }))
}

/// Evaluate the rules now for every client-book customer; returns counts.
/// Idempotent: follow-ups created before are not created again.
#[utoipa::path(post, path = "/follow-ups/run-rules", tag = "follow-ups",
    responses((status = 200, body = RunCounts), (status = 403, body = Problem)))]
async fn run_rules(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<RunCounts>> {
    Ok(axum::Json(rules::run_now(&state, &who).await?))
}
