//! Appointments: the use cases shared by the API and the UI. Associates
//! book, see and change their own appointments; managers (with
//! `view_store_client_books`) also those at their stores, and may book for
//! another associate. Double booking is refused by the store (409 naming
//! the clash). The timeline entry is an activity of type `appointment` whose
//! due time is the reminder, a day before the start; booking also creates a
//! reminder follow-up for that day (once per appointment).

pub mod access;

use crate::api::page::{self, Page};
use crate::audit::{self, Outcome};
use crate::error::{ApiError, ApiResult, not_found};
use crate::fmt::rfc3339;
use crate::state::AppState;
use crate::timeline::bad_param;
use access::{Scope, check_visible, resolve_associate, resolve_store};
use clienteling_domain::Invalid;
use clienteling_domain::activity::parse_bound;
use clienteling_domain::appointment::{MINUTE_MICROS, RawSlot, Slot, Status};
use clienteling_domain::ics;
use clienteling_domain::time_util::{from_micros, now_micros};
use clienteling_store::{
    Appointment, AppointmentChange, AppointmentQuery, Booking, NewAppointment, NewFollowUp,
    Principal, StoreError,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// How long before the start the reminder is due.
pub const REMIND_BEFORE_MICROS: i64 = 24 * 3600 * 1_000_000;

/// A new appointment.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppointmentInput {
    /// Customer account number.
    pub customer: String,
    /// Associate id or username (default: the caller; another associate needs `view_store_client_books`).
    pub associate: Option<String>,
    /// Store code (default: the caller's current store).
    pub store: Option<String>,
    /// Start (RFC 3339).
    pub start: String,
    /// End (RFC 3339); or give `duration_minutes`.
    pub end: Option<String>,
    /// Duration in minutes (5..=480, default 30).
    pub duration_minutes: Option<u32>,
    /// Purpose (1..=500 characters).
    pub purpose: String,
}

/// Changes to an appointment; absent fields stay.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppointmentPatchInput {
    /// New start (RFC 3339); the duration stays unless given.
    pub start: Option<String>,
    /// New end (RFC 3339).
    pub end: Option<String>,
    /// New duration in minutes.
    pub duration_minutes: Option<u32>,
    /// New purpose.
    pub purpose: Option<String>,
    /// `booked`, `held`, `cancelled` or `no_show`.
    pub status: Option<String>,
}

/// An appointment as the API and UI show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AppointmentItem {
    /// Id.
    pub id: String,
    /// Customer account.
    pub customer: String,
    /// Customer's name.
    pub customer_name: String,
    /// Associate id.
    pub associate: String,
    /// Associate's display name.
    pub associate_name: String,
    /// Store code.
    pub store: String,
    /// Start (RFC 3339).
    pub start: String,
    /// End (RFC 3339).
    pub end: String,
    /// Duration in minutes.
    pub duration_minutes: i64,
    /// Purpose.
    pub purpose: String,
    /// Status.
    #[schema(value_type = String)]
    pub status: Status,
    /// The timeline activity id.
    pub activity: String,
    /// Where to download the calendar file.
    pub ics_url: String,
}

impl From<Appointment> for AppointmentItem {
    fn from(a: Appointment) -> Self {
        AppointmentItem {
            id: a.id.to_string(),
            customer: a.account,
            customer_name: a.customer_name,
            associate: a.associate.to_string(),
            associate_name: a.associate_name,
            store: a.store_code,
            start: rfc3339(a.start),
            end: rfc3339(a.end),
            duration_minutes: (a.end - a.start) / MINUTE_MICROS,
            purpose: a.purpose,
            status: a.status,
            activity: a.activity.to_string(),
            ics_url: format!("/api/v1/appointments/{}/ics", a.id),
        }
    }
}

/// Calendar filters (raw query parameters).
#[derive(Debug, Clone, Default)]
pub struct CalendarFilter {
    /// From (RFC 3339 or date, inclusive).
    pub from: Option<String>,
    /// To (RFC 3339 exclusive, or a date inclusive of that day).
    pub to: Option<String>,
    /// Associate id or username.
    pub associate: Option<String>,
    /// Store code.
    pub store: Option<String>,
}

/// The reminder time of an appointment starting at `start`: a day before,
/// or now when that has passed.
pub fn remind_at(start: i64) -> i64 {
    (start - REMIND_BEFORE_MICROS).max(now_micros().min(start))
}

/// The reminder follow-up of a booked appointment, owned by its associate
/// and due on the reminder's day; its occasion key (`appointment/<id>`)
/// makes it once-only.
async fn add_reminder(state: &AppState, who: &Principal, a: &Appointment) -> ApiResult<()> {
    let reminder = NewFollowUp {
        customer: a.customer,
        owner: a.associate,
        due: from_micros(remind_at(a.start)).date(),
        reason: "appointment".into(),
        source: "rule".into(),
        rule_kind: Some("appointment".into()),
        occasion: Some(format!("appointment/{}", a.id)),
        created_by: Some(who.associate),
    };
    state.store.add_follow_ups(who.company, &[reminder]).await?;
    Ok(())
}

/// The 409 a clash becomes: it names the other appointment.
pub fn clash_error(other: &Appointment) -> ApiError {
    ApiError::Conflict(format!(
        "{} already has an appointment from {} to {} (appointment {}, customer {})",
        other.associate_name,
        rfc3339(other.start),
        rfc3339(other.end),
        other.id,
        other.account
    ))
}

fn booked(b: Booking) -> ApiResult<Appointment> {
    match b {
        Booking::Booked(a) => Ok(a),
        Booking::Clash(other) => Err(clash_error(&other)),
    }
}

/// An appointment `who` may see, or 404.
pub async fn get(state: &AppState, who: &Principal, id: &str) -> ApiResult<Appointment> {
    let id: Uuid = id
        .parse()
        .map_err(|_| ApiError::NotFound("appointment".into()))?;
    let a = state
        .store
        .appointment(who.company, id)
        .await
        .map_err(not_found("appointment"))?;
    check_visible(state, who, &a).await?;
    Ok(a)
}

/// Book an appointment (audited). 422 on bad fields, 403 when booking for
/// another associate without `view_store_client_books`, 409 on a clash.
pub async fn book(
    state: &AppState,
    who: &Principal,
    input: &AppointmentInput,
) -> ApiResult<Appointment> {
    let slot = Slot::parse_new(&RawSlot {
        start: Some(input.start.clone()),
        end: input.end.clone(),
        duration_minutes: input.duration_minutes,
        purpose: Some(input.purpose.clone()),
        status: None,
    })?;
    let customer = match state
        .store
        .customer_by_account(who.company, input.customer.trim())
        .await
    {
        Ok(c) => c,
        Err(StoreError::NotFound) => {
            return Err(Invalid::field("/customer", "no such customer").into());
        }
        Err(e) => return Err(e.into()),
    };
    let associate = resolve_associate(state, who, input.associate.as_deref()).await?;
    let store = resolve_store(state, who, input.store.as_deref()).await?;
    let kind = state
        .store
        .activity_type(who.company, "appointment")
        .await
        .map_err(|_| ApiError::Conflict("the appointment activity type is missing".into()))?;
    let (start, minutes) = (
        slot.start.unwrap_or_default(),
        slot.duration_minutes.unwrap_or(30),
    );
    let new = NewAppointment {
        customer: customer.id,
        associate,
        store,
        activity_type: kind.id,
        start,
        end: start + i64::from(minutes) * MINUTE_MICROS,
        purpose: slot.purpose.unwrap_or_default(),
        remind_at: Some(remind_at(start)),
        created_by: who.associate,
    };
    let a = booked(state.store.book_appointment(who.company, &new).await?)?;
    add_reminder(state, who, &a).await?;
    let detail = serde_json::json!({"appointment": a.id});
    audit::record(
        state,
        who,
        "appointment.create",
        Outcome::Ok,
        Some(&a.account),
        detail,
    )
    .await;
    Ok(a)
}

/// Change an appointment (audited; 409 when the new time clashes).
pub async fn change(
    state: &AppState,
    who: &Principal,
    id: &str,
    input: &AppointmentPatchInput,
) -> ApiResult<Appointment> {
    let cur = get(state, who, id).await?;
    let slot = Slot::parse(&RawSlot {
        start: input.start.clone(),
        end: input.end.clone(),
        duration_minutes: input.duration_minutes,
        purpose: input.purpose.clone(),
        status: input.status.clone(),
    })?;
    let start = slot.start.unwrap_or(cur.start);
    let minutes = slot
        .duration_minutes
        .map(i64::from)
        .unwrap_or((cur.end - cur.start) / MINUTE_MICROS);
    let moved = slot.start.is_some() || slot.duration_minutes.is_some();
    let change = AppointmentChange {
        times: moved.then_some((start, start + minutes * MINUTE_MICROS)),
        purpose: slot.purpose,
        status: slot.status,
        remind_at: slot.start.map(remind_at),
    };
    let a = booked(
        state
            .store
            .change_appointment(who.company, cur.id, &change)
            .await?,
    )?;
    let detail = serde_json::json!({"appointment": a.id, "status": a.status.as_str()});
    audit::record(
        state,
        who,
        "appointment.update",
        Outcome::Ok,
        Some(&a.account),
        detail,
    )
    .await;
    Ok(a)
}

/// Delete an appointment and its timeline entry (audited).
pub async fn delete(state: &AppState, who: &Principal, id: &str) -> ApiResult<()> {
    let cur = get(state, who, id).await?;
    state.store.delete_appointment(who.company, cur.id).await?;
    let detail = serde_json::json!({"appointment": cur.id});
    audit::record(
        state,
        who,
        "appointment.delete",
        Outcome::Ok,
        Some(&cur.account),
        detail,
    )
    .await;
    Ok(())
}

fn bound(name: &str, raw: Option<&str>, end: bool) -> ApiResult<Option<i64>> {
    raw.filter(|s| !s.trim().is_empty())
        .map(|s| parse_bound(s, end).map_err(|e| bad_param(name, e.to_string())))
        .transpose()
}

/// Appointments overlapping a range, by start, within what `who` may see.
pub async fn list(
    state: &AppState,
    who: &Principal,
    filter: &CalendarFilter,
    cursor: Option<&str>,
    limit: u32,
) -> ApiResult<Page<AppointmentItem>> {
    let from = bound("from", filter.from.as_deref(), false)?;
    let to = bound("to", filter.to.as_deref(), true)?;
    if let (Some(f), Some(t)) = (from, to)
        && t <= f
    {
        return Err(bad_param("to", "must be after from"));
    }
    let scope = Scope::of(
        state,
        who,
        filter.associate.as_deref(),
        filter.store.as_deref(),
    )
    .await?;
    let query = AppointmentQuery {
        from,
        to,
        associate: scope.associate,
        stores: scope.stores,
        customer: None,
        after: page::decode::<(i64, Uuid)>(cursor)?,
        limit: limit + 1,
    };
    let rows = state.store.list_appointments(who.company, &query).await?;
    Ok(page::paginate(
        rows,
        limit,
        |a| (a.start, a.id),
        AppointmentItem::from,
    ))
}

/// The calendar file of an appointment.
pub fn ics_file(a: &Appointment) -> String {
    let uid = a.id.to_string();
    let summary = format!(
        "{} – {}",
        a.purpose.lines().next().unwrap_or(""),
        a.customer_name
    );
    ics::calendar(&ics::Event {
        uid: &uid,
        start: a.start,
        end: a.end,
        stamp: now_micros(),
        summary: &summary,
        description: &a.purpose,
        location: &a.store_code,
        cancelled: a.status == Status::Cancelled,
    })
}
