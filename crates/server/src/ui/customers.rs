//! Customer pages: search, create, view and edit.

use super::customer_form::{FormField, echo, form_fields, raw_from_form, values_of};
use super::{Nav, UiAuth, allow, guard, localised, page_error, render};
use crate::api::page;
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::service;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use clienteling_domain::customer::Customer;
use clienteling_domain::{FieldError, Permission};
use clienteling_store::CustomerCursor;
use serde::Deserialize;
use std::collections::HashMap;

/// Customer routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/customers", get(list))
        .route("/customers/new", get(new_form).post(create))
        .route("/customers/{account}", get(show).post(update))
        .route(
            "/customers/{account}/attributes",
            axum::routing::post(save_attributes),
        )
}

#[derive(Template)]
#[template(path = "customers.html")]
struct ListPage {
    rows: Vec<Customer>,
    q: String,
    next: Option<String>,
    can_edit: bool,
    can_add: bool,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(ListPage);

#[derive(Deserialize)]
struct ListParams {
    q: Option<String>,
    cursor: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(p): Query<ListParams>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ViewCustomers, "customers").await {
        return r;
    }
    let after = match page::decode::<CustomerCursor>(p.cursor.as_deref()) {
        Ok(a) => a,
        Err(e) => return page_error(e, Some(Nav::new(&who, "customers"))),
    };
    match service::search_customers(&state, &who, p.q.clone(), after, 50).await {
        Ok(page) => render(&ListPage {
            rows: page.items,
            q: p.q.unwrap_or_default(),
            next: page.next_cursor,
            can_edit: who.can(Permission::EditCustomers),
            can_add: who.can(Permission::AddToClientBook) && who.clienteling_enabled,
            csrf: Some(who.csrf_token.clone()),
            nav: Some(Nav::new(&who, "customers")),
            tr: Tr::of(&who),
        }),
        Err(e) => page_error(e, Some(Nav::new(&who, "customers"))),
    }
}

#[derive(Template)]
#[template(path = "customer.html")]
struct CustomerPage {
    title: String,
    account: String,
    profile: Option<super::profile::Profile>,
    timeline: Option<super::timeline::TimelineView>,
    notice: Option<String>,
    warning: Option<String>,
    can_add: bool,
    action: String,
    fields: Vec<FormField>,
    errors: Vec<FieldError>,
    saved: bool,
    can_edit: bool,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(CustomerPage);

fn page(
    who: &clienteling_store::Principal,
    title: String,
    action: String,
    fields: Vec<FormField>,
    errors: Vec<FieldError>,
    saved: bool,
) -> CustomerPage {
    CustomerPage {
        title,
        account: String::new(),
        profile: None,
        timeline: None,
        notice: None,
        warning: None,
        can_add: who.can(Permission::AddToClientBook) && who.clienteling_enabled,
        action,
        fields,
        errors,
        saved,
        can_edit: who.can(Permission::EditCustomers),
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "customers")),
        tr: Tr::of(who),
    }
}

#[derive(Deserialize)]
struct ShowParams {
    saved: Option<String>,
    book: Option<String>,
    kind: Option<String>,
    cursor: Option<String>,
}

/// The message after an "add to my book" attempt: `(notice, warning)`.
fn book_message(tr: &Tr, code: Option<&str>) -> (Option<String>, Option<String>) {
    match code {
        Some("added") => (Some(tr.t("book-added")), None),
        Some("already_here") => (Some(tr.t("book-already-here")), None),
        Some("conflict") => (None, Some(tr.t("book-in-other-book"))),
        Some("no_consent") => (None, Some(tr.t("book-no-consent"))),
        _ => (None, None),
    }
}

async fn show(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(account): Path<String>,
    Query(p): Query<ShowParams>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ViewCustomers, "customers").await {
        return r;
    }
    match full_page(
        &state,
        &who,
        &account,
        p.kind.as_deref(),
        p.cursor.as_deref(),
    )
    .await
    {
        Ok(mut pg) => {
            pg.saved = p.saved.is_some();
            (pg.notice, pg.warning) = book_message(&pg.tr, p.book.as_deref());
            render(&pg)
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "customers"))),
    }
}

/// The whole customer page: profile sections, timeline and contact form.
async fn full_page(
    state: &AppState,
    who: &clienteling_store::Principal,
    account: &str,
    kind: Option<&str>,
    cursor: Option<&str>,
) -> Result<CustomerPage, ApiError> {
    let c = state
        .store
        .customer_by_account(who.company, account)
        .await
        .map_err(crate::error::not_found("customer"))?;
    let profile = super::profile::load(state, who, &c).await?;
    let timeline = super::timeline::load(state, who, account, kind, cursor).await?;
    let fields = form_fields(&Tr::of(who), &values_of(&c), &[], false);
    let mut pg = page(
        who,
        c.display_name(),
        format!("/customers/{}", c.account),
        fields,
        vec![],
        false,
    );
    pg.account = c.account.to_string();
    pg.profile = Some(profile);
    pg.timeline = Some(timeline);
    Ok(pg)
}

/// Re-show the customer page with a rejected timeline form: its errors next
/// to the fields and the submitted values (422).
pub async fn with_timeline_errors(
    state: &AppState,
    who: &clienteling_store::Principal,
    account: &str,
    errors: Vec<FieldError>,
    echo: impl FnOnce(&mut super::timeline::TimelineView),
) -> Response {
    match full_page(state, who, account, None, None).await {
        Ok(mut pg) => {
            if let Some(t) = pg.timeline.as_mut() {
                t.errors = errors;
                echo(t);
            }
            pg.warning = Some(pg.tr.t("correct-fields"));
            (StatusCode::UNPROCESSABLE_ENTITY, render(&pg)).into_response()
        }
        Err(e) => page_error(e, Some(Nav::new(who, "customers"))),
    }
}

async fn new_form(State(state): State<AppState>, UiAuth(who): UiAuth) -> Response {
    if let Err(r) = allow(&state, &who, Permission::EditCustomers, "customers").await {
        return r;
    }
    let tr = Tr::of(&who);
    let fields = form_fields(&tr, &HashMap::new(), &[], true);
    render(&page(
        &who,
        tr.t("customer-new"),
        "/customers/new".into(),
        fields,
        vec![],
        false,
    ))
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
        Permission::EditCustomers,
        "customers",
    )
    .await
    {
        return r;
    }
    match service::create_customer(&state, &who, raw_from_form(&f, true)).await {
        Ok(c) => Redirect::to(&format!("/customers/{}?saved=1", c.account)).into_response(),
        Err(e) => form_error(
            &who,
            e,
            &f,
            Tr::of(&who).t("customer-new"),
            "/customers/new".into(),
            true,
        ),
    }
}

async fn update(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(account): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::EditCustomers,
        "customers",
    )
    .await
    {
        return r;
    }
    match service::update_customer(&state, &who, &account, raw_from_form(&f, false)).await {
        Ok(c) => Redirect::to(&format!("/customers/{}?saved=1", c.account)).into_response(),
        Err(e) => {
            let title = format!(
                "{} {}",
                f.get("first_name").cloned().unwrap_or_default(),
                f.get("last_name").cloned().unwrap_or_default()
            );
            form_error(&who, e, &f, title, format!("/customers/{account}"), false)
        }
    }
}

/// Re-show the form with each field's error beside it (422), or an error page.
fn form_error(
    who: &clienteling_store::Principal,
    e: ApiError,
    f: &HashMap<String, String>,
    title: String,
    action: String,
    creating: bool,
) -> Response {
    let errors = match &e {
        ApiError::Invalid(i) => i.0.clone(),
        ApiError::Conflict(msg) => vec![FieldError {
            pointer: "/account".into(),
            message: msg.clone(),
        }],
        _ => return page_error(e, Some(Nav::new(who, "customers"))),
    };
    let mut values = echo(f);
    values.insert(
        "consent",
        f.get("consent").is_some_and(|v| v == "true").to_string(),
    );
    let fields = form_fields(&Tr::of(who), &values, &errors, creating);
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        render(&page(who, title, action, fields, errors, false)),
    )
        .into_response()
}

/// Save the attribute form; errors are shown next to each attribute.
async fn save_attributes(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(account): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::EditCustomers,
        "customers",
    )
    .await
    {
        return r;
    }
    match super::attributes::save(&state, &who, &account, &f).await {
        Ok(()) => Redirect::to(&format!("/customers/{account}?saved=1")).into_response(),
        Err(ApiError::Invalid(i)) => attribute_errors(&state, &who, &account, &f, &i.0).await,
        Err(e) => page_error(e, Some(Nav::new(&who, "customers"))),
    }
}

/// Re-show the customer page with the submitted attribute values and each
/// attribute's error beside it (422).
async fn attribute_errors(
    state: &AppState,
    who: &clienteling_store::Principal,
    account: &str,
    f: &HashMap<String, String>,
    errors: &[FieldError],
) -> Response {
    match full_page(state, who, account, None, None).await {
        Ok(mut pg) => {
            if let Some(profile) = pg.profile.as_mut() {
                for a in &mut profile.attributes {
                    a.value = f
                        .get(&format!("attr.{}", a.name))
                        .cloned()
                        .unwrap_or_default();
                    a.error = errors
                        .iter()
                        .find(|e| e.pointer == format!("/{}", a.name))
                        .map(|e| pg.tr.message(&e.message));
                }
            }
            pg.warning = Some(pg.tr.t("correct-attributes"));
            (StatusCode::UNPROCESSABLE_ENTITY, render(&pg)).into_response()
        }
        Err(e) => page_error(e, Some(Nav::new(who, "customers"))),
    }
}
