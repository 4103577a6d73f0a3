//! `GET /me`: who am I, where, and what may I do.

use crate::error::ApiResult;
use crate::extract::Auth;
use crate::state::AppState;
use axum::extract::State;
use clienteling_domain::Permission;
use clienteling_domain::org::{Associate, Company, Store};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// The signed-in associate's context.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// The associate.
    pub associate: Associate,
    /// Their company.
    pub company: Company,
    /// Stores they work at.
    pub stores: Vec<Store>,
    /// Code of the store chosen at sign-in.
    pub current_store: Option<String>,
    /// What their role allows.
    pub permissions: Vec<Permission>,
}

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(me))
}

/// The signed-in associate, company, stores and permissions. Any signed-in associate may ask.
#[utoipa::path(get, path = "/me", tag = "auth", responses((status = 200, body = Me)))]
async fn me(State(state): State<AppState>, Auth(who): Auth) -> ApiResult<axum::Json<Me>> {
    let associate = state.store.associate(who.company, who.associate).await?;
    let company = state.store.company_by_code(&who.company_code).await?;
    let stores: Vec<Store> = state
        .store
        .list_stores(who.company)
        .await?
        .into_iter()
        .filter(|s| associate.stores.iter().any(|c| c == s.code.as_str()))
        .collect();
    let current_store = stores
        .iter()
        .find(|s| Some(s.id) == who.store)
        .map(|s| s.code.to_string());
    Ok(axum::Json(Me {
        associate,
        company,
        stores,
        current_store,
        permissions: who.permissions,
    }))
}
