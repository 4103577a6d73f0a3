//! The calendar: an associate's day or week, a manager's store view, and
//! the "book an appointment" form (errors next to fields, the clash named)
//! with status changes and ICS download links. Days, times and the typed
//! start are in the company's time zone, as everywhere in the UI.

use super::calendar_time::{clash_text, day_bounds, micros_of};
use super::{Nav, UiAuth, allow, guard, localised, page_error, render};
use crate::appointments::access::my_store_codes;
use crate::appointments::{
    self, AppointmentInput, AppointmentItem, AppointmentPatchInput, CalendarFilter,
};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use clienteling_domain::{FieldError, Permission};
use clienteling_store::Principal;
use serde::Deserialize;
use std::collections::HashMap;
use time::{Date, Duration};

/// Calendar routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calendar", get(show))
        .route("/calendar/book", get(book_form).post(book))
        .route("/calendar/{id}/status", post(set_status))
}

/// An appointment as the calendar shows it.
pub struct ApptView {
    pub(crate) id: String,
    pub(crate) time: String,
    pub(crate) customer: String,
    pub(crate) customer_name: String,
    pub(crate) associate: String,
    pub(crate) purpose: String,
    pub(crate) status: String,
    pub(crate) status_label: String,
    pub(crate) ics: String,
}

/// One day column.
pub struct DayView {
    pub(crate) label: String,
    pub(crate) items: Vec<ApptView>,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    view: String,
    date: String,
    prev: String,
    next: String,
    today: String,
    store: String,
    stores: Vec<String>,
    days: Vec<DayView>,
    booked: bool,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(CalendarPage);

#[derive(Deserialize, Default)]
struct CalendarQuery {
    view: Option<String>,
    date: Option<String>,
    store: Option<String>,
    booked: Option<String>,
}

fn appt_view(tr: &Tr, a: AppointmentItem) -> ApptView {
    let status = a.status.as_str().to_owned();
    ApptView {
        time: format!(
            "{}–{}",
            tr.time(micros_of(&a.start)),
            tr.time(micros_of(&a.end))
        ),
        customer: a.customer,
        customer_name: a.customer_name,
        associate: a.associate_name,
        purpose: a.purpose,
        status_label: tr.t(&format!("appt-status-{status}")),
        status,
        ics: a.ics_url,
        id: a.id,
    }
}

fn parse_date(tr: &Tr, s: Option<&str>) -> Date {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    s.and_then(|s| Date::parse(s.trim(), &fmt).ok())
        .unwrap_or_else(|| today(tr))
}

/// Today in the company's time zone.
fn today(tr: &Tr) -> Date {
    tr.local_date(clienteling_domain::time_util::now_micros())
}

/// `(first day, number of days)` of a view.
fn range(view: &str, date: Date) -> (Date, i64) {
    if view == "day" {
        (date, 1)
    } else {
        let back = i64::from(date.weekday().number_days_from_monday());
        (date - Duration::days(back), 7)
    }
}

async fn load(
    state: &AppState,
    who: &Principal,
    q: &CalendarQuery,
) -> Result<CalendarPage, ApiError> {
    let tr = Tr::of(who);
    let view = if q.view.as_deref() == Some("day") {
        "day"
    } else {
        "week"
    };
    let date = parse_date(&tr, q.date.as_deref());
    let (first, n) = range(view, date);
    let (from, to) = day_bounds(&tr, first, n);
    let filter = CalendarFilter {
        from: Some(from),
        to: Some(to),
        associate: None,
        store: q.store.clone().filter(|s| !s.is_empty()),
    };
    let page = appointments::list(state, who, &filter, None, 500).await?;
    let mut days: Vec<DayView> = (0..n)
        .map(|i| DayView {
            label: tr.date_long(first + Duration::days(i)),
            items: Vec::new(),
        })
        .collect();
    for a in page.items {
        let day = tr.local_date(micros_of(&a.start));
        let i = (day - first).whole_days().clamp(0, n - 1) as usize;
        days[i].items.push(appt_view(&tr, a));
    }
    let step = Duration::days(n);
    let stores = if who.can(Permission::ViewStoreClientBooks) {
        my_store_codes(state, who).await?
    } else {
        Vec::new()
    };
    Ok(CalendarPage {
        view: view.into(),
        date: date.to_string(),
        prev: (date - step).to_string(),
        next: (date + step).to_string(),
        today: today(&tr).to_string(),
        store: q.store.clone().unwrap_or_default(),
        stores,
        days,
        booked: q.booked.is_some(),
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "calendar")),
        tr,
    })
}

async fn show(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(q): Query<CalendarQuery>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::LogActivities, "calendar").await {
        return r;
    }
    match load(&state, &who, &q).await {
        Ok(p) => render(&p),
        Err(e) => page_error(e, Some(Nav::new(&who, "calendar"))),
    }
}

#[derive(Template)]
#[template(path = "appointment_book.html")]
struct BookPage {
    customer: String,
    start: String,
    duration: String,
    purpose: String,
    associate: String,
    associates: Vec<(String, String)>,
    errors: Vec<FieldError>,
    clash: Option<String>,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(BookPage);

impl BookPage {
    fn error(&self, pointer: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.pointer == pointer)
            .map(|e| message(&self.tr, &e.message))
    }
}

/// This feature's validation messages in the viewer's language.
fn message(tr: &Tr, english: &str) -> String {
    match english {
        "must be after the start" => tr.t("appt-err-end"),
        "no such customer" => tr.t("appt-err-customer"),
        m if m.starts_with("must be 5 to 480 minutes") => tr.t("appt-err-duration"),
        m if m.starts_with("must be an RFC 3339 time") => tr.t("appt-err-start"),
        m => tr.message(m),
    }
}

async fn book_page(
    state: &AppState,
    who: &Principal,
    f: &HashMap<String, String>,
) -> Result<BookPage, ApiError> {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let associates = if who.can(Permission::ViewStoreClientBooks) {
        let mine = my_store_codes(state, who).await?;
        let all = state.store.list_associates(who.company).await?;
        all.into_iter()
            .filter(|a| {
                a.active && (a.id == who.associate || a.stores.iter().any(|s| mine.contains(s)))
            })
            .map(|a| {
                (
                    a.username.as_str().to_owned(),
                    a.display_name.as_str().to_owned(),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let tr = Tr::of(who);
    Ok(BookPage {
        customer: get("customer"),
        start: get("start"),
        duration: f.get("duration").cloned().unwrap_or_else(|| "30".into()),
        purpose: get("purpose"),
        associate: f
            .get("associate")
            .cloned()
            .unwrap_or_else(|| who.username.clone()),
        associates,
        errors: Vec::new(),
        clash: None,
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "calendar")),
        tr,
    })
}

async fn book_form(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::LogActivities, "calendar").await {
        return r;
    }
    match book_page(&state, &who, &q).await {
        Ok(p) => render(&p),
        Err(e) => page_error(e, Some(Nav::new(&who, "calendar"))),
    }
}

/// A `datetime-local` value (`2026-12-01T10:00`, company time) as RFC 3339;
/// anything else is passed on for the API's own error.
fn local_to_rfc3339(tr: &Tr, v: &str) -> String {
    match tr.parse_local(v) {
        Some(micros) => crate::fmt::rfc3339(micros),
        None => v.trim().to_owned(),
    }
}

async fn book(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::LogActivities,
        "calendar",
    )
    .await
    {
        return r;
    }
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let input = AppointmentInput {
        customer: get("customer"),
        associate: f.get("associate").cloned().filter(|a| !a.is_empty()),
        store: None,
        start: local_to_rfc3339(&Tr::of(&who), &get("start")),
        end: None,
        duration_minutes: get("duration").trim().parse().ok().or(Some(0)),
        purpose: get("purpose"),
    };
    let result = appointments::book(&state, &who, &input).await;
    let (errors, clash) = match result {
        Ok(a) => {
            let day = Tr::of(&who).local_date(a.start);
            return Redirect::to(&format!("/calendar?view=day&date={day}&booked=1"))
                .into_response();
        }
        Err(ApiError::Invalid(i)) => (i.0, None),
        Err(ApiError::Conflict(detail)) => (Vec::new(), Some(detail)),
        Err(e) => return page_error(e, Some(Nav::new(&who, "calendar"))),
    };
    match book_page(&state, &who, &f).await {
        Ok(mut p) => {
            if let Some(detail) = clash {
                p.clash = Some(clash_text(&state, &who, &p.tr, &detail).await);
            }
            p.errors = errors;
            let mut res = render(&p);
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            res
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "calendar"))),
    }
}

async fn set_status(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    if let Err(r) = guard(
        &state,
        &who,
        f.get("_csrf").map(String::as_str),
        Permission::LogActivities,
        "calendar",
    )
    .await
    {
        return r;
    }
    let patch = AppointmentPatchInput {
        status: f.get("status").cloned(),
        ..Default::default()
    };
    match appointments::change(&state, &who, &id, &patch).await {
        Ok(a) => {
            let day = Tr::of(&who).local_date(a.start);
            Redirect::to(&format!("/calendar?date={day}")).into_response()
        }
        Err(e) => page_error(e, Some(Nav::new(&who, "calendar"))),
    }
}
