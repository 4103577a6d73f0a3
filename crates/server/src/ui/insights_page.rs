//! HQ insights page: run the built-in engine and see the latest run's fitted
//! parameters and churn histogram, in the associate's language.

use super::{Nav, UiAuth, allow, guard, localised, page_error, render};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use clienteling_domain::Permission;
use clienteling_store::InsightsRun;
use serde::Deserialize;

/// Insights page routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/setup/insights", get(show_insights).post(run_insights))
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
    status_label: String,
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
    tr: Tr,
}
localised!(InsightsPage);

/// A fitted parameter: whole numbers as such, others with 4 decimals.
fn param_value(tr: &Tr, f: f64) -> String {
    tr.number(f, if f.fract() == 0.0 { 0 } else { 4 })
}

fn run_view(tr: &Tr, r: InsightsRun) -> RunView {
    let result = r.result.unwrap_or_default();
    let fit = &result["fit"];
    let mut params = Vec::new();
    for (k, v) in [
        (tr.t("insights-param-customers"), &fit["customers"]),
        ("r".to_owned(), &fit["bgnbd"]["r"]),
        ("alpha".to_owned(), &fit["bgnbd"]["alpha"]),
        ("a".to_owned(), &fit["bgnbd"]["a"]),
        ("b".to_owned(), &fit["bgnbd"]["b"]),
        (
            tr.t("insights-param-log-likelihood"),
            &fit["bgnbd"]["log_likelihood"],
        ),
        ("Gamma-Gamma p".to_owned(), &fit["gamma_gamma"]["p"]),
        ("Gamma-Gamma q".to_owned(), &fit["gamma_gamma"]["q"]),
        ("Gamma-Gamma v".to_owned(), &fit["gamma_gamma"]["v"]),
    ] {
        if let Some(f) = v.as_f64() {
            params.push((k, param_value(tr, f)));
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
                label: tr.t2("insights-bucket", "from", i * 10, "to", i * 10 + 10),
                title: tr.t1("insights-customers", "count", *n),
            }
        })
        .collect();
    RunView {
        status_label: tr.label_or("insights-status", &r.status, &r.status),
        status: r.status,
        started: tr.datetime(r.started_at),
        duration: result["duration_ms"].as_u64().map(|d| {
            let secs = tr.number(d as f64 / 1000.0, 1);
            tr.t1("insights-seconds", "seconds", secs)
        }),
        error: r.error.map(|e| tr.message(&e)),
        params,
        bars,
    }
}

async fn show_insights(State(state): State<AppState>, UiAuth(who): UiAuth) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "insights").await {
        return r;
    }
    let tr = Tr::of(&who);
    match state.store.runs(who.company, 1).await {
        Ok(runs) => render(&InsightsPage {
            latest: runs.into_iter().next().map(|r| run_view(&tr, r)),
            csrf_token: who.csrf_token.clone(),
            csrf: Some(who.csrf_token.clone()),
            nav: Some(Nav::new(&who, "insights")),
            tr,
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
    if let Err(r) = guard(
        &state,
        &who,
        f.csrf.as_deref(),
        Permission::ManageSetup,
        "insights",
    )
    .await
    {
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
