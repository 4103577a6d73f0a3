//! `POST /insights/run`, `GET /insights/runs`, `GET /insights/runs/{id}` (manage_setup).

use crate::error::{ApiError, ApiResult, Problem, not_found};
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
