//! Customers: search (scoped by the current store's address books), create,
//! read and update.

use super::page::{self, Page};
use crate::error::{ApiResult, Problem, not_found};
use crate::extract::{Can, Json, Query, perm};
use crate::service;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use clienteling_domain::customer::{Customer, RawCustomer};
use clienteling_store::CustomerCursor;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search, create))
        .routes(routes!(get_customer, update))
}

/// Customer fields as sent by a client; on update, absent fields stay and
/// `""` clears an optional one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerInput {
    /// Account number (create only).
    pub account: Option<String>,
    /// Given name.
    pub first_name: Option<String>,
    /// Family name.
    pub last_name: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Street.
    pub street: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
    /// Address-book codes (default on create: the current store's).
    pub address_books: Option<Vec<String>>,
    /// Consent to clienteling.
    pub consent: Option<bool>,
    /// Where consent was collected.
    pub consent_source: Option<String>,
    /// Id at an external insights provider.
    pub alternate_id: Option<String>,
}

impl From<CustomerInput> for RawCustomer {
    fn from(i: CustomerInput) -> Self {
        RawCustomer {
            account: i.account,
            first_name: i.first_name,
            last_name: i.last_name,
            email: i.email,
            phone: i.phone,
            street: i.street,
            postal_code: i.postal_code,
            city: i.city,
            country: i.country,
            address_books: i.address_books,
            consent: i.consent,
            consent_source: i.consent_source,
            alternate_id: i.alternate_id,
        }
    }
}

/// Search parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// Text in name, e-mail, phone or account.
    pub q: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Cursor.
    pub cursor: Option<String>,
}

/// Search customers in the current store's address books, ordered by last name, first name, account.
#[utoipa::path(get, path = "/customers", tag = "customers", params(SearchParams),
    responses((status = 200, body = Page<Customer>), (status = 403, body = Problem)))]
async fn search(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewCustomers>,
    Query(p): Query<SearchParams>,
) -> ApiResult<axum::Json<Page<Customer>>> {
    let limit = page::limit(p.limit)?;
    let after = page::decode::<CustomerCursor>(p.cursor.as_deref())?;
    let rows = service::search_customers(&state, &who, p.q, after, limit).await?;
    Ok(axum::Json(rows))
}

/// Create a customer.
#[utoipa::path(post, path = "/customers", tag = "customers", request_body = CustomerInput,
    responses((status = 201, body = Customer), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create(
    State(state): State<AppState>,
    Can(who, _): Can<perm::EditCustomers>,
    Json(input): Json<CustomerInput>,
) -> ApiResult<(StatusCode, axum::Json<Customer>)> {
    let c = service::create_customer(&state, &who, input.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(c)))
}

/// One customer by account number.
#[utoipa::path(get, path = "/customers/{account}", tag = "customers",
    params(("account" = String, Path, description = "Account number")),
    responses((status = 200, body = Customer), (status = 404, body = Problem)))]
async fn get_customer(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewCustomers>,
    Path(account): Path<String>,
) -> ApiResult<axum::Json<Customer>> {
    let c = state
        .store
        .customer_by_account(who.company, &account)
        .await
        .map_err(not_found("customer"))?;
    Ok(axum::Json(c))
}

/// Change a customer.
#[utoipa::path(patch, path = "/customers/{account}", tag = "customers", request_body = CustomerInput,
    params(("account" = String, Path, description = "Account number")),
    responses((status = 200, body = Customer), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update(
    State(state): State<AppState>,
    Can(who, _): Can<perm::EditCustomers>,
    Path(account): Path<String>,
    Json(input): Json<CustomerInput>,
) -> ApiResult<axum::Json<Customer>> {
    let c = service::update_customer(&state, &who, &account, input.into()).await?;
    Ok(axum::Json(c))
}
