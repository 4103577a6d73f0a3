//! HQ pages: settings, insights runs with results, and the audit log.

use super::book::label;
use super::{Nav, UiAuth, allow, check_csrf, page_error, render};
use crate::error::ApiError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use clienteling_domain::settings::{BooksPerCustomer, Measure, Settings};
use clienteling_domain::{FieldError, Permission};
use clienteling_store::{AuditQuery, InsightsRun, Principal};
use serde::Deserialize;

/// Setup routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/setup/settings", get(show_settings).post(save_settings))
        .route("/setup/insights", get(show_insights).post(run_insights))
        .route("/audit", get(audit))
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    s: Settings,
    books_per_customer: String,
    groups: Vec<String>,
    measures: Vec<(String, String, bool)>,
    errors: Vec<FieldError>,
    saved: bool,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
}

impl SettingsPage {
    fn err(&self, pointer: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.pointer == pointer)
            .map(|e| e.message.as_str())
    }
}

async fn settings_page(
    state: &AppState,
    who: &Principal,
    s: Settings,
    errors: Vec<FieldError>,
    saved: bool,
) -> Result<SettingsPage, ApiError> {
    let groups = state
        .store
        .list_attribute_groups(who.company)
        .await?
        .into_iter()
        .map(|g| g.name)
        .collect();
    let measures = Measure::ALL
        .iter()
        .map(|m| {
            (
                m.as_str().to_owned(),
                label(m.as_str()),
                s.card_measures.contains(m),
            )
        })
        .collect();
    let books_per_customer = match s.books_per_customer {
        BooksPerCustomer::AtMost(n) => n.to_string(),
        BooksPerCustomer::Unlimited => "unlimited".into(),
    };
    Ok(SettingsPage {
        s,
        books_per_customer,
        groups,
        measures,
        errors,
        saved,
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "settings")),
    })
}

#[derive(Deserialize)]
struct Saved {
    saved: Option<String>,
}

async fn show_settings(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(q): Query<Saved>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "settings").await {
        return r;
    }
    let page = async {
        settings_page(
            &state,
            &who,
            state.store.settings(who.company).await?,
            vec![],
            q.saved.is_some(),
        )
        .await
    }
    .await;
    match page {
        Ok(p) => render(&p),
        Err(e) => page_error(e, Some(Nav::new(&who, "settings"))),
    }
}

/// Read the settings form over the current settings; unparsable numbers become field errors.
fn from_form(mut s: Settings, pairs: &[(String, String)]) -> (Settings, Vec<FieldError>) {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let mut bad = |p: &str, m: &str| {
        errors.push(FieldError {
            pointer: p.into(),
            message: m.into(),
        })
    };
    s.clienteling_enabled = get("clienteling_enabled") == "true";
    s.require_consent = get("require_consent") == "true";
    s.client_book_number_sequence.prefix = get("prefix");
    match get("width").parse() {
        Ok(w) => s.client_book_number_sequence.width = w,
        Err(_) => bad(
            "/client_book_number_sequence/width",
            "must be a whole number between 1 and 12",
        ),
    }
    match get("next").parse() {
        Ok(n) => s.client_book_number_sequence.next = n,
        Err(_) => bad(
            "/client_book_number_sequence/next",
            "must be a whole number",
        ),
    }
    match get("books_per_customer").as_str() {
        "unlimited" => s.books_per_customer = BooksPerCustomer::Unlimited,
        n => match n.parse::<u32>() {
            Ok(n) if n >= 1 => s.books_per_customer = BooksPerCustomer::AtMost(n),
            _ => bad(
                "/books_per_customer",
                "must be a number of at least 1 or “unlimited”",
            ),
        },
    }
    let group = get("attribute_group");
    s.attribute_group = (!group.is_empty()).then_some(group);
    s.card_measures = pairs
        .iter()
        .filter(|(k, _)| k == "card_measures")
        .filter_map(|(_, v)| Measure::parse(v))
        .collect();
    (s, errors)
}

async fn save_settings(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "_csrf")
        .map(|(_, v)| v.as_str());
    if let Err(r) = check_csrf(&who, csrf) {
        return r;
    }
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "settings").await {
        return r;
    }
    let nav = || Some(Nav::new(&who, "settings"));
    let current = match state.store.settings(who.company).await {
        Ok(s) => s,
        Err(e) => return page_error(e.into(), nav()),
    };
    let (s, mut errors) = from_form(current, &pairs);
    if errors.is_empty() {
        match crate::service::save_settings(&state, &who, &s).await {
            Ok(()) => return Redirect::to("/setup/settings?saved=1").into_response(),
            Err(ApiError::Invalid(i)) => errors = i.0,
            Err(e) => return page_error(e, nav()),
        }
    }
    match settings_page(&state, &who, s, errors, false).await {
        Ok(p) => (StatusCode::UNPROCESSABLE_ENTITY, render(&p)).into_response(),
        Err(e) => page_error(e, nav()),
    }
}

struct HistBar {
    x: u32,
    y: u32,
    h: u32,
    label: String,
    title: String,
}

struct RunView {
    status: String,
    started: String,
    duration: Option<String>,
    error: Option<String>,
    params: Vec<(String, String)>,
    bars: Vec<HistBar>,
}

#[derive(Template)]
#[template(path = "insights.html")]
struct InsightsPage {
    latest: Option<RunView>,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
}

fn run_view(r: InsightsRun) -> RunView {
    let result = r.result.unwrap_or_default();
    let fit = &result["fit"];
    let mut params = Vec::new();
    for (k, v) in [
        ("customers", &fit["customers"]),
        ("r", &fit["bgnbd"]["r"]),
        ("alpha", &fit["bgnbd"]["alpha"]),
        ("a", &fit["bgnbd"]["a"]),
        ("b", &fit["bgnbd"]["b"]),
        ("log-likelihood", &fit["bgnbd"]["log_likelihood"]),
        ("Gamma-Gamma p", &fit["gamma_gamma"]["p"]),
        ("Gamma-Gamma q", &fit["gamma_gamma"]["q"]),
        ("Gamma-Gamma v", &fit["gamma_gamma"]["v"]),
    ] {
        if let Some(f) = v.as_f64() {
            params.push((
                k.to_owned(),
                if f.fract() == 0.0 {
                    format!("{f:.0}")
                } else {
                    format!("{f:.4}")
                },
            ));
        }
    }
    let hist: Vec<u64> = result["churn_histogram"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_u64()).collect())
        .unwrap_or_default();
    let max = hist.iter().copied().max().unwrap_or(0).max(1);
    let bars = hist
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let h = ((*n as f64 / max as f64) * 130.0).round() as u32;
            HistBar {
                x: i as u32 * 60 + 3,
                y: 140 - h,
                h,
                label: format!("{}–{}%", i * 10, i * 10 + 10),
                title: format!("{n} customers"),
            }
        })
        .collect();
    RunView {
        status: r.status,
        started: crate::fmt::rfc3339(r.started_at),
        duration: result["duration_ms"]
            .as_u64()
            .map(|d| format!("{:.1} s", d as f64 / 1000.0)),
        error: r.error,
        params,
        bars,
    }
}

async fn show_insights(State(state): State<AppState>, UiAuth(who): UiAuth) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "insights").await {
        return r;
    }
    match state.store.runs(who.company, 1).await {
        Ok(runs) => render(&InsightsPage {
            latest: runs.into_iter().next().map(run_view),
            csrf_token: who.csrf_token.clone(),
            csrf: Some(who.csrf_token.clone()),
            nav: Some(Nav::new(&who, "insights")),
        }),
        Err(e) => page_error(e.into(), Some(Nav::new(&who, "insights"))),
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

async fn run_insights(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<CsrfForm>,
) -> Response {
    if let Err(r) = check_csrf(&who, f.csrf.as_deref()) {
        return r;
    }
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "insights").await {
        return r;
    }
    let started = async {
        let params = crate::insights::RunRequest {
            calibration_end: None,
            horizon_weeks: None,
            clv_months: None,
            monthly_discount_rate: None,
        }
        .validate(crate::books::today())?;
        let id =
            crate::insights::start(state.store.clone(), who.company, who.associate, params).await?;
        crate::audit::record(
            &state,
            &who,
            "insights.run",
            crate::audit::Outcome::Ok,
            None,
            serde_json::json!({"run": id}),
        )
        .await;
        Ok::<_, ApiError>(())
    }
    .await;
    match started {
        Ok(()) => Redirect::to("/setup/insights").into_response(),
        Err(e) => page_error(e, Some(Nav::new(&who, "insights"))),
    }
}

struct AuditRow {
    at: String,
    who: String,
    action: String,
    outcome: String,
    customer: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    rows: Vec<AuditRow>,
    customer: String,
    next: Option<String>,
    nav: Option<Nav>,
    csrf: Option<String>,
}

#[derive(Deserialize)]
struct AuditParams {
    customer: Option<String>,
    cursor: Option<String>,
}

async fn audit(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(p): Query<AuditParams>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ViewAuditLog, "audit").await {
        return r;
    }
    let page = async {
        let names: std::collections::HashMap<_, _> = state
            .store
            .list_associates(who.company)
            .await?
            .into_iter()
            .map(|a| (a.id, a.display_name.to_string()))
            .collect();
        let before = crate::api::page::decode(p.cursor.as_deref())?;
        let customer = p.customer.clone().filter(|c| !c.trim().is_empty());
        let rows = state
            .store
            .list_audit(
                who.company,
                &AuditQuery {
                    customer,
                    associate: None,
                    before,
                    limit: 101,
                },
            )
            .await?;
        let page = crate::api::page::paginate(
            rows,
            100,
            |e| e.id,
            |e| AuditRow {
                at: crate::fmt::rfc3339(e.at),
                who: e
                    .associate
                    .and_then(|a| names.get(&a).cloned())
                    .unwrap_or_default(),
                action: e.action,
                outcome: e.outcome,
                customer: e.customer.unwrap_or_default(),
                detail: e.detail.to_string(),
            },
        );
        Ok::<_, ApiError>(AuditPage {
            rows: page.items,
            next: page.next_cursor,
            customer: p.customer.unwrap_or_default(),
            csrf: Some(who.csrf_token.clone()),
            nav: Some(Nav::new(&who, "audit")),
        })
    }
    .await;
    match page {
        Ok(p) => render(&p),
        Err(e) => page_error(e, Some(Nav::new(&who, "audit"))),
    }
}
