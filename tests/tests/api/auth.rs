//! Sign-in, sessions, CSRF and the rate limit.

use clienteling_server::Config;
use clienteling_tests::{COMPANY, TestApp, password};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn signing_in_returns_a_token_that_works_and_me_describes_the_associate() {
    let app = TestApp::spawn().await;
    let token = app.login("max").await;
    let (status, me) = app.call("GET", "/api/v1/me", Some(&token), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["associate"]["username"], "max");
    assert_eq!(me["company"]["code"], COMPANY);
    assert_eq!(me["current_store"], "helsinki");
    assert_eq!(me["stores"].as_array().unwrap().len(), 2);
    let perms = me["permissions"].as_array().unwrap();
    assert!(perms.contains(&json!("view_store_client_books")));
    assert!(!perms.contains(&json!("manage_setup")));
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_401() {
    let app = TestApp::spawn().await;
    let bad = |u: &str, p: &str, c: &str| json!({"company": c, "username": u, "password": p});
    let (s1, b1) = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(bad("ann", "wrong-password", COMPANY)),
        )
        .await;
    let (s2, b2) = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(bad("nobody", "wrong-password", COMPANY)),
        )
        .await;
    let (s3, b3) = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(bad("ann", "wrong-password", "nocompany")),
        )
        .await;
    assert_eq!(
        (s1, s2, s3),
        (
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED
        )
    );
    assert_eq!(b1["detail"], b2["detail"]);
    assert_eq!(b2["detail"], b3["detail"]);
}

#[tokio::test]
async fn a_store_can_be_chosen_at_sign_in_but_only_ones_own() {
    let app = TestApp::spawn().await;
    let body = |store: &str| json!({"company": COMPANY, "username": "max", "password": password("max"), "store": store});
    let (status, res) = app
        .call("POST", "/api/v1/auth/login", None, Some(body("tampere")))
        .await;
    assert_eq!(status, StatusCode::OK);
    let token = res["token"].as_str().unwrap();
    let (_, me) = app.call("GET", "/api/v1/me", Some(token), None).await;
    assert_eq!(me["current_store"], "tampere");
    let (status, res) = app
        .call("POST", "/api/v1/auth/login", None, Some(body("vilnius")))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res["errors"][0]["pointer"], "/store");
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_even_with_the_right_password() {
    let config = Config {
        login_failures_per_user: 3,
        ..Config::default()
    };
    let app = TestApp::spawn_with(config).await;
    let body = |p: &str| json!({"company": COMPANY, "username": "ann", "password": p});
    for _ in 0..3 {
        let (s, _) = app
            .call("POST", "/api/v1/auth/login", None, Some(body("nope-nope")))
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&body(&password("ann")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().get("retry-after").is_some());
    app.login("max").await;
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::spawn().await;
    let token = app.login("ann").await;
    let (s, _) = app
        .call("POST", "/api/v1/auth/logout", Some(&token), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, body) = app.call("GET", "/api/v1/me", Some(&token), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(body["status"], 401);
}

#[tokio::test]
async fn the_session_cookie_is_host_only_http_only_and_writes_need_the_csrf_token() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"company": COMPANY, "username": "ann", "password": password("ann")}))
        .send()
        .await
        .unwrap();
    let cookie = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("__Host-clienteling="));
    for attr in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attr), "{attr} in {cookie}");
    }
    let body: serde_json::Value = res.json().await.unwrap();
    let csrf = body["csrf_token"].as_str().unwrap();
    let pair = cookie.split(';').next().unwrap().to_owned();
    let customer = json!({"account": "CS1", "first_name": "A", "last_name": "B"});
    let send = |csrf: Option<&str>| {
        let mut r = app
            .client
            .post(app.url("/api/v1/customers"))
            .header("cookie", &pair)
            .json(&customer);
        if let Some(c) = csrf {
            r = r.header("x-csrf-token", c);
        }
        r.send()
    };
    assert_eq!(send(None).await.unwrap().status(), StatusCode::FORBIDDEN);
    assert_eq!(
        send(Some("forged")).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(Some(csrf)).await.unwrap().status(),
        StatusCode::CREATED
    );
    let read = app
        .client
        .get(app.url("/api/v1/customers/CS1"))
        .header("cookie", &pair)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK, "reads need no CSRF token");
}

#[tokio::test]
async fn a_disabled_associate_loses_access_at_once() {
    let app = TestApp::spawn().await;
    let ann = app.login("ann").await;
    let ada = app.login("ada").await;
    let (_, list) = app
        .call("GET", "/api/v1/associates", Some(&ada), None)
        .await;
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["username"] == "ann")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (s, _) = app
        .call(
            "PATCH",
            &format!("/api/v1/associates/{id}"),
            Some(&ada),
            Some(json!({"active": false})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app.call("GET", "/api/v1/me", Some(&ann), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = app
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"company": COMPANY, "username": "ann", "password": password("ann")})),
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}
