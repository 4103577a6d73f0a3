//! `POST /auth/login`, `POST /auth/logout`.

use crate::auth::{self, SignIn, session};
use crate::error::{ApiResult, Problem};
use crate::extract::{Json, request_token};
use crate::state::AppState;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse};
use clienteling_domain::org::Associate;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Credentials.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Company code.
    pub company: String,
    /// Username.
    pub username: String,
    /// Password.
    pub password: String,
    /// Store to work at (code); default: the associate's first store.
    #[serde(default)]
    pub store: Option<String>,
}

/// A new session.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Bearer token for `Authorization: Bearer …` (also set as the session cookie).
    pub token: String,
    /// Send as `X-CSRF-Token` on writes authenticated by the cookie.
    pub csrf_token: String,
    /// Who signed in.
    pub associate: Associate,
}

/// Routes of this module.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
}

/// Sign in; rate-limited per username and client address.
#[utoipa::path(post, path = "/auth/login", tag = "auth", security(()), request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = Problem), (status = 429, body = Problem)))]
async fn login(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Json(req): Json<LoginRequest>,
) -> ApiResult<impl IntoResponse> {
    let signed = auth::sign_in(
        &state,
        SignIn {
            company: &req.company,
            username: &req.username,
            password: &req.password,
            store: req.store.as_deref(),
            client: addr.ip().to_string(),
        },
    )
    .await?;
    let cookie = session::cookie(&signed.token, state.config.session_ttl.as_secs());
    let body = LoginResponse {
        token: signed.token,
        csrf_token: signed.csrf_token,
        associate: signed.associate,
    };
    Ok((
        AppendHeaders([(header::SET_COOKIE, cookie)]),
        axum::Json(body),
    ))
}

/// End the current session (cookie or bearer token).
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses((status = 204)))]
async fn logout(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<impl IntoResponse> {
    if let Some((token, _)) = request_token(&headers) {
        state
            .store
            .delete_session(&session::token_hash(&token))
            .await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, session::clear_cookie())]),
    ))
}
