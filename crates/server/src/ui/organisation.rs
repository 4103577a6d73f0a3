//! HQ page for stores, address books, associates (role, stores, sign-in
//! access) and roles. Validation is the API's; errors show on the page.

use super::{Nav, UiAuth, allow, check_csrf, localised, page_error, render};
use crate::api::org::{AssociateChange, AssociateInput, parse_new_associate, parse_patch};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use clienteling_domain::error::Collector;
use clienteling_domain::text::{Code, Name};
use clienteling_domain::{FieldError, Permission};
use clienteling_store::Principal;
use serde::Deserialize;

/// Organisation routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/setup/organisation", get(show))
        .route("/setup/associates", post(add_associate))
        .route("/setup/associates/{id}", post(change_associate))
        .route("/setup/stores", post(add_store))
        .route("/setup/address-books", post(add_book))
}

struct AssociateRow {
    id: String,
    username: String,
    name: String,
    role: String,
    stores: Vec<String>,
    active: bool,
}

#[derive(Template, Default)]
#[template(path = "organisation.html")]
pub(super) struct Page {
    associates: Vec<AssociateRow>,
    stores: Vec<(String, String, String)>,
    books: Vec<(String, String)>,
    roles: Vec<(String, String)>,
    new_fields: Vec<(&'static str, String, Option<String>, String)>,
    notice: Option<String>,
    pub(super) problem: Option<String>,
    pub(super) role_form: super::roles::RoleForm,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(Page);

/// Fields of the new-associate form and their label keys.
const NEW_FIELDS: &[(&str, &str)] = &[
    ("username", "login-username"),
    ("display_name", "org-person-name"),
    ("password", "org-initial-password"),
];

pub(super) async fn page(
    state: &AppState,
    who: &Principal,
    errors: &[FieldError],
    echo: &[(String, String)],
) -> Result<Page, ApiError> {
    let stores = state.store.list_stores(who.company).await?;
    let books = state.store.list_address_books(who.company).await?;
    let roles = state.store.list_roles(who.company).await?;
    let associates = state.store.list_associates(who.company).await?;
    let tr = Tr::of(who);
    let value = |k: &str| {
        if k == "password" {
            String::new()
        } else {
            echo.iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        }
    };
    Ok(Page {
        associates: associates
            .into_iter()
            .map(|a| AssociateRow {
                id: a.id.to_string(),
                username: a.username.to_string(),
                name: a.display_name.to_string(),
                role: a.role,
                stores: a.stores,
                active: a.active,
            })
            .collect(),
        stores: stores
            .into_iter()
            .map(|s| {
                (
                    s.code.to_string(),
                    s.name.to_string(),
                    s.address_books.join(", "),
                )
            })
            .collect(),
        books: books
            .into_iter()
            .map(|b| (b.code.to_string(), b.name.to_string()))
            .collect(),
        roles: roles
            .into_iter()
            .map(|r| {
                (
                    r.name.to_string(),
                    r.permissions
                        .iter()
                        .map(|p| tr.label_or("permission", p.as_str(), p.as_str()))
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            })
            .collect(),
        new_fields: NEW_FIELDS
            .iter()
            .map(|(k, l)| {
                (
                    *k,
                    tr.t(l),
                    errors
                        .iter()
                        .find(|e| e.pointer == format!("/{k}"))
                        .map(|e| tr.message(&e.message)),
                    value(k),
                )
            })
            .collect(),
        role_form: super::roles::RoleForm::new(&tr, "", &[]),
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "organisation")),
        tr,
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
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "organisation").await {
        return r;
    }
    match page(&state, &who, &[], &[]).await {
        Ok(mut p) => {
            p.notice = q.saved.map(|_| p.tr.t("saved"));
            render(&p)
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "organisation"))),
    }
}

fn one<'a>(pairs: &'a [(String, String)], k: &str) -> &'a str {
    pairs
        .iter()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

fn all(pairs: &[(String, String)], k: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(n, _)| n == k)
        .map(|(_, v)| v.clone())
        .collect()
}

/// Redirect on success; on failure show the page with the problem (and field errors).
async fn finish(
    state: &AppState,
    who: &Principal,
    result: Result<(), ApiError>,
    echo: &[(String, String)],
) -> Response {
    let e = match result {
        Ok(()) => return Redirect::to("/setup/organisation?saved=1").into_response(),
        Err(e) => e,
    };
    let status = e.status();
    let tr = Tr::of(who);
    let (errors, problem) = match e {
        ApiError::Invalid(i) => {
            let shown: Vec<String> = NEW_FIELDS.iter().map(|(k, _)| format!("/{k}")).collect();
            let problem = super::error_text::correct_fields(&tr, &i.0, &shown);
            (i.0, problem)
        }
        ApiError::Conflict(m) => (vec![], tr.message(&m)),
        other => return page_error(other, Some(Nav::new(who, "organisation"))),
    };
    match page(state, who, &errors, echo).await {
        Ok(mut p) => {
            p.problem = Some(problem);
            (status, render(&p)).into_response()
        }
        Err(e) => page_error(e, Some(Nav::new(who, "organisation"))),
    }
}

async fn guard(
    state: &AppState,
    who: &Principal,
    pairs: &[(String, String)],
) -> Result<(), Response> {
    check_csrf(who, Some(one(pairs, "_csrf")))?;
    allow(state, who, Permission::ManageSetup, "organisation").await
}

async fn add_associate(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = guard(&state, &who, &p).await {
        return r;
    }
    let input = AssociateInput {
        username: one(&p, "username").into(),
        display_name: one(&p, "display_name").into(),
        password: one(&p, "password").into(),
        role: one(&p, "role").into(),
        stores: all(&p, "stores"),
        address_books: Vec::new(),
        locale: None,
    };
    let result = async {
        let mut new = parse_new_associate(&state, &who, &input).await?;
        let stores = state.store.list_stores(who.company).await?;
        let books = state.store.list_address_books(who.company).await?;
        new.address_books = stores
            .iter()
            .filter(|s| new.stores.contains(&s.id))
            .flat_map(|s| s.address_books.iter())
            .filter_map(|code| books.iter().find(|b| b.code.as_str() == code).map(|b| b.id))
            .collect();
        let a = state.store.create_associate(who.company, &new).await?;
        crate::audit::record(
            &state,
            &who,
            "associate.create",
            crate::audit::Outcome::Ok,
            None,
            serde_json::json!({"associate": a.id}),
        )
        .await;
        Ok(())
    }
    .await;
    finish(&state, &who, result, &p).await
}

async fn change_associate(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(id): Path<String>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = guard(&state, &who, &p).await {
        return r;
    }
    let change = AssociateChange {
        role: Some(one(&p, "role").into()),
        stores: Some(all(&p, "stores")),
        active: Some(one(&p, "active") == "true"),
        ..Default::default()
    };
    let result = async {
        let id = id
            .parse()
            .map_err(|_| ApiError::NotFound("associate".into()))?;
        crate::api::org::self_lockout(&who, id, &change)?;
        let patch = parse_patch(&state, &who, &change).await?;
        state
            .store
            .update_associate(who.company, id, &patch)
            .await
            .map_err(crate::error::not_found("associate"))?;
        crate::audit::record(
            &state,
            &who,
            "associate.update",
            crate::audit::Outcome::Ok,
            None,
            serde_json::json!({"associate": id, "fields": ["role", "stores", "active"]}),
        )
        .await;
        Ok(())
    }
    .await;
    finish(&state, &who, result, &[]).await
}

async fn add_store(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = guard(&state, &who, &p).await {
        return r;
    }
    let result = async {
        let mut c = Collector::default();
        let code = c.take("/code", Code::parse(one(&p, "code")));
        let name = c.take("/name", Name::parse(one(&p, "name")));
        let books = crate::resolve::address_books(
            &state,
            who.company,
            &all(&p, "address_books"),
            "/address_books",
            &mut c,
        )
        .await?;
        c.finish()?;
        let (Some(code), Some(name)) = (code, name) else {
            return Err(ApiError::Internal("validated input missing".into()));
        };
        state
            .store
            .create_store(who.company, &code, &name, &books)
            .await?;
        crate::audit::record(
            &state,
            &who,
            "store.create",
            crate::audit::Outcome::Ok,
            None,
            serde_json::json!({"store": code}),
        )
        .await;
        Ok(())
    }
    .await;
    finish(&state, &who, result, &[]).await
}

async fn add_book(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = guard(&state, &who, &p).await {
        return r;
    }
    let result = async {
        let mut c = Collector::default();
        let code = c.take("/code", Code::parse(one(&p, "code")));
        let name = c.take("/name", Name::parse(one(&p, "name")));
        c.finish()?;
        let (Some(code), Some(name)) = (code, name) else {
            return Err(ApiError::Internal("validated input missing".into()));
        };
        state
            .store
            .create_address_book(who.company, &code, &name)
            .await?;
        crate::audit::record(
            &state,
            &who,
            "address_book.create",
            crate::audit::Outcome::Ok,
            None,
            serde_json::json!({"address_book": code}),
        )
        .await;
        Ok(())
    }
    .await;
    finish(&state, &who, result, &[]).await
}
