//! `POST /insights/run`, `GET /insights/runs`, `GET /insights/runs/{id}` (manage_setup).

use crate::error::{ApiError, ApiResult, Problem, not_found};
use crate::external::{ExternalMeasure, MeasuresResult};
use crate::extract::{Can, Json, perm};
use crate::insights::{self, RunRequest};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use clienteling_store::InsightsRun;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(run))
        .routes(routes!(list_runs))
        .routes(routes!(get_run))
        .routes(routes!(get_rules, put_rules))
        .routes(routes!(put_measures))
}

/// A started run.
#[derive(Debug, Serialize, ToSchema)]
pub struct Started {
    /// Run id; poll `GET /insights/runs/{id}`.
    pub id: String,
}

/// A run's status and results.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunView {
    /// Id.
    pub id: String,
    /// `running`, `done` or `failed`.
    pub status: String,
    /// Parameters.
    pub request: serde_json::Value,
    /// Fitted parameters, counts, churn histogram (when done).
    pub result: Option<serde_json::Value>,
    /// Why it failed.
    pub error: Option<String>,
    /// Started (RFC 3339).
    pub started_at: String,
    /// Finished (RFC 3339).
    pub finished_at: Option<String>,
}

impl From<InsightsRun> for RunView {
    fn from(r: InsightsRun) -> Self {
        RunView {
            id: r.id.to_string(),
            status: r.status,
            request: r.request,
            result: r.result,
            error: r.error,
            started_at: crate::fmt::rfc3339(r.started_at),
            finished_at: r.finished_at.map(crate::fmt::rfc3339),
        }
    }
}

/// Fit the built-in models on the stored purchases in the background and
/// store measures per customer.
#[utoipa::path(post, path = "/insights/run", tag = "insights", request_body = RunRequest,
    responses((status = 202, body = Started), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn run(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(req): Json<RunRequest>,
) -> ApiResult<(StatusCode, axum::Json<Started>)> {
    let params = req.validate(crate::books::today())?;
    let id = insights::start(state.store.clone(), who.company, who.associate, params).await?;
    crate::audit::record(
        &state,
        &who,
        "insights.run",
        crate::audit::Outcome::Ok,
        None,
        serde_json::json!({"run": id}),
    )
    .await;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(Started { id: id.to_string() }),
    ))
}

/// Recent runs, newest first.
#[utoipa::path(get, path = "/insights/runs", tag = "insights", responses((status = 200, body = Vec<RunView>), (status = 403, body = Problem)))]
async fn list_runs(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<Vec<RunView>>> {
    let runs = state.store.runs(who.company, 20).await?;
    Ok(axum::Json(runs.into_iter().map(Into::into).collect()))
}

/// One run.
#[utoipa::path(get, path = "/insights/runs/{id}", tag = "insights", params(("id" = String, Path, description = "Run id")),
    responses((status = 200, body = RunView), (status = 404, body = Problem)))]
async fn get_run(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<RunView>> {
    let id = id
        .parse()
        .map_err(|_| ApiError::NotFound("insights run".into()))?;
    let r = state
        .store
        .run(who.company, id)
        .await
        .map_err(not_found("insights run"))?;
    Ok(axum::Json(r.into()))
}

/// The next-best-action rule table (HQ's, or the default): first matching rule wins.
#[utoipa::path(get, path = "/insights/rules", tag = "insights", responses((status = 200, body = Object), (status = 403, body = Problem)))]
async fn get_rules(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<clienteling_insights::RuleTable>> {
    Ok(axum::Json(
        insights::rules_of(state.store.as_ref(), who.company).await?,
    ))
}

/// Replace the rule table; it applies from the next insights run.
#[utoipa::path(put, path = "/insights/rules", tag = "insights", request_body = Object,
    responses((status = 200, body = Object), (status = 400, body = Problem), (status = 422, body = Problem)))]
async fn put_rules(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(table): Json<clienteling_insights::RuleTable>,
) -> ApiResult<axum::Json<clienteling_insights::RuleTable>> {
    let table = table
        .validated()
        .map_err(|e| clienteling_domain::Invalid::field("/rules", e.to_string()))?;
    let doc = serde_json::to_value(&table).map_err(|e| ApiError::Internal(e.to_string()))?;
    state.store.put_rules(who.company, &doc).await?;
    crate::audit::record(
        &state,
        &who,
        "insights.rules",
        crate::audit::Outcome::Ok,
        None,
        serde_json::json!({"rules": table.rules.len()}),
    )
    .await;
    Ok(axum::Json(table))
}

/// Bulk upsert measures from an external provider, keyed by alternate customer id.
#[utoipa::path(put, path = "/measures", tag = "insights", request_body = Vec<ExternalMeasure>,
    responses((status = 200, body = MeasuresResult), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn put_measures(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(items): Json<Vec<ExternalMeasure>>,
) -> ApiResult<axum::Json<MeasuresResult>> {
    let result = crate::external::import(state.store.as_ref(), who.company, &items).await?;
    let detail = serde_json::json!({"updated": result.updated, "unknown": result.unknown.len()});
    crate::audit::record(
        &state,
        &who,
        "measures.import",
        crate::audit::Outcome::Ok,
        None,
        detail,
    )
    .await;
    Ok(axum::Json(result))
}
