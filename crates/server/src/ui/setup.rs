//! HQ settings page (the insights and audit pages are routed from here too).

use super::{Nav, UiAuth, allow, guard, localised, measures, page_error, render};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use clienteling_domain::settings::{
    BooksPerCustomer, InsightsProvider, Measure, ProviderKind, Settings,
};
use clienteling_domain::{FieldError, Permission};
use clienteling_store::Principal;
use serde::Deserialize;

/// Setup routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/setup/settings", get(show_settings).post(save_settings))
        .merge(super::insights_page::router())
        .merge(super::audit::router())
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    s: Settings,
    books_per_customer: String,
    groups: Vec<String>,
    measures: Vec<(String, String, bool)>,
    errors: Vec<FieldError>,
    saved: bool,
    csrf_token: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(SettingsPage);

impl SettingsPage {
    fn err(&self, pointer: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.pointer == pointer)
            .map(|e| self.tr.message(&e.message))
    }

    /// `(code, own name, selected)` of every language.
    fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        crate::i18n::Lang::ALL
            .iter()
            .map(|l| (l.code(), l.name(), l.code() == self.s.default_language))
            .collect()
    }

    fn external(&self) -> bool {
        self.s.insights.provider == ProviderKind::External
    }
}

async fn settings_page(
    state: &AppState,
    who: &Principal,
    s: Settings,
    errors: Vec<FieldError>,
    saved: bool,
) -> Result<SettingsPage, ApiError> {
    let groups = state
        .store
        .list_attribute_groups(who.company)
        .await?
        .into_iter()
        .map(|g| g.name)
        .collect();
    let tr = Tr::of(who);
    let measures = Measure::ALL
        .iter()
        .map(|m| {
            (
                m.as_str().to_owned(),
                measures::label(&tr, m.as_str()),
                s.card_measures.contains(m),
            )
        })
        .collect();
    let books_per_customer = match s.books_per_customer {
        BooksPerCustomer::AtMost(n) => n.to_string(),
        BooksPerCustomer::Unlimited => tr.t("settings-unlimited"),
    };
    Ok(SettingsPage {
        s,
        books_per_customer,
        groups,
        measures,
        errors,
        saved,
        csrf_token: who.csrf_token.clone(),
        csrf: Some(who.csrf_token.clone()),
        nav: Some(Nav::new(who, "settings")),
        tr,
    })
}

#[derive(Deserialize)]
struct Saved {
    saved: Option<String>,
}

async fn show_settings(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Query(q): Query<Saved>,
) -> Response {
    if let Err(r) = allow(&state, &who, Permission::ManageSetup, "settings").await {
        return r;
    }
    let page = async {
        settings_page(
            &state,
            &who,
            state.store.settings(who.company).await?,
            vec![],
            q.saved.is_some(),
        )
        .await
    }
    .await;
    match page {
        Ok(p) => render(&p),
        Err(e) => page_error(e, Some(Nav::new(&who, "settings"))),
    }
}

/// Read the settings form over the current settings; unparsable numbers
/// become field errors (English, translated when shown). "Unlimited" may be
/// written in English or in the associate's language.
fn from_form(tr: &Tr, mut s: Settings, pairs: &[(String, String)]) -> (Settings, Vec<FieldError>) {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    let mut bad = |p: &str, m: &str| {
        errors.push(FieldError {
            pointer: p.into(),
            message: m.into(),
        })
    };
    s.clienteling_enabled = get("clienteling_enabled") == "true";
    s.require_consent = get("require_consent") == "true";
    s.client_book_number_sequence.prefix = get("prefix");
    match get("width").parse() {
        Ok(w) => s.client_book_number_sequence.width = w,
        Err(_) => bad(
            "/client_book_number_sequence/width",
            "must be a whole number between 1 and 12",
        ),
    }
    match get("next").parse() {
        Ok(n) => s.client_book_number_sequence.next = n,
        Err(_) => bad(
            "/client_book_number_sequence/next",
            "must be a whole number",
        ),
    }
    let unlimited = tr.t("settings-unlimited");
    match get("books_per_customer").as_str() {
        u if u.eq_ignore_ascii_case("unlimited") || u.eq_ignore_ascii_case(&unlimited) => {
            s.books_per_customer = BooksPerCustomer::Unlimited
        }
        n => match n.parse::<u32>() {
            Ok(n) if n >= 1 => s.books_per_customer = BooksPerCustomer::AtMost(n),
            _ => bad(
                "/books_per_customer",
                "must be a number of at least 1 or “unlimited”",
            ),
        },
    }
    let group = get("attribute_group");
    s.attribute_group = (!group.is_empty()).then_some(group);
    s.card_measures = pairs
        .iter()
        .filter(|(k, _)| k == "card_measures")
        .filter_map(|(_, v)| Measure::parse(v))
        .collect();
    s.insights = InsightsProvider {
        provider: if get("provider") == "external" {
            ProviderKind::External
        } else {
            ProviderKind::Builtin
        },
        url: Some(get("provider_url")).filter(|u| !u.is_empty()),
        secret_name: Some(get("secret_name")).filter(|n| !n.is_empty()),
    };
    s.default_language = get("default_language");
    s.time_zone = get("time_zone");
    (s, errors)
}

async fn save_settings(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "_csrf")
        .map(|(_, v)| v.as_str());
    if let Err(r) = guard(&state, &who, csrf, Permission::ManageSetup, "settings").await {
        return r;
    }
    let nav = || Some(Nav::new(&who, "settings"));
    let current = match state.store.settings(who.company).await {
        Ok(s) => s,
        Err(e) => return page_error(e.into(), nav()),
    };
    let (s, mut errors) = from_form(&Tr::of(&who), current, &pairs);
    if errors.is_empty() {
        match crate::service::save_settings(&state, &who, &s).await {
            Ok(()) => return Redirect::to("/setup/settings?saved=1").into_response(),
            Err(ApiError::Invalid(i)) => errors = i.0,
            Err(e) => return page_error(e, nav()),
        }
    }
    match settings_page(&state, &who, s, errors, false).await {
        Ok(p) => (StatusCode::UNPROCESSABLE_ENTITY, render(&p)).into_response(),
        Err(e) => page_error(e, nav()),
    }
}
