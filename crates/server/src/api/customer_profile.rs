//! A customer's client-book attributes, client card and measures.

use crate::audit::{self, Outcome};
use crate::books;
use crate::error::{ApiResult, Problem, not_found};
use crate::extract::{Can, Json, perm};
use crate::state::AppState;
use axum::extract::{Path, State};
use clienteling_domain::error::Collector;
use clienteling_store::MeasureRow;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_attributes, put_attributes))
        .routes(routes!(get_card))
        .routes(routes!(get_measures))
}

/// A customer's attribute values by attribute name (selected group only).
async fn attribute_map(
    state: &AppState,
    who: &clienteling_store::Principal,
    account: &str,
) -> ApiResult<Map<String, Value>> {
    let s = state.store.settings(who.company).await?;
    let attrs = books::selected_attributes(state, who.company, &s).await?;
    let c = state
        .store
        .customer_by_account(who.company, account)
        .await
        .map_err(not_found("customer"))?;
    let values = state.store.customer_attributes(&[c.id]).await?;
    Ok(attrs
        .iter()
        .map(|a| {
            let v = values
                .iter()
                .find(|(_, id, _)| *id == a.id)
                .map(|(_, _, v)| v.to_json(a.kind))
                .unwrap_or(Value::Null);
            (a.name.clone(), v)
        })
        .collect())
}

/// The customer's values of the selected group's attributes (`null` when unset).
#[utoipa::path(get, path = "/customers/{account}/attributes", tag = "customers", params(("account" = String, Path, description = "Account number")),
    responses((status = 200, body = Object), (status = 404, body = Problem)))]
async fn get_attributes(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewCustomers>,
    Path(account): Path<String>,
) -> ApiResult<axum::Json<Map<String, Value>>> {
    Ok(axum::Json(attribute_map(&state, &who, &account).await?))
}

/// Set attribute values: `{"<attribute name>": value, ...}`, typed and
/// validated against the selected group; `null` clears a value.
#[utoipa::path(put, path = "/customers/{account}/attributes", tag = "customers", request_body = Object,
    params(("account" = String, Path, description = "Account number")),
    responses((status = 200, body = Object), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn put_attributes(
    State(state): State<AppState>,
    Can(who, _): Can<perm::EditCustomers>,
    Path(account): Path<String>,
    Json(body): Json<Map<String, Value>>,
) -> ApiResult<axum::Json<Map<String, Value>>> {
    let s = state.store.settings(who.company).await?;
    let attrs = books::selected_attributes(&state, who.company, &s).await?;
    let c = state
        .store
        .customer_by_account(who.company, &account)
        .await
        .map_err(not_found("customer"))?;
    let mut col = Collector::default();
    let mut values = Vec::with_capacity(body.len());
    for (name, v) in &body {
        let ptr = format!("/{name}");
        match attrs.iter().find(|a| &a.name == name) {
            None => col.push(&ptr, "no such attribute in the selected group"),
            Some(a) => {
                if let Some(parsed) = col.take(&ptr, a.parse_value(v)) {
                    values.push((a.id, parsed));
                }
            }
        }
    }
    col.finish()?;
    state.store.set_customer_attributes(c.id, &values).await?;
    let names: Vec<&String> = body.keys().collect();
    audit::record(
        &state,
        &who,
        "customer.attributes",
        Outcome::Ok,
        Some(&account),
        serde_json::json!({"fields": names}),
    )
    .await;
    Ok(axum::Json(attribute_map(&state, &who, &account).await?))
}

/// The client card: contact information and three slots (configured measures
/// first, then attributes by display order).
#[utoipa::path(get, path = "/customers/{account}/card", tag = "customers", params(("account" = String, Path, description = "Account number")),
    responses((status = 200, body = books::Card), (status = 404, body = Problem)))]
async fn get_card(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewCustomers>,
    Path(account): Path<String>,
) -> ApiResult<axum::Json<books::Card>> {
    let s = state.store.settings(who.company).await?;
    let attrs = books::selected_attributes(&state, who.company, &s).await?;
    let c = state
        .store
        .customer_by_account(who.company, &account)
        .await
        .map_err(not_found("customer"))?;
    let data = books::card_data(&state, std::slice::from_ref(&c), &s.card_measures).await?;
    Ok(axum::Json(books::card(&c, &data, &s, &attrs)))
}

/// One measure of a customer.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureItem {
    /// Measure name.
    pub measure: String,
    /// Numeric value.
    pub value: Option<f64>,
    /// Label value.
    pub label: Option<String>,
    /// Formatted for display.
    pub display: Option<String>,
    /// One-line explanation.
    pub explanation: Option<String>,
    /// When computed (RFC 3339).
    pub computed_at: String,
}

impl From<MeasureRow> for MeasureItem {
    fn from(m: MeasureRow) -> Self {
        MeasureItem {
            display: books::measure_text(&m),
            measure: m.measure,
            value: m.value_num,
            label: m.value_text,
            explanation: m.explanation,
            computed_at: crate::fmt::rfc3339(m.computed_at),
        }
    }
}

/// The customer's measures with one-line explanations.
#[utoipa::path(get, path = "/customers/{account}/measures", tag = "customers", params(("account" = String, Path, description = "Account number")),
    responses((status = 200, body = Vec<MeasureItem>), (status = 404, body = Problem)))]
async fn get_measures(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewCustomers>,
    Path(account): Path<String>,
) -> ApiResult<axum::Json<Vec<MeasureItem>>> {
    let c = state
        .store
        .customer_by_account(who.company, &account)
        .await
        .map_err(not_found("customer"))?;
    let rows = state.store.measures_of(&[c.id]).await?;
    Ok(axum::Json(rows.into_iter().map(Into::into).collect()))
}
