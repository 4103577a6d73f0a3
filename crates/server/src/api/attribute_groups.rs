//! HQ setup of client-book attributes: `GET|POST /attribute-groups`,
//! `GET|PATCH|DELETE /attribute-groups/{id}` (manage_setup).

use crate::audit::{self, Outcome};
use crate::error::{ApiError, ApiResult, Problem, not_found};
use crate::extract::{Can, Json, perm};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use clienteling_domain::Invalid;
use clienteling_domain::attributes::{AttributeGroup, AttributeInput, parse_attributes};
use clienteling_domain::ids::AttributeGroupId;
use clienteling_domain::text::Name;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_groups, create_group))
        .routes(routes!(get_group, update_group, delete_group))
}

/// A new attribute group.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupInput {
    /// Name, unique in the company.
    pub name: String,
    /// Attributes.
    #[serde(default)]
    pub attributes: Vec<AttributeInput>,
}

/// Changes to a group: rename and/or replace the attribute list (matched by name).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupChange {
    /// New name.
    pub name: Option<String>,
    /// The full new attribute list.
    pub attributes: Option<Vec<AttributeInput>>,
}

fn group_id(id: &str) -> ApiResult<AttributeGroupId> {
    id.parse()
        .map_err(|_| ApiError::NotFound("attribute group".into()))
}

fn parse_name(s: &str) -> ApiResult<String> {
    Name::parse(s)
        .map(|n| n.as_str().to_owned())
        .map_err(|e| Invalid::field("/name", e.to_string()).into())
}

/// All attribute groups.
#[utoipa::path(get, path = "/attribute-groups", tag = "setup", responses((status = 200, body = Vec<AttributeGroup>), (status = 403, body = Problem)))]
async fn list_groups(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<Vec<AttributeGroup>>> {
    Ok(axum::Json(
        state.store.list_attribute_groups(who.company).await?,
    ))
}

/// Create a group.
#[utoipa::path(post, path = "/attribute-groups", tag = "setup", request_body = GroupInput,
    responses((status = 201, body = AttributeGroup), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_group(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(input): Json<GroupInput>,
) -> ApiResult<(StatusCode, axum::Json<AttributeGroup>)> {
    let name = parse_name(&input.name)?;
    let attrs = parse_attributes(&input.attributes, "/attributes")?;
    let g = state
        .store
        .create_attribute_group(who.company, &name, &attrs)
        .await?;
    audit::record(
        &state,
        &who,
        "attribute_group.create",
        Outcome::Ok,
        None,
        serde_json::json!({"group": g.id}),
    )
    .await;
    Ok((StatusCode::CREATED, axum::Json(g)))
}

/// One group.
#[utoipa::path(get, path = "/attribute-groups/{id}", tag = "setup", params(("id" = String, Path, description = "Group id")),
    responses((status = 200, body = AttributeGroup), (status = 404, body = Problem)))]
async fn get_group(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<AttributeGroup>> {
    let g = state
        .store
        .attribute_group(who.company, group_id(&id)?)
        .await
        .map_err(not_found("attribute group"))?;
    Ok(axum::Json(g))
}

/// Rename a group or replace its attributes. Attributes keep their values
/// when kept by name and kind; a changed kind or a removed attribute drops them.
#[utoipa::path(patch, path = "/attribute-groups/{id}", tag = "setup", request_body = GroupChange, params(("id" = String, Path, description = "Group id")),
    responses((status = 200, body = AttributeGroup), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_group(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Path(id): Path<String>,
    Json(change): Json<GroupChange>,
) -> ApiResult<axum::Json<AttributeGroup>> {
    let id = group_id(&id)?;
    let name = change.name.as_deref().map(parse_name).transpose()?;
    let attrs = change
        .attributes
        .as_deref()
        .map(|a| parse_attributes(a, "/attributes"))
        .transpose()?;
    let before = state
        .store
        .attribute_group(who.company, id)
        .await
        .map_err(not_found("attribute group"))?;
    let g = state
        .store
        .update_attribute_group(who.company, id, name.as_deref(), attrs.as_deref())
        .await
        .map_err(not_found("attribute group"))?;
    crate::service::rename_in_settings(&state, who.company, &before.name, &g.name).await?;
    audit::record(
        &state,
        &who,
        "attribute_group.update",
        Outcome::Ok,
        None,
        serde_json::json!({"group": g.id}),
    )
    .await;
    Ok(axum::Json(g))
}

/// Delete a group and its values. The selected group cannot be deleted.
#[utoipa::path(delete, path = "/attribute-groups/{id}", tag = "setup", params(("id" = String, Path, description = "Group id")),
    responses((status = 204), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn delete_group(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = group_id(&id)?;
    let g = state
        .store
        .attribute_group(who.company, id)
        .await
        .map_err(not_found("attribute group"))?;
    if state
        .store
        .settings(who.company)
        .await?
        .attribute_group
        .as_deref()
        == Some(g.name.as_str())
    {
        return Err(ApiError::Conflict(
            "this group is selected in settings; select another first".into(),
        ));
    }
    state
        .store
        .delete_attribute_group(who.company, id)
        .await
        .map_err(not_found("attribute group"))?;
    audit::record(
        &state,
        &who,
        "attribute_group.delete",
        Outcome::Ok,
        None,
        serde_json::json!({"group": id}),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}
