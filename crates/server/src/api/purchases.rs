//! A customer's purchases: `GET` (view_customers), newest first and
//! cursor-paged, and `POST` (edit_customers) to record one by hand.

use super::page::{self, Page, PageParams};
use crate::error::{ApiResult, Problem};
use crate::extract::{Can, Json, Query, perm};
use crate::state::AppState;
use crate::timeline::purchases::{self, PurchaseItem};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use clienteling_domain::activity::RawPurchase;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_purchases, add_purchase))
}

/// A purchase to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PurchaseInput {
    /// When (RFC 3339; default now).
    pub at: Option<String>,
    /// Amount in minor units (cents), not negative.
    pub amount_minor: i64,
    /// ISO 4217 currency code, e.g. `EUR`.
    pub currency: String,
    /// Store code.
    pub store: Option<String>,
}

/// The customer's purchases, newest first.
#[utoipa::path(get, path = "/customers/{account}/purchases", tag = "customers",
    params(("account" = String, Path, description = "Account number"), PageParams),
    responses((status = 200, body = Page<PurchaseItem>), (status = 400, body = Problem), (status = 404, body = Problem)))]
async fn list_purchases(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewCustomers>,
    Path(account): Path<String>,
    Query(p): Query<PageParams>,
) -> ApiResult<axum::Json<Page<PurchaseItem>>> {
    let limit = page::limit(p.limit)?;
    let page =
        purchases::purchases_page(&state, &who, &account, p.cursor.as_deref(), limit).await?;
    Ok(axum::Json(page))
}

/// Record a purchase of the customer.
#[utoipa::path(post, path = "/customers/{account}/purchases", tag = "customers", request_body = PurchaseInput,
    params(("account" = String, Path, description = "Account number")),
    responses((status = 201, body = PurchaseItem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn add_purchase(
    State(state): State<AppState>,
    Can(who, _): Can<perm::EditCustomers>,
    Path(account): Path<String>,
    Json(input): Json<PurchaseInput>,
) -> ApiResult<(StatusCode, axum::Json<PurchaseItem>)> {
    let raw = RawPurchase {
        at: input.at,
        amount_minor: input.amount_minor,
        currency: input.currency,
        store: input.store,
    };
    let item = purchases::add_purchase(&state, &who, &account, &raw).await?;
    Ok((StatusCode::CREATED, axum::Json(item)))
}
