//! Message templates: listed, read and previewed by whoever may send
//! outreach (log_activities); created and changed by HQ (manage_setup).
//! Every change is a new version; the versions are kept.

use crate::error::{ApiResult, Problem};
use crate::extract::{Can, Json, perm};
use crate::outreach::render::Rendered;
use crate::outreach::templates::{
    self, PreviewInput, TemplateChange, TemplateInput, TemplateView, VersionView,
};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_templates, create_template))
        .routes(routes!(get_template, update_template))
        .routes(routes!(template_versions))
        .routes(routes!(preview_template))
}

/// Every message template at its current version, by code and language.
#[utoipa::path(get, path = "/message-templates", tag = "outreach",
    responses((status = 200, body = Vec<TemplateView>), (status = 403, body = Problem)))]
async fn list_templates(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
) -> ApiResult<axum::Json<Vec<TemplateView>>> {
    let rows = state.store.list_templates(who.company).await?;
    Ok(axum::Json(rows.into_iter().map(Into::into).collect()))
}

/// Create a template. It must compile and render for a sample customer
/// (unknown variables, endless loops and multi-line subjects are 422 at the field).
#[utoipa::path(post, path = "/message-templates", tag = "outreach", request_body = TemplateInput,
    responses((status = 201, body = TemplateView), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_template(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(input): Json<TemplateInput>,
) -> ApiResult<(StatusCode, axum::Json<TemplateView>)> {
    let t = templates::create(&state, &who, input).await?;
    Ok((StatusCode::CREATED, axum::Json(t)))
}

/// One template at its current version.
#[utoipa::path(get, path = "/message-templates/{id}", tag = "outreach",
    params(("id" = String, Path, description = "Template id")),
    responses((status = 200, body = TemplateView), (status = 404, body = Problem)))]
async fn get_template(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<TemplateView>> {
    Ok(axum::Json(templates::get(&state, &who, &id).await?.into()))
}

/// Change a template: stores a new version (checked like a new template).
#[utoipa::path(patch, path = "/message-templates/{id}", tag = "outreach", request_body = TemplateChange,
    params(("id" = String, Path, description = "Template id")),
    responses((status = 200, body = TemplateView), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn update_template(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Path(id): Path<String>,
    Json(input): Json<TemplateChange>,
) -> ApiResult<axum::Json<TemplateView>> {
    Ok(axum::Json(
        templates::update(&state, &who, &id, input).await?,
    ))
}

/// Every version of a template, newest first.
#[utoipa::path(get, path = "/message-templates/{id}/versions", tag = "outreach",
    params(("id" = String, Path, description = "Template id")),
    responses((status = 200, body = Vec<VersionView>), (status = 404, body = Problem)))]
async fn template_versions(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<Vec<VersionView>>> {
    Ok(axum::Json(templates::versions(&state, &who, &id).await?))
}

/// Render the template (or unsaved `subject`/`body`) for a customer
/// (`account`) or a sample customer. Nothing is stored or sent.
#[utoipa::path(post, path = "/message-templates/{id}/preview", tag = "outreach", request_body = PreviewInput,
    params(("id" = String, Path, description = "Template id")),
    responses((status = 200, body = Rendered), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn preview_template(
    State(state): State<AppState>,
    Can(who, _): Can<perm::LogActivities>,
    Path(id): Path<String>,
    Json(input): Json<PreviewInput>,
) -> ApiResult<axum::Json<Rendered>> {
    let t = templates::get(&state, &who, &id).await?;
    Ok(axum::Json(
        templates::preview(&state, &who, Some(&t), &input).await?,
    ))
}
