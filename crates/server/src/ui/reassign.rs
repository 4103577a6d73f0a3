//! Reassigning customers in the store client book (managers): tick customers
//! on the cards, or take all of one associate's customers, choose the target
//! associate, review and confirm, then see the result of every customer.
//! The move itself is the API's ([`crate::api::reassign::reassign_as`]).

use super::{Nav, UiAuth, allow, check_csrf, localised, page_error, render};
use crate::api::reassign::{Reassign, reassign_as};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use clienteling_domain::Permission;
use clienteling_store::Principal;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new().route("/stores/{code}/reassign", post(reassign))
}

/// The reassign form shown on a store client book.
pub struct ReassignView {
    /// Where the form posts.
    pub action: String,
    /// `(id, name)` of the store's active associates.
    pub associates: Vec<(String, String)>,
}

/// The form for the store `code`, if `who` may reassign.
pub async fn view(
    state: &AppState,
    who: &Principal,
    code: &str,
) -> Result<Option<ReassignView>, ApiError> {
    if !who.can(Permission::ReassignClientBookCustomers) {
        return Ok(None);
    }
    Ok(Some(ReassignView {
        action: format!("/stores/{code}/reassign"),
        associates: associates_of(state, who, code).await?,
    }))
}

async fn associates_of(
    state: &AppState,
    who: &Principal,
    code: &str,
) -> Result<Vec<(String, String)>, ApiError> {
    Ok(state
        .store
        .list_associates(who.company)
        .await?
        .into_iter()
        .filter(|a| a.active && a.stores.iter().any(|s| s == code))
        .map(|a| (a.id.to_string(), a.display_name.to_string()))
        .collect())
}

#[derive(Template, Default)]
#[template(path = "reassign.html")]
struct ReassignPage {
    code: String,
    associates: Vec<(String, String)>,
    scope_all: bool,
    from: String,
    to: String,
    /// `(account, name)` of the ticked customers.
    picked: Vec<(String, String)>,
    errors: Vec<(&'static str, String)>,
    /// The question to confirm, once the input is valid.
    question: Option<String>,
    /// `(name, result)` after the move.
    results: Vec<(String, String, bool)>,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(ReassignPage);

impl ReassignPage {
    fn err(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn one<'a>(pairs: &'a [(String, String)], k: &str) -> &'a str {
    pairs
        .iter()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v.trim())
        .unwrap_or_default()
}

fn name_of(list: &[(String, String)], id: &str) -> String {
    list.iter()
        .find(|(i, _)| i == id)
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

async fn reassign(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(code): Path<String>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(r) = check_csrf(&who, Some(one(&p, "_csrf"))) {
        return r;
    }
    let perm = Permission::ReassignClientBookCustomers;
    if let Err(r) = allow(&state, &who, perm, "store").await {
        return r;
    }
    match run(&state, &who, &code, &p).await {
        Ok((status, page)) => (status, render(&page)).into_response(),
        Err(e) => page_error(e, Some(Nav::new(&who, "store"))),
    }
}

/// Validate, then either ask for confirmation or (when confirmed) move.
async fn run(
    state: &AppState,
    who: &Principal,
    code: &str,
    p: &[(String, String)],
) -> Result<(StatusCode, ReassignPage), ApiError> {
    let tr = Tr::of(who);
    let associates = associates_of(state, who, code).await?;
    let accounts: Vec<String> = p
        .iter()
        .filter(|(k, _)| k == "accounts")
        .map(|(_, v)| v.clone())
        .collect();
    let mut page = ReassignPage {
        code: code.to_owned(),
        scope_all: one(p, "scope") == "all",
        from: one(p, "from_associate").to_owned(),
        to: one(p, "to_associate").to_owned(),
        picked: picked(state, who, &accounts).await?,
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "store")),
        tr,
        ..Default::default()
    };
    page.errors = validate(&tr, &page, &associates);
    page.associates = associates;
    if !page.errors.is_empty() {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page));
    }
    if one(p, "step") != "confirm" {
        page.question = Some(question(state, who, &page).await?);
        return Ok((StatusCode::OK, page));
    }
    let req = Reassign {
        accounts: (!page.scope_all).then_some(accounts),
        from_associate: page.scope_all.then(|| page.from.clone()),
        to_associate: page.to.clone(),
    };
    let done = reassign_as(state, who, &req).await?;
    let target = name_of(&page.associates, &page.to);
    for r in done.results {
        let name = customer_name(state, who, &r.account).await;
        let (text, ok) = match r.result {
            "added" => (tr.t1("reassign-moved", "name", target.as_str()), true),
            "already_here" => (tr.t1("reassign-already", "name", target.as_str()), true),
            "not_found" => (tr.t("reassign-not-found"), false),
            _ => match r.owners.first() {
                Some(o) => (tr.t1("addrow-in-book-of", "name", o.name.as_str()), false),
                None => (tr.t("book-in-other-book"), false),
            },
        };
        page.results.push((name, text, ok));
    }
    Ok((StatusCode::OK, page))
}

/// Field errors of the form, in the associate's language.
fn validate(
    tr: &Tr,
    p: &ReassignPage,
    associates: &[(String, String)],
) -> Vec<(&'static str, String)> {
    let known = |id: &str| associates.iter().any(|(i, _)| i == id);
    let mut errors = Vec::new();
    if !known(&p.to) {
        errors.push(("to", tr.t("reassign-err-to")));
    }
    if p.scope_all {
        if !known(&p.from) {
            errors.push(("from", tr.t("reassign-err-from")));
        } else if p.from == p.to {
            errors.push(("to", tr.t("reassign-err-same")));
        }
    } else if p.picked.is_empty() {
        errors.push(("accounts", tr.t("reassign-err-none")));
    } else if p.picked.len() > 500 {
        errors.push(("accounts", tr.t("reassign-err-too-many")));
    }
    errors
}

async fn question(state: &AppState, who: &Principal, p: &ReassignPage) -> Result<String, ApiError> {
    let to = name_of(&p.associates, &p.to);
    if p.scope_all {
        let from = name_of(&p.associates, &p.from);
        let id = p
            .from
            .parse()
            .map_err(|_| ApiError::NotFound("associate".into()))?;
        let book = state.store.ensure_book(who.company, id).await?;
        let count = state.store.count_book(&book).await?;
        Ok(p.tr.t_args(
            "reassign-confirm-all",
            &[
                ("count", count.into()),
                ("from", from.into()),
                ("to", to.into()),
            ],
        ))
    } else {
        Ok(p.tr.t2("reassign-confirm-picked", "count", p.picked.len(), "to", to))
    }
}

async fn picked(
    state: &AppState,
    who: &Principal,
    accounts: &[String],
) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::with_capacity(accounts.len());
    for a in accounts.iter().take(501) {
        out.push((a.clone(), customer_name(state, who, a).await));
    }
    Ok(out)
}

/// The customer's name (the account itself if there is no such customer).
async fn customer_name(state: &AppState, who: &Principal, account: &str) -> String {
    state
        .store
        .customer_by_account(who.company, account)
        .await
        .map(|c| c.display_name())
        .unwrap_or_else(|_| account.to_owned())
}
