//! HQ's attribution-rules page (manage_setup): a window per contact kind,
//! the engagement priority as ranks, and the split rule. Saving recomputes
//! every purchase under the new rules version.

use super::{Nav, UiAuth, allow, guard, localised, page_error, render};
use crate::attribution;
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use clienteling_domain::attribution::{ContactKind, Rules, Split, Windows};
use clienteling_domain::{FieldError, Invalid, Permission};
use clienteling_store::Principal;
use std::collections::HashMap;

/// Routes of the page.
pub fn router() -> Router<AppState> {
    Router::new().route("/setup/attribution", get(show).post(save))
}

/// One contact kind's inputs.
pub struct KindRow {
    pub(crate) code: &'static str,
    pub(crate) label: String,
    pub(crate) window: String,
    pub(crate) error: Option<String>,
}

#[derive(Template)]
#[template(path = "attribution_rules.html")]
struct RulesPage {
    version: i64,
    kinds: Vec<KindRow>,
    /// `(rank, selected kind code)`.
    ranks: Vec<(usize, String)>,
    split: String,
    saved: bool,
    priority_error: Option<String>,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(RulesPage);

fn label(tr: &Tr, k: ContactKind) -> String {
    match k {
        ContactKind::Other => tr.t("attr-kind-other"),
        k => tr.t(&format!("kpi-kind-{}", k.as_str())),
    }
}

/// This page's validation messages in the viewer's language.
fn message(tr: &Tr, english: &str) -> String {
    match english {
        "lists a contact kind twice" => tr.t("attr-err-twice"),
        m if m.starts_with("must be at most") && m.ends_with("days") => tr.t1(
            "attr-err-max-days",
            "days",
            clienteling_domain::attribution::MAX_WINDOW_DAYS,
        ),
        m => tr.message(m),
    }
}

fn page(who: &Principal, version: i64, rules: &Rules, errors: &[FieldError]) -> RulesPage {
    let tr = Tr::of(who);
    let err = |p: &str| {
        errors
            .iter()
            .find(|e| e.pointer == p)
            .map(|e| message(&tr, &e.message))
    };
    RulesPage {
        version,
        kinds: ContactKind::ALL
            .iter()
            .map(|k| KindRow {
                code: k.as_str(),
                label: label(&tr, *k),
                window: rules.windows_days.days(*k).to_string(),
                error: err(&format!("/windows_days/{}", k.as_str())),
            })
            .collect(),
        ranks: (0..ContactKind::ALL.len())
            .map(|i| {
                (
                    i + 1,
                    rules
                        .priority
                        .get(i)
                        .map(|k| k.as_str().to_owned())
                        .unwrap_or_default(),
                )
            })
            .collect(),
        split: match rules.split {
            Split::LastContact => "last_contact".into(),
            Split::Equal => "equal".into(),
        },
        saved: false,
        priority_error: err("/priority"),
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "attribution")),
        tr,
    }
}

async fn show(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "attribution").await {
        return r;
    }
    match attribution::current_rules(&state, who.company).await {
        Ok(r) => {
            let mut p = page(&who, r.version, &r.rules, &[]);
            p.saved = q.contains_key("saved");
            render(&p)
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "attribution"))),
    }
}

/// Read the form; a window that is not a whole number is an error at its field.
fn parse_form(f: &HashMap<String, String>) -> Result<Rules, (Rules, Invalid)> {
    let mut errors = Vec::new();
    let mut days = |k: ContactKind| -> u32 {
        let raw = f
            .get(&format!("window.{}", k.as_str()))
            .map(|s| s.trim())
            .unwrap_or("");
        raw.parse().unwrap_or_else(|_| {
            errors.push(FieldError {
                pointer: format!("/windows_days/{}", k.as_str()),
                message: "must be a whole number".into(),
            });
            0
        })
    };
    let windows_days = Windows {
        outreach_email: days(ContactKind::OutreachEmail),
        outreach_sms: days(ContactKind::OutreachSms),
        outreach_whatsapp: days(ContactKind::OutreachWhatsapp),
        appointment: days(ContactKind::Appointment),
        store_visit: days(ContactKind::StoreVisit),
        other: days(ContactKind::Other),
        reply: days(ContactKind::Reply),
    };
    let priority = (1..=ContactKind::ALL.len())
        .filter_map(|i| {
            f.get(&format!("rank.{i}"))
                .and_then(|c| ContactKind::parse(c))
        })
        .collect();
    let split = if f.get("split").map(String::as_str) == Some("equal") {
        Split::Equal
    } else {
        Split::LastContact
    };
    let rules = Rules {
        windows_days,
        priority,
        split,
    };
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err((rules, Invalid(errors)))
    }
}

async fn save(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::ManageSetup,
        "attribution",
    )
    .await
    {
        return r;
    }
    let (rules, result) = match parse_form(&f) {
        Ok(rules) => {
            let r = attribution::put_rules(&state, &who, &rules)
                .await
                .map(|_| ());
            (rules, r)
        }
        Err((rules, invalid)) => (rules, Err(ApiError::Invalid(invalid))),
    };
    match result {
        Ok(()) => Redirect::to("/setup/attribution?saved=1").into_response(),
        Err(ApiError::Invalid(i)) => {
            let version = attribution::current_rules(&state, who.company)
                .await
                .map(|r| r.version)
                .unwrap_or(0);
            let mut res = render(&page(&who, version, &rules, &i.0));
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            res
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "attribution"))),
    }
}
