//! Outreach: sending a template to customers (log_activities), following a
//! send and the outbox (manage_setup), the outreach settings (manage_setup)
//! and consent per channel on the customer (view / edit_customers).

use super::page::{self, Page};
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{Can, Json, Query, perm};
use crate::fmt::rfc3339;
use crate::outreach::consents::{self, ConsentInput, ConsentView};
use crate::outreach::queue::{self, OutreachResult, Targets};
use crate::state::AppState;
use crate::timeline::bad_param;
use axum::extract::{Path, State};
use clienteling_domain::Invalid;
use clienteling_domain::outreach::{Channel, OutboxStatus, OutreachSettings};
use clienteling_store::{OutboxMessage, OutboxQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(send))
        .routes(routes!(get_outreach))
        .routes(routes!(list_outbox))
        .routes(routes!(get_settings, put_settings))
        .routes(routes!(get_consents, put_consents))
}

/// A client book's current filter.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookFilter {
    /// Book number, e.g. `CB-000001`.
    pub book: String,
    /// The filter as in `GET /client-books/{id}/customers`, e.g. `event=birthday&within_days=30`.
    #[serde(default)]
    pub query: String,
}

/// What to send to whom.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutreachInput {
    /// Template id.
    pub template: String,
    /// `email`, `sms` or `whatsapp`.
    pub channel: Channel,
    /// Accounts (1..=500); or give `filter`.
    pub accounts: Option<Vec<String>>,
    /// Every customer of a book matching a filter (at most 500).
    pub filter: Option<BookFilter>,
}

/// One message of an outreach or of the outbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageView {
    /// Outbox id (the idempotency key).
    pub id: String,
    /// The outreach it belongs to.
    pub outreach: String,
    /// Customer account.
    pub account: String,
    /// Channel.
    pub channel: Channel,
    /// `queued`, `claimed`, `sending`, `sent`, `failed` (retried) or `dead`.
    pub status: OutboxStatus,
    /// Delivery attempts.
    pub attempts: i32,
    /// The last error.
    pub last_error: Option<String>,
    /// Template version used.
    pub template_version: Option<i32>,
    /// Not before (RFC 3339): quiet hours or the next retry.
    pub not_before: String,
    /// Queued at (RFC 3339).
    pub created_at: String,
    /// Delivered at (RFC 3339).
    pub sent_at: Option<String>,
}

impl From<OutboxMessage> for MessageView {
    fn from(m: OutboxMessage) -> Self {
        MessageView {
            id: m.id.to_string(),
            outreach: m.outreach.to_string(),
            account: m.account,
            channel: m.channel,
            status: m.status,
            attempts: m.attempts,
            last_error: m.last_error,
            template_version: m.template.map(|t| t.1),
            not_before: rfc3339(m.not_before),
            created_at: rfc3339(m.created_at),
            sent_at: m.sent_at.map(rfc3339),
        }
    }
}

/// Outbox filters and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OutboxParams {
    /// Only this status.
    pub status: Option<String>,
    /// Page size (1..=500, default 50).
    pub limit: Option<u32>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// Send a template to accounts or to a client book's current filter. Each
/// customer gets a result: `queued` (rendered now, delivered by the worker;
/// `held_until` when quiet hours hold it), `no_consent`, `guard`,
/// `no_address`, `not_found` or `invalid`.
#[utoipa::path(post, path = "/outreach", tag = "outreach", request_body = OutreachInput,
    responses((status = 200, body = OutreachResult), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn send(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Json(input): Json<OutreachInput>,
) -> ApiResult<axum::Json<OutreachResult>> {
    let targets = match (input.accounts, input.filter) {
        (Some(a), None) => Targets::Accounts(a),
        (None, Some(f)) => Targets::Filter {
            book: f.book,
            query: f.query,
        },
        _ => return Err(Invalid::field("/accounts", "give either accounts or filter").into()),
    };
    let r = queue::send(&state, &who, &input.template, input.channel, &targets).await?;
    Ok(axum::Json(r))
}

/// The messages of one outreach and where each stands.
#[utoipa::path(get, path = "/outreach/{id}", tag = "outreach",
    params(("id" = String, Path, description = "Outreach id")),
    responses((status = 200, body = Vec<MessageView>), (status = 404, body = Problem)))]
async fn get_outreach(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<Vec<MessageView>>> {
    let id = Uuid::parse_str(&id).map_err(|_| ApiError::NotFound("outreach".into()))?;
    let q = OutboxQuery {
        outreach: Some(id),
        limit: 1000,
        ..OutboxQuery::default()
    };
    let rows = state.store.list_outbox(who.company, &q).await?;
    if rows.is_empty() {
        return Err(ApiError::NotFound("outreach".into()));
    }
    Ok(axum::Json(rows.into_iter().map(Into::into).collect()))
}

/// The outbox, oldest first, optionally by status (`dead` lists dead letters).
#[utoipa::path(get, path = "/outbox", tag = "outreach", params(OutboxParams),
    responses((status = 200, body = Page<MessageView>), (status = 400, body = Problem), (status = 403, body = Problem)))]
async fn list_outbox(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Query(p): Query<OutboxParams>,
) -> ApiResult<axum::Json<Page<MessageView>>> {
    let limit = page::limit(p.limit)?;
    let status = p
        .status
        .as_deref()
        .map(|s| OutboxStatus::parse(s).ok_or_else(|| bad_param("status", "unknown status")))
        .transpose()?;
    let q = OutboxQuery {
        status,
        outreach: None,
        after: page::decode::<Uuid>(p.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = state.store.list_outbox(who.company, &q).await?;
    Ok(axum::Json(page::paginate(
        rows,
        limit,
        |m| m.id,
        Into::into,
    )))
}

/// The outreach settings: SMTP server, SMS/WhatsApp webhook, guard and quiet hours.
#[utoipa::path(get, path = "/outreach-settings", tag = "outreach",
    responses((status = 200, body = OutreachSettings), (status = 403, body = Problem)))]
async fn get_settings(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<OutreachSettings>> {
    Ok(axum::Json(queue::settings(&state, &who).await?))
}

/// Replace the outreach settings (secrets are named, never stored). Audited.
#[utoipa::path(put, path = "/outreach-settings", tag = "outreach", request_body = OutreachSettings,
    responses((status = 200, body = OutreachSettings), (status = 422, body = Problem)))]
async fn put_settings(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(input): Json<OutreachSettings>,
) -> ApiResult<axum::Json<OutreachSettings>> {
    crate::outreach::settings::save(&state, &who, &input).await?;
    Ok(axum::Json(input))
}

/// The customer's consent per channel.
#[utoipa::path(get, path = "/customers/{account}/consents", tag = "outreach",
    params(("account" = String, Path, description = "Account number")),
    responses((status = 200, body = Vec<ConsentView>), (status = 404, body = Problem)))]
async fn get_consents(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewCustomers>,
    Path(account): Path<String>,
) -> ApiResult<axum::Json<Vec<ConsentView>>> {
    Ok(axum::Json(consents::list(&state, &who, &account).await?))
}

/// Set consent for the channels given (opt-in or out, with its source; the
/// date is now). Other channels stay. Audited.
#[utoipa::path(put, path = "/customers/{account}/consents", tag = "outreach", request_body = Vec<ConsentInput>,
    params(("account" = String, Path, description = "Account number")),
    responses((status = 200, body = Vec<ConsentView>), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn put_consents(
    State(state): State<AppState>,
    Can(who, _): Can<perm::EditCustomers>,
    Path(account): Path<String>,
    Json(input): Json<Vec<ConsentInput>>,
) -> ApiResult<axum::Json<Vec<ConsentView>>> {
    Ok(axum::Json(
        consents::put(&state, &who, &account, &input).await?,
    ))
}
