//! Sign-in and sign-out pages. The sign-in page speaks the request's
//! language; `?lang=fi` switches it (and remembers the choice in a cookie).

use super::{UiAuth, check_csrf, localised, render};
use crate::auth::{self, SignIn, session};
use crate::error::ApiError;
use crate::i18n::{self, Lang, Tr};
use crate::state::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use std::net::SocketAddr;

/// Sign-in routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(show).post(submit))
        .route("/logout", post(logout))
}

#[derive(Template, Default)]
#[template(path = "login.html")]
struct LoginPage {
    company: String,
    username: String,
    error: Option<String>,
    nav: Option<super::Nav>,
    csrf: Option<String>,
    tr: Tr,
}
localised!(LoginPage);

#[derive(Deserialize)]
struct LoginForm {
    company: String,
    username: String,
    password: String,
    #[serde(default)]
    store: String,
}

#[derive(Deserialize)]
struct LangParam {
    lang: Option<String>,
}

async fn show(Query(q): Query<LangParam>) -> Response {
    match q.lang.as_deref().and_then(Lang::parse) {
        Some(lang) => {
            let page = LoginPage {
                tr: Tr::new(lang),
                ..Default::default()
            };
            (
                [(header::SET_COOKIE, i18n::set_cookie(lang))],
                render(&page),
            )
                .into_response()
        }
        None => render(&LoginPage {
            tr: Tr::request(),
            ..Default::default()
        }),
    }
}

async fn submit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Form(f): Form<LoginForm>,
) -> Response {
    let req = SignIn {
        company: &f.company,
        username: &f.username,
        password: &f.password,
        store: Some(f.store.as_str()),
        client: addr.ip().to_string(),
    };
    match auth::sign_in(&state, req).await {
        Ok(s) => {
            let cookie = session::cookie(&s.token, state.config.session_ttl.as_secs());
            // Associates of several stores choose theirs from a list next.
            let next = if f.store.is_empty() && s.associate.stores.len() > 1 {
                "/session/store"
            } else {
                "/"
            };
            ([(header::SET_COOKIE, cookie)], Redirect::to(next)).into_response()
        }
        Err(e) => {
            let tr = Tr::request();
            let error = match &e {
                ApiError::Unauthorized(_) => tr.t("login-invalid"),
                ApiError::Invalid(_) => tr.t("login-not-your-store"),
                other => super::error_text::detail(&tr, other),
            };
            let page = LoginPage {
                company: f.company,
                username: f.username,
                error: Some(error),
                tr,
                ..Default::default()
            };
            (e.status(), render(&page)).into_response()
        }
    }
}

#[derive(Deserialize)]
struct LogoutForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

async fn logout(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    headers: axum::http::HeaderMap,
    Form(f): Form<LogoutForm>,
) -> Response {
    if let Err(r) = check_csrf(&who, f.csrf.as_deref()) {
        return r;
    }
    if let Some((token, _)) = crate::extract::request_token(&headers)
        && let Err(e) = state
            .store
            .delete_session(&session::token_hash(&token))
            .await
    {
        return super::page_error(e.into(), None);
    }
    (
        [(header::SET_COOKIE, session::clear_cookie())],
        Redirect::to("/login"),
    )
        .into_response()
}
