//! `GET|PUT /settings` (manage_setup).

use crate::audit::{self, Outcome};
use crate::error::{ApiResult, Problem};
use crate::extract::{Can, Json, perm};
use crate::state::AppState;
use axum::extract::State;
use clienteling_domain::Invalid;
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
    new.validate()?;
    if let Some(group) = &new.attribute_group {
        let groups = state.store.list_attribute_groups(who.company).await?;
        if !groups.iter().any(|g| &g.name == group) {
            let msg = format!("no attribute group named {group:?}");
            return Err(Invalid::field("/attribute_group", msg).into());
        }
    }
    let old = state.store.settings(who.company).await?;
    if new.insights != old.insights {
        crate::provider::check(&new.insights).await?;
    }
    state.store.put_settings(who.company, &new).await?;
    let detail = serde_json::json!({ "clienteling_enabled": new.clienteling_enabled });
    audit::record(&state, &who, "settings.update", Outcome::Ok, None, detail).await;
    Ok(axum::Json(state.store.settings(who.company).await?))
}
