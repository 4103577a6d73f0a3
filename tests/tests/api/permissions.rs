//! Every route checks a permission; denials are 403 problems and audited.

use clienteling_tests::TestApp;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn anonymous_calls_are_401_problems() {
    let app = TestApp::spawn().await;
    for (m, p) in [
        ("GET", "/api/v1/me"),
        ("GET", "/api/v1/customers"),
        ("GET", "/api/v1/settings"),
        ("GET", "/api/v1/audit"),
        ("POST", "/api/v1/stores"),
    ] {
        let (s, body) = app.call(m, p, None, None).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{m} {p}");
        assert_eq!(body["status"], 401);
    }
    let (s, _) = app
        .call("GET", "/api/v1/me", Some("not-a-token"), None)
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_associate_is_denied_setup_and_the_audit_log_and_the_denial_is_audited() {
    let app = TestApp::spawn().await;
    let ann = app.login("ann").await;
    for (m, p, body) in [
        ("GET", "/api/v1/settings", None),
        ("GET", "/api/v1/audit", None),
        ("GET", "/api/v1/associates", None),
        (
            "POST",
            "/api/v1/stores",
            Some(json!({"code": "x", "name": "X"})),
        ),
    ] {
        let (s, problem) = app.call(m, p, Some(&ann), body).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{m} {p}");
        assert_eq!(problem["title"], "Forbidden");
    }
    let ada = app.login("ada").await;
    let (s, log) = app
        .call("GET", "/api/v1/audit?limit=500", Some(&ada), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let denied: Vec<_> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["outcome"] == "denied")
        .collect();
    assert_eq!(denied.len(), 4);
    let perms: Vec<_> = denied
        .iter()
        .map(|e| e["detail"]["permission"].as_str().unwrap())
        .collect();
    assert!(perms.contains(&"manage_setup") && perms.contains(&"view_audit_log"));
}

#[tokio::test]
async fn a_manager_reads_the_audit_log_but_is_denied_setup() {
    let app = TestApp::spawn().await;
    let max = app.login("max").await;
    let (s, _) = app.call("GET", "/api/v1/audit", Some(&max), None).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .call("PUT", "/api/v1/settings", Some(&max), Some(json!({})))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_admin_manages_setup_and_a_custom_role_limits_what_its_holder_can_do() {
    let app = TestApp::spawn().await;
    let ada = app.login("ada").await;
    let (s, role) = app
        .call(
            "POST",
            "/api/v1/roles",
            Some(&ada),
            Some(json!({"name": "viewer", "permissions": ["view_customers"]})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{role}");
    let (s, _) = app
        .call("POST", "/api/v1/associates", Some(&ada), Some(json!({
            "username": "vera", "display_name": "Vera Viewer", "password": "password-vera", "role": "viewer", "stores": ["helsinki"]
        })))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let vera = app.login("vera").await;
    let (s, _) = app
        .call("GET", "/api/v1/customers", Some(&vera), None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .call(
            "POST",
            "/api/v1/customers",
            Some(&vera),
            Some(json!({"account": "V1", "first_name": "A", "last_name": "B"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
