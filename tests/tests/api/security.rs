//! Security headers on API, UI, asset and error responses, and the request
//! time limit that cuts off a slow client.

use clienteling_tests::TestApp;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Pages and API answers carry personal data: never stored.
const NO_STORE: Option<&str> = Some("no-store");

/// GET (or another method) with optional bearer token and cookie; status and headers.
async fn fetch(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    cookie: Option<&str>,
) -> (StatusCode, HeaderMap, String) {
    let mut req = app.client.request(method.parse().unwrap(), app.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(c) = cookie {
        req = req.header("cookie", format!("__Host-clienteling={c}"));
    }
    let res = req.send().await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    (status, headers, res.text().await.unwrap_or_default())
}

/// The headers every response carries; `cache` is the expected
/// Cache-Control prefix (`None`: not checked).
fn assert_secure(what: &str, h: &HeaderMap, cache: Option<&str>) {
    let get = |name: &str| h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("");
    assert_eq!(get("content-security-policy"), CSP, "{what}");
    assert_eq!(get("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(get("referrer-policy"), "same-origin", "{what}");
    assert_eq!(get("x-frame-options"), "DENY", "{what}");
    assert!(get("permissions-policy").contains("camera=()"), "{what}");
    if let Some(cache) = cache {
        assert!(get("cache-control").starts_with(cache), "{what}: {h:?}");
    }
}

#[tokio::test]
async fn api_responses_and_api_errors_carry_the_security_headers() {
    let app = TestApp::spawn().await;
    let ann = app.login("ann").await;
    let cases = [
        ("GET", "/api/v1/me", Some(ann.as_str()), StatusCode::OK),
        ("GET", "/api/v1/me", None, StatusCode::UNAUTHORIZED),
        ("GET", "/api/v1/settings", Some(&ann), StatusCode::FORBIDDEN),
        (
            "GET",
            "/api/v1/customers/NOPE",
            Some(&ann),
            StatusCode::NOT_FOUND,
        ),
        (
            "GET",
            "/api/v1/no-such-route",
            Some(&ann),
            StatusCode::NOT_FOUND,
        ),
        (
            "DELETE",
            "/api/v1/me",
            Some(&ann),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        ("GET", "/openapi.json", None, StatusCode::OK),
        ("GET", "/healthz", None, StatusCode::OK),
        ("GET", "/metrics", None, StatusCode::OK),
    ];
    for (method, path, token, want) in cases {
        let (s, h, _) = fetch(&app, method, path, token, None).await;
        assert_eq!(s, want, "{method} {path}");
        assert_secure(&format!("{method} {path}"), &h, NO_STORE);
    }
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_the_security_headers() {
    let app = TestApp::spawn().await;
    let ann = app.login("ann").await;
    let res = app
        .client
        .post(app.url("/api/v1/customers"))
        .bearer_auth(&ann)
        .header("content-type", "application/json")
        .body(vec![b' '; 2 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_secure("413", res.headers(), NO_STORE);
}

#[tokio::test]
async fn pages_redirects_and_error_pages_carry_the_security_headers_and_assets_stay_cacheable() {
    let app = TestApp::spawn().await;
    let ann = app.login("ann").await;
    let (s, h, body) = fetch(&app, "GET", "/login", None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("<form"), "login page");
    assert_secure("login page", &h, NO_STORE);
    let (s, h, _) = fetch(&app, "GET", "/customers", None, None).await;
    assert!(s.is_redirection(), "anonymous page visit: {s}");
    assert_secure("redirect to sign-in", &h, NO_STORE);
    for (path, want) in [
        ("/customers", StatusCode::OK),
        ("/book", StatusCode::OK),
        ("/customers/NOPE", StatusCode::NOT_FOUND),
        ("/setup/settings", StatusCode::FORBIDDEN),
        ("/no-such-page", StatusCode::NOT_FOUND),
    ] {
        let (s, h, _) = fetch(&app, "GET", path, None, Some(&ann)).await;
        assert_eq!(s, want, "{path}");
        assert_secure(path, &h, NO_STORE);
    }
    for asset in ["/static/htmx.min.js", "/static/app.css"] {
        let (s, h, _) = fetch(&app, "GET", asset, None, None).await;
        assert_eq!(s, StatusCode::OK, "{asset}");
        assert_secure(asset, &h, Some("public"));
    }
    let (s, h, _) = fetch(&app, "GET", "/static/nope.js", None, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_secure("missing asset", &h, None);
}

/// Read from `stream` until it closes or `limit` passes; what was read.
async fn read_until_closed(stream: &mut tokio::net::TcpStream, limit: Duration) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + limit;
    while let Ok(Ok(n)) = tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Takes the server's full request time limit (30 s).
#[tokio::test]
async fn a_client_that_never_finishes_its_body_is_cut_off_after_the_request_time_limit() {
    let app = TestApp::spawn().await;
    let ann = app.login("ann").await;
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST /api/v1/customers HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {ann}\r\n\
         Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"account\": ",
        app.addr
    );
    let start = Instant::now();
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut stream, Duration::from_secs(40)).await;
    let waited = start.elapsed();
    assert!(
        answer.starts_with("HTTP/1.1 408"),
        "after {waited:?}: {answer:?}"
    );
    assert!(
        waited >= Duration::from_secs(29) && waited < Duration::from_secs(36),
        "cut off after {waited:?}"
    );
    let lower = answer.to_lowercase();
    assert!(
        lower.contains("content-type: application/problem+json"),
        "{answer}"
    );
    assert!(lower.contains("x-frame-options: deny"), "{answer}");
    assert!(lower.contains("x-request-id: "), "{answer}");
}
