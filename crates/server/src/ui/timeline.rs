//! The customer page's timeline: activities and the notes the viewer may
//! read, newest first, with quick "log activity" and "add note" forms (with a
//! visibility choice) and editing of one's own notes.

use super::{Nav, UiAuth, guard, page_error};
use crate::error::{ApiError, ApiResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::timeline::{self, TimelineFilter, TimelineItem};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use clienteling_domain::activity::{EntryKind, RawActivity};
use clienteling_domain::{FieldError, Permission};
use clienteling_store::Principal;
use std::collections::HashMap;

/// Timeline form routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/customers/{account}/activities", post(log))
        .route("/customers/{account}/notes", post(note))
        .route("/customers/{account}/notes/{id}", post(edit))
}

/// One entry as shown.
pub struct EntryView {
    pub(crate) id: String,
    pub(crate) kind: &'static str,
    pub(crate) title: String,
    pub(crate) when: String,
    pub(crate) who: String,
    pub(crate) visibility: Option<String>,
    pub(crate) edited: bool,
    pub(crate) due: Option<String>,
    pub(crate) text: String,
    pub(crate) can_edit: bool,
    /// Delivery status of an outreach message.
    pub(crate) outreach: Option<String>,
}

/// The timeline section of the customer page.
#[derive(Default)]
pub struct TimelineView {
    pub(crate) can_log: bool,
    pub(crate) can_note: bool,
    pub(crate) types: Vec<(String, String)>,
    pub(crate) kind: String,
    pub(crate) items: Vec<EntryView>,
    pub(crate) next: Option<String>,
    /// Field errors of a rejected form.
    pub errors: Vec<FieldError>,
    /// Echo of a rejected activity form.
    pub form_type: String,
    /// Echo of a rejected activity form.
    pub form_description: String,
    /// Echo of a rejected activity form.
    pub form_due: String,
    /// Echo of a rejected note form.
    pub form_note: String,
    /// The viewer's translator (for field errors).
    pub tr: Tr,
}

impl TimelineView {
    pub(crate) fn error(&self, pointer: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.pointer == pointer)
            .map(|e| self.tr.message(&e.message))
    }
}

/// `2026-11-25T04:01:14.5Z` → `25.11.2026 klo 4.01` (the locale's date and time).
fn short(tr: &Tr, rfc: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    match time::OffsetDateTime::parse(rfc, &Rfc3339) {
        Ok(t) => tr.datetime((t.unix_timestamp_nanos() / 1000) as i64),
        Err(_) => rfc.to_owned(),
    }
}

fn entry(tr: &Tr, i: TimelineItem) -> EntryView {
    let note = i.kind == EntryKind::Note;
    EntryView {
        kind: i.kind.as_str(),
        title: if note {
            tr.t("timeline-note")
        } else {
            super::follow_ups::activity_type_label(tr, i.type_name.as_deref().unwrap_or_default())
        },
        when: short(tr, &i.at),
        who: i.associate_name,
        visibility: i.visibility.map(|v| match v.as_str() {
            "private" => tr.t("visibility-private-badge"),
            "store" => tr.t("visibility-store-badge"),
            _ => tr.t("visibility-company-badge"),
        }),
        edited: i.edited,
        due: i.due_at.as_deref().map(|d| short(tr, d)),
        text: i.text,
        can_edit: i.can_edit,
        outreach: i
            .outreach_status
            .map(|s| tr.t(&format!("outreach-status-{}", s.as_str()))),
        id: i.id,
    }
}

/// Load the timeline section for `account` (first page, or after `cursor`).
pub async fn load(
    state: &AppState,
    who: &Principal,
    account: &str,
    kind: Option<&str>,
    cursor: Option<&str>,
) -> ApiResult<TimelineView> {
    let kind = kind.and_then(|k| EntryKind::parse(k).ok());
    let filter = TimelineFilter {
        kind,
        ..Default::default()
    };
    let tr = Tr::of(who);
    let page = timeline::timeline(state, who, account, &filter, cursor, 30).await?;
    let types = timeline::types::activity_types(state, who).await?;
    Ok(TimelineView {
        can_log: who.can(Permission::LogActivities),
        can_note: who.can(Permission::WriteNotes),
        types: types
            .into_iter()
            .filter(|t| t.active)
            .map(|t| {
                let name = super::follow_ups::activity_type_label(&tr, t.name.as_str());
                (t.code.to_string(), name)
            })
            .collect(),
        kind: kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
        items: page.items.into_iter().map(|i| entry(&tr, i)).collect(),
        next: page.next_cursor,
        tr,
        ..Default::default()
    })
}

/// A `datetime-local` value (`2026-12-01T10:00`) typed in the company's
/// time zone, as RFC 3339; anything else is passed on for the API's error.
fn local_to_rfc3339(tr: &Tr, v: &str) -> Option<String> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    Some(match tr.parse_local(v) {
        Some(micros) => crate::fmt::rfc3339(micros),
        None => v.to_owned(),
    })
}

async fn log(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(account): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::LogActivities,
        "customers",
    )
    .await
    {
        return r;
    }
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let raw = RawActivity {
        type_code: get("type"),
        at: None,
        description: get("description"),
        due_at: local_to_rfc3339(&Tr::of(&who), &get("due_at")),
    };
    match timeline::log_activity(&state, &who, &account, &raw).await {
        Ok(_) => Redirect::to(&format!("/customers/{account}#timeline")).into_response(),
        Err(ApiError::Invalid(i)) => {
            let echo = |t: &mut TimelineView| {
                t.form_type = get("type");
                t.form_description = get("description");
                t.form_due = get("due_at");
            };
            super::customers::with_timeline_errors(&state, &who, &account, i.0, echo).await
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "customers"))),
    }
}

async fn note(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(account): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::WriteNotes,
        "customers",
    )
    .await
    {
        return r;
    }
    let text = f.get("text").cloned().unwrap_or_default();
    match timeline::notes::add_note(
        &state,
        &who,
        &account,
        &text,
        f.get("visibility").map(String::as_str),
    )
    .await
    {
        Ok(_) => Redirect::to(&format!("/customers/{account}#timeline")).into_response(),
        Err(ApiError::Invalid(i)) => {
            super::customers::with_timeline_errors(&state, &who, &account, i.0, |t| {
                t.form_note = text.clone()
            })
            .await
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "customers"))),
    }
}

async fn edit(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path((account, id)): Path<(String, String)>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::WriteNotes,
        "customers",
    )
    .await
    {
        return r;
    }
    let done = match f.get("op").map(String::as_str) {
        Some("delete") => timeline::notes::delete_note(&state, &who, &account, &id).await,
        _ => timeline::notes::edit_note(
            &state,
            &who,
            &account,
            &id,
            f.get("text").map(String::as_str),
            None,
        )
        .await
        .map(|_| ()),
    };
    match done {
        Ok(()) => Redirect::to(&format!("/customers/{account}#timeline")).into_response(),
        Err(ApiError::Invalid(i)) => {
            super::customers::with_timeline_errors(&state, &who, &account, i.0, |_| {}).await
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "customers"))),
    }
}
