//! Sales attribution and KPIs: HQ's attribution rules (manage_setup), the
//! attributed purchases with the contact that earned each, and the KPI
//! report (view_kpis; managers see the stores they work at).

use super::page::{self, Page};
use crate::attribution::{self, AttributionItem};
use crate::error::{ApiResult, Problem};
use crate::extract::{Can, Json, Query, perm};
use crate::kpis::{self, GroupBy, KpiReport};
use crate::state::AppState;
use crate::timeline::bad_param;
use axum::extract::State;
use clienteling_domain::Permission;
use clienteling_domain::attribution::{ContactKind, Rules, Split, Windows};
use clienteling_domain::ids::AssociateId;
use clienteling_store::Principal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_rules, put_rules))
        .routes(routes!(list_attribution))
        .routes(routes!(get_kpis))
}

/// The rules with their version (0: the defaults, never saved). The rule
/// fields are spelled out (not flattened) so the documented schema is the
/// exact shape of the response.
#[derive(Debug, Serialize, ToSchema)]
pub struct RulesDoc {
    /// Version; every save adds one and recomputes attribution.
    pub version: i64,
    /// Window per contact kind, in days.
    pub windows_days: Windows,
    /// Contact kinds by engagement, highest first; unlisted kinds rank last.
    pub priority: Vec<ContactKind>,
    /// Last contact wins, or an equal split.
    pub split: Split,
}

impl RulesDoc {
    fn new(version: i64, rules: Rules) -> RulesDoc {
        RulesDoc {
            version,
            windows_days: rules.windows_days,
            priority: rules.priority,
            split: rules.split,
        }
    }
}

/// The current attribution rules.
#[utoipa::path(get, path = "/attribution-rules", tag = "attribution",
    responses((status = 200, body = RulesDoc), (status = 403, body = Problem)))]
async fn get_rules(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
) -> ApiResult<axum::Json<RulesDoc>> {
    let r = attribution::current_rules(&state, who.company).await?;
    Ok(axum::Json(RulesDoc::new(r.version, r.rules)))
}

/// Replace the rules (windows per contact kind in days, 0..=365; priority
/// of kinds, highest first; split `last_contact` or `equal`). Every
/// purchase is recomputed under the new version.
#[utoipa::path(put, path = "/attribution-rules", tag = "attribution", request_body = Rules,
    responses((status = 200, body = RulesDoc), (status = 400, body = Problem), (status = 422, body = Problem)))]
async fn put_rules(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ManageSetup>,
    Json(rules): Json<Rules>,
) -> ApiResult<axum::Json<RulesDoc>> {
    let r = attribution::put_rules(&state, &who, &rules).await?;
    Ok(axum::Json(RulesDoc::new(r.version, r.rules)))
}

/// Attribution filters and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AttributionParams {
    /// Purchases from (RFC 3339 or a date), inclusive.
    pub from: Option<String>,
    /// Purchases to (RFC 3339 exclusive, or a date inclusive of that day).
    pub to: Option<String>,
    /// Associate id or username.
    pub associate: Option<String>,
    /// Store code: associates working there.
    pub store: Option<String>,
    /// Page size (1..=500, default 50).
    pub limit: Option<u32>,
    /// Cursor from the previous page.
    pub cursor: Option<String>,
}

/// The associates whose shares a listing may show (empty: everyone, HQ only).
pub(crate) async fn credited(
    state: &AppState,
    who: &Principal,
    associate: Option<&str>,
    store: Option<&str>,
) -> ApiResult<Vec<AssociateId>> {
    let given = |s: Option<&str>| {
        s.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_lowercase)
    };
    let (associate, store) = (given(associate), given(store));
    if who.can(Permission::ManageSetup) && associate.is_none() && store.is_none() {
        return Ok(Vec::new());
    }
    let (associates, stores) = kpis::in_view(state, who).await?;
    let mut ids: Vec<AssociateId> = associates.iter().map(|a| a.id).collect();
    if let Some(code) = store {
        if !stores.iter().any(|(c, _)| *c == code) {
            return Err(bad_param("store", "no such store in view"));
        }
        ids = associates
            .iter()
            .filter(|a| a.stores.contains(&code))
            .map(|a| a.id)
            .collect();
    }
    if let Some(name) = associate {
        let wanted = name.parse::<AssociateId>().ok();
        let a = associates
            .iter()
            .find(|a| Some(a.id) == wanted || a.username.as_str() == name)
            .ok_or_else(|| bad_param("associate", "no such associate in view"))?;
        ids.retain(|id| *id == a.id);
    }
    if ids.is_empty() {
        // Nothing in view matches: an impossible id keeps the listing empty.
        ids.push(AssociateId(uuid::Uuid::nil()));
    }
    Ok(ids)
}

/// Attributed purchases (newest first), each share naming the contact that earned it.
#[utoipa::path(get, path = "/attribution", tag = "attribution", params(AttributionParams),
    responses((status = 200, body = Page<AttributionItem>), (status = 400, body = Problem), (status = 403, body = Problem)))]
async fn list_attribution(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewKpis>,
    Query(p): Query<AttributionParams>,
) -> ApiResult<axum::Json<Page<AttributionItem>>> {
    let limit = page::limit(p.limit)?;
    let (from, to) = kpis::period_bounds(p.from.as_deref(), p.to.as_deref())?;
    let ids = credited(&state, &who, p.associate.as_deref(), p.store.as_deref()).await?;
    let page =
        attribution::list(&state, &who, (from, to), ids, (p.cursor.as_deref(), limit)).await?;
    Ok(axum::Json(page))
}

/// KPI parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct KpiParams {
    /// Period start (RFC 3339 or a date; default 30 days before `to`).
    pub from: Option<String>,
    /// Period end (exclusive; a date includes that day; default today).
    pub to: Option<String>,
    /// `associate` (default) or `store`.
    pub group_by: Option<String>,
}

/// KPIs per associate or store over a period, with the previous period of
/// the same length and the total.
#[utoipa::path(get, path = "/kpis", tag = "attribution", params(KpiParams),
    responses((status = 200, body = KpiReport), (status = 400, body = Problem), (status = 403, body = Problem)))]
async fn get_kpis(
    State(state): State<AppState>,
    Can(who, _): Can<perm::ViewKpis>,
    Query(p): Query<KpiParams>,
) -> ApiResult<axum::Json<KpiReport>> {
    let period = kpis::period(p.from.as_deref(), p.to.as_deref())?;
    let group_by = GroupBy::parse(p.group_by.as_deref())?;
    Ok(axum::Json(
        kpis::report(&state, &who, period, group_by).await?,
    ))
}
