//! `GET /customers/{account}/export` and `DELETE /customers/{account}`
//! (export_erase_customer_data), both audited.

use crate::audit::{self, Outcome};
use crate::error::{ApiResult, Problem, not_found};
use crate::extract::{Can, perm};
use crate::privacy;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export))
        .routes(routes!(erase))
}

/// Everything held about the customer (for data-access requests), as a JSON download.
#[utoipa::path(get, path = "/customers/{account}/export", tag = "privacy", params(("account" = String, Path, description = "Account number")),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn export(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ExportEraseCustomerData>,
    Path(account): Path<String>,
) -> ApiResult<impl IntoResponse> {
    let doc = privacy::export(state.store.as_ref(), who.company, &account)
        .await
        .map_err(not_found("customer"))?;
    audit::record(
        &state,
        &who,
        "customer.export",
        Outcome::Ok,
        Some(&account),
        serde_json::json!({}),
    )
    .await;
    let disposition = format!(
        "attachment; filename=\"customer-{}.json\"",
        account.replace(['"', '\\'], "")
    );
    Ok((
        [(header::CONTENT_DISPOSITION, disposition)],
        axum::Json(doc),
    ))
}

/// Erase (anonymise) the customer's personal data; purchases stay for aggregates.
#[utoipa::path(delete, path = "/customers/{account}", tag = "privacy", params(("account" = String, Path, description = "Account number")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn erase(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ExportEraseCustomerData>,
    Path(account): Path<String>,
) -> ApiResult<StatusCode> {
    let report = privacy::erase(state.store.as_ref(), who.company, &account)
        .await
        .map_err(not_found("customer"))?;
    audit::record(
        &state,
        &who,
        "customer.erase",
        Outcome::Ok,
        Some(&account),
        serde_json::to_value(&report).unwrap_or_default(),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}
