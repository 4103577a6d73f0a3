//! Choosing the store to work at, from a list: the store shown in the header
//! links here; an associate of several stores picks one and continues in a
//! new session for that store (the old session ends). Sign-in through the
//! API is unchanged (its optional `store` field).

use super::{Nav, UiAuth, check_csrf, localised, page_error, render};
use crate::auth::session;
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use clienteling_domain::org::Store;
use clienteling_store::Principal;
use serde::Deserialize;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/session/store", get(show).post(switch))
}

#[derive(Template)]
#[template(path = "store_switch.html")]
struct SwitchPage {
    /// `(code, name, current)`.
    stores: Vec<(String, String, bool)>,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(SwitchPage);

/// The stores `who` works at.
async fn my_stores(state: &AppState, who: &Principal) -> Result<Vec<Store>, ApiError> {
    let me = state.store.associate(who.company, who.associate).await?;
    Ok(state
        .store
        .list_stores(who.company)
        .await?
        .into_iter()
        .filter(|s| me.stores.iter().any(|c| c == s.code.as_str()))
        .collect())
}

async fn show(State(state): State<AppState>, UiAuth(who): UiAuth) -> Response {
    match my_stores(&state, &who).await {
        Ok(stores) => render(&SwitchPage {
            stores: stores
                .into_iter()
                .map(|s| {
                    let current = who.store == Some(s.id);
                    (s.code.to_string(), s.name.to_string(), current)
                })
                .collect(),
            csrf_token: who.csrf_token.clone(),
            csrf: Some(who.csrf_token.clone()),
            nav: Some(Nav::new(&who, "store_switch")),
            tr: Tr::of(&who),
        }),
        Err(e) => page_error(e, Some(Nav::new(&who, "store_switch"))),
    }
}

#[derive(Deserialize)]
struct SwitchForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    store: String,
}

async fn switch(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    headers: HeaderMap,
    Form(f): Form<SwitchForm>,
) -> Response {
    if let Err(r) = check_csrf(&who, f.csrf.as_deref()) {
        return r;
    }
    let nav = || Some(Nav::new(&who, "store_switch"));
    let store = match my_stores(&state, &who).await {
        Ok(list) => list.into_iter().find(|s| s.code.as_str() == f.store),
        Err(e) => return page_error(e, nav()),
    };
    let Some(store) = store else {
        let e = clienteling_domain::Invalid::field("/store", "is not one of your stores");
        return page_error(e.into(), nav());
    };
    let (token, _) = match session::open(&state, who.associate, who.company, Some(store.id)).await {
        Ok(t) => t,
        Err(e) => return page_error(e, nav()),
    };
    if let Some((old, _)) = crate::extract::request_token(&headers)
        && let Err(e) = state.store.delete_session(&session::token_hash(&old)).await
    {
        return page_error(e.into(), nav());
    }
    let detail = serde_json::json!({"store": store.code});
    crate::audit::record(
        &state,
        &who,
        "session.store",
        crate::audit::Outcome::Ok,
        None,
        detail,
    )
    .await;
    let cookie = session::cookie(&token, state.config.session_ttl.as_secs());
    ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()
}
