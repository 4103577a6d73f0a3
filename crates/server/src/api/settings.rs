//! `GET|PUT /settings` (manage_setup).

use crate::error::{ApiResult, Problem};
use crate::extract::{Can, Json, perm};
use crate::state::AppState;
use axum::extract::State;
use clienteling_domain::settings::Settings;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_settings, put_settings))
}

/// The company's settings.
#[utoipa::path(get, path = "/settings", tag = "setup", responses((status = 200, body = Settings), (status = 403, body = Problem)))]
async fn get_settings(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<Settings>> {
    Ok(axum::Json(state.store.settings(who.company).await?))
}

/// Replace the company's settings. Enabling an external insights provider
/// checks it first and stays off with a 422 if the check fails.
#[utoipa::path(put, path = "/settings", tag = "setup", request_body = Settings,
    responses((status = 200, body = Settings), (status = 400, body = Problem), (status = 422, body = Problem)))]
async fn put_settings(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(new): Json<Settings>,
) -> ApiResult<axum::Json<Settings>> {
    crate::service::save_settings(&state, &who, &new).await?;
    Ok(axum::Json(state.store.settings(who.company).await?))
}
