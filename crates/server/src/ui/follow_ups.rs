//! Follow-ups in the UI: the customer page's section (loaded with htmx:
//! open follow-ups with Done / Snooze / Dismiss and an add form with field
//! errors), the "Follow-ups due" strip of my client book (overdue ones
//! highlighted), and the status form every list posts to.

use super::{UiAuth, check_csrf, localised, page_error, render};
use crate::error::ApiError;
use crate::follow_ups::{self as fu, FollowUpItem, ListFilter};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use clienteling_domain::Permission;
use clienteling_store::Principal;
use serde::Deserialize;
use time::Duration;

/// Follow-up fragment and form routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/customers/{account}/follow-ups", get(section).post(add))
        .route("/follow-ups/due", get(strip))
        .route("/follow-ups/{id}", post(change))
}

/// One follow-up as listed.
pub struct Row {
    pub(crate) id: String,
    pub(crate) account: String,
    pub(crate) customer: String,
    pub(crate) owner: String,
    pub(crate) reason: String,
    pub(crate) due: String,
    pub(crate) status: String,
    pub(crate) overdue: bool,
    pub(crate) mine: bool,
    pub(crate) open: bool,
}

/// The reason as shown: a rule's reason translated, free text as written.
pub fn reason_label(tr: &Tr, reason: &str) -> String {
    let key = format!("follow-ups-reason-{}", reason.replace('_', "-"));
    if tr.has(&key) {
        tr.t(&key)
    } else {
        activity_type_label(tr, reason)
    }
}

/// An activity type's name as the viewer reads it: a seeded type still
/// under its default English name is shown in the viewer's language; a name
/// HQ chose is shown as written.
pub fn activity_type_label(tr: &Tr, name: &str) -> String {
    clienteling_domain::activity::SEEDED_TYPES
        .iter()
        .find(|(_, default)| *default == name)
        .map(|(code, _)| tr.t(&format!("activity-type-default-{code}")))
        .unwrap_or_else(|| name.to_owned())
}

/// A listed row for `who`.
pub fn row(tr: &Tr, who: &Principal, f: FollowUpItem) -> Row {
    let due = clienteling_domain::attributes::parse_date(&f.due)
        .map(|d| tr.date(d))
        .unwrap_or(f.due);
    Row {
        mine: f.associate == who.associate.to_string(),
        open: f.status == "open" || f.status == "snoozed",
        status: tr.t(&format!("follow-ups-status-{}", f.status)),
        reason: reason_label(tr, &f.reason),
        id: f.id,
        account: f.customer,
        customer: f.customer_name,
        owner: f.associate_name,
        due,
        overdue: f.overdue,
    }
}

#[derive(Template, Default)]
#[template(path = "follow_ups_section.html")]
struct Section {
    account: String,
    rows: Vec<Row>,
    can_add: bool,
    form_due: String,
    form_reason: String,
    due_error: Option<String>,
    reason_error: Option<String>,
    row_error: Option<(String, String)>,
    notice: Option<String>,
    min_date: String,
    csrf_token: String,
    tr: Tr,
}
localised!(Section);

async fn section_of(state: &AppState, who: &Principal, account: &str) -> Result<Section, ApiError> {
    let tr = Tr::of(who);
    let f = ListFilter {
        customer: Some(account.to_owned()),
        ..Default::default()
    };
    let page = fu::list(state, who, &f, None, 50).await?;
    Ok(Section {
        account: account.to_owned(),
        rows: page.items.into_iter().map(|f| row(&tr, who, f)).collect(),
        can_add: who.can(Permission::LogActivities),
        min_date: today(&tr).to_string(),
        csrf_token: who.csrf_token.clone(),
        tr,
        ..Default::default()
    })
}

async fn section(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(account): Path<String>,
) -> Response {
    if !who.can(Permission::ViewClientBook) {
        return String::new().into_response();
    }
    match section_of(&state, &who, &account).await {
        Ok(s) => render(&s),
        Err(e) => page_error(e, None),
    }
}

#[derive(Deserialize)]
struct AddForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    due: String,
    reason: String,
}

fn is_htmx(h: &HeaderMap) -> bool {
    h.contains_key("hx-request")
}

async fn add(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(account): Path<String>,
    headers: HeaderMap,
    Form(f): Form<AddForm>,
) -> Response {
    if let Err(r) = check_csrf(&who, f.csrf.as_deref()) {
        return r;
    }
    if let Err(e) = crate::auth::require(&state, &who, Permission::LogActivities).await {
        return page_error(e, None);
    }
    let back = format!("/customers/{account}#follow-ups");
    let result = fu::create(&state, &who, &account, &f.due, &f.reason).await;
    let mut s = match section_of(&state, &who, &account).await {
        Ok(s) => s,
        Err(e) => return page_error(e, None),
    };
    match result {
        Ok(_) if !is_htmx(&headers) => return Redirect::to(&back).into_response(),
        Ok(_) => s.notice = Some(s.tr.t("follow-ups-added")),
        Err(ApiError::Invalid(i)) => {
            let tr = s.tr;
            let err = |p: &str| {
                i.0.iter()
                    .find(|x| x.pointer == p)
                    .map(|x| tr.message(&x.message))
            };
            s.due_error = err("/due");
            s.reason_error = err("/reason");
            s.form_due = f.due;
            s.form_reason = f.reason;
        }
        Err(e) => return page_error(e, None),
    }
    render(&s)
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    status: String,
    snoozed_until: Option<String>,
    /// Re-render this customer's section (htmx).
    account: Option<String>,
    /// Where to go afterwards (a local path).
    back: Option<String>,
}

async fn change(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(f): Form<StatusForm>,
) -> Response {
    if let Err(r) = check_csrf(&who, f.csrf.as_deref()) {
        return r;
    }
    if let Err(e) = crate::auth::require(&state, &who, Permission::LogActivities).await {
        return page_error(e, None);
    }
    let result = fu::change(&state, &who, &id, &f.status, f.snoozed_until.as_deref()).await;
    if let (Some(account), true) = (f.account.as_deref(), is_htmx(&headers)) {
        let mut s = match section_of(&state, &who, account).await {
            Ok(s) => s,
            Err(e) => return page_error(e, None),
        };
        match result {
            Ok(_) => s.notice = Some(s.tr.t("saved")),
            Err(ApiError::Invalid(i)) => {
                let msg =
                    i.0.first()
                        .map(|x| s.tr.message(&x.message))
                        .unwrap_or_default();
                s.row_error = Some((id, msg));
            }
            Err(e) => return page_error(e, None),
        }
        return render(&s);
    }
    let back = f
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//"))
        .unwrap_or_else(|| "/follow-ups".into());
    match result {
        Ok(_) => Redirect::to(&back).into_response(),
        Err(e) => page_error(e, None),
    }
}

#[derive(Template, Default)]
#[template(path = "follow_ups_strip.html")]
struct Strip {
    rows: Vec<Row>,
    csrf_token: String,
    tr: Tr,
}
localised!(Strip);

/// My open follow-ups due within a week (overdue first), for my client book.
async fn strip(State(state): State<AppState>, UiAuth(who): UiAuth) -> Response {
    if !who.can(Permission::ViewClientBook) {
        return String::new().into_response();
    }
    let tr = Tr::of(&who);
    let today = today(&tr);
    let overdue = ListFilter {
        due_before: Some((today - Duration::days(1)).to_string()),
        ..Default::default()
    };
    let soon = ListFilter {
        due_from: Some(today.to_string()),
        due_before: Some((today + Duration::days(7)).to_string()),
        ..Default::default()
    };
    let pages = (
        fu::list(&state, &who, &overdue, None, 8).await,
        fu::list(&state, &who, &soon, None, 20).await,
    );
    match pages {
        (Ok(a), Ok(b)) => render(&Strip {
            rows: a
                .items
                .into_iter()
                .chain(b.items)
                .map(|f| row(&tr, &who, f))
                .collect(),
            csrf_token: who.csrf_token.clone(),
            tr,
        }),
        (Err(e), _) | (_, Err(e)) => page_error(e, None),
    }
}

/// Today in the company's time zone.
fn today(tr: &Tr) -> time::Date {
    tr.local_date(clienteling_domain::time_util::now_micros())
}

#[cfg(test)]
mod tests {
    use super::activity_type_label;
    use crate::i18n::{Lang, Tr};

    #[test]
    fn seeded_type_names_are_translated_and_hq_names_kept() {
        let fi = Tr::new(Lang::Fi);
        assert_eq!(activity_type_label(&fi, "Phone call"), "Puhelu");
        assert_eq!(
            activity_type_label(&fi, "Customer reply"),
            "Asiakkaan vastaus"
        );
        assert_eq!(
            activity_type_label(&Tr::new(Lang::Lt), "Store visit"),
            "Apsilankymas parduotuvėje"
        );
        assert_eq!(
            activity_type_label(&fi, "Stylistin konsultaatio"),
            "Stylistin konsultaatio"
        );
        for (code, name) in clienteling_domain::activity::SEEDED_TYPES {
            assert_eq!(
                activity_type_label(&Tr::new(Lang::En), name),
                *name,
                "{code}"
            );
        }
    }
}
