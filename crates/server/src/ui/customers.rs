//! Customer pages: search, create, view and edit.

use super::{Nav, UiAuth, allow, check_csrf, page_error, render};
use crate::api::page;
use crate::error::ApiError;
use crate::service;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use clienteling_domain::customer::{Customer, RawCustomer};
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
    nav: Option<Nav>,
    csrf: Option<String>,
}

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
            csrf: Some(who.csrf_token.clone()),
            nav: Some(Nav::new(&who, "customers")),
        }),
        Err(e) => page_error(e, Some(Nav::new(&who, "customers"))),
    }
}

/// One input of the customer form.
struct FormField {
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    value: String,
    readonly: bool,
    error: Option<String>,
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
}

const FIELDS: &[(&str, &str, &str)] = &[
    ("account", "Account number", "text"),
    ("first_name", "First name", "text"),
    ("last_name", "Last name", "text"),
    ("email", "E-mail", "email"),
    ("phone", "Phone", "tel"),
    ("street", "Street", "text"),
    ("postal_code", "Postal code", "text"),
    ("city", "City", "text"),
    ("country", "Country (ISO code)", "text"),
    ("consent", "Consents to clienteling", "checkbox"),
];

fn values_of(c: &Customer) -> HashMap<&'static str, String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    HashMap::from([
        ("account", c.account.to_string()),
        ("first_name", c.first_name.clone()),
        ("last_name", c.last_name.clone()),
        ("email", o(&c.email)),
        ("phone", o(&c.phone)),
        ("street", o(&c.address.street)),
        ("postal_code", o(&c.address.postal_code)),
        ("city", o(&c.address.city)),
        ("country", o(&c.address.country)),
        ("consent", c.consent.given.to_string()),
    ])
}

fn form_fields(
    values: &HashMap<&'static str, String>,
    errors: &[FieldError],
    creating: bool,
) -> Vec<FormField> {
    FIELDS
        .iter()
        .map(|(name, label, kind)| FormField {
            name,
            label,
            kind,
            value: values.get(name).cloned().unwrap_or_default(),
            readonly: *name == "account" && !creating,
            error: errors
                .iter()
                .find(|e| e.pointer == format!("/{name}"))
                .map(|e| e.message.clone()),
        })
        .collect()
}

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
fn book_message(code: Option<&str>) -> (Option<String>, Option<String>) {
    match code {
        Some("added") => (Some("Added to your client book.".into()), None),
        Some("already_here") => (Some("Already in your client book.".into()), None),
        Some("conflict") => (
            None,
            Some("This customer is already in another associate's client book.".into()),
        ),
        Some("no_consent") => (
            None,
            Some("This customer has not consented to clienteling.".into()),
        ),
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
            (pg.notice, pg.warning) = book_message(p.book.as_deref());
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
    let fields = form_fields(&values_of(&c), &[], false);
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
            pg.warning = Some("Please correct the highlighted fields.".into());
            (StatusCode::UNPROCESSABLE_ENTITY, render(&pg)).into_response()
        }
        Err(e) => page_error(e, Some(Nav::new(who, "customers"))),
    }
}

async fn new_form(State(state): State<AppState>, UiAuth(who): UiAuth) -> Response {
    if let Err(r) = allow(&state, &who, Permission::EditCustomers, "customers").await {
        return r;
    }
    let fields = form_fields(&HashMap::new(), &[], true);
    render(&page(
        &who,
        "New customer".into(),
        "/customers/new".into(),
        fields,
        vec![],
        false,
    ))
}

fn raw_from_form(f: &HashMap<String, String>, creating: bool) -> RawCustomer {
    let g = |k: &str| f.get(k).cloned();
    RawCustomer {
        account: if creating { g("account") } else { None },
        first_name: g("first_name"),
        last_name: g("last_name"),
        email: g("email"),
        phone: g("phone"),
        street: g("street"),
        postal_code: g("postal_code"),
        city: g("city"),
        country: g("country"),
        consent: Some(f.get("consent").is_some_and(|v| v == "true")),
        ..Default::default()
    }
}

fn echo(f: &HashMap<String, String>) -> HashMap<&'static str, String> {
    FIELDS
        .iter()
        .map(|(n, _, _)| (*n, f.get(*n).cloned().unwrap_or_default()))
        .collect()
}

async fn create(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = check_csrf(&who, f.get("_csrf").map(String::as_str)) {
        return r;
    }
    if let Err(r) = allow(&state, &who, Permission::EditCustomers, "customers").await {
        return r;
    }
    match service::create_customer(&state, &who, raw_from_form(&f, true)).await {
        Ok(c) => Redirect::to(&format!("/customers/{}?saved=1", c.account)).into_response(),
        Err(e) => form_error(
            &who,
            e,
            &f,
            "New customer".into(),
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
    if let Err(r) = check_csrf(&who, f.get("_csrf").map(String::as_str)) {
        return r;
    }
    if let Err(r) = allow(&state, &who, Permission::EditCustomers, "customers").await {
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
    let fields = form_fields(&values, &errors, creating);
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
    if let Err(r) = check_csrf(&who, f.get("_csrf").map(String::as_str)) {
        return r;
    }
    if let Err(r) = allow(&state, &who, Permission::EditCustomers, "customers").await {
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
                        .map(|e| e.message.clone());
                }
            }
            pg.warning = Some("Please correct the highlighted attributes.".into());
            (StatusCode::UNPROCESSABLE_ENTITY, render(&pg)).into_response()
        }
        Err(e) => page_error(e, Some(Nav::new(who, "customers"))),
    }
}
