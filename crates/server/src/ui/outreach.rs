//! UI for sending outreach: "Send message" from a customer page and
//! "Message these customers" from a client book's current filter (template,
//! channel, live preview, send, per-customer results), and consent per
//! channel on the customer.

use super::{Nav, UiAuth, allow, guard, localised, page_error, render};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::outreach::consents::{self, ConsentInput};
use crate::outreach::queue::{self, AccountResult, Targets};
use crate::outreach::templates::{self, PreviewInput};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use clienteling_domain::Permission;
use clienteling_domain::outreach::Channel;
use clienteling_store::Principal;
use std::collections::HashMap;

/// Outreach routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/outreach/new", get(show))
        .route("/outreach/preview", post(preview))
        .route("/outreach/send", post(send))
        .route(
            "/customers/{account}/consents",
            get(show_consents).post(save_consents),
        )
}

/// One template choice.
pub struct Choice {
    id: String,
    label: String,
    selected: bool,
}

#[derive(Template, Default)]
#[template(path = "outreach_send.html")]
struct SendPage {
    target: String,
    account: String,
    book: String,
    query: String,
    templates: Vec<Choice>,
    channel: String,
    /// `(result, its code, its label)`.
    results: Vec<(AccountResult, String, String)>,
    summary: Option<String>,
    problem: Option<String>,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(SendPage);

fn field(f: &HashMap<String, String>, k: &str) -> String {
    f.get(k).cloned().unwrap_or_default()
}

fn targets(f: &HashMap<String, String>) -> Targets {
    let account = field(f, "account");
    if account.is_empty() {
        Targets::Filter {
            book: field(f, "book"),
            query: field(f, "query"),
        }
    } else {
        Targets::Accounts(vec![account])
    }
}

async fn send_page(
    state: &AppState,
    who: &Principal,
    f: &HashMap<String, String>,
) -> Result<SendPage, ApiError> {
    let tr = Tr::of(who);
    let list = state.store.list_templates(who.company).await?;
    let chosen = field(f, "template");
    let mine = tr.code();
    let first = list
        .iter()
        .find(|t| t.locale == mine)
        .or(list.first())
        .map(|t| t.id.to_string());
    let want = if chosen.is_empty() {
        first.unwrap_or_default()
    } else {
        chosen
    };
    let target = match targets(f) {
        Targets::Accounts(a) => {
            let c = crate::timeline::customer(state, who, &a[0]).await?;
            tr.t1("outreach-to-customer", "name", c.display_name())
        }
        Targets::Filter { .. } => tr.t("outreach-to-filter"),
    };
    Ok(SendPage {
        target,
        account: field(f, "account"),
        book: field(f, "book"),
        query: field(f, "query"),
        templates: list
            .into_iter()
            .map(|t| Choice {
                selected: t.id.to_string() == want,
                id: t.id.to_string(),
                label: format!("{} ({}, v{})", t.name, t.locale, t.version),
            })
            .collect(),
        channel: f.get("channel").cloned().unwrap_or_else(|| "email".into()),
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "book")),
        tr,
        ..Default::default()
    })
}

async fn show(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(f): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::LogActivities, "book").await {
        return r;
    }
    match send_page(&state, &who, &f).await {
        Ok(p) => render(&p),
        Err(e) => page_error(e, Some(Nav::new(&who, "book"))),
    }
}

/// The result's code (`no_consent`) and its label in the viewer's language.
fn result_label(tr: &Tr, r: &AccountResult) -> (String, String) {
    let code = serde_json::to_value(r.result)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let label = tr.t(&format!("outreach-result-{}", code.replace('_', "-")));
    let label = match &r.held_until {
        Some(h) => {
            let at = tr.datetime(super::calendar_time::micros_of(h));
            format!("{label} ({})", tr.t1("outreach-held", "time", at))
        }
        None => label,
    };
    (code, label)
}

async fn send(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let csrf = f.get("_csrf").map(String::as_str);
    if let Err(r) = guard(&state, &who, csrf, Permission::LogActivities, "book").await {
        return r;
    }
    let mut p = match send_page(&state, &who, &f).await {
        Ok(p) => p,
        Err(e) => return page_error(e, Some(Nav::new(&who, "book"))),
    };
    let channel = Channel::parse(&field(&f, "channel")).unwrap_or(Channel::Email);
    match queue::send(&state, &who, &field(&f, "template"), channel, &targets(&f)).await {
        Ok(r) => {
            p.summary = Some(p.tr.t2(
                "outreach-summary",
                "queued",
                r.queued,
                "total",
                r.results.len(),
            ));
            p.results = r
                .results
                .into_iter()
                .map(|x| {
                    let (code, label) = result_label(&p.tr, &x);
                    (x, code, label)
                })
                .collect();
            render(&p)
        }
        Err(ApiError::Invalid(i)) => {
            p.problem = Some(
                i.0.iter()
                    .map(|e| p.tr.message(&e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            (axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&p)).into_response()
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "book"))),
    }
}

/// The htmx preview fragment: the chosen template for the customer (or the
/// first customer of the filter, or the sample).
async fn preview(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let csrf = f.get("_csrf").map(String::as_str);
    if let Err(r) = guard(&state, &who, csrf, Permission::LogActivities, "book").await {
        return r;
    }
    let input = PreviewInput {
        account: f.get("account").cloned().filter(|a| !a.is_empty()),
        ..PreviewInput::default()
    };
    let out = match templates::get(&state, &who, &field(&f, "template")).await {
        Ok(t) => templates::preview(&state, &who, Some(&t), &input).await,
        Err(e) => Err(e),
    };
    Html(super::message_templates::preview_html(&Tr::of(&who), out)).into_response()
}

#[derive(Template, Default)]
#[template(path = "outreach_consents.html")]
struct ConsentPage {
    account: String,
    name: String,
    rows: Vec<(String, String, bool, String, String)>,
    can_edit: bool,
    notice: Option<String>,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(ConsentPage);

async fn consent_page(
    state: &AppState,
    who: &Principal,
    account: &str,
) -> Result<ConsentPage, ApiError> {
    let c = crate::timeline::customer(state, who, account).await?;
    let have = consents::list(state, who, account).await?;
    let tr = Tr::of(who);
    let rows = Channel::ALL
        .iter()
        .map(|ch| {
            let k = have.iter().find(|k| k.channel == *ch);
            (
                ch.as_str().to_owned(),
                tr.t(&format!("outreach-channel-{}", ch.as_str())),
                k.is_some_and(|k| k.opt_in),
                k.map(|k| k.source.clone()).unwrap_or_default(),
                k.map(|k| k.at.clone()).unwrap_or_default(),
            )
        })
        .collect();
    Ok(ConsentPage {
        account: account.to_owned(),
        name: c.display_name(),
        rows,
        can_edit: who.can(Permission::EditCustomers),
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "customers")),
        tr,
        ..Default::default()
    })
}

async fn show_consents(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(account): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ViewCustomers, "customers").await {
        return r;
    }
    match consent_page(&state, &who, &account).await {
        Ok(mut p) => {
            p.notice = q.get("saved").map(|_| p.tr.t("saved"));
            render(&p)
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "customers"))),
    }
}

async fn save_consents(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(account): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let csrf = f.get("_csrf").map(String::as_str);
    if let Err(r) = guard(&state, &who, csrf, Permission::EditCustomers, "customers").await {
        return r;
    }
    let input: Vec<ConsentInput> = Channel::ALL
        .iter()
        .map(|ch| ConsentInput {
            channel: *ch,
            opt_in: f.contains_key(&format!("opt_in.{}", ch.as_str())),
            source: f
                .get(&format!("source.{}", ch.as_str()))
                .cloned()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| "store".into()),
        })
        .collect();
    match consents::put(&state, &who, &account, &input).await {
        Ok(_) => Redirect::to(&format!("/customers/{account}/consents?saved=1")).into_response(),
        Err(e) => page_error(e, Some(Nav::new(&who, "customers"))),
    }
}
