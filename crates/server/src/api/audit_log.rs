//! `GET /audit` (view_audit_log).

use super::page::{self, Page};
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{Can, Query, perm};
use crate::state::AppState;
use axum::extract::State;
use clienteling_domain::ids::{AssociateId, AuditId};
use clienteling_store::{AuditEntry, AuditQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

/// Filters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditParams {
    /// Customer account.
    pub customer: Option<String>,
    /// Associate id.
    pub associate: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Cursor.
    pub cursor: Option<String>,
}

/// One audit entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditItem {
    /// Id.
    pub id: String,
    /// When (RFC 3339).
    pub at: String,
    /// Associate id.
    pub associate: Option<String>,
    /// Action, e.g. `customer.update`.
    pub action: String,
    /// `ok` or `denied`.
    pub outcome: String,
    /// Customer account.
    pub customer: Option<String>,
    /// Request id.
    pub request_id: Option<String>,
    /// Facts without personal data.
    pub detail: serde_json::Value,
}

impl From<AuditEntry> for AuditItem {
    fn from(e: AuditEntry) -> Self {
        AuditItem {
            id: e.id.to_string(),
            at: crate::fmt::rfc3339(e.at),
            associate: e.associate.map(|a| a.to_string()),
            action: e.action,
            outcome: e.outcome,
            customer: e.customer,
            request_id: e.request_id,
            detail: e.detail,
        }
    }
}

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_audit))
}

/// The audit log, newest first.
#[utoipa::path(get, path = "/audit", tag = "operations", params(AuditParams),
    responses((status = 200, body = Page<AuditItem>), (status = 403, body = Problem)))]
async fn list_audit(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewAuditLog>,
    Query(p): Query<AuditParams>,
) -> ApiResult<axum::Json<Page<AuditItem>>> {
    let limit = page::limit(p.limit)?;
    let associate = p
        .associate
        .as_deref()
        .map(|a| {
            a.parse::<AssociateId>()
                .map_err(|_| ApiError::bad_request("associate must be an id"))
        })
        .transpose()?;
    let q = AuditQuery {
        customer: p.customer,
        associate,
        before: page::decode::<AuditId>(p.cursor.as_deref())?,
        limit: limit + 1,
    };
    let rows = state.store.list_audit(who.company, &q).await?;
    Ok(axum::Json(page::paginate(
        rows,
        limit,
        |e| e.id,
        AuditItem::from,
    )))
}
