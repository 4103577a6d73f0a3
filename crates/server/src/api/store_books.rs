//! Store client books: the customers in the books of associates whose
//! address books intersect the store's, with refiners (view_store_client_books).

use crate::api::page::Page;
use crate::books::{self, Card, Refiner};
use crate::error::{ApiError, ApiResult, Problem, not_found};
use crate::extract::{Can, perm};
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use clienteling_domain::Permission;
use clienteling_domain::settings::Settings;
use clienteling_store::{BookScope, Principal};
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(store_customers))
        .routes(routes!(store_refiners))
}

/// The store `code` (any case, or its id), if `who` works there or is HQ:
/// 404 for no such store, 403 for another store. The UI's store book page
/// asks the same.
pub(crate) async fn visible_store(
    state: &AppState,
    who: &Principal,
    code: &str,
) -> ApiResult<clienteling_domain::org::Store> {
    let store = state
        .store
        .find_store(who.company, code)
        .await
        .map_err(not_found("store"))?;
    if !who.can(Permission::ManageSetup) {
        let me = state.store.associate(who.company, who.associate).await?;
        if !me.stores.iter().any(|s| s == store.code.as_str()) {
            return Err(ApiError::Forbidden("working at this store".into()));
        }
    }
    Ok(store)
}

/// What both store-book reads need: the settings (409 while clienteling is
/// off), the store's scope (403/404 as [`visible_store`]) and the query pairs.
async fn store_read(
    state: &AppState,
    who: &Principal,
    id: &str,
    q: Option<&str>,
) -> ApiResult<(Settings, BookScope, Vec<(String, String)>)> {
    let s = books::enabled_settings(state, who.company).await?;
    let store = visible_store(state, who, id).await?;
    Ok((s, BookScope::Stores(vec![store.id]), books::query_pairs(q)))
}

/// The store client book: customers in the books of associates whose
/// address books intersect the store's.
#[utoipa::path(get, path = "/stores/{id}/client-book/customers", tag = "client books", params(("id" = String, Path, description = "Store code or id")),
    responses((status = 200, body = Page<Card>), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn store_customers(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewStoreClientBooks>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<axum::Json<Page<Card>>> {
    let (s, scope, pairs) = store_read(&state, &who, &id, q.as_deref()).await?;
    let page = books::card_page(&state, (who.company, &s), &scope, &pairs).await?;
    Ok(axum::Json(page))
}

/// Refiners of the store client book.
#[utoipa::path(get, path = "/stores/{id}/client-book/refiners", tag = "client books", params(("id" = String, Path, description = "Store code or id")),
    responses((status = 200, body = Vec<Refiner>), (status = 403, body = Problem)))]
async fn store_refiners(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewStoreClientBooks>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<axum::Json<Vec<Refiner>>> {
    let (s, scope, pairs) = store_read(&state, &who, &id, q.as_deref()).await?;
    let refiners = books::refiners(&state, (who.company, &s), &scope, &pairs).await?;
    Ok(axum::Json(refiners))
}
