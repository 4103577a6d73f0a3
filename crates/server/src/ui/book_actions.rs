//! Adding to my client book from the customer search list (one button per
//! row, the result shown in the row) and undoing a removal from my book
//! (re-adding, with the conflict shown if someone took the customer
//! meanwhile). Both use [`add_to_my_book`], as does the customer page.

use super::{Nav, UiAuth, guard, page_error};
use crate::books;
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use clienteling_domain::Permission;
use clienteling_store::{AddOutcome, BookOwner, Principal};
use serde::Deserialize;

/// Routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/book/add-row", post(add_row))
        .route("/book/undo", post(undo))
}

/// What adding a customer to my client book did.
pub enum RowAdd {
    /// Added now.
    Added,
    /// It was already in my book.
    AlreadyHere,
    /// Refused: other books hold the customer.
    Conflict(Vec<BookOwner>),
    /// Refused: consent is required and missing.
    NoConsent,
}

impl RowAdd {
    /// The short code used in redirects (`?book=`).
    pub fn code(&self) -> &'static str {
        match self {
            RowAdd::Added => "added",
            RowAdd::AlreadyHere => "already_here",
            RowAdd::Conflict(_) => "conflict",
            RowAdd::NoConsent => "no_consent",
        }
    }

    /// The result as a sentence for `tr`.
    pub fn text(&self, tr: &Tr) -> String {
        match self {
            RowAdd::Added => tr.t("book-added"),
            RowAdd::AlreadyHere => tr.t("book-already-here"),
            RowAdd::Conflict(owners) => match owners.first() {
                Some(o) => tr.t1("addrow-in-book-of", "name", o.name.as_str()),
                None => tr.t("book-in-other-book"),
            },
            RowAdd::NoConsent => tr.t("book-no-consent"),
        }
    }
}

/// Add the customer `account` to `who`'s client book (audited when added).
pub async fn add_to_my_book(
    state: &AppState,
    who: &Principal,
    account: &str,
) -> Result<RowAdd, ApiError> {
    let s = books::enabled_settings(state, who.company).await?;
    let c = state
        .store
        .customer_by_account(who.company, account)
        .await
        .map_err(crate::error::not_found("customer"))?;
    if s.require_consent && !c.consent.given {
        return Ok(RowAdd::NoConsent);
    }
    let book = state.store.ensure_book(who.company, who.associate).await?;
    let r = state
        .store
        .add_to_book(&book, c.id, books::limit(&s), who.associate)
        .await?;
    Ok(match r {
        AddOutcome::Added => {
            crate::audit::record(
                state,
                who,
                "client_book.add",
                crate::audit::Outcome::Ok,
                Some(account),
                serde_json::json!({"book": book.number}),
            )
            .await;
            RowAdd::Added
        }
        AddOutcome::AlreadyHere => RowAdd::AlreadyHere,
        AddOutcome::Conflict(owners) => RowAdd::Conflict(owners),
    })
}

#[derive(Deserialize)]
struct AccountForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    account: String,
}

/// From the search list: htmx gets the row's result as a fragment; without
/// htmx the customer page shows it.
async fn add_row(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    headers: HeaderMap,
    Form(f): Form<AccountForm>,
) -> Response {
    let perm = Permission::AddToClientBook;
    if let Err(r) = guard(&state, &who, f.csrf.as_deref(), perm, "customers").await {
        return r;
    }
    let added = match add_to_my_book(&state, &who, &f.account).await {
        Ok(a) => a,
        Err(e) => return page_error(e, Some(Nav::new(&who, "customers"))),
    };
    if headers.get("hx-request").is_none() {
        let to = format!("/customers/{}?book={}", f.account, added.code());
        return Redirect::to(&to).into_response();
    }
    let tr = Tr::of(&who);
    let class = match added {
        RowAdd::Added | RowAdd::AlreadyHere => "row-result ok",
        _ => "row-result warn",
    };
    let html = format!(
        "<span class=\"{class}\" role=\"status\">{}</span>",
        escape(&added.text(&tr))
    );
    ([(header::CONTENT_LANGUAGE, tr.code())], Html(html)).into_response()
}

/// Re-add a customer just removed from my book.
async fn undo(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<AccountForm>,
) -> Response {
    let perm = Permission::AddToClientBook;
    if let Err(r) = guard(&state, &who, f.csrf.as_deref(), perm, "book").await {
        return r;
    }
    let to = match add_to_my_book(&state, &who, &f.account).await {
        Ok(RowAdd::Added | RowAdd::AlreadyHere) => "/book?notice=restored".to_owned(),
        Ok(RowAdd::Conflict(owners)) => {
            let name = owners.first().map(|o| o.name.clone()).unwrap_or_default();
            format!(
                "/book?notice=undo_conflict&owner={}",
                form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>()
            )
        }
        Ok(RowAdd::NoConsent) => "/book?notice=no_consent".to_owned(),
        Err(e) => return page_error(e, Some(Nav::new(&who, "book"))),
    };
    Redirect::to(&to).into_response()
}

/// The notice of my book page for `code` (`owner`: who holds the customer).
pub fn notice(tr: &Tr, code: &str, owner: Option<&str>) -> Option<String> {
    match code {
        "removed" => Some(tr.t("book-removed")),
        "restored" => Some(tr.t("undo-restored")),
        "undo_conflict" => Some(match owner.filter(|o| !o.is_empty()) {
            Some(name) => tr.t1("undo-conflict-of", "name", name),
            None => tr.t("book-in-other-book"),
        }),
        "no_consent" => Some(tr.t("book-no-consent")),
        _ => None,
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
