//! Sign-in and sign-out pages.

use super::{UiAuth, check_csrf, render};
use crate::auth::{self, SignIn, session};
use crate::error::ApiError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, State};
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
    store: String,
    error: Option<String>,
    nav: Option<super::Nav>,
    csrf: Option<String>,
}

#[derive(Deserialize)]
struct LoginForm {
    company: String,
    username: String,
    password: String,
    #[serde(default)]
    store: String,
}

async fn show() -> Response {
    render(&LoginPage::default())
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
            ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()
        }
        Err(e) => {
            let error = match &e {
                ApiError::Unauthorized(_) => "Invalid company, username or password.".to_owned(),
                ApiError::Invalid(_) => "That store is not one of yours.".to_owned(),
                other => other.problem().detail,
            };
            let page = LoginPage {
                company: f.company,
                username: f.username,
                store: f.store,
                error: Some(error),
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
