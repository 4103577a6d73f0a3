//! Activities, notes, purchases and the customer timeline: the use cases
//! shared by the API and the UI, so both behave the same (validation,
//! visibility, auditing). Submodules hold notes, activity types and purchases.

pub mod notes;
pub mod purchases;
pub mod types;

use crate::api::page::{self, Page};
use crate::audit::{self, Outcome};
use crate::error::{ApiError, ApiResult, not_found};
use crate::fmt::rfc3339;
use crate::state::AppState;
use clienteling_domain::FieldError;
use clienteling_domain::Invalid;
use clienteling_domain::activity::{
    ActivityInput, EntryKind, RawActivity, Visibility, parse_bound,
};
use clienteling_domain::customer::Customer;
use clienteling_domain::ids::{ActivityTypeId, AssociateId, StoreId};
use clienteling_domain::time_util::now_micros;
use clienteling_store::{
    ActivityQuery, ActivityRecord, NewActivity, Principal, StoreError, TimelineEntry, TimelineQuery,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// The newest-first sort key of timelines and activity listings.
type AtId = (i64, Uuid);

/// A customer by account number, or 404.
pub async fn customer(state: &AppState, who: &Principal, account: &str) -> ApiResult<Customer> {
    state
        .store
        .customer_by_account(who.company, account)
        .await
        .map_err(not_found("customer"))
}

/// A 400 for a bad query parameter, naming it.
pub(crate) fn bad_param(name: &str, message: impl Into<String>) -> ApiError {
    let message = message.into();
    ApiError::BadRequest {
        detail: format!("{name}: {message}"),
        errors: vec![FieldError {
            pointer: format!("/{name}"),
            message,
        }],
    }
}

/// The id of the activity type `code` for a filter (400 if unknown).
async fn type_filter(
    state: &AppState,
    who: &Principal,
    code: Option<&str>,
) -> ApiResult<Option<ActivityTypeId>> {
    let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    match state
        .store
        .activity_type(who.company, &code.to_lowercase())
        .await
    {
        Ok(t) => Ok(Some(t.id)),
        Err(StoreError::NotFound) => Err(bad_param("type", "no such activity type")),
        Err(e) => Err(e.into()),
    }
}

/// What a timeline page shows.
#[derive(Debug, Clone, Default)]
pub struct TimelineFilter {
    /// Only activities or only notes.
    pub kind: Option<EntryKind>,
    /// Only activities of this type code (notes are then left out).
    pub type_code: Option<String>,
    /// Only entries whose text contains this (case-insensitive).
    pub q: Option<String>,
}

/// One timeline entry as the API and UI show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineItem {
    /// `activity` or `note`.
    pub kind: EntryKind,
    /// Activity or note id.
    pub id: String,
    /// When (RFC 3339): the activity's time, or when the note was written.
    pub at: String,
    /// Associate id of who logged or wrote it.
    pub associate: String,
    /// Their display name.
    pub associate_name: String,
    /// Activity type code (activities only).
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    /// Activity type name (activities only).
    pub type_name: Option<String>,
    /// The activity's description or the note's text.
    pub text: String,
    /// Who may read the note (notes only).
    pub visibility: Option<Visibility>,
    /// When a follow-up or appointment is due (activities only, RFC 3339).
    pub due_at: Option<String>,
    /// Whether the note was edited.
    pub edited: bool,
    /// When the note was last edited (RFC 3339).
    pub edited_at: Option<String>,
    /// Whether the reader may edit or delete it (their own note).
    pub can_edit: bool,
    /// Delivery status of an outreach message (outreach activities only).
    pub outreach_status: Option<clienteling_domain::outreach::OutboxStatus>,
}

impl TimelineItem {
    /// Show a stored entry to `viewer`.
    pub fn from_entry(e: TimelineEntry, viewer: AssociateId) -> Self {
        TimelineItem {
            kind: e.kind,
            id: e.id.to_string(),
            at: rfc3339(e.at),
            associate: e.associate.to_string(),
            associate_name: e.associate_name,
            type_code: e.type_code,
            type_name: e.type_name,
            text: e.text,
            visibility: e.visibility,
            due_at: e.due_at.map(rfc3339),
            edited: e.edited_at.is_some(),
            edited_at: e.edited_at.map(rfc3339),
            can_edit: e.kind == EntryKind::Note && e.associate == viewer,
            outreach_status: None,
        }
    }

    fn from_activity(a: ActivityRecord) -> Self {
        TimelineItem {
            kind: EntryKind::Activity,
            id: a.id.to_string(),
            at: rfc3339(a.at),
            associate: a.associate.to_string(),
            associate_name: a.associate_name,
            type_code: Some(a.type_code),
            type_name: Some(a.type_name),
            text: a.description,
            visibility: None,
            due_at: a.due_at.map(rfc3339),
            edited: false,
            edited_at: None,
            can_edit: false,
            outreach_status: None,
        }
    }
}

/// One page of a customer's timeline as `who` may see it: activities and the
/// notes visible to them, newest first. Returning notes is audited
/// (`note.read`, with note ids only).
pub async fn timeline(
    state: &AppState,
    who: &Principal,
    account: &str,
    filter: &TimelineFilter,
    cursor: Option<&str>,
    limit: u32,
) -> ApiResult<Page<TimelineItem>> {
    let c = customer(state, who, account).await?;
    let query = TimelineQuery {
        customer: c.id,
        viewer: who.associate,
        kind: filter.kind,
        activity_type: type_filter(state, who, filter.type_code.as_deref()).await?,
        text: filter.q.clone(),
        before: page::decode::<AtId>(cursor)?,
        limit: limit + 1,
    };
    let rows = state.store.timeline(who.company, &query).await?;
    let viewer = who.associate;
    let mut page = page::paginate(
        rows,
        limit,
        |e| (e.at, e.id),
        |e| TimelineItem::from_entry(e, viewer),
    );
    crate::outreach::queue::fill_statuses(state, &mut page.items).await?;
    let notes: Vec<&str> = page
        .items
        .iter()
        .filter(|i| i.kind == EntryKind::Note)
        .map(|i| i.id.as_str())
        .collect();
    if !notes.is_empty() {
        let detail = serde_json::json!({"via": "timeline", "notes": notes});
        audit::record(state, who, "note.read", Outcome::Ok, Some(account), detail).await;
    }
    Ok(page)
}

/// Log an activity about a customer, at the associate's current store. The
/// type must exist and be active (422 at `/type` otherwise). Audited.
pub async fn log_activity(
    state: &AppState,
    who: &Principal,
    account: &str,
    raw: &RawActivity,
) -> ApiResult<TimelineItem> {
    let input = ActivityInput::parse(raw)?;
    let c = customer(state, who, account).await?;
    let code = input.type_code.as_str();
    let t = match state.store.activity_type(who.company, code).await {
        Ok(t) if t.active => t,
        Ok(_) => return Err(Invalid::field("/type", "this activity type is inactive").into()),
        Err(StoreError::NotFound) => {
            return Err(Invalid::field("/type", "no such activity type").into());
        }
        Err(e) => return Err(e.into()),
    };
    let new = NewActivity {
        customer: c.id,
        associate: who.associate,
        activity_type: t.id,
        store: who.store,
        at: input.at.unwrap_or_else(now_micros),
        description: input.description,
        due_at: input.due_at,
    };
    let ids = state.store.add_activities(who.company, &[new]).await?;
    let id = ids
        .first()
        .copied()
        .ok_or_else(|| ApiError::Internal("no id".into()))?;
    let record = state.store.activity(who.company, id).await?;
    let detail = serde_json::json!({"activity": id, "type": code});
    audit::record(
        state,
        who,
        "activity.create",
        Outcome::Ok,
        Some(account),
        detail,
    )
    .await;
    Ok(TimelineItem::from_activity(record))
}

/// Filters of the HQ activity listing (raw, as query parameters).
#[derive(Debug, Clone, Default)]
pub struct ActivityFilter {
    /// Associate id or username.
    pub associate: Option<String>,
    /// Store code.
    pub store: Option<String>,
    /// Activity type code.
    pub type_code: Option<String>,
    /// From (RFC 3339 or a date, inclusive).
    pub from: Option<String>,
    /// To (RFC 3339, exclusive; or a date, inclusive of that day).
    pub to: Option<String>,
}

/// An activity in the HQ listing.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActivityItem {
    /// Id.
    pub id: String,
    /// When (RFC 3339).
    pub at: String,
    /// Customer account.
    pub customer: String,
    /// Associate id.
    pub associate: String,
    /// Associate's display name.
    pub associate_name: String,
    /// Store code where it was logged.
    pub store: Option<String>,
    /// Type code.
    #[serde(rename = "type")]
    pub type_code: String,
    /// Type name.
    pub type_name: String,
    /// Description.
    pub description: String,
    /// Due (RFC 3339).
    pub due_at: Option<String>,
}

impl From<ActivityRecord> for ActivityItem {
    fn from(a: ActivityRecord) -> Self {
        ActivityItem {
            id: a.id.to_string(),
            at: rfc3339(a.at),
            customer: a.account,
            associate: a.associate.to_string(),
            associate_name: a.associate_name,
            store: a.store,
            type_code: a.type_code,
            type_name: a.type_name,
            description: a.description,
            due_at: a.due_at.map(rfc3339),
        }
    }
}

async fn associate_filter(
    state: &AppState,
    who: &Principal,
    raw: Option<&str>,
) -> ApiResult<Option<AssociateId>> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let all = state.store.list_associates(who.company).await?;
    let wanted = raw.parse::<AssociateId>().ok();
    all.iter()
        .find(|a| Some(a.id) == wanted || a.username.as_str() == raw.to_lowercase())
        .map(|a| Some(a.id))
        .ok_or_else(|| bad_param("associate", "no such associate"))
}

async fn store_filter(
    state: &AppState,
    who: &Principal,
    raw: Option<&str>,
) -> ApiResult<Option<StoreId>> {
    let Some(code) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let all = state.store.list_stores(who.company).await?;
    all.iter()
        .find(|s| s.code.as_str() == code.to_lowercase())
        .map(|s| Some(s.id))
        .ok_or_else(|| bad_param("store", "no such store"))
}

fn bound(name: &str, raw: Option<&str>, end: bool) -> ApiResult<Option<i64>> {
    raw.map(|s| parse_bound(s, end).map_err(|e| bad_param(name, e.to_string())))
        .transpose()
}

/// HQ view: every activity of the company, filtered by associate, store,
/// type and time range, newest first.
pub async fn activities_page(
    state: &AppState,
    who: &Principal,
    filter: &ActivityFilter,
    cursor: Option<&str>,
    limit: u32,
) -> ApiResult<Page<ActivityItem>> {
    let query = ActivityQuery {
        associate: associate_filter(state, who, filter.associate.as_deref()).await?,
        store: store_filter(state, who, filter.store.as_deref()).await?,
        activity_type: type_filter(state, who, filter.type_code.as_deref()).await?,
        from: bound("from", filter.from.as_deref(), false)?,
        to: bound("to", filter.to.as_deref(), true)?,
        before: page::decode::<AtId>(cursor)?,
        limit: limit + 1,
    };
    let rows = state.store.list_activities(who.company, &query).await?;
    Ok(page::paginate(
        rows,
        limit,
        |a| (a.at, a.id.0),
        ActivityItem::from,
    ))
}
