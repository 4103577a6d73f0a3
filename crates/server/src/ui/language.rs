//! The language switch in the page header: saves the associate's preferred
//! language (`update_associate`), remembers it in the `lang` cookie for the
//! sign-in page, and reloads the page it was used on. Before sign-in the
//! login page offers `?lang=` links instead.

use super::{Nav, UiAuth, check_csrf, page_error};
use crate::error::ApiError;
use crate::i18n::{self, Lang};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use clienteling_domain::org::AssociatePatch;
use serde::Deserialize;

/// Language switch route.
pub fn router() -> Router<AppState> {
    Router::new().route("/language", post(switch))
}

#[derive(Deserialize)]
struct SwitchForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    lang: String,
}

async fn switch(
    State(state): State<AppState>,
    UiAuth(who): UiAuth,
    headers: HeaderMap,
    Form(f): Form<SwitchForm>,
) -> Response {
    if let Err(r) = check_csrf(&who, f.csrf.as_deref()) {
        return r;
    }
    let Some(lang) = Lang::parse(&f.lang) else {
        let e = ApiError::bad_request("unknown language");
        return page_error(e, Some(Nav::new(&who, "")));
    };
    let patch = AssociatePatch {
        locale: Some(Some(lang.code().to_owned())),
        ..Default::default()
    };
    if let Err(e) = state
        .store
        .update_associate(who.company, who.associate, &patch)
        .await
    {
        return page_error(e.into(), Some(Nav::new(&who, "")));
    }
    (
        [(header::SET_COOKIE, i18n::set_cookie(lang))],
        Redirect::to(&back(&headers)),
    )
        .into_response()
}

/// The page the switch was used on (path and query of a same-host
/// Referer), else the start page.
fn back(headers: &HeaderMap) -> String {
    let get = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(referer), Some(host)) = (get(header::REFERER), get(header::HOST)) else {
        return "/".into();
    };
    let Some((_, rest)) = referer.split_once("://") else {
        return "/".into();
    };
    match rest.split_once('/') {
        Some((h, path)) if h == host && !path.starts_with('/') => format!("/{path}"),
        _ => "/".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::back;
    use axum::http::{HeaderMap, HeaderValue, header};

    fn headers(referer: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("shop.example"));
        if let Ok(v) = HeaderValue::from_str(referer) {
            h.insert(header::REFERER, v);
        }
        h
    }

    #[test]
    fn goes_back_only_to_the_same_host() {
        let same = headers("https://shop.example/customers/A1?kind=note");
        assert_eq!(back(&same), "/customers/A1?kind=note");
        assert_eq!(back(&headers("https://evil.example/x")), "/");
        assert_eq!(back(&headers("https://shop.example//evil.example")), "/");
        assert_eq!(back(&HeaderMap::new()), "/");
    }
}
