//! Browser security headers on every response, and a time limit on every
//! request so that a slow client (one that sends its headers but dribbles or
//! withholds the body) cannot hold a connection and a handler forever.
//!
//! The headers: a Content-Security-Policy that allows only same-origin
//! scripts, styles and frames-of-nobody (no inline script or style), `nosniff`,
//! `Referrer-Policy: same-origin`, `X-Frame-Options: DENY`, a Permissions-Policy
//! that turns off powerful browser features, and `Cache-Control: no-store` on
//! everything except the public assets under `/static/` (API answers and
//! pages carry personal data and must not be kept by browsers or proxies).

use crate::error::Problem;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// How long a request may take, from its headers to the end of the handler
/// (reading the body included).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The Content-Security-Policy of every response.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; \
     form-action 'self'";

/// Powerful browser features nobody here needs.
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/// Public, cacheable assets; every other path may carry personal data.
const STATIC_PREFIX: &str = "/static/";

/// Middleware: run the request under [`REQUEST_TIMEOUT`] (408 problem when
/// exceeded) and add the security headers to whatever comes back.
pub async fn protect(req: Request, next: Next) -> Response {
    let public = req.uri().path().starts_with(STATIC_PREFIX);
    // The language is set here too, so the timeout and panic answers are localised.
    let headers = req.headers().clone();
    let run = tokio::time::timeout(REQUEST_TIMEOUT, next.run(req));
    let mut res = match crate::i18n::with_lang_of(&headers, run).await {
        Ok(res) => res,
        Err(_) => crate::i18n::with_lang_of(&headers, async { timed_out() }).await,
    };
    add_headers(res.headers_mut(), public);
    res
}

/// The security headers; handlers may set their own policy headers first.
/// `public` responses (static assets) keep their own caching.
pub fn add_headers(h: &mut HeaderMap, public: bool) {
    let defaults: [(HeaderName, &'static str); 5] = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("permissions-policy"),
            PERMISSIONS_POLICY,
        ),
    ];
    for (name, value) in defaults {
        h.entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    }
    if !public {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// The 408 problem for a request that ran out of time.
fn timed_out() -> Response {
    tracing::warn!(
        timeout_secs = REQUEST_TIMEOUT.as_secs(),
        "request timed out"
    );
    metrics::counter!("http_request_timeouts_total").increment(1);
    let status = StatusCode::REQUEST_TIMEOUT;
    let problem = Problem {
        kind: "about:blank".into(),
        title: crate::error::title(status, &crate::i18n::Tr::request()),
        status: status.as_u16(),
        detail: format!(
            "the request was not completed within {} seconds",
            REQUEST_TIMEOUT.as_secs()
        ),
        errors: Vec::new(),
    };
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    let mut res = (status, body).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    h.insert(header::CONNECTION, HeaderValue::from_static("close"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_responses_are_not_stored_and_assets_keep_their_caching() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("max-age=60"),
        );
        add_headers(&mut h, false);
        assert_eq!(h[header::CACHE_CONTROL], "no-store");
        assert_eq!(h[header::X_FRAME_OPTIONS], "DENY");
        let mut h = HeaderMap::new();
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("max-age=60"),
        );
        add_headers(&mut h, true);
        assert_eq!(h[header::CACHE_CONTROL], "max-age=60");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }

    #[test]
    fn a_handler_may_set_a_stricter_policy() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'"),
        );
        add_headers(&mut h, false);
        assert_eq!(h[header::CONTENT_SECURITY_POLICY], "default-src 'none'");
    }
}
