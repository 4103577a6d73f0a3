//! HQ page for activity types: add, rename, activate/deactivate, delete.

use super::{Nav, UiAuth, allow, guard, localised, page_error, render};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::timeline::types;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use clienteling_domain::Permission;
use clienteling_domain::activity::ActivityTypePatch;
use clienteling_store::Principal;
use serde::Deserialize;
use std::collections::HashMap;

/// Activity type routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/setup/activity-types", get(show).post(create))
        .route("/setup/activity-types/{code}", post(change))
}

#[derive(Template, Default)]
#[template(path = "activity_types.html")]
struct Page {
    types: Vec<(String, String, bool)>,
    notice: Option<String>,
    problem: Option<String>,
    form_code: String,
    form_name: String,
    code_error: Option<String>,
    name_error: Option<String>,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(Page);

async fn page(state: &AppState, who: &Principal) -> Result<Page, ApiError> {
    let list = types::activity_types(state, who).await?;
    Ok(Page {
        types: list
            .into_iter()
            .map(|t| (t.code.to_string(), t.name.to_string(), t.active))
            .collect(),
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "activity_types")),
        tr: Tr::of(who),
        ..Default::default()
    })
}

#[derive(Deserialize)]
struct Notice {
    saved: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(q): Query<Notice>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "activity_types").await {
        return r;
    }
    match page(&state, &who).await {
        Ok(mut p) => {
            p.notice = q.saved.map(|_| p.tr.t("saved"));
            render(&p)
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "activity_types"))),
    }
}

/// Show the page again with a problem (422 for field errors, 409 for conflicts).
async fn again(
    state: &AppState,
    who: &Principal,
    e: ApiError,
    f: &HashMap<String, String>,
) -> Response {
    let mut p = match page(state, who).await {
        Ok(p) => p,
        Err(e) => return page_error(e, Some(Nav::new(who, "activity_types"))),
    };
    let status = e.status();
    let tr = p.tr;
    match e {
        ApiError::Invalid(i) => {
            let err = |ptr: &str| {
                i.0.iter()
                    .find(|x| x.pointer == ptr)
                    .map(|x| tr.message(&x.message))
            };
            p.code_error = err("/code");
            p.name_error = err("/name");
            p.problem = Some(tr.t("correct-fields"));
        }
        ApiError::Conflict(msg) => p.problem = Some(tr.message(&msg)),
        other => return page_error(other, Some(Nav::new(who, "activity_types"))),
    }
    p.form_code = f.get("code").cloned().unwrap_or_default();
    p.form_name = f.get("name").cloned().unwrap_or_default();
    (status, render(&p)).into_response()
}

async fn create(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::ManageSetup,
        "activity_types",
    )
    .await
    {
        return r;
    }
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    match types::create_activity_type(&state, &who, &get("code"), &get("name"), Some(true)).await {
        Ok(_) => Redirect::to("/setup/activity-types?saved=1").into_response(),
        Err(e) => again(&state, &who, e, &f).await,
    }
}

async fn change(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(code): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::ManageSetup,
        "activity_types",
    )
    .await
    {
        return r;
    }
    let op = f.get("op").map(String::as_str).unwrap_or("rename");
    let result = match op {
        "delete" => types::delete_activity_type(&state, &who, &code).await,
        _ => {
            let active = match op {
                "activate" => Some(true),
                "deactivate" => Some(false),
                _ => None,
            };
            let name = (op == "rename")
                .then(|| f.get("name").map(String::as_str))
                .flatten();
            match ActivityTypePatch::parse(None, name, active) {
                Ok(patch) => types::update_activity_type(&state, &who, &code, &patch)
                    .await
                    .map(|_| ()),
                Err(i) => Err(i.into()),
            }
        }
    };
    match result {
        Ok(()) => Redirect::to("/setup/activity-types?saved=1").into_response(),
        Err(e) if e.status() == StatusCode::NOT_FOUND => {
            page_error(e, Some(Nav::new(&who, "activity_types")))
        }
        Err(e) => again(&state, &who, e, &HashMap::new()).await,
    }
}
