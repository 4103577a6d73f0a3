//! Follow-up use cases shared by the API and the UI: create one by hand,
//! list (mine, or a colleague's / a store's for managers), mark done,
//! snooze or dismiss one's own. Rules live in [`rules`], the daily run in
//! [`task`].

pub mod rules;
pub mod task;
pub mod upcoming;

use crate::api::page::{self, Page};
use crate::audit::{self, Outcome};
use crate::auth::require;
use crate::books::today;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::timeline::{bad_param, customer};
use clienteling_domain::attributes::parse_date;
use clienteling_domain::ids::{AssociateId, StoreId};
use clienteling_domain::time_util::{from_micros, now_micros};
use clienteling_domain::{Invalid, Permission};
use clienteling_store::{
    FollowUp, FollowUpChange, FollowUpQuery, FollowUpStatusFilter, NewFollowUp, Principal,
    StoreError,
};
use serde::Serialize;
use time::Date;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;
use uuid::Uuid;

/// A follow-up as the API and UI show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FollowUpItem {
    /// Id.
    pub id: String,
    /// Customer account number.
    pub customer: String,
    /// Customer display name.
    pub customer_name: String,
    /// Owner (associate id).
    pub associate: String,
    /// Owner's display name.
    pub associate_name: String,
    /// The day it is due now (`YYYY-MM-DD`; a snooze moves it).
    pub due: String,
    /// The day it was first due.
    pub first_due: String,
    /// Why: free text, or a rule's reason (`birthday`, `thank_you`, `stay_in_touch`, `lapsed`).
    pub reason: String,
    /// `manual` or `rule`.
    pub source: String,
    /// The rule kind for rule-made ones.
    pub rule_kind: Option<String>,
    /// `open`, `done`, `snoozed` or `dismissed`.
    pub status: String,
    /// Snoozed until this day.
    pub snoozed_until: Option<String>,
    /// Open (or back from a snooze) and due before today.
    pub overdue: bool,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Done or dismissed (RFC 3339).
    pub closed_at: Option<String>,
}

fn rfc3339(micros: i64) -> String {
    from_micros(micros).format(&Rfc3339).unwrap_or_default()
}

impl FollowUpItem {
    /// The item of a stored follow-up, as seen on `today`.
    pub fn of(f: FollowUp, today: Date) -> Self {
        let active = f.status == "open" || (f.status == "snoozed" && f.due <= today);
        FollowUpItem {
            id: f.id.to_string(),
            customer: f.account,
            customer_name: f.customer_name,
            associate: f.owner.to_string(),
            associate_name: f.owner_name,
            due: f.due.to_string(),
            first_due: f.first_due.to_string(),
            reason: f.reason,
            source: f.source,
            rule_kind: f.rule_kind,
            overdue: active && f.due < today,
            status: f.status,
            snoozed_until: f.snoozed_until.map(|d| d.to_string()),
            created_at: rfc3339(f.created_at),
            closed_at: f.closed_at.map(rfc3339),
        }
    }
}

/// Listing filters, raw as query parameters.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// `open` (default: open and back from a snooze), `snoozed`, `done`, `dismissed`, `all`.
    pub status: Option<String>,
    /// Due on or before this day.
    pub due_before: Option<String>,
    /// Due on or after this day.
    pub due_from: Option<String>,
    /// Another associate (id or username; needs view_store_client_books).
    pub associate: Option<String>,
    /// A store's associates (code; needs view_store_client_books).
    pub store: Option<String>,
    /// About this customer (account).
    pub customer: Option<String>,
}

/// Parse a status filter.
pub fn status_filter(raw: Option<&str>) -> ApiResult<FollowUpStatusFilter> {
    Ok(match raw.map(str::trim).unwrap_or("open") {
        "" | "open" => FollowUpStatusFilter::Active,
        "snoozed" => FollowUpStatusFilter::Snoozed,
        "done" => FollowUpStatusFilter::Done,
        "dismissed" => FollowUpStatusFilter::Dismissed,
        "all" => FollowUpStatusFilter::All,
        _ => {
            return Err(bad_param(
                "status",
                "must be open, snoozed, done, dismissed or all",
            ));
        }
    })
}

fn day_param(name: &str, raw: Option<&str>) -> ApiResult<Option<Date>> {
    raw.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| parse_date(s).map_err(|e| bad_param(name, e)))
        .transpose()
}

/// Whether `who` may see `owner`'s follow-ups: their own; with
/// view_store_client_books, those of associates sharing a store; HQ all.
async fn may_see(state: &AppState, who: &Principal, owner: AssociateId) -> ApiResult<bool> {
    if owner == who.associate || who.can(Permission::ManageSetup) {
        return Ok(true);
    }
    if !who.can(Permission::ViewStoreClientBooks) {
        return Ok(false);
    }
    let them = state.store.associate(who.company, owner).await?;
    let me = state.store.associate(who.company, who.associate).await?;
    Ok(them.stores.iter().any(|s| me.stores.contains(s)))
}

async fn owner_scope(
    state: &AppState,
    who: &Principal,
    f: &ListFilter,
) -> ApiResult<(Vec<AssociateId>, Option<StoreId>)> {
    let associate = f
        .associate
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let store = f.store.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if associate.is_none() && store.is_none() {
        return Ok((vec![who.associate], None));
    }
    require(state, who, Permission::ViewStoreClientBooks).await?;
    let mut owners = Vec::new();
    if let Some(raw) = associate {
        let all = state.store.list_associates(who.company).await?;
        let wanted = raw.parse::<AssociateId>().ok();
        let a = all
            .iter()
            .find(|a| Some(a.id) == wanted || a.username.as_str() == raw.to_lowercase())
            .ok_or_else(|| bad_param("associate", "no such associate"))?;
        if !may_see(state, who, a.id).await? {
            return Err(ApiError::Forbidden(
                "working in a store of the associate".into(),
            ));
        }
        owners.push(a.id);
    }
    let store_id = match store {
        Some(code) => Some(visible_store(state, who, code).await?),
        None => None,
    };
    Ok((owners, store_id))
}

/// The store `code`, if `who` works there or is HQ.
async fn visible_store(state: &AppState, who: &Principal, code: &str) -> ApiResult<StoreId> {
    let stores = state.store.list_stores(who.company).await?;
    let store = stores
        .into_iter()
        .find(|s| s.code.as_str() == code.to_lowercase())
        .ok_or_else(|| bad_param("store", "no such store"))?;
    if !who.can(Permission::ManageSetup) {
        let me = state.store.associate(who.company, who.associate).await?;
        if !me.stores.iter().any(|s| s == store.code.as_str()) {
            return Err(ApiError::Forbidden("working at this store".into()));
        }
    }
    Ok(store.id)
}

/// One page of follow-ups by (due, id).
pub async fn list(
    state: &AppState,
    who: &Principal,
    f: &ListFilter,
    cursor: Option<&str>,
    limit: u32,
) -> ApiResult<Page<FollowUpItem>> {
    let status = status_filter(f.status.as_deref())?;
    let due_before = day_param("due_before", f.due_before.as_deref())?;
    let due_from = day_param("due_from", f.due_from.as_deref())?;
    let (owners, store) = owner_scope(state, who, f).await?;
    let customer_id = match f.customer.as_deref().filter(|s| !s.is_empty()) {
        Some(a) => Some(customer(state, who, a).await?.id),
        None => None,
    };
    let after = page::decode::<(String, Uuid)>(cursor)?
        .map(|(d, id)| parse_date(&d).map(|d| (d, id)))
        .transpose()
        .map_err(|_| ApiError::bad_request("cursor is not valid; start again without it"))?;
    let today = today();
    let q = FollowUpQuery {
        owners,
        store,
        customer: customer_id,
        status,
        today: Some(today),
        due_before,
        due_from,
        after,
        limit: limit + 1,
        ..Default::default()
    };
    let rows = state.store.list_follow_ups(who.company, &q).await?;
    Ok(page::paginate(
        rows,
        limit,
        |r| (r.due.to_string(), r.id),
        |r| FollowUpItem::of(r, today),
    ))
}

/// Create a follow-up by hand for `who`, due on `due` (today or later) for
/// `reason` (1..=500 characters). Audited without the reason.
pub async fn create(
    state: &AppState,
    who: &Principal,
    account: &str,
    due: &str,
    reason: &str,
) -> ApiResult<FollowUpItem> {
    let mut errors = clienteling_domain::error::Collector::default();
    let today = today();
    let due = match parse_date(due) {
        Ok(d) if d < today => {
            errors.push("/due", "must be today or later");
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            errors.push("/due", e);
            None
        }
    };
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        errors.push("/reason", "must be 1 to 500 characters");
    }
    errors.finish()?;
    let c = customer(state, who, account).await?;
    let new = NewFollowUp {
        customer: c.id,
        owner: who.associate,
        due: due.unwrap_or(today),
        reason: reason.to_owned(),
        source: "manual".into(),
        rule_kind: None,
        occasion: None,
        created_by: Some(who.associate),
    };
    let ids = state.store.add_follow_ups(who.company, &[new]).await?;
    let id = ids
        .first()
        .copied()
        .ok_or_else(|| ApiError::Internal("no id".into()))?;
    let detail = serde_json::json!({"follow_up": id, "source": "manual"});
    audit::record(
        state,
        who,
        "follow_up.create",
        Outcome::Ok,
        Some(account),
        detail,
    )
    .await;
    let row = state.store.follow_up(who.company, id).await?;
    Ok(FollowUpItem::of(row, today))
}

/// Parse a status change: `done`, `dismissed`, or `snoozed` with a day after today.
pub fn parse_change(status: &str, until: Option<&str>, today: Date) -> ApiResult<FollowUpChange> {
    let until = until.map(str::trim).filter(|s| !s.is_empty());
    match (status.trim(), until) {
        ("done", None) => Ok(FollowUpChange::Done),
        ("dismissed", None) => Ok(FollowUpChange::Dismissed),
        ("done" | "dismissed", Some(_)) => {
            Err(Invalid::field("/snoozed_until", "only a snooze takes a date").into())
        }
        ("snoozed", None) => Err(Invalid::field("/snoozed_until", "a snooze needs a date").into()),
        ("snoozed", Some(d)) => match parse_date(d) {
            Ok(d) if d > today => Ok(FollowUpChange::Snoozed(d)),
            Ok(_) => Err(Invalid::field("/snoozed_until", "must be after today").into()),
            Err(e) => Err(Invalid::field("/snoozed_until", e).into()),
        },
        _ => Err(Invalid::field("/status", "must be done, snoozed or dismissed").into()),
    }
}

/// Mark one's own follow-up done, snooze or dismiss it. Someone else's is a
/// 403 if `who` may see it, a 404 otherwise. Audited.
pub async fn change(
    state: &AppState,
    who: &Principal,
    id: &str,
    status: &str,
    until: Option<&str>,
) -> ApiResult<FollowUpItem> {
    let today = today();
    let change = parse_change(status, until, today)?;
    let id: Uuid = id
        .parse()
        .map_err(|_| ApiError::NotFound("follow-up".into()))?;
    let f = state
        .store
        .follow_up(who.company, id)
        .await
        .map_err(crate::error::not_found("follow-up"))?;
    if f.owner != who.associate {
        if may_see(state, who, f.owner).await? {
            let detail = serde_json::json!({"follow_up": id, "reason": "not the owner"});
            audit::record(
                state,
                who,
                "permission.denied",
                Outcome::Denied,
                None,
                detail,
            )
            .await;
            return Err(ApiError::Forbidden("owning the follow-up".into()));
        }
        return Err(ApiError::NotFound("follow-up".into()));
    }
    let row = match state
        .store
        .change_follow_up(who.company, id, &change, who.associate, now_micros())
        .await
    {
        Err(StoreError::Conflict { .. }) => {
            return Err(ApiError::Conflict(
                "this follow-up is already done or dismissed".into(),
            ));
        }
        other => other?,
    };
    let detail = serde_json::json!({"follow_up": id, "status": row.status});
    audit::record(
        state,
        who,
        "follow_up.update",
        Outcome::Ok,
        Some(&row.account),
        detail,
    )
    .await;
    Ok(FollowUpItem::of(row, today))
}
