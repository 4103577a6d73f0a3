//! The server-rendered web UI (askama + htmx). Views call the same services
//! as the API; every page checks a permission; errors render as pages, never
//! as stack traces.
//!
//! UI helpers return `Result<_, Response>`: the error is the page to show.
#![allow(clippy::result_large_err)]

mod activity_types;
mod attribute_groups;
mod attributes;
mod attribution_rules;
mod audit;
mod book;
mod calendar;
mod cards;
mod charts;
mod customer_form;
mod customers;
mod dashboard;
mod error_text;
mod follow_up_pages;
mod follow_ups;
mod insights_page;
mod language;
mod login;
mod measures;
mod message_templates;
mod organisation;
mod outreach;
mod profile;
mod setup;
mod timeline;
// uigaps
mod book_actions;
mod reassign;
mod roles;
mod store_switch;
// gaps-ui: localised appointment clashes and company-zone times.
mod calendar_time;
// gaps-ui: audit details as localised labels.
mod audit_detail;

use crate::error::ApiError;
use crate::extract::request_token;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, Path};
use axum::http::{HeaderValue, StatusCode, header, request::Parts};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use clienteling_domain::Permission;
use clienteling_store::Principal;
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

/// Every UI route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/static/{*file}", get(asset))
        .merge(login::router())
        .merge(language::router())
        .merge(customers::router())
        .merge(book::router())
        .merge(setup::router())
        .merge(attribute_groups::router())
        .merge(timeline::router())
        .merge(activity_types::router())
        .merge(organisation::router())
        .merge(follow_ups::router())
        .merge(follow_up_pages::router())
        // uigaps
        .merge(roles::router())
        .merge(book_actions::router())
        .merge(reassign::router())
        .merge(store_switch::router())
        .merge(message_templates::router())
        .merge(outreach::router())
        .merge(calendar::router())
        .merge(dashboard::router())
        .merge(attribution_rules::router())
}

/// Associates start in their client book; others in customer search.
async fn home(UiAuth(who): UiAuth) -> Redirect {
    if who.can(Permission::ViewClientBook) && who.clienteling_enabled {
        Redirect::to("/book")
    } else {
        Redirect::to("/customers")
    }
}

async fn asset(Path(file): Path<String>) -> Response {
    match Assets::get(&file) {
        Some(f) => {
            let mime = if file.ends_with(".css") {
                "text/css"
            } else {
                "text/javascript"
            };
            (
                [
                    (header::CONTENT_TYPE, mime),
                    (header::CACHE_CONTROL, "public, max-age=3600"),
                ],
                f.data,
            )
                .into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Header navigation of a signed-in page.
pub struct Nav {
    /// Who.
    pub display_name: String,
    /// Current store code.
    pub store: Option<String>,
    /// Which menu entry is current.
    pub active: &'static str,
    /// Show the client-book menu.
    pub can_book: bool,
    /// Clienteling is switched on (the book menus are hidden otherwise).
    pub clienteling: bool,
    /// Link to the current store's client book.
    pub store_book: Option<String>,
    /// Show the setup menu.
    pub can_setup: bool,
    /// Show the audit menu.
    pub can_audit: bool,
    /// CSRF token for the sign-out form.
    pub csrf: String,
    /// The associate's translator.
    pub tr: Tr,
    /// Show the calendar menu.
    pub can_calendar: bool,
    /// Show the dashboard menu.
    pub can_kpis: bool,
}

impl Nav {
    /// Navigation for `who` on page `active`.
    pub fn new(who: &Principal, active: &'static str) -> Self {
        Nav {
            display_name: who.display_name.clone(),
            store: who.store_code.clone(),
            active,
            can_book: who.can(Permission::ViewClientBook),
            clienteling: who.clienteling_enabled,
            store_book: who
                .store_code
                .clone()
                .filter(|_| who.can(Permission::ViewStoreClientBooks)),
            can_setup: who.can(Permission::ManageSetup),
            can_audit: who.can(Permission::ViewAuditLog),
            csrf: who.csrf_token.clone(),
            tr: Tr::of(who),
            can_calendar: who.can(Permission::LogActivities),
            can_kpis: who.can(Permission::ViewKpis),
        }
    }
}

/// The signed-in associate of a UI request; anonymous visitors are sent to `/login`.
pub struct UiAuth(pub Principal);

impl FromRequestParts<AppState> for UiAuth {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some((token, _)) = request_token(&parts.headers) else {
            return Err(Redirect::to("/login").into_response());
        };
        match crate::auth::session::resolve(state, &token).await {
            Ok(Some(mut p)) => {
                if let Ok(s) = state.store.settings(p.company).await {
                    p.clienteling_enabled = s.clienteling_enabled;
                    p.company_language = Some(s.default_language);
                    p.time_zone = Some(s.time_zone);
                }
                Ok(UiAuth(p))
            }
            Ok(None) => Err(Redirect::to("/login").into_response()),
            Err(e) => Err(page_error(e, None)),
        }
    }
}

/// A page template that knows its language (its `tr` field).
pub trait Localised: Template {
    /// The page's translator.
    fn tr(&self) -> Tr;
}

/// Implement [`Localised`] for page structs with a `tr: Tr` field.
macro_rules! localised {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::ui::Localised for $t {
            fn tr(&self) -> $crate::i18n::Tr {
                self.tr
            }
        }
    )*};
}
pub(crate) use localised;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    title: String,
    detail: String,
    nav: Option<Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(ErrorPage);

/// Render an error as a page with the right status, in the associate's
/// language (the request's if there is no navigation).
pub fn page_error(e: ApiError, nav: Option<Nav>) -> Response {
    let tr = nav.as_ref().map(|n| n.tr).unwrap_or_else(Tr::request);
    let status = e.status();
    if let ApiError::Internal(msg) = &e {
        tracing::error!(error = %msg, "internal error");
    }
    error_page(status, error_text::detail(&tr, &e), nav, tr)
}

/// An error page with a localised `detail`.
fn error_page(status: StatusCode, detail: String, nav: Option<Nav>, tr: Tr) -> Response {
    let page = ErrorPage {
        title: crate::error::title(status, &tr),
        detail,
        csrf: None,
        nav,
        tr,
    };
    (status, render(&page)).into_response()
}

/// Render a template in its language; a rendering failure becomes a plain 500 page.
pub fn render<T: Localised>(t: &T) -> Response {
    let tr = t.tr();
    match t.render() {
        Ok(html) => {
            let mut res = Html(html).into_response();
            res.headers_mut().insert(
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(tr.code()),
            );
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, tr.t("error-internal")).into_response()
        }
    }
}

/// Reject a form whose CSRF token does not match the session.
pub fn check_csrf(who: &Principal, sent: Option<&str>) -> Result<(), Response> {
    if crate::auth::session::csrf_matches(sent, &who.csrf_token) {
        Ok(())
    } else {
        let tr = Tr::of(who);
        Err(error_page(
            StatusCode::FORBIDDEN,
            tr.t("error-form-token"),
            None,
            tr,
        ))
    }
}

/// Allow a page if the role has `perm` (auditing a denial).
pub async fn allow(
    state: &AppState,
    who: &Principal,
    perm: Permission,
    active: &'static str,
) -> Result<(), Response> {
    crate::auth::require(state, who, perm)
        .await
        .map_err(|e| page_error(e, Some(Nav::new(who, active))))
}

/// Check a form's CSRF token, then the permission (auditing a denial).
pub async fn guard(
    state: &AppState,
    who: &Principal,
    csrf: Option<&str>,
    perm: Permission,
    active: &'static str,
) -> Result<(), Response> {
    check_csrf(who, csrf)?;
    allow(state, who, perm, active).await
}

/// What a caught panic answers: a generic 500, never the panic message.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    ApiError::Internal("panic".into()).into_response()
}
